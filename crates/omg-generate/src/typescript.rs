//! Node.js: the package's type declarations (`node/index.d.ts`) and its generated glue
//! (`node/lib/operations.js`: the client's network methods with their argument checks, and the
//! gateway error's predicate names).
//!
//! Node's rules: camelCase names; records are plain objects (interfaces) except the classes the
//! package makes (`Checkout`, the notification kinds); absent values are `undefined` on records
//! and notifications, `null` on errors; a function's options are a trailing `options` object; a
//! network operation returns a Promise.

use std::fmt::Write;

use omg_core::boundary::operations::{Arg, ArgType, Operation, Output, Owner};
use omg_core::boundary::order_options::{OptionKind, OrderOption};
use omg_core::boundary::{Constant, Contract, SettingKind, TypeDesc, ValueSet, ValueType};

use crate::text::{camel_case, header, one_line, single_quoted};
use crate::File;

pub const DTS: &str = "node/index.d.ts";
pub const OPERATIONS: &str = "node/lib/operations.js";
pub const CONTRACT: &str = "node/lib/contract.js";

/// Records the package makes classes of (the others are plain objects).
const CLASSES: [&str; 1] = ["Checkout"];

pub fn files(c: &Contract) -> Vec<File> {
    let (cjs, esm) = entry_points(c);
    vec![
        File::new(DTS, dts(c)),
        File::new(OPERATIONS, operations(c)),
        File::new(CONTRACT, contract_names(c)),
        File::new("node/index.js", cjs),
        File::new("node/index.mjs", esm),
    ]
}

fn union(set: &ValueSet) -> String {
    set.values.iter().map(|v| single_quoted(v)).collect::<Vec<_>>().join(" | ")
}

/// The value sets with a name of their own in the declarations: those of arguments, order fields
/// and record fields.
fn named_sets(c: &Contract) -> Vec<&'static ValueSet> {
    let mut sets: Vec<&'static ValueSet> = Vec::new();
    let mut add = |set: &'static ValueSet| {
        if !sets.iter().any(|s| std::ptr::eq(*s, set)) {
            sets.push(set);
        }
    };
    for option in &c.order_options {
        if let OptionKind::OneOf(set) = option.kind {
            add(set);
        }
    }
    for op in c.operations.iter().chain(&c.notification_methods) {
        for arg in op.args {
            if let ArgType::OneOf(set) = arg.ty {
                add(set);
            }
        }
    }
    for record in crate::python::handed_out(c) {
        for f in record.fields {
            if let Some(set) = f.values {
                add(set);
            }
        }
    }
    c.value_sets.iter().copied().filter(|s| sets.iter().any(|t| std::ptr::eq(*s, *t))).collect()
}

/// The TypeScript type of a field (absent values are `undefined`, as the native module gives them).
fn field_type(ty: &ValueType, values: Option<&'static ValueSet>) -> String {
    let text = values.map_or("string".to_string(), |set| set.name.to_string());
    match ty {
        ValueType::Str => text,
        ValueType::OptStr => format!("{text} | undefined"),
        ValueType::Int | ValueType::Float => "number".into(),
        ValueType::OptInt => "number | undefined".into(),
        ValueType::Bool => "boolean".into(),
        ValueType::StrMap => "Readonly<Record<string, string>>".into(),
        ValueType::StrList => "string[]".into(),
        ValueType::OptStrList => "string[] | undefined".into(),
        ValueType::ListOfOptStr => "Array<string | undefined>".into(),
        ValueType::Json => "unknown".into(),
        ValueType::List(item) => format!("{}[]", item.name),
    }
}

/// An error attribute's type: absent is `null` on errors.
fn error_field_type(ty: &ValueType) -> String {
    match ty {
        ValueType::OptStr => "string | null".into(),
        ValueType::OptInt => "number | null".into(),
        other => field_type(other, None),
    }
}

fn arg_type(ty: &ArgType) -> String {
    match ty {
        ArgType::Str => "string".into(),
        ArgType::Int => "number | string".into(),
        ArgType::Amount => "Amount".into(),
        ArgType::Fields => "Fields".into(),
        ArgType::Body => "NotificationBody".into(),
        ArgType::OneOf(set) => set.name.into(),
        ArgType::Segments => "string | readonly string[]".into(),
        ArgType::Order => "Order".into(),
    }
}

