//! The frame of every entry point: clear the out-parameters, run the body inside
//! `catch_unwind`, turn a failure (errors.rs) into a status and a JSON error payload.

use std::ffi::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::errors::{Failure, Outcome};
use crate::output;
use crate::status::OmgStatus;

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
