//! Python: the stubs of the native module (`_native.pyi`), the checkout options and value sets
//! (`options.py`) and the asyncio twin of the client (`async_client.py`).
//!
//! Python's rules: names stay snake_case; records are read-only classes (`@final`), FieldError a
//! NamedTuple, the notification kinds subclasses of `Notification`; lists of text are tuples; a
//! client's first three settings are positional, the rest keyword-only; an option of a module
//! function is keyword-only, of a client method positional-or-keyword.

use std::fmt::Write;

use omg_core::boundary::operations::{Arg, ArgType, Default, Operation, Output, Owner};
use omg_core::boundary::order_options::{OptionKind, OrderOption};
use omg_core::boundary::{Constant, Contract, SettingKind, TypeDesc, ValueSet, ValueType};

use crate::text::{header, one_line, quoted};
use crate::File;

pub const PYI: &str = "python/omg_payment/_native.pyi";
pub const OPTIONS: &str = "python/omg_payment/options.py";
pub const ASYNC_CLIENT: &str = "python/omg_payment/async_client.py";
pub const INIT: &str = "python/omg_payment/__init__.py";

/// Records Python makes NamedTuples (an exception's items, unpackable as `field, rule, message`).
const NAMED_TUPLES: [&str; 1] = ["FieldError"];

pub fn files(c: &Contract) -> Vec<File> {
    vec![
        File::new(PYI, pyi(c)),
        File::new(OPTIONS, options(c)),
        File::new(ASYNC_CLIENT, async_client(c)),
        File::new(INIT, init(c)),
    ]
}

/// The value sets the public aliases of `options.py` name: those of arguments and order fields.
fn public_sets(c: &Contract) -> Vec<&'static ValueSet> {
    let mut sets: Vec<&'static ValueSet> = Vec::new();
    let mut add = |set: &'static ValueSet| {
        if !sets.iter().any(|s| std::ptr::eq(*s, set)) {
            sets.push(set);
        }
    };
    for option in &c.order_options {
        if let OptionKind::OneOf(set) | OptionKind::Code(set) = option.kind {
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
    sets
}

fn literal(set: &ValueSet) -> String {
    let values: Vec<String> = set.values.iter().map(|v| quoted(v)).collect();
    format!("Literal[{}]", values.join(", "))
}

/// The name Python code uses for a value set: the public alias of `options.py`, or a private one
/// of the stubs.
fn set_name(c: &Contract, set: &ValueSet) -> String {
    if public_sets(c).iter().any(|s| std::ptr::eq(*s, set)) {
        set.name.to_string()
    } else {
        format!("_{}", set.name)
    }
}

/// The records Python hands out: the results of operations, the client's settings, the
/// notification kinds, what an exception holds, and the items of their lists.
pub fn handed_out(c: &Contract) -> Vec<&'static TypeDesc> {
    let mut out: Vec<&'static TypeDesc> = Vec::new();
    fn add(c: &Contract, out: &mut Vec<&'static TypeDesc>, desc: &'static TypeDesc) {
        let Some(desc) = c.record(desc.name) else { return };
        if out.iter().any(|d| d.name == desc.name) {
            return;
        }
        out.push(desc);
        for field in desc.fields {
            if let ValueType::List(item) = field.ty {
                add(c, out, item);
            }
        }
    }
    for op in c.operations.iter().chain(&c.notification_methods) {
        match op.output {
            Output::Record(desc) | Output::Records(desc) => add(c, &mut out, desc),
            Output::Notification => {
                for kind in c.notification_kinds() {
                    add(c, &mut out, kind)
                }
            }
            _ => {}
        }
    }
    if let Some(settings) = c.record("ClientSettings") {
        add(c, &mut out, settings);
    }
    for class in &c.errors {
        for attribute in class.attributes {
            if let ValueType::List(item) = attribute.field().ty {
                add(c, &mut out, item);
            }
        }
    }
    // In the order of the contract.
    c.types.iter().copied().filter(|t| out.iter().any(|o| o.name == t.name)).collect()
}

