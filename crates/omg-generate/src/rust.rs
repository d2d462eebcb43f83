//! Each binding's method table for the network operations (the server APIs and the keys
//! self-check): one generated Rust file per binding, each method converting its arguments by
//! their contract type, calling the core client's method (`Operation::calls`) and handing back
//! the described result. The pure operations (checkout, verification, test notifications) take
//! language objects apart in ways of their own and stay written in each binding's `client.rs`.
//!
//! - Python (`pyo3`, a second `#[pymethods]` block: feature `multiple-pymethods`): blocking, the
//!   interpreter released while waiting;
//! - Node (`napi`, a second `#[napi] impl` block): a Promise computed on the libuv pool, with the
//!   call's log events;
//! - PHP (`ext-php-rs`): blocking, the client's log events written before returning; PHP allows
//!   one `#[php_impl]` per class, so `client.rs` calls these from its table;
//! - the C ABI: one `extern "C"` function per operation, `omg_client_<name>`.

use std::fmt::Write;

use omg_core::boundary::operations::{ArgType, Operation, Output};
use omg_core::boundary::Contract;

use crate::csharp::network_operations;
use crate::text::{camel_case, header};
use crate::File;

pub const PYTHON: &str = "bindings/python/src/operations.rs";
pub const NODE: &str = "bindings/node/src/operations.rs";
pub const PHP: &str = "bindings/php/src/operations.rs";
pub const FFI: &str = "bindings/ffi/src/operations.rs";
pub const PHP_ERRORS: &str = "bindings/php/src/error_attributes.rs";

pub fn files(c: &Contract) -> Vec<File> {
    let ops = network_operations(c);
    vec![
        File::new(PYTHON, python(c, &ops)),
        File::new(NODE, node(&ops)),
        File::new(PHP, php(c)),
        File::new(PHP_ERRORS, php_errors(c)),
        File::new(FFI, ffi(&ops)),
    ]
}

