//! omg-core errors across the boundary. napi-rs turns an `Err` into a thrown (or rejected) JS
//! `Error` carrying only a status string and a message, so the message carries the whole error as
//! JSON: `{"omg":"validation","message":...,"errors":[{field,rule,message}],...}`. The package's
//! JS layer (node/lib/errors.js) reads it back and throws `ValidationError`, `GatewayError`, ...
//! Nothing here decides anything about the protocol: it only writes down what omg-core said.

use napi::{Error as JsError, Status};
use omg_core::{Error, FieldError};
use serde_json::{json, Value};

/// The prefix the JS layer recognises: every message written here starts with it.
pub const PAYLOAD_PREFIX: &str = "{\"omg\":";

/// An omg-core error as a JS error whose message is the JSON payload.
pub fn to_js(error: Error) -> JsError {
    let mut payload = json!({ "message": error.to_string() });
    match &error {
        Error::Validation(errors) => payload["errors"] = Value::Array(errors.iter().map(field_error).collect()),
        Error::Gateway { rtn_code, rtn_msg } => {
            payload["rtnCode"] = json!(rtn_code);
            payload["rtnMsg"] = json!(rtn_msg);
        }
        Error::Transport(t) => {
            payload["timeout"] = json!(t.timeout);
            payload["status"] = json!(t.status);
            payload["outcomeUnknown"] = json!(t.outcome_unknown);
        }
        Error::Signature(_) | Error::Decode(_) => {}
    }
    // `omg` goes first, whatever order serde_json keeps keys in, so the prefix is stable.
    let rest = payload.to_string();
    let message = format!("{PAYLOAD_PREFIX}{},{}", json!(error.kind()), rest.strip_prefix('{').unwrap_or(&rest));
    JsError::new(Status::GenericFailure, message)
}

fn field_error(e: &FieldError) -> Value {
    json!({ "field": e.field, "rule": e.rule, "message": e.message })
}

/// A validation error with one broken rule, for values the binding cannot convert (a nested
/// object where text was expected, a fractional amount).
pub fn invalid(field: &str, rule: &str, message: impl Into<String>) -> JsError {
    to_js(Error::invalid(field, rule, message))
}

/// `Result<T, omg_core::Error>` → `napi::Result<T>`.
pub trait IntoJs<T> {
    fn into_js(self) -> napi::Result<T>;
}

impl<T> IntoJs<T> for omg_core::Result<T> {
    fn into_js(self) -> napi::Result<T> {
        self.map_err(to_js)
    }
}

/// A panic caught on a worker thread (which napi-rs does not guard) as a JS error. omg-core
/// never panics on input; this keeps a bug from taking the process down.
pub fn panic_to_js(panic: Box<dyn std::any::Any + Send>) -> JsError {
    let detail = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    JsError::new(Status::GenericFailure, format!("omg-payment internal error (a bug, please report it): {detail}"))
}