/// The Python type of a record field, as the native module returns it.
fn field_type(c: &Contract, ty: &ValueType, values: Option<&'static ValueSet>) -> String {
    let text = |optional: bool| {
        let base = values.map_or("str".to_string(), |set| set_name(c, set));
        if optional {
            format!("Optional[{base}]")
        } else {
            base
        }
    };
    match ty {
        ValueType::Str => text(false),
        ValueType::OptStr => text(true),
        ValueType::Int => "int".into(),
        ValueType::OptInt => "Optional[int]".into(),
        ValueType::Float => "float".into(),
        ValueType::Bool => "bool".into(),
        ValueType::StrMap => "dict[str, str]".into(),
        ValueType::StrList => "Tuple[str, ...]".into(),
        ValueType::OptStrList => "Optional[Tuple[str, ...]]".into(),
        ValueType::ListOfOptStr => "Tuple[Optional[str], ...]".into(),
        ValueType::Json => "Any".into(),
        ValueType::List(item) => format!("List[{}]", item.name),
    }
}

fn arg_type(c: &Contract, ty: &ArgType) -> String {
    match ty {
        ArgType::Str => "str".into(),
        ArgType::Int => "int".into(),
        ArgType::Amount => "Union[int, str]".into(),
        ArgType::Fields => "Mapping[str, _FieldValue]".into(),
        ArgType::Body => "_Body".into(),
        ArgType::OneOf(set) => set_name(c, set),
        ArgType::Segments => "Union[str, Sequence[str]]".into(),
        ArgType::Order => "Mapping[str, Any]".into(),
    }
}

fn output_type(o: &Output) -> String {
    match o {
        Output::Nothing => "None".into(),
        Output::Str => "str".into(),
        Output::OptStr => "Optional[str]".into(),
        Output::Bool => "bool".into(),
        Output::Record(desc) => desc.name.into(),
        Output::Records(desc) => format!("List[{}]", desc.name),
        Output::Notification => "Notification".into(),
    }
}

/// `name: T`, `name: Optional[T] = None` or `name: T = "default"`.
fn param(c: &Contract, arg: &Arg) -> String {
    let ty = arg_type(c, &arg.ty);
    match arg.default {
        Default::Required => format!("{}: {ty}", arg.name),
        Default::Absent => format!("{}: Optional[{ty}] = None", arg.name),
        Default::Value(v) => format!("{}: {ty} = {}", arg.name, quoted(v)),
    }
}

/// The parameters of an operation after `self` (or none), with `*` before the keyword-only ones.
fn params(c: &Contract, op: &Operation) -> Vec<String> {
    let mut out = Vec::new();
    let mut keyword_only = false;
    for arg in op.args {
        if arg.option && op.owner == Owner::Module && !keyword_only {
            out.push("*".to_string());
            keyword_only = true;
        }
        out.push(param(c, arg));
    }
    out
}

/// The checkout's parameters: the required order fields by keyword, `extra`, and the options.
fn checkout_params(c: &Contract) -> Vec<String> {
    let mut out = vec!["*".to_string()];
    for option in c.order_options.iter().filter(|o| o.required) {
        out.push(format!("{}: {}", option.name, option_type(c, option, false)));
    }
    out.push("extra: Optional[Mapping[str, _FieldValue]] = None".into());
    out.push("**options: Unpack[CheckoutOptions]".into());
    out
}

fn option_type(c: &Contract, option: &OrderOption, optional: bool) -> String {
    let ty = match option.kind {
        OptionKind::Text => "str".to_string(),
        OptionKind::Whole => "int".into(),
        OptionKind::OneOf(set) => set_name(c, set),
        OptionKind::Code(_) => "Union[int, str]".into(),
        OptionKind::YesNo => "Union[bool, str]".into(),
        OptionKind::OneZero => "Union[bool, int, str]".into(),
        OptionKind::Items => "Union[str, Sequence[str]]".into(),
        OptionKind::WholeList => "Union[Sequence[int], str]".into(),
        OptionKind::Methods => "Union[Sequence[ChoosePayment], str]".into(),
    };
    if optional {
        format!("Optional[{ty}]")
    } else {
        ty
    }
}