fn doc_lines(out: &mut String, indent: &str, doc: &str) {
    let mut line = String::new();
    for word in doc.split_whitespace() {
        if !line.is_empty() && indent.len() + 4 + line.len() + 1 + word.len() > 100 {
            let _ = writeln!(out, "{indent}/// {line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}/// {line}");
    }
}

/// `a, b, amount` as the core call's arguments: text by reference, numbers by value.
fn core_args(op: &Operation, name: impl Fn(&str) -> String) -> String {
    op.args
        .iter()
        .map(|a| match a.ty {
            ArgType::Amount | ArgType::Int => name(a.name),
            _ => format!("&{}", name(a.name)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn record_name(op: &Operation) -> Option<&'static str> {
    match op.output {
        Output::Record(d) => Some(d.name),
        _ => None,
    }
}

fn python(c: &Contract, ops: &[&Operation]) -> String {
    let mut out = header("//");
    out.push_str("//! The client's constructor and properties, its network operations (each releases the GIL\n");
    out.push_str("//! while it waits on the network, so other Python threads and AsyncClient's event loop keep\n");
    out.push_str("//! running), and the table of the module's functions (functions.rs).\n\n");
    out.push_str("use pyo3::prelude::*;\nuse pyo3::types::{PyAny, PyDict};\n\n");
    let mut records: Vec<&str> = ops.iter().filter_map(|o| record_name(o)).collect();
    records.sort();
    records.dedup();
    out.push_str("use crate::client::Client;\nuse crate::errors::IntoPy;\nuse crate::guard::guarded;\n");
    let _ = writeln!(out, "use crate::results::{{{}}};\n", records.join(", "));
    out.push_str("#[pymethods]\nimpl Client {\n");
    // The constructor: the first three settings positional, the rest by keyword.
    let positional: Vec<&str> = c.settings.iter().take(3).map(|s| s.name).collect();
    let signature: Vec<String> = positional.iter().map(|n| format!("{n} = None")).collect();
    let _ = writeln!(out, "    #[new]\n    #[pyo3(signature = ({}, **settings))]", signature.join(", "));
    let params: Vec<String> = positional.iter().map(|n| format!("{n}: Option<&Bound<'_, PyAny>>")).collect();
    let _ = writeln!(
        out,
        "    fn new(py: Python<'_>, {}, settings: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {{",
        params.join(", ")
    );
    let pairs: Vec<String> = positional.iter().map(|n| format!("(\"{n}\", {n})")).collect();
    let _ = writeln!(out, "        Client::from_settings(py, [{}], settings)\n    }}\n", pairs.join(", "));
    if let Some(settings) = c.record("ClientSettings") {
        for name in &c.client_properties {
            if let Some(f) = settings.field(name) {
                doc_lines(&mut out, "    ", f.doc);
                let _ = writeln!(out, "    #[getter]\n    fn {0}(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {{\n        self.setting(py, \"{0}\")\n    }}\n", f.name);
            }
        }
    }
    for (i, op) in ops.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        doc_lines(&mut out, "    ", op.doc);
        let mut params = vec!["&self".to_string(), "py: Python<'_>".into()];
        let mut converts = String::new();
        for a in op.args {
            match a.ty {
                ArgType::Amount => {
                    params.push(format!("{}: &Bound<'_, PyAny>", a.name));
                    let _ = writeln!(converts, "        let {0} = crate::convert::amount(\"{0}\", {0})?;", a.name);
                }
                ArgType::Int => params.push(format!("{}: i64", a.name)),
                _ => params.push(format!("{}: &str", a.name)),
            }
        }
        let ret = match op.output {
            Output::Record(d) => d.name.to_string(),
            Output::Bool => "bool".into(),
            _ => "()".into(),
        };
        let call = format!("self.core().{}({})", op.calls, core_args(op, |n| n.to_string()).replace('&', ""));
        let map = match op.output {
            Output::Record(d) => format!(".map({}::from)", d.name),
            _ => String::new(),
        };
        let _ = writeln!(out, "    fn {}({}) -> PyResult<{ret}> {{", op.name, params.join(", "));
        out.push_str(&converts);
        let _ = writeln!(out, "        guarded(|| py.detach(|| {call}){map}.py_err(py))");
        out.push_str("    }\n");
    }
    out.push_str("}\n\n");
    out.push_str("/// Adds the module's functions (functions.rs) to the module.\n");
    out.push_str("pub fn register_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {\n");
    for op in c.operations.iter().filter(|o| o.owner == omg_core::boundary::operations::Owner::Module) {
        let _ = writeln!(out, "    m.add_function(wrap_pyfunction!(crate::functions::{}, m)?)?;", op.name);
    }
    out.push_str("    Ok(())\n}\n");
    out
}

fn node(ops: &[&Operation]) -> String {
    let mut out = header("//");
    out.push_str("//! The client's network operations for Node.js: each returns a Promise computed on the libuv\n");
    out.push_str("//! pool (network.rs), its result the described view (described.rs); `log` receives the call's\n");
    out.push_str("//! log events.\n\n");
    out.push_str("use napi::bindgen_prelude::*;\nuse napi_derive::napi;\n\n");
    out.push_str(
        "use crate::client::Client;\nuse crate::described::Described;\nuse crate::network::{ApiCall, LogCallback};\n\n",
    );
    out.push_str("#[napi]\nimpl Client {\n");
    for (i, op) in ops.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        doc_lines(&mut out, "    ", op.doc);
        let mut params = vec!["&self".to_string()];
        for a in op.args {
            match a.ty {
                ArgType::Amount | ArgType::Int => params.push(format!("{}: i64", a.name)),
                _ => params.push(format!("{}: String", a.name)),
            }
        }
        params.push("log: Option<LogCallback>".into());
        let call = format!("client.{}({})", op.calls, core_args(op, |n| n.to_string()));
        let (ts, task, work, convert) = match op.output {
            Output::Record(d) => (
                format!("Promise<{}>", d.name),
                "ApiCall<Described, Described>".to_string(),
                format!("{call}.map(|result| Described::of(&result))"),
                "|view| view",
            ),
            Output::Bool => ("Promise<boolean>".into(), "ApiCall<bool, bool>".into(), call, "|value| value"),
            _ => ("Promise<void>".into(), "ApiCall<(), ()>".into(), call, "|value| value"),
        };
        let _ = writeln!(out, "    #[napi(ts_return_type = \"{ts}\")]");
        let _ = writeln!(out, "    pub fn {}({}) -> AsyncTask<{task}> {{", op.name, params.join(", "));
        out.push_str("        let client = self.core().clone();\n");
        let _ = writeln!(out, "        ApiCall::new(move || {work}, {convert}, log)");
        out.push_str("    }\n");
    }
    out.push_str("}\n");
    out
}

/// The PHP type of an argument (camelCase names): what ext-php-rs hands the method.
fn php_param(arg: &omg_core::boundary::operations::Arg) -> String {
    let name = camel_case(arg.name);
    let ty = match (arg.ty, arg.is_optional()) {
        (ArgType::Amount | ArgType::Body, _) => "&Zval".to_string(),
        (ArgType::Int, _) => "i64".into(),
        (ArgType::Order, _) => "&ZendHashTable".into(),
        (ArgType::Fields, false) => "&ZendHashTable".into(),
        (ArgType::Fields, true) => "Option<&ZendHashTable>".into(),
        (_, false) => "String".into(),
        (_, true) => "Option<String>".into(),
    };
    format!("{name}: {ty}")
}

fn php(c: &Contract) -> String {
    let mut out = header("//");
    out.push_str("//! The method table of `Omg\\Payment\\Client` (PHP allows one `#[php_impl]` per class): the\n");
    out.push_str("//! constructor and factories, the properties, the pure operations (their bodies in client.rs),\n");
    out.push_str("//! the network operations (blocking until the gateway answers, never longer than the timeouts)\n");
    out.push_str("//! and PHP's own members (logging, the notification helper). Arguments are named as PHP callers\n");
    out.push_str("//! see them (camelCase). Then the table of the module's functions (functions.rs).\n\n");
    out.push_str("#![allow(non_snake_case)]\n\n");
    out.push_str("use ext_php_rs::prelude::*;\nuse ext_php_rs::types::{ZendHashTable, Zval};\n\n");
    out.push_str("use crate::convert;\nuse crate::client::Client;\nuse crate::guard::entry;\n\n");
    out.push_str("#[php_impl]\nimpl Client {\n");
    out.push_str(
        "    /// `new Client(['merchantId' => ..., 'hashKey' => ..., 'hashIv' => ..., 'baseUrl' => ...])`: the\n",
    );
    out.push_str("    /// client settings (docs/php.md); with no merchant options, the public stage merchant.\n");
    out.push_str("    pub fn __construct(options: Option<&ZendHashTable>) -> PhpResult<Self> {\n        entry(|| Client::build(options))\n    }\n\n");
    out.push_str("    /// The public stage merchant 1000031 on the stage gateway (or on `$options['baseUrl']`).\n");
    out.push_str("    pub fn stage(options: Option<&ZendHashTable>) -> PhpResult<Self> {\n        entry(|| Client::build(options))\n    }\n\n");
    out.push_str("    /// A client from the OMG_* environment variables (docs/client.md).\n");
    out.push_str("    pub fn from_env() -> PhpResult<Self> {\n        entry(Client::from_environment)\n    }\n");
    if let Some(settings) = c.record("ClientSettings") {
        for name in &c.client_properties {
            if let Some(f) = settings.field(name) {
                out.push('\n');
                doc_lines(&mut out, "    ", f.doc);
                let _ = writeln!(out, "    #[php(getter)]\n    pub fn get_{0}(&self) -> PhpResult<Zval> {{\n        entry(|| self.setting(\"{0}\"))\n    }}", f.name);
            }
        }
    }
    out.push_str("\n    /// The effective settings (a `ClientSettings`: defaults filled in, durations in seconds; never a key).\n");
    out.push_str("    pub fn settings(&self) -> PhpResult<Zval> {\n        entry(|| self.settings_record())\n    }\n");
    for op in c.operations.iter().filter(|o| o.owner == omg_core::boundary::operations::Owner::Client) {
        out.push('\n');
        doc_lines(&mut out, "    ", op.doc);
        let mut params = vec!["&self".to_string()];
        params.extend(op.args.iter().map(php_param));
        let names: Vec<String> = op.args.iter().map(|a| camel_case(a.name)).collect();
        if !op.effect.is_network() {
            let _ = writeln!(out, "    pub fn {}({}) -> PhpResult<Zval> {{", op.name, params.join(", "));
            let _ = writeln!(out, "        entry(|| self.{}_impl({}))", op.name, names.join(", "));
            out.push_str("    }\n");
            continue;
        }
        let mut converts = String::new();
        for (n, a) in op.args.iter().enumerate() {
            if a.ty == ArgType::Amount {
                let name = camel_case(a.name);
                let _ = writeln!(
                    converts,
                    "        let {name} = entry(|| convert::amount(\"Omg\\\\Payment\\\\Client::{}\", \"Argument #{} (${name})\", {name}))?;",
                    camel_case(op.name),
                    n + 1
                );
            }
        }
        let call = format!("client.{}({})", op.calls, core_args(op, camel_case));
        let (ret, body) = match op.output {
            Output::Record(_) => ("PhpResult<Zval>", format!("self.api(|client| {call})")),
            _ => ("PhpResult<bool>", format!("self.call(|client| {call})")),
        };
        let _ = writeln!(out, "    pub fn {}({}) -> {ret} {{", op.name, params.join(", "));
        out.push_str(&converts);
        let _ = writeln!(out, "        {body}");
        out.push_str("    }\n");
    }
    out.push_str(PHP_OWN);
    out.push_str("}\n\n");
    // ext-php-rs registers a function through a type private to the function's module: the table
    // is a macro that functions.rs invokes.
    out.push_str("/// The table of the module's functions, invoked in functions.rs (`register`), where their\n");
    out.push_str("/// registrations live.\n");
    out.push_str("macro_rules! register_functions {\n    ($module:expr) => {\n        $module\n");
    for op in c.operations.iter().filter(|o| o.owner == omg_core::boundary::operations::Owner::Module) {
        let _ = writeln!(out, "            .function(wrap_function!({}))", op.name);
    }
    out.push_str("    };\n}\n\npub(crate) use register_functions;\n");
    out
}

/// The accessors of the PHP exceptions: one per attribute of the contract's exception classes,
/// read from the error payload each exception holds; a boolean is `isX()`, the rest `getX()`.
fn php_errors(c: &Contract) -> String {
    let mut out = header("//");
    out.push_str("//! The accessors of the exception classes (errors.rs), one `#[php_impl]` per class: each\n");
    out.push_str(
        "//! attribute of the contract's exception classes, read from the error payload the exception holds.\n\n",
    );
    out.push_str("use ext_php_rs::prelude::*;\nuse ext_php_rs::types::Zval;\n\n");
    let classes: Vec<_> = c.errors.iter().filter(|e| !e.attributes.is_empty()).collect();
    let names: Vec<String> = classes.iter().map(|e| format!("{}Exception", e.stem)).collect();
    let _ = writeln!(out, "use crate::errors::{{attribute, {}}};\n", names.join(", "));
    for class in classes {
        let _ = writeln!(out, "#[php_impl]\nimpl {}Exception {{", class.stem);
        for a in class.attributes {
            let f = a.field();
            doc_lines(&mut out, "    ", f.doc);
            if a.ty() == omg_core::boundary::ValueType::Bool {
                let name = a.name.strip_prefix("is_").unwrap_or(a.name);
                let _ = writeln!(
                    out,
                    "    pub fn is_{name}(&self) -> bool {{\n        self.payload[\"{}\"] == true\n    }}\n",
                    a.payload_field
                );
            } else {
                let _ = writeln!(out, "    pub fn get_{}(&self) -> PhpResult<Zval> {{\n        attribute(&self.payload, \"{}\")\n    }}\n", a.name, a.payload_field);
            }
        }
        if class.kind == "validation" {
            out.push_str("    /// The fields in error, in order.\n    pub fn get_fields(&self) -> Vec<String> {\n        self.fields()\n    }\n");
        }
        out.push_str("}\n\n");
    }
    out.trim_end().to_string() + "\n"
}

/// PHP's own members of the client, not operations of the contract: where its log lines go, and
/// the notification helper for plain PHP (the other languages' helpers live in their packages).
const PHP_OWN: &str = "
    /// Where the client's log lines go: a PSR-3-shaped logger (any object with `warning()` and
    /// `error()`; `info()` too, when it has one, for retries), or null for PHP's `error_log`
    /// (warnings and errors). Lines never hold a key or a body.
    pub fn set_logger(&mut self, logger: &Zval) -> PhpResult<()> {
        self.replace_logger(logger)
    }

    /// The notification helper for plain PHP: reads the request (php://input), verifies it, calls
    /// `$handler($notification)` and answers exactly `1|OK` once it returned (or ended the request
    /// with `exit`); a refused request (forged, not a POST form, too large, a kind the handler's
    /// parameter type does not accept) or a handler that throws is answered `0|...` with a non-2xx
    /// status. `$onError($throwable)` sees what went wrong; refusals and failures are logged
    /// through `$logger` (else the client's, else error_log). True when acknowledged.
    pub fn handle_notification(&self, handler: &Zval, onError: Option<&Zval>, logger: Option<&Zval>) -> PhpResult<bool> {
        entry(|| self.handle_notification_impl(handler, onError, logger))
    }

    /// Never shows the keys.
    pub fn __debug_info(&self) -> Vec<(String, String)> {
        self.debug_info()
    }
";

fn ffi(ops: &[&Operation]) -> String {
    let mut out = header("//");
    out.push_str("//! The client's network operations in the C ABI: `omg_client_<name>`, each writing the JSON view\n");
    out.push_str("//! of its result (`{\"value\": true}` for a yes) to `out_json`. They block the calling thread\n");
    out.push_str("//! until the reply (or the timeout).\n\n");
    out.push_str("use std::ffi::c_char;\n\nuse omg_core::boundary::Described;\n\n");
    out.push_str("use crate::guard::run;\nuse crate::handles::{self, OmgClientHandle};\nuse crate::convert::text;\nuse crate::output::OutString;\nuse crate::status::OmgStatus;\n");
    for op in ops {
        out.push('\n');
        doc_lines(&mut out, "", op.doc);
        out.push_str("///\n/// # Safety\n/// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;\n/// `out_error` is NULL or points to a writable pointer.\n");
        out.push_str("#[no_mangle]\n");
        let _ = writeln!(out, "pub unsafe extern \"C\" fn omg_client_{}(", op.name);
        out.push_str("    client: OmgClientHandle,\n");
        let mut reads = String::new();
        for a in op.args {
            match a.ty {
                ArgType::Amount | ArgType::Int => {
                    let _ = writeln!(out, "    {}: i64,", a.name);
                }
                _ => {
                    let _ = writeln!(out, "    {0}: *const u8,\n    {0}_len: usize,", a.name);
                    let _ = writeln!(reads, "        let {0} = text({0}, {0}_len, \"{0}\")?;", a.name);
                }
            }
        }
        out.push_str("    out_json: *mut *mut c_char,\n    out_error: *mut *mut c_char,\n) -> OmgStatus {\n");
        out.push_str("    run(out_error, || unsafe {\n");
        out.push_str("        let out = OutString::new(out_json, \"out_json\")?;\n");
        out.push_str("        let client = handles::get(client)?;\n");
        out.push_str(&reads);
        let args = op.args.iter().map(|a| a.name.to_string()).collect::<Vec<_>>().join(", ");
        let call = format!("client.{}({args})", op.calls);
        match op.output {
            Output::Record(_) => {
                let _ = writeln!(out, "        out.put({call}?.to_json_text())");
            }
            _ => {
                let _ = writeln!(out, "        out.put_json(serde_json::json!({{ \"value\": {call}? }}))");
            }
        }
        out.push_str("    })\n}\n");
    }
    out
}