fn output_type(o: &Output, network: bool) -> String {
    let t = match o {
        Output::Nothing => "void".to_string(),
        Output::Str => "string".into(),
        Output::OptStr => "string | undefined".into(),
        Output::Bool => "boolean".into(),
        Output::Record(d) => d.name.into(),
        Output::Records(d) => format!("{}[]", d.name),
        Output::Notification => "AnyNotification".into(),
    };
    if network {
        format!("Promise<{t}>")
    } else {
        t
    }
}

/// The parameters: positional ones, then the options in one trailing `options` object.
fn params(op: &Operation) -> String {
    let mut out: Vec<String> = Vec::new();
    let options: Vec<&Arg> = op.args.iter().filter(|a| a.option).collect();
    for arg in op.args.iter().filter(|a| !a.option) {
        let q = if arg.is_optional() { "?" } else { "" };
        out.push(format!("{}{q}: {}", camel_case(arg.name), arg_type(&arg.ty)));
    }
    if !options.is_empty() {
        let members: Vec<String> =
            options.iter().map(|a| format!("{}?: {}", camel_case(a.name), arg_type(&a.ty))).collect();
        out.push(format!("options?: {{ {} }}", members.join("; ")));
    }
    out.join(", ")
}

fn jsdoc(out: &mut String, indent: &str, doc: &str) {
    let _ = writeln!(out, "{indent}/** {} */", one_line(doc));
}

fn error_class_name(stem: &str) -> String {
    format!("{stem}Error")
}

fn error_code(kind: &str) -> String {
    if kind.is_empty() {
        "OMG_ERROR".into()
    } else {
        format!("OMG_{}", kind.to_ascii_uppercase())
    }
}

