//! omg-core errors across the boundary. napi-rs turns an `Err` into a thrown (or rejected) JS
//! `Error` carrying only a status string and a message, so the message carries the whole error:
//! `{"omg":<payload>}`, the payload being omg-core's `boundary::error_payload` (kind, message,
//! fieldErrors, rtnCode, rtnMsg, timeout, status, outcomeUnknown, reconcileWith) with its keys in
//! camelCase by the boundary casing rule. The package's JS layer (node/lib/errors.js) reads it
//! back and throws `ValidationError`, `GatewayError`, ... Nothing here decides anything: omg-core
//! writes the payload.

use napi::{Error as JsError, Status};
use omg_core::boundary::ErrorPayload;
use omg_core::Error;

use crate::described::Described;

/// The prefix the JS layer recognises: every message written here starts with it.
pub const PAYLOAD_PREFIX: &str = "{\"omg\":";

/// An omg-core error as a JS error whose message is `{"omg":<payload>}`.
pub fn to_js(error: Error) -> JsError {
    JsError::new(Status::GenericFailure, payload_message(&error))
}

/// The message of [`to_js`]'s error, `{"omg":<payload>}`: the JS layer's `fromNative` reads it.
pub fn payload_message(error: &Error) -> String {
    let payload = Described::of(&ErrorPayload(error)).into_camel_json();
    format!("{PAYLOAD_PREFIX}{payload}}}")
}

/// A validation error with one broken rule, for values the binding cannot convert (a nested
/// object where text was expected, a fractional amount).
pub fn invalid(field: &str, rule: omg_core::rules::Rule, message: impl Into<String>) -> JsError {
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