fn signature(name: &str, params: &[String], ret: &str, indent: &str) -> String {
    let one = format!("{indent}def {name}({}) -> {ret}: ...", params.join(", "));
    if one.len() <= 120 {
        return one;
    }
    let mut out = format!("{indent}def {name}(\n");
    for p in params {
        let _ = writeln!(out, "{indent}    {p},");
    }
    let _ = write!(out, "{indent}) -> {ret}: ...");
    out
}

fn docstring(out: &mut String, indent: &str, doc: &str) {
    let _ = writeln!(out, "{indent}\"\"\"{}\"\"\"", one_line(doc).replace("\"\"\"", "'''"));
}

fn property(out: &mut String, c: &Contract, name: &str, ty: &ValueType, values: Option<&'static ValueSet>, doc: &str) {
    let _ = writeln!(out, "    @property");
    let _ = writeln!(out, "    def {name}(self) -> {}:", field_type(c, ty, values));
    docstring(out, "        ", doc);
    let _ = writeln!(out, "        ...");
}

/// The exception class names, in the contract's order: `OmgError`, `ValidationError`, ...
pub fn error_name(stem: &str) -> String {
    format!("{stem}Error")
}

/// What `_native` exports (its `__all__`), in order.
fn native_exports(c: &Contract) -> Vec<String> {
    let kinds = c.notification_kinds();
    let records = handed_out(c);
    let mut all: Vec<String> = c.errors.iter().map(|e| error_name(e.stem)).collect();
    all.insert(0, "FieldError".into());
    all.extend(c.constants.iter().map(|k| k.name().to_string()));
    all.push("__version__".into());
    all.push("Client".into());
    all.extend(records.iter().filter(|r| r.name != "FieldError").map(|r| r.name.to_string()));
    if !kinds.is_empty() {
        let at = all.iter().position(|n| n == kinds[0].name).unwrap_or(all.len());
        all.insert(at, "Notification".into());
    }
    for op in c.operations.iter().filter(|o| o.owner == Owner::Module) {
        all.push(op.name.into());
    }
    all
}