fn dts(c: &Contract) -> String {
    let mut out = header("//");
    out.push_str("// Checked by `tsc --noEmit` against examples/typed.ts and the test suite's use of the API.\n\n");
    out.push_str("/// <reference types=\"node\" />\n\n");
    let rule = "// ------------------------------------------------------------------------------------------------\n";

    out.push_str(rule);
    out.push_str("// Value sets\n\n");
    for set in named_sets(c) {
        jsdoc(&mut out, "", set.doc);
        let _ = writeln!(out, "export type {} = {};\n", set.name, union(set));
    }

    out.push_str(rule);
    out.push_str("// Errors\n\n");
    let codes: Vec<String> = c.errors.iter().map(|e| single_quoted(&error_code(e.kind))).collect();
    let _ =
        writeln!(out, "/** The `code` of every error class. */\nexport type OmgErrorCode = {};\n", codes.join(" | "));
    if let Some(field_error) = c.record("FieldError") {
        record_interface(&mut out, field_error, true);
    }
    for (i, class) in c.errors.iter().enumerate() {
        let name = error_class_name(class.stem);
        jsdoc(&mut out, "", class.doc);
        if i == 0 {
            let _ = writeln!(out, "export class {name} extends Error {{");
            out.push_str(
                "  /** A stable machine-readable name of the kind of error. */\n  readonly code: OmgErrorCode;\n",
            );
            out.push_str("  constructor(message: string, code?: OmgErrorCode, options?: { cause?: unknown });\n}\n\n");
            continue;
        }
        let _ = writeln!(out, "export class {name} extends {} {{", error_class_name(c.errors[0].stem));
        let _ = writeln!(out, "  readonly code: {};", single_quoted(&error_code(class.kind)));
        for a in class.attributes {
            jsdoc(&mut out, "  ", a.field().doc);
            let _ = writeln!(out, "  readonly {}: {};", camel_case(a.name), error_field_type(&a.ty()));
        }
        let details: Vec<String> = class
            .attributes
            .iter()
            .map(|a| format!("{}?: {}", camel_case(a.name), error_field_type(&a.ty())))
            .collect();
        let ctor = match class.kind {
            "validation" => "constructor(message: string, errors?: FieldError[], options?: { cause?: unknown });".to_string(),
            "gateway" => format!(
                "constructor(message: string, rtnCode?: number | null, rtnMsg?: string, options?: {{ cause?: unknown }}, predicates?: {{ {} }});",
                details[2..].join("; ")
            ),
            _ if details.is_empty() => "constructor(message: string, options?: { cause?: unknown });".to_string(),
            _ => format!("constructor(message: string, details?: {{ {} }}, options?: {{ cause?: unknown }});", details.join("; ")),
        };
        let _ = writeln!(out, "  {ctor}\n}}\n");
    }

    out.push_str(rule);
    out.push_str("// Orders and checkout\n\n");
    out.push_str(
        "/** A field value: text or a whole number (sent in decimal). */\nexport type FieldValue = string | number;\n",
    );
    out.push_str("/** A set of wire fields, `{ MerchantTradeNo: \"A1\", TotalAmount: 100 }`. */\nexport type Fields = Record<string, FieldValue>;\n");
    out.push_str("/** An amount argument: a whole number, a BigInt or a string of digits (\"1200\"), as checkout's totalAmount. */\nexport type Amount = number | bigint | string;\n\n");
    out.push_str(
        "/**\n * An AioCheckOut/V5 order. Keys are the wire names in camelCase (any casing is accepted:\n\
         \x20* `returnUrl`, `ReturnURL`, `return_url`); `null`/`undefined` mean \"not given\". Every rule is\n\
         \x20* checked by `client.checkout`, all broken rules reported in one ValidationError\n\
         \x20* (docs/orders.md lists them).\n */\nexport interface Order {\n",
    );
    let mut group = "";
    for option in &c.order_options {
        if option.group != group {
            if !group.is_empty() {
                let _ = writeln!(out, "  // {}", option.group);
            }
            group = option.group;
        }
        jsdoc(&mut out, "  ", &format!("{} ({})", option.doc, option.wire));
        let q = if option.required { "" } else { "?" };
        let _ = writeln!(out, "  {}{q}: {};", camel_case(option.name), option_type(option));
    }
    out.push_str(
        "  /** Fields the SDK does not know, sent as given after the others. */\n  extra?: Fields | null;\n}\n\n",
    );

    // The records.
    let records = crate::python::handed_out(c);
    let kinds = c.notification_kinds();
    let common: Vec<&str> = match kinds.first() {
        Some(first) => first
            .fields
            .iter()
            .filter(|f| kinds.iter().all(|k| k.field(f.name).is_some_and(|g| g.ty == f.ty)))
            .map(|f| f.name)
            .collect(),
        None => Vec::new(),
    };
    if let Some(checkout) = c.record("Checkout") {
        record_class(&mut out, checkout);
    }

    out.push_str(rule);
    out.push_str("// Notifications\n\n");
    if let Some(first) = kinds.first() {
        let names: Vec<&str> = kinds.iter().map(|k| k.name).collect();
        let _ = writeln!(out, "/** A verified notification: always a {}. */", names.join(", a "));
        out.push_str("export abstract class Notification {\n  protected constructor();\n");
        for f in first.fields.iter().filter(|f| common.contains(&f.name)) {
            jsdoc(&mut out, "  ", f.doc);
            let _ = writeln!(out, "  readonly {}: {};", camel_case(f.name), field_type(&f.ty, f.values));
        }
        for op in &c.notification_methods {
            jsdoc(&mut out, "  ", op.doc);
            let _ = writeln!(out, "  {}({}): {};", camel_case(op.name), params(op), output_type(&op.output, false));
        }
        out.push_str("  toJSON(): { kind: NotificationKind; dedupeKey: string; isPaid: boolean; isSimulated: boolean; raw: Readonly<Record<string, string>> };\n}\n\n");
        for kind in &kinds {
            jsdoc(&mut out, "", kind.doc);
            let _ = writeln!(out, "export class {} extends Notification {{", kind.name);
            let _ = writeln!(out, "  readonly kind: {};", single_quoted(&crate::text::snake_case(kind.name)));
            for f in kind.fields.iter().filter(|f| !common.contains(&f.name)) {
                jsdoc(&mut out, "  ", f.doc);
                let _ = writeln!(out, "  readonly {}: {};", camel_case(f.name), field_type(&f.ty, f.values));
            }
            out.push_str("}\n\n");
        }
        let _ = writeln!(out, "export type AnyNotification = {};\n", names.join(" | "));
    }

    out.push_str(rule);
    out.push_str("// Results\n\n");
    for record in &records {
        if kinds.iter().any(|k| k.name == record.name) || CLASSES.contains(&record.name) || record.name == "FieldError"
        {
            continue;
        }
        record_interface(&mut out, record, record.name == "ClientSettings");
    }

    out.push_str(rule);
    out.push_str("// The client\n\n");
    client(&mut out, c);

    out.push_str(rule);
    out.push_str("// Functions\n\n");
    for op in c.operations.iter().filter(|o| o.owner == Owner::Module) {
        jsdoc(&mut out, "", op.doc);
        let _ = writeln!(
            out,
            "export function {}({}): {};",
            camel_case(op.name),
            params(op),
            output_type(&op.output, op.effect.is_network())
        );
    }
    for constant in &c.constants {
        match constant {
            Constant::Str { name, value, doc } => {
                jsdoc(&mut out, "", doc);
                let _ = writeln!(out, "export const {name}: {};", single_quoted(value));
            }
            Constant::Int { name, doc, .. } => {
                jsdoc(&mut out, "", doc);
                let _ = writeln!(out, "export const {name}: number;");
            }
        }
    }
    out
}

