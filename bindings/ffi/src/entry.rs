//! The frame of every entry point: clear the out-parameters, run the body inside
//! `catch_unwind`, turn a failure into a status and a JSON error payload.

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::json;

use crate::output;
use crate::status::OmgStatus;

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
    fn kind(&self) -> &'static str {
        match self {
            Failure::Core(e) => e.kind(),
            Failure::Argument(_) => "argument",
            Failure::Handle => "handle",
            Failure::Internal(_) => "internal",
        }
    }

    /// The error payload: omg-core's for its errors, the same shape (`kind`, `message`) for the
    /// ABI's own.
    fn payload(&self) -> serde_json::Value {
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

/// Runs `body` as an entry point: `*out_error` is cleared first and, on failure, receives the
/// payload (when `out_error` is not NULL). No panic leaves this function.
pub(crate) fn run(out_error: *mut *mut c_char, body: impl FnOnce() -> Outcome) -> OmgStatus {
    if !out_error.is_null() {
        // SAFETY: the caller passes NULL or a pointer to writable storage for one pointer.
        unsafe { *out_error = std::ptr::null_mut() };
    }
    let outcome = catch_unwind(AssertUnwindSafe(body)).unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(Failure::Internal(detail))
    });
    match outcome {
        Ok(()) => OmgStatus::OmgOk,
        Err(failure) => {
            let status = OmgStatus::of_kind(failure.kind());
            if !out_error.is_null() {
                // Writing the payload may not panic out either (it allocates).
                if let Ok(text) = catch_unwind(AssertUnwindSafe(|| output::new_string(failure.payload().to_string()))) {
                    // SAFETY: as above.
                    unsafe { *out_error = text };
                }
            }
            status
        }
    }
}