/// `` ``a``, ``b`` and ``c`` ``.
fn listing(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("``{n}``")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Text wrapped at 100 columns.
fn wrap(text: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    for word in text.split_whitespace() {
        if line.len() > rest.len() && line.len() + 1 + word.len() > 100 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_string();
        }
        if !line.trim().is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// The package: its docstring (the lists in it from the contract) and its exports.
fn init(c: &Contract) -> String {
    let kinds: Vec<String> = c.notification_kinds().iter().map(|k| k.name.to_string()).collect();
    let results: Vec<String> = handed_out(c)
        .iter()
        .filter(|r| !kinds.contains(&r.name.to_string()) && r.name != "FieldError")
        .map(|r| r.name.to_string())
        .collect();
    let functions: Vec<String> =
        c.operations.iter().filter(|o| o.owner == Owner::Module).map(|o| o.name.to_string()).collect();
    let errors: Vec<String> = c.errors.iter().skip(1).map(|e| error_name(e.stem)).collect();
    let predicates: Vec<String> = c.gateway_predicates.iter().map(|p| p.to_string()).collect();
    let mut out = String::from("\"\"\"omg-payment: OMG 金流 (funpoint) payments for Python, on a Rust core.\n\n");
    out.push_str("Everything a merchant needs is importable from here:\n\n");
    out.push_str("- ``Client`` (and ``AsyncClient`` for asyncio / FastAPI): checkout forms, notification\n  verification and the server APIs;\n");
    out.push_str(&wrap(&format!("the notifications {} (all ``Notification``);", listing(&kinds)), "-", "  "));
    out.push_str(&wrap(&format!("the typed results {};", listing(&results)), "-", "  "));
    out.push_str(&wrap(&format!("the functions {} and the reply ``ACK``;", listing(&functions)), "-", "  "));
    out.push_str(&wrap(
        &format!(
            "the exceptions, all under ``OmgError``: {}; ``GatewayError`` answers {}.",
            listing(&errors),
            listing(&predicates)
        ),
        "-",
        "  ",
    ));
    out.push_str(
        "\nFastAPI helpers live in ``omg_payment.fastapi``.\n\n\
         The SDK logs to the logger ``omg_payment`` (never a key): the client's requests, replies and\n\
         retries (debug, info), an unknown outcome of a money-moving call (warning), and every notification\n\
         the FastAPI helpers refuse (warning; an unexpected kind is an error). The package adds no handler:\n\
         with no logging configured, Python's last-resort handler prints warnings and errors to stderr, so a\n\
         shop whose wrong HashIV refuses every notification sees it; configure ``logging`` to send them\n\
         elsewhere or to change the level.\n\"\"\"\n\n",
    );
    out.push_str(&header("#"));
    let native = native_exports(c);
    let _ = writeln!(
        out,
        "\nfrom ._native import (\n{})",
        native.iter().map(|n| format!("    {n},\n")).collect::<String>()
    );
    let mut options: Vec<String> = vec!["CheckoutOptions".into()];
    options.extend(public_sets(c).iter().map(|s| s.name.to_string()));
    // AsyncClient needs asyncio and options.py needs typing: together most of what importing
    // the package cost (docs/performance.md, Python, "Sixth pass"), for names many programs never
    // touch. Type checkers see plain imports (mypy and pyright read a `TYPE_CHECKING` of their
    // own as true; `typing.TYPE_CHECKING` would import typing); at run time the module's
    // `__getattr__` imports each submodule on the first use of one of its names.
    out.push_str(
        "# AsyncClient (asyncio) and the names of options.py (typing) are imported on first use: importing\n\
         # asyncio and typing was most of what `import omg_payment` cost. Type checkers read these imports\n\
         # (they take `TYPE_CHECKING` as true); at run time `__getattr__` below imports the submodule.\n\
         TYPE_CHECKING = False\n\
         if TYPE_CHECKING:\n",
    );
    out.push_str("    from .async_client import AsyncClient\n");
    let _ = writeln!(out, "    from .options import {}\n", options.join(", "));
    out.push_str("# The submodule of each name imported on first use.\n_LAZY = {\n");
    let _ = writeln!(out, "    {}: \".async_client\",", quoted("AsyncClient"));
    for name in &options {
        let _ = writeln!(out, "    {}: \".options\",", quoted(name));
    }
    out.push_str("}\n\n");
    out.push_str(
        "if not TYPE_CHECKING:\n\n\
         \x20   def __getattr__(name: str) -> object:\n\
         \x20       submodule = _LAZY.get(name)\n\
         \x20       if submodule is None:\n\
         \x20           raise AttributeError(f\"module {__name__!r} has no attribute {name!r}\")\n\
         \x20       import importlib  # here: only a program that uses a lazy name pays for it\n\n\
         \x20       value = getattr(importlib.import_module(submodule, __name__), name)\n\
         \x20       globals()[name] = value  # the next use is a plain attribute\n\
         \x20       return value\n\n\
         \x20   def __dir__() -> list[str]:\n\
         \x20       return sorted(set(globals()) | set(__all__))\n\n",
    );
    let mut all = native;
    all.push("AsyncClient".into());
    all.extend(options);
    all.sort();
    out.push_str("__all__ = [\n");
    for name in &all {
        let _ = writeln!(out, "    {},", quoted(name));
    }
    out.push_str("]\n");
    out
}

fn pyi(c: &Contract) -> String {
    let kinds = c.notification_kinds();
    let records = handed_out(c);
    let mut out = String::new();
    out.push_str(
        "\"\"\"Type stubs of the native module ``omg_payment._native`` (kept honest by mypy.stubtest).\"\"\"\n\n",
    );
    out.push_str(&header("#"));
    out.push_str(
        "\nfrom typing import Any, Final, List, Literal, Mapping, NamedTuple, Optional, Sequence, Tuple, Union\n\n",
    );
    out.push_str("from typing_extensions import Unpack, disjoint_base, final\n\n");
    let mut imported: Vec<String> = vec!["CheckoutOptions".into()];
    imported.extend(public_sets(c).iter().map(|s| s.name.to_string()));
    imported.sort();
    let _ = writeln!(out, "from .options import {}\n", imported.join(", "));

    // __all__: what the module exports.
    let all = native_exports(c);
    out.push_str("__all__ = [\n");
    for name in &all {
        let _ = writeln!(out, "    {},", quoted(name));
    }
    out.push_str("]\n\n");

    out.push_str("__version__: Final[str]\n");
    for constant in &c.constants {
        match constant {
            Constant::Str { name, value, doc } => {
                let _ = writeln!(out, "#: {doc}\n{name}: Final[Literal[{}]]", quoted(value));
            }
            Constant::Int { name, doc, .. } => {
                let _ = writeln!(out, "#: {doc}\n{name}: Final[int]");
            }
        }
    }
    out.push_str("\n_FieldValue = Union[str, int]\n");
    out.push_str("_Body = Union[bytes, bytearray, memoryview, str, Mapping[str, str]]\n");
    // The private aliases of the value sets records use.
    let public = public_sets(c);
    for set in &c.value_sets {
        let used = records.iter().any(|r| r.fields.iter().any(|f| f.values.is_some_and(|v| std::ptr::eq(v, *set))));
        if used && !public.iter().any(|p| std::ptr::eq(*p, *set)) {
            let _ = writeln!(out, "#: {}\n_{} = {}", set.doc, set.name, literal(set));
        }
    }

    // FieldError and the exceptions.
    for record in records.iter().filter(|r| NAMED_TUPLES.contains(&r.name)) {
        let _ = writeln!(out, "\nclass {}(NamedTuple):", record.name);
        docstring(&mut out, "    ", record.doc);
        out.push('\n');
        for f in record.fields {
            let _ = writeln!(out, "    {}: {}", f.name, field_type(c, &f.ty, f.values));
        }
    }
    for (i, class) in c.errors.iter().enumerate() {
        let base = if i == 0 { "Exception".to_string() } else { error_name(c.errors[0].stem) };
        let _ = writeln!(out, "\nclass {}({base}):", error_name(class.stem));
        docstring(&mut out, "    ", class.doc);
        if !class.attributes.is_empty() {
            out.push('\n');
        }
        for a in class.attributes {
            let f = a.field();
            let _ = writeln!(out, "    {}: {}", a.name, field_type(c, &a.ty(), f.values));
            let _ = writeln!(out, "    \"\"\"{}\"\"\"", one_line(f.doc));
        }
    }

    // The records.
    let common: Vec<&str> = match kinds.first() {
        Some(first) => first
            .fields
            .iter()
            .filter(|f| kinds.iter().all(|k| k.field(f.name).is_some_and(|g| g.ty == f.ty)))
            .map(|f| f.name)
            .collect(),
        None => Vec::new(),
    };
    for record in &records {
        if NAMED_TUPLES.contains(&record.name) {
            continue;
        }
        let is_kind = kinds.iter().any(|k| k.name == record.name);
        if is_kind && record.name == kinds[0].name {
            notification_base(&mut out, c, kinds[0], &common);
        }
        let base = if is_kind { "(Notification)" } else { "" };
        let _ = writeln!(out, "\n@final\nclass {}{base}:", record.name);
        docstring(&mut out, "    ", record.doc);
        out.push('\n');
        for f in record.fields.iter().filter(|f| !(is_kind && common.contains(&f.name))) {
            if f.computed {
                let _ = writeln!(out, "    def {}(self) -> {}:", f.name, field_type(c, &f.ty, f.values));
                docstring(&mut out, "        ", f.doc);
                let _ = writeln!(out, "        ...");
            } else {
                property(&mut out, c, f.name, &f.ty, f.values, f.doc);
            }
        }
    }

    client(&mut out, c);
    out.push('\n');
    for op in c.operations.iter().filter(|o| o.owner == Owner::Module) {
        let _ = writeln!(out, "{}", signature(op.name, &params(c, op), &output_type(&op.output), ""));
    }
    // The native module's own helpers, not operations of the contract: the FastAPI helper's view
    // of the receipt (omg_payment.fastapi), and a panic for the tests of the panic guard.
    out.push_str("def _receive_notification(\n    client: Client, method: str, content_type: Optional[str], body: bytes, max_bytes: int\n) -> dict[str, Any]: ...\n");
    out.push_str("def _panic_for_tests() -> None: ...\n");
    out
}

fn notification_base(out: &mut String, c: &Contract, first: &TypeDesc, common: &[&str]) {
    let _ = writeln!(out, "\n@disjoint_base\nclass Notification:");
    let names: Vec<String> = c.notification_kinds().iter().map(|k| k.name.to_string()).collect();
    docstring(out, "    ", &format!("A verified notification: {}.", names.join(", ")));
    out.push('\n');
    for f in first.fields.iter().filter(|f| common.contains(&f.name)) {
        property(out, c, f.name, &f.ty, f.values, f.doc);
    }
    for op in &c.notification_methods {
        let mut p = vec!["self".to_string()];
        p.extend(params(c, op));
        let _ = writeln!(out, "{}", signature(op.name, &p, &output_type(&op.output), "    "));
    }
}

fn setting_type(kind: SettingKind) -> &'static str {
    match kind {
        SettingKind::Text | SettingKind::Secret | SettingKind::Environment => "Optional[str]",
        SettingKind::Seconds => "Optional[float]",
        SettingKind::Count | SettingKind::Bytes => "Optional[int]",
    }
}

/// The constructor's parameters: the three credentials positional, the others keyword-only.
fn setting_params(c: &Contract) -> Vec<String> {
    let mut out = Vec::new();
    for (i, s) in c.settings.iter().enumerate() {
        if i == 3 {
            out.push("*".into());
        }
        out.push(format!("{}: {} = None", s.name, setting_type(s.kind)));
    }
    out
}

fn client(out: &mut String, c: &Contract) {
    out.push_str("\n@final\nclass Client:\n    \"\"\"A merchant's connection to the OMG (funpoint) gateway.\"\"\"\n\n");
    let mut p = vec!["cls".to_string()];
    p.extend(setting_params(c));
    let _ = writeln!(out, "{}", signature("__new__", &p, "Client", "    "));
    out.push_str("    @staticmethod\n    def stage() -> Client: ...\n");
    out.push_str("    @staticmethod\n    def from_env() -> Client: ...\n");
    if let Some(settings) = c.record("ClientSettings") {
        for name in &c.client_properties {
            if let Some(f) = settings.field(name) {
                property(out, c, f.name, &f.ty, f.values, f.doc);
            }
        }
        out.push_str("    @property\n    def settings(self) -> ClientSettings:\n");
        docstring(
            out,
            "        ",
            "The effective settings: what was given, defaults filled in, durations in seconds. Never a key.",
        );
        out.push_str("        ...\n");
    }
    for op in c.operations.iter().filter(|o| o.owner == Owner::Client) {
        let mut p = vec!["self".to_string()];
        if op.args.iter().any(|a| a.ty == ArgType::Order) {
            p.extend(checkout_params(c));
        } else {
            p.extend(params(c, op));
        }
        let _ = writeln!(out, "{}", signature(op.name, &p, &output_type(&op.output), "    "));
    }
}

fn options(c: &Contract) -> String {
    let mut out = String::new();
    out.push_str(
        "\"\"\"The optional keyword arguments of ``Client.checkout``, as a TypedDict for type checkers, and the\n\
         closed value sets of the arguments.\n\n\
         Each key is an AioCheckOut/V5 field's wire name in snake_case; ``None`` means \"not given\". The\n\
         rules of each field (lengths, ranges, which payment method accepts it) are checked by the Rust\n\
         core and reported together in one ``ValidationError``; ``docs/orders.md`` lists them all.\n\n\
         A dict of options can be built once and passed with ``**``::\n\n\
         \x20   atm: CheckoutOptions = {\"expire_date\": 3, \"payment_info_url\": \"https://shop.example/omg/info\"}\n\
         \x20   client.checkout(..., choose_payment=\"ATM\", **atm)\n\"\"\"\n\n",
    );
    out.push_str(&header("#"));
    out.push_str("\nfrom typing import Literal, Optional, Sequence, TypedDict, Union\n\n");
    let sets = public_sets(c);
    let mut all: Vec<String> = vec!["CheckoutOptions".into()];
    all.extend(sets.iter().map(|s| s.name.to_string()));
    let quoted_all: Vec<String> = all.iter().map(|n| quoted(n)).collect();
    let _ = writeln!(out, "__all__ = [{}]\n", quoted_all.join(", "));
    for set in &sets {
        let _ = writeln!(out, "#: {}\n{} = {}\n", set.doc, set.name, literal(set));
    }
    out.push_str("\nclass CheckoutOptions(TypedDict, total=False):\n");
    out.push_str(
        "    \"\"\"Every optional AioCheckOut/V5 field ``Client.checkout`` accepts as a keyword argument.\"\"\"\n",
    );
    let mut group = "";
    for option in c.order_options.iter().filter(|o| !o.required) {
        if option.group != group {
            group = option.group;
            let _ = writeln!(out, "\n    # {group}");
        }
        let _ = writeln!(out, "    {}: {}", option.name, option_type(c, option, true));
        let _ = writeln!(out, "    \"\"\"{} ({})\"\"\"", one_line(option.doc), option.wire);
    }
    out
}

fn async_client(c: &Contract) -> String {
    let mut out = String::new();
    out.push_str(
        "\"\"\"``AsyncClient``: the server APIs as coroutines, for asyncio applications such as FastAPI.\n\n\
         Each network call runs the native client's call in a worker thread (the native call releases\n\
         the GIL while it waits on the network), so the event loop keeps serving other requests.\n\
         Cancelling the awaiting task does not stop a call already sent: a capture or refund that was\n\
         sent completes (or fails) in its thread. Pure, microsecond operations (``checkout``,\n\
         ``verify_notification``, ``sign_test_notification``) stay synchronous.\n\"\"\"\n\n",
    );
    out.push_str(&header("#"));
    out.push_str(
        "\nfrom __future__ import annotations\n\n\
         import asyncio\n\
         import functools\n\
         from concurrent.futures import Executor\n\
         from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, Sequence, TypeVar, Union\n\n",
    );
    let mut names: Vec<String> = vec!["Client".into(), "ClientSettings".into()];
    for op in c.operations.iter().filter(|o| o.owner == Owner::Client) {
        match op.output {
            Output::Record(d) | Output::Records(d) => names.push(d.name.into()),
            Output::Notification => names.push("Notification".into()),
            _ => {}
        }
    }
    names.sort();
    names.dedup();
    let _ =
        writeln!(out, "from ._native import (\n{})\n", names.iter().map(|n| format!("    {n},\n")).collect::<String>());
    let mut typing: Vec<String> = vec!["CheckoutOptions".into()];
    typing.extend(public_sets(c).iter().map(|s| s.name.to_string()));
    typing.sort();
    let _ = writeln!(out, "if TYPE_CHECKING:\n    from typing_extensions import Unpack\n\n    from ._native import _Body, _FieldValue\n    from .options import {}\n", typing.join(", "));
    out.push_str("__all__ = [\"AsyncClient\"]\n\nT = TypeVar(\"T\")\n\n\n");
    out.push_str("class AsyncClient:\n");
    out.push_str(
        "    \"\"\"The asyncio twin of ``Client``: the same constructor and methods, the network calls as\n\
         \x20   coroutines. ``executor`` runs the blocking calls (default: the event loop's default executor).\n\
         \x20   Wrap an existing ``Client`` with ``AsyncClient.from_client(client)``.\n    \"\"\"\n\n",
    );
    out.push_str("    __slots__ = (\"_client\", \"_executor\")\n\n");
    out.push_str("    def __init__(\n        self,\n");
    for p in setting_params(c) {
        let _ = writeln!(out, "        {p},");
    }
    out.push_str("        executor: Optional[Executor] = None,\n    ) -> None:\n        self._client = Client(\n");
    for (i, s) in c.settings.iter().enumerate() {
        if i < 3 {
            let _ = writeln!(out, "            {},", s.name);
        } else {
            let _ = writeln!(out, "            {0}={0},", s.name);
        }
    }
    out.push_str("        )\n        self._executor = executor\n\n");
    out.push_str(
        "    @classmethod\n    def from_client(cls, client: Client, *, executor: Optional[Executor] = None) -> AsyncClient:\n\
         \x20       \"\"\"An AsyncClient sharing ``client`` (its keys, gateway and connection pool).\"\"\"\n\
         \x20       self = cls.__new__(cls)\n        self._client = client\n        self._executor = executor\n        return self\n\n\
         \x20   @classmethod\n    def stage(cls) -> AsyncClient:\n\
         \x20       \"\"\"The public stage merchant (1000031) on the stage gateway.\"\"\"\n\
         \x20       return cls.from_client(Client.stage())\n\n\
         \x20   @classmethod\n    def from_env(cls) -> AsyncClient:\n\
         \x20       \"\"\"A client from the OMG_* environment variables (see ``Client.from_env``).\"\"\"\n\
         \x20       return cls.from_client(Client.from_env())\n\n\
         \x20   @property\n    def client(self) -> Client:\n\
         \x20       \"\"\"The synchronous ``Client`` underneath.\"\"\"\n        return self._client\n",
    );
    if let Some(settings) = c.record("ClientSettings") {
        for name in &c.client_properties {
            if let Some(f) = settings.field(name) {
                let _ = writeln!(
                    out,
                    "\n    @property\n    def {0}(self) -> {1}:\n        \"\"\"{2}\"\"\"\n        return self._client.{0}",
                    f.name,
                    field_type(c, &f.ty, f.values),
                    one_line(f.doc)
                );
            }
        }
    }
    out.push_str(
        "\n    @property\n    def settings(self) -> ClientSettings:\n\
         \x20       \"\"\"The effective settings (see ``Client.settings``).\"\"\"\n        return self._client.settings\n\n\
         \x20   def __repr__(self) -> str:\n\
         \x20       return f\"<AsyncClient merchant_id={self.merchant_id!r} base_url={self.base_url!r}>\"\n\n\
         \x20   async def _run(self, call: Callable[..., T], *args: Any) -> T:\n\
         \x20       loop = asyncio.get_running_loop()\n\
         \x20       return await loop.run_in_executor(self._executor, functools.partial(call, *args))\n",
    );
    for op in c.operations.iter().filter(|o| o.owner == Owner::Client) {
        let ret = output_type(&op.output);
        let doc = one_line(op.doc);
        if op.args.iter().any(|a| a.ty == ArgType::Order) {
            let mut p = vec!["self".to_string()];
            p.extend(checkout_params(c));
            let _ = writeln!(out, "\n{}", signature(op.name, &p, &ret, "    ").trim_end_matches(" ..."));
            let _ = writeln!(out, "        \"\"\"{doc}\"\"\"");
            let _ = writeln!(out, "        return self._client.{}(", op.name);
            for option in c.order_options.iter().filter(|o| o.required) {
                let _ = writeln!(out, "            {0}={0},", option.name);
            }
            out.push_str("            extra=extra,\n            **options,\n        )\n");
            continue;
        }
        let mut p = vec!["self".to_string()];
        p.extend(params(c, op));
        let names: Vec<&str> = op.args.iter().map(|a| a.name).collect();
        let call_args = names.join(", ");
        if op.effect.is_network() {
            let sig = signature(op.name, &p, &ret, "    ");
            let _ = writeln!(out, "\n    async {}", sig.trim_start().trim_end_matches(" ..."));
            let _ = writeln!(out, "        \"\"\"{doc}\"\"\"");
            let sep = if call_args.is_empty() { "" } else { ", " };
            let _ = writeln!(out, "        return await self._run(self._client.{}{sep}{call_args})", op.name);
        } else {
            let _ = writeln!(out, "\n{}", signature(op.name, &p, &ret, "    ").trim_end_matches(" ..."));
            let _ = writeln!(out, "        \"\"\"{doc}\"\"\"");
            let _ = writeln!(out, "        return self._client.{}({call_args})", op.name);
        }
    }
    out
}