fn option_type(option: &OrderOption) -> String {
    let ty = match option.kind {
        OptionKind::Text => "string".to_string(),
        OptionKind::Whole => "number | bigint".into(),
        OptionKind::OneOf(set) => set.name.into(),
        OptionKind::Code(set) => {
            let mut v: Vec<String> = set.values.iter().map(|s| s.to_string()).collect();
            v.extend(set.values.iter().map(|s| single_quoted(s)));
            v.join(" | ")
        }
        OptionKind::YesNo => "boolean | 'Y' | 'N'".into(),
        OptionKind::OneZero => "boolean | 0 | 1 | '0' | '1'".into(),
        OptionKind::Items => "string | string[]".into(),
        OptionKind::WholeList => "number[] | string".into(),
        OptionKind::Methods => "Array<Exclude<ChoosePayment, 'ALL'>> | string".into(),
    };
    if option.required {
        ty
    } else {
        format!("{ty} | null")
    }
}

/// A record handed over as a plain object: an absent value is a key left out (`name?: T`).
fn record_interface(out: &mut String, desc: &TypeDesc, readonly: bool) {
    jsdoc(out, "", desc.doc);
    let _ = writeln!(out, "export interface {} {{", desc.name);
    let r = if readonly { "readonly " } else { "" };
    for f in desc.fields {
        jsdoc(out, "  ", f.doc);
        let ty = field_type(&f.ty, f.values);
        match ty.strip_suffix(" | undefined") {
            Some(present) => {
                let _ = writeln!(out, "  {r}{}?: {present};", camel_case(f.name));
            }
            None => {
                let _ = writeln!(out, "  {r}{}: {ty};", camel_case(f.name));
            }
        }
    }
    out.push_str("}\n\n");
}

fn record_class(out: &mut String, desc: &TypeDesc) {
    jsdoc(out, "", desc.doc);
    let _ = writeln!(out, "export class {} {{\n  private constructor();", desc.name);
    for f in desc.fields {
        jsdoc(out, "  ", f.doc);
        if f.computed {
            let _ = writeln!(out, "  {}(): {};", camel_case(f.name), field_type(&f.ty, f.values));
        } else {
            let _ = writeln!(out, "  readonly {}: {};", camel_case(f.name), field_type(&f.ty, f.values));
        }
    }
    out.push_str("  toJSON(): { actionUrl: string; fields: Readonly<Record<string, string>> };\n}\n\n");
}

fn setting_type(kind: SettingKind) -> &'static str {
    match kind {
        SettingKind::Text | SettingKind::Secret => "string",
        SettingKind::Environment => "'stage' | 'production' | (string & {})",
        SettingKind::Seconds | SettingKind::Count | SettingKind::Bytes => "number | string",
    }
}

