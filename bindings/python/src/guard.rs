//! No panic reaches Python as pyo3's `PanicException`: that class derives from `BaseException`,
//! so `except Exception` (and `except OmgError`) would miss it. Every entry point that calls into
//! omg-core runs inside [`guarded`], which turns a panic into `OmgError` with a message asking
//! for a bug report. omg-core never panics on input; this is the net under a bug.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::prelude::*;

use crate::errors::OmgError;

/// Runs `f`; a panic inside it becomes `OmgError("internal error ...")`.
pub fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        Err(OmgError::new_err(format!("omg-payment internal error (a bug, please report it): {detail}")))
    })
}

/// Panics inside [`guarded`]: lets the test suite check the mapping with the real wheel, since no
/// input reaches a panic.
#[pyfunction]
pub fn _panic_for_tests() -> PyResult<()> {
    guarded(|| panic!("deliberate panic for the test suite"))
}
