//! No Rust panic reaches PHP as a crash: every entry point of the extension runs its body through
//! [`entry`], which turns a panic into an `Omg\Payment\OmgException` ("internal error"). omg-core
//! does not panic on input; this keeps a bug from taking the PHP process (or a request) down with
//! an `Error` that `catch (\Exception $e)` would miss.

use std::panic::{catch_unwind, AssertUnwindSafe};

use ext_php_rs::prelude::*;

use crate::errors;

/// Runs `body`; a panic inside it becomes an `OmgException`.
pub fn entry<T>(body: impl FnOnce() -> PhpResult<T>) -> PhpResult<T> {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(result) => result,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(errors::internal(&detail))
        }
    }
}
