//! Printing results and errors, human-readable or as JSON for scripts.

use omg_core::{Error, Fields};
use serde_json::{json, Map, Value};

/// Fields as a JSON object, in order.
pub fn fields_json(fields: &Fields) -> Value {
    Value::Object(fields.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect::<Map<_, _>>())
}

/// Fields as aligned `key  value` lines.
pub fn fields_text(fields: &Fields) -> String {
    let width = fields.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    fields.iter().map(|(k, v)| format!("  {k:<width$}  {v}\n")).collect()
}

/// An error as JSON: its kind, message and the details each kind carries.
pub fn error_json(error: &Error) -> Value {
    let mut v = json!({ "error": error.kind(), "message": error.to_string() });
    match error {
        Error::Validation(errors) => {
            v["errors"] = errors.iter().map(|e| json!({"field": e.field, "rule": e.rule, "message": e.message})).collect();
        }
        Error::Gateway { rtn_code, rtn_msg } => {
            v["rtn_code"] = json!(rtn_code);
            v["rtn_msg"] = json!(rtn_msg);
        }
        Error::Transport(t) => {
            v["timeout"] = json!(t.timeout);
            v["status"] = json!(t.status);
            v["outcome_unknown"] = json!(t.outcome_unknown);
        }
        Error::Signature(_) | Error::Decode(_) => {}
    }
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
