//! Printing results and errors, human-readable or as JSON for scripts.

use omg_core::{Error, Fields};
use serde_json::{Map, Value};

/// Fields as a JSON object, in order.
pub fn fields_json(fields: &Fields) -> Value {
    Value::Object(fields.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect::<Map<_, _>>())
}

/// Fields as aligned `key  value` lines.
pub fn fields_text(fields: &Fields) -> String {
    let width = fields.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    fields.iter().map(|(k, v)| format!("  {k:<width$}  {v}\n")).collect()
}

/// An error as JSON: omg-core's error payload (the same fields in every language binding), plus
/// `error` (= `kind`) and `errors` (= `field_errors`), the names of the first `--json` format,
/// kept for scripts that read them.
pub fn error_json(error: &Error) -> Value {
    let mut v = omg_core::boundary::error_payload(error);
    v["error"] = v["kind"].clone();
    v["errors"] = v["field_errors"].clone();
    v
}

/// Reports an error on stderr (or as JSON on stdout with `--json`) and returns its exit code.
pub fn report_error(error: &Error, as_json: bool) -> i32 {
    if as_json {
        println!("{}", error_json(error));
    } else {
        eprintln!("omg: {error}");
    }
    crate::exit::code_for(error)
}
