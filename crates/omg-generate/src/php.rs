//! PHP: the IDE stubs of the extension (`php/omg_payment.stub.php`), in the namespace
//! `Omg\Payment`.
//!
//! PHP's rules: camelCase names; records are read-only objects whose properties are the fields
//! (`@property-read`), with `toArray()`; `explain` and `describeCode` answer arrays; exceptions
//! expose their attributes as methods (`getRtnCode()`, a boolean `isTimeout()`); optional
//! arguments are nullable with a null default.

use std::fmt::Write;

use omg_core::boundary::operations::{Arg, ArgType, Operation, Output, Owner};
use omg_core::boundary::{Constant, Contract, TypeDesc, ValueType};

use crate::text::{camel_case, header, one_line, pascal_case, single_quoted};
use crate::File;

pub const STUB: &str = "php/omg_payment.stub.php";

/// Records PHP hands over as arrays, not objects.
const ARRAYS: [&str; 2] = ["Explanation", "CodeInfo"];

pub fn files(c: &Contract) -> Vec<File> {
    vec![File::new(STUB, stub(c))]
}

fn field_type(ty: &ValueType) -> String {
    match ty {
        ValueType::Str => "string".into(),
        ValueType::OptStr => "string|null".into(),
        ValueType::Int => "int".into(),
        ValueType::OptInt => "int|null".into(),
        ValueType::Float => "float".into(),
        ValueType::Bool => "bool".into(),
        ValueType::StrMap => "array<string, string>".into(),
        ValueType::StrList => "list<string>".into(),
        ValueType::OptStrList => "list<string>|null".into(),
        ValueType::ListOfOptStr => "list<string|null>".into(),
        ValueType::Json => "mixed".into(),
        ValueType::List(item) => format!("list<{}>", item.name),
    }
}

/// A method's declared type (no generics in signatures).
fn signature_type(ty: &ValueType) -> String {
    match ty {
        ValueType::OptStr => "?string".into(),
        ValueType::OptInt => "?int".into(),
        ValueType::StrMap
        | ValueType::StrList
        | ValueType::OptStrList
        | ValueType::ListOfOptStr
        | ValueType::List(_) => "array".into(),
        other => field_type(other),
    }
}

fn arg_type(arg: &Arg) -> String {
    let ty = match arg.ty {
        ArgType::Str | ArgType::OneOf(_) => "string",
        ArgType::Int => "int",
        ArgType::Amount => "int|string",
        ArgType::Fields | ArgType::Order => "array",
        ArgType::Body | ArgType::Segments => "mixed",
    };
    if arg.is_optional() && !ty.contains('|') && ty != "mixed" {
        format!("?{ty}")
    } else {
        ty.to_string()
    }
}