fn client(out: &mut String, c: &Contract) {
    out.push_str(
        "/**\n * The options of `new Client(...)`: omg-core's client settings in camelCase (any casing of a name\n\
         \x20* is accepted), the same names, units (seconds), defaults and rules in every language. Every\n\
         \x20* problem is one ValidationError naming each setting (an unknown name is rule `unknown`).\n */\n\
         export interface ClientOptions {\n",
    );
    for s in &c.settings {
        jsdoc(out, "  ", s.doc);
        let _ = writeln!(out, "  {}?: {};", camel_case(s.name), setting_type(s.kind));
        if s.kind == SettingKind::Seconds {
            let _ = writeln!(
                out,
                "  /** @deprecated {}, in seconds. */\n  {}Ms?: number;",
                camel_case(s.name),
                camel_case(s.name)
            );
        }
    }
    out.push_str(
        "  /** Where the client's events go (requests, replies, retries, an unknown outcome) and, through\n\
         \x20  * this client, the Express helpers' refusals. Default: warnings and errors on stderr\n\
         \x20  * (`console.warn`/`console.error`), debug and info with `NODE_DEBUG=omg_payment`. */\n\
         \x20 logger?: Logger;\n}\n\n",
    );
    out.push_str(
        "/**\n * Anything with these methods, each taking one line of text: `console`, pino, winston... A method\n\
         \x20* it lacks is skipped (`{}` is silent); one that throws is ignored. Lines never hold a key, a\n\
         \x20* CheckMacValue or a body.\n */\nexport interface Logger {\n\
         \x20 debug?(message: string): unknown;\n  info?(message: string): unknown;\n\
         \x20 warn?(message: string): unknown;\n  error?(message: string): unknown;\n}\n\n",
    );
    out.push_str("/** What verifyNotification accepts: the raw body (best) or fields a framework already parsed. */\n");
    out.push_str("export type NotificationBody = Buffer | Uint8Array | string | Record<string, string>;\n\n");
    out.push_str("/** A merchant's connection to the OMG (funpoint) gateway. */\nexport class Client {\n");
    out.push_str("  /** Your merchant (merchantId, hashKey, hashIv), or with none of the three the public stage\n   * merchant (not in production). */\n  constructor(options?: ClientOptions);\n");
    out.push_str("  /** The public stage merchant (1000031) on the stage gateway, or on `options.baseUrl` (omg-sim). */\n  static stage(options?: ClientOptions): Client;\n");
    out.push_str("  /** A client from the OMG_* environment variables; `options.logger` as for the constructor. */\n  static fromEnv(options?: { logger?: Logger }): Client;\n");
    if let Some(settings) = c.record("ClientSettings") {
        for name in &c.client_properties {
            if let Some(f) = settings.field(name) {
                jsdoc(out, "  ", f.doc);
                let _ = writeln!(out, "  readonly {}: {};", camel_case(f.name), field_type(&f.ty, f.values));
            }
        }
    }
    out.push_str("  /** The effective settings: defaults filled in, timeouts in seconds, never a key. */\n  readonly settings: ClientSettings;\n");
    for op in c.operations.iter().filter(|o| o.owner == Owner::Client) {
        jsdoc(out, "  ", op.doc);
        let _ = writeln!(
            out,
            "  {}({}): {};",
            camel_case(op.name),
            params(op),
            output_type(&op.output, op.effect.is_network())
        );
    }
    out.push_str("  toJSON(): { merchantId: string; baseUrl: string };\n}\n\n");
}

/// `node/lib/operations.js`: the client's network methods (argument checks by contract type, the
/// native call on the libuv pool, the error classes on rejection) and the gateway error's
/// predicate names.
fn operations(c: &Contract) -> String {
    let mut out = String::from("'use strict';\n");
    out.push_str(&header("//"));
    out.push_str("// The client's network methods, installed on Client.prototype by lib/client.js.\n\n");
    out.push_str("const { callNative, awaitNative } = require('./errors');\n");
    out.push_str("const { requireString, requireAmount } = require('./args');\n\n");
    out.push_str("/**\n * The network methods of `Client`, each calling `native(this)`'s method of the same name with\n * `log(this)`, the client's log callback.\n */\n");
    out.push_str("function networkMethods(native, log) {\n  return {\n");
    for op in crate::csharp::network_operations(c) {
        let name = camel_case(op.name);
        let args: Vec<String> = op.args.iter().map(|a| camel_case(a.name)).collect();
        let _ = writeln!(out, "    /** {} */", one_line(op.doc));
        let _ = writeln!(out, "    async {name}({}) {{", args.join(", "));
        let mut call_args = Vec::new();
        for a in op.args {
            let n = camel_case(a.name);
            match a.ty {
                ArgType::Amount => {
                    let _ = writeln!(out, "      const {n}Whole = requireAmount('{n}', {n});");
                    call_args.push(format!("{n}Whole"));
                }
                _ => {
                    let _ = writeln!(out, "      requireString('{n}', {n});");
                    call_args.push(n);
                }
            }
        }
        call_args.push("log(this)".into());
        let _ =
            writeln!(out, "      return awaitNative(callNative(() => native(this).{name}({})));", call_args.join(", "));
        out.push_str("    },\n");
    }
    out.push_str("  };\n}\n\nmodule.exports = { networkMethods };\n");
    out
}

