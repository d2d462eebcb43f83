//! Why an entry point failed, and the error payload that says so: omg-core's errors, and the C
//! ABI's own (a bad argument, an unknown handle, a caught panic). A leaf: the entry frame and the
//! output strings both name it.

use serde_json::json;

/// Why a call failed.
pub(crate) enum Failure {
    /// What omg-core said.
    Core(omg_core::Error),
    /// A NULL pointer or an out-of-range argument: a mistake of the calling code, named.
    Argument(String),
    /// A handle that is unknown or already freed.
    Handle,
    /// A caught panic: a bug in this library or omg-core.
    Internal(String),
}

impl From<omg_core::Error> for Failure {
    fn from(e: omg_core::Error) -> Self {
        Failure::Core(e)
    }
}

pub(crate) type Outcome = Result<(), Failure>;

impl Failure {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Failure::Core(e) => e.kind(),
            Failure::Argument(_) => "argument",
            Failure::Handle => "handle",
            Failure::Internal(_) => "internal",
        }
    }

    /// The error payload: omg-core's for its errors, the same shape (`kind`, `message`) for the
    /// ABI's own.
    pub(crate) fn payload(&self) -> serde_json::Value {
        match self {
            Failure::Core(e) => omg_core::boundary::error_payload(e),
            Failure::Argument(message) => json!({ "kind": "argument", "message": message }),
            Failure::Handle => {
                json!({ "kind": "handle", "message": "the client handle is unknown or already freed" })
            }
            Failure::Internal(detail) => {
                json!({ "kind": "internal", "message": format!("omg-payment internal error (a bug, please report it): {detail}") })
            }
        }
    }
}