fn params(op: &Operation) -> String {
    op.args
        .iter()
        .map(|a| {
            let default = if a.is_optional() { " = null" } else { "" };
            format!("{} ${}{default}", arg_type(a), camel_case(a.name))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn output_type(o: &Output) -> String {
    match o {
        Output::Nothing => "void".into(),
        Output::Str => "string".into(),
        Output::OptStr => "?string".into(),
        Output::Bool => "bool".into(),
        Output::Record(d) if ARRAYS.contains(&d.name) => "array".into(),
        Output::Record(d) => d.name.into(),
        Output::Records(_) => "array".into(),
        Output::Notification => "Notification".into(),
    }
}

/// The docblock of a record: its doc and one `@property-read` per field.
fn properties(desc: &TypeDesc, fields: &[&omg_core::boundary::FieldDesc]) -> String {
    let mut out = format!("\n/**\n * {}\n *\n", one_line(desc.doc));
    for f in fields {
        let _ = writeln!(out, " * @property-read {} ${} {}", field_type(&f.ty), camel_case(f.name), one_line(f.doc));
    }
    out.push_str(" */");
    out
}

/// An exception attribute's method: `isX()` for a boolean, `getX()` otherwise.
fn accessor(name: &str, ty: &ValueType) -> String {
    match ty {
        ValueType::Bool => format!("is{}", pascal_case(name.strip_prefix("is_").unwrap_or(name))),
        _ => format!("get{}", pascal_case(name)),
    }
}

fn stub(c: &Contract) -> String {
    let mut out = String::from("<?php\n");
    out.push_str(&header("//"));
    out.push_str("\nnamespace Omg\\Payment;\n");
    for constant in &c.constants {
        match constant {
            Constant::Str { name, value, doc } => {
                let _ = write!(out, "\n/** {doc} */\nconst {name} = {};\n", single_quoted(value));
            }
            Constant::Int { name, value, doc } => {
                let _ = write!(out, "\n/** {doc} */\nconst {name} = {value};\n");
            }
        }
    }
    for op in c.operations.iter().filter(|o| o.owner == Owner::Module) {
        let _ = write!(
            out,
            "\n/** {} */\nfunction {}({}): {} {{}}\n",
            one_line(op.doc),
            camel_case(op.name),
            params(op),
            output_type(&op.output)
        );
    }
    out.push_str("\n/** The contract's records as data (name, doc, fields with their camelCase name, type and doc). */\nfunction describeTypes(): array {}\n");

    // Exceptions.
    for (i, class) in c.errors.iter().enumerate() {
        let base = if i == 0 { "\\Exception".to_string() } else { format!("{}Exception", c.errors[0].stem) };
        let _ = write!(out, "\n/** {} */\nclass {}Exception extends {base}\n{{\n", one_line(class.doc), class.stem);
        for a in class.attributes {
            let ty = a.ty();
            let _ = writeln!(out, "    /** {} */", one_line(a.field().doc));
            let _ = writeln!(out, "    public function {}(): {} {{}}", accessor(a.name, &ty), signature_type(&ty));
        }
        if class.kind == "validation" {
            out.push_str("    /** The fields in error, in order. */\n    public function getFields(): array {}\n");
        }
        out.push_str("}\n");
    }

    // Records.
    let records = crate::python::handed_out(c);
    let kinds = c.notification_kinds();
    if !kinds.is_empty() {
        let names: Vec<&str> = kinds.iter().map(|k| k.name).collect();
        let _ = write!(out, "\n/** A verified notification: {}. */\ninterface Notification\n{{\n", names.join(", "));
        for op in &c.notification_methods {
            let _ = writeln!(out, "    /** {} */", one_line(op.doc));
            let _ = writeln!(
                out,
                "    public function {}({}): {};",
                camel_case(op.name),
                params(op),
                output_type(&op.output)
            );
        }
        out.push_str("    /** Every property as an array, camelCase keys, in the documented order. */\n    public function toArray(): array;\n}\n");
    }
    for record in &records {
        if ARRAYS.contains(&record.name) {
            continue;
        }
        let fields: Vec<_> = record.fields.iter().collect();
        out.push_str(&properties(record, &fields));
        let is_kind = kinds.iter().any(|k| k.name == record.name);
        let implements = if is_kind { " implements Notification" } else { "" };
        let _ = write!(out, "\nfinal class {}{implements}\n{{\n", record.name);
        if is_kind {
            for op in &c.notification_methods {
                let _ = writeln!(
                    out,
                    "    public function {}({}): {} {{}}",
                    camel_case(op.name),
                    params(op),
                    output_type(&op.output)
                );
            }
        }
        for f in record.fields.iter().filter(|f| f.computed) {
            let _ = writeln!(out, "    public function {}(): {} {{}}", camel_case(f.name), signature_type(&f.ty));
        }
        out.push_str("    public function toArray(): array {}\n}\n");
    }

    // The client.
    let _ = write!(out, "\n/**\n * A merchant's connection to the OMG (funpoint) gateway.\n *\n");
    if let Some(settings) = c.record("ClientSettings") {
        for name in &c.client_properties {
            if let Some(f) = settings.field(name) {
                let _ = writeln!(
                    out,
                    " * @property-read {} ${} {}",
                    field_type(&f.ty),
                    camel_case(f.name),
                    one_line(f.doc)
                );
            }
        }
    }
    out.push_str(" */\nfinal class Client\n{\n");
    out.push_str("    /** The client settings (docs/php.md): `['merchantId' => ..., 'hashKey' => ..., 'hashIv' => ..., 'baseUrl' => ...]`. */\n");
    out.push_str("    public function __construct(?array $options = null) {}\n");
    out.push_str("    /** The public stage merchant 1000031 on the stage gateway (or on `$options['baseUrl']`). */\n");
    out.push_str("    public static function stage(?array $options = null): Client {}\n");
    out.push_str(
        "    /** A client from the OMG_* environment variables. */\n    public static function fromEnv(): Client {}\n",
    );
    out.push_str("    /** The effective settings: defaults filled in, durations in seconds, never a key. */\n    public function settings(): ClientSettings {}\n");
    for op in c.operations.iter().filter(|o| o.owner == Owner::Client) {
        let _ = writeln!(out, "    /** {} */", one_line(op.doc));
        let _ = writeln!(
            out,
            "    public function {}({}): {} {{}}",
            camel_case(op.name),
            params(op),
            output_type(&op.output)
        );
    }
    out.push_str("    /** Where the client's log lines go: a PSR-3-shaped logger, or null for error_log. */\n");
    out.push_str("    public function setLogger(?object $logger): void {}\n");
    out.push_str("    /** The notification helper for plain PHP: verifies the request, calls `$handler($notification)`, answers `1|OK` or `0|...`. */\n");
    out.push_str("    public function handleNotification(mixed $handler, mixed $onError = null, ?object $logger = null): bool {}\n");
    out.push_str("    /** Never shows the keys. */\n    public function __debugInfo(): array {}\n}\n");
    out
}