/// `node/lib/contract.js`: names the hand-written modules read from the contract: the gateway
/// error's predicates (lib/errors.js) and the deprecated millisecond options (lib/client.js).
fn contract_names(c: &Contract) -> String {
    let mut out = String::from("'use strict';\n");
    out.push_str(&header("//"));
    out.push_str("// Names from the contract that lib/errors.js and lib/client.js read.\n\n");
    let gateway = c.errors.iter().find(|e| e.kind == "gateway");
    let predicates: Vec<String> = gateway
        .map(|g| {
            g.attributes
                .iter()
                .filter(|a| c.gateway_predicates.contains(&a.name))
                .map(|a| single_quoted(&camel_case(a.name)))
                .collect()
        })
        .unwrap_or_default();
    let _ = writeln!(out, "/** The gateway error's predicates, camelCase (each a boolean of the error payload). */");
    let _ = writeln!(out, "const GATEWAY_PREDICATES = [{}];\n", predicates.join(", "));
    out.push_str(
        "/** The options once given in milliseconds (deprecated), each with the setting in seconds it stands for. */\n",
    );
    out.push_str("const MILLISECOND_OPTIONS = {\n");
    for setting in c.settings.iter().filter(|s| s.kind == SettingKind::Seconds) {
        let _ = writeln!(out, "  {0}Ms: '{0}',", camel_case(setting.name));
    }
    out.push_str("};\n\n");
    let secrets: Vec<String> = c
        .settings
        .iter()
        .filter(|s| s.kind == SettingKind::Secret)
        .map(|s| single_quoted(&camel_case(s.name)))
        .collect();
    let _ = writeln!(out, "/** The secret settings (shown as **** by the client's inspection). */");
    let _ = writeln!(out, "const SECRET_OPTIONS = [{}];\n", secrets.join(", "));
    let properties: Vec<String> = c.client_properties.iter().map(|p| single_quoted(&camel_case(p))).collect();
    let _ = writeln!(out, "/** The fields of the effective settings the client shows as its own properties. */");
    let _ = writeln!(out, "const CLIENT_PROPERTIES = [{}];\n", properties.join(", "));
    out.push_str("module.exports = { CLIENT_PROPERTIES, GATEWAY_PREDICATES, MILLISECOND_OPTIONS, SECRET_OPTIONS };\n");
    out
}

/// `node/index.js` and `node/index.mjs`: the package's entry points, every name of the contract
/// (the client, the notification and checkout classes, the module's functions and constants, the
/// error classes), the ES module re-exporting the CommonJS one's objects.
fn entry_points(c: &Contract) -> (String, String) {
    let kinds: Vec<&str> = c.notification_kinds().iter().map(|k| k.name).collect();
    let functions: Vec<String> =
        c.operations.iter().filter(|o| o.owner == Owner::Module).map(|o| camel_case(o.name)).collect();
    let constants: Vec<&str> = c.constants.iter().map(|k| k.name()).collect();
    let errors: Vec<String> = c.errors.iter().map(|e| error_class_name(e.stem)).collect();
    let mut cjs = String::from("'use strict';\n");
    cjs.push_str(&header("//"));
    cjs.push_str("// omg-payment: OMG 金流 (funpoint) payments for Node.js. CommonJS entry point.\n\n");
    cjs.push_str("const { Client } = require('./lib/client');\n");
    let _ = writeln!(cjs, "const {{ Notification, {} }} = require('./lib/notification');", kinds.join(", "));
    cjs.push_str("const { Checkout } = require('./lib/checkout');\nconst errors = require('./lib/errors');\nconst functions = require('./lib/functions');\n\n");
    cjs.push_str("module.exports = {\n  Client,\n  Notification,\n");
    let mut names: Vec<String> = vec!["Client".into(), "Notification".into()];
    for k in &kinds {
        let _ = writeln!(cjs, "  {k},");
        names.push(k.to_string());
    }
    cjs.push_str("  Checkout,\n");
    names.push("Checkout".into());
    for f in functions.iter().map(String::as_str).chain(constants.iter().copied()) {
        let _ = writeln!(cjs, "  {f}: functions.{f},");
        names.push(f.to_string());
    }
    for e in &errors {
        let _ = writeln!(cjs, "  {e}: errors.{e},");
        names.push(e.clone());
    }
    cjs.push_str("};\n");
    let mut esm = header("//");
    esm.push_str("// omg-payment: ES module entry point. The same objects as the CommonJS entry (one native module,\n");
    esm.push_str("// one set of classes, so `instanceof` agrees whichever way a program imports the package).\n");
    esm.push_str("import omg from './index.js';\n\nexport const {\n");
    for n in &names {
        let _ = writeln!(esm, "  {n},");
    }
    esm.push_str("} = omg;\nexport default omg;\n");
    (cjs, esm)
}
