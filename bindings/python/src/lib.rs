//! `omg_payment._native`: omg-core for Python. This crate converts types and errors and nothing
//! else; the protocol lives in omg-core, the Pythonic extras (AsyncClient, FastAPI) in
//! python/omg_payment.
//!
//! - `errors`: the exception classes and omg-core's `Error` → exception;
//! - `convert`: Python objects ↔ omg-core values;
//! - `client`: `Client` (checkout, verification); `operations` (generated from the contract): its
//!   server APIs;
//! - `checkout`, `notification`, `results`: the returned objects; `described` makes the classes
//!   of `notification` and `results` from omg-core's boundary description;
//! - `functions`: the module-level functions;
//! - `receive`: omg-core's receipt of a notification request, for the FastAPI helper;
//! - `guard`: a panic becomes `OmgError`, never a `BaseException`;
//! - `logging`: the client's log events → Python's `logging` (logger `omg_payment`), from the
//!   first `Client` on.

use pyo3::prelude::*;

mod checkout;
mod client;
mod convert;
mod described;
mod errors;
mod functions;
mod guard;
mod json;
mod logging;
mod notification;
mod operations;
mod receive;
mod results;

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add("ACK", omg_core::ACK)?;
    m.add("MAX_NOTIFICATION_BYTES", omg_core::notify::MAX_BODY_BYTES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;

    m.add_class::<client::Client>()?;
    m.add_class::<checkout::Checkout>()?;
    notification::register(m)?;
    results::register(m)?;
    m.add_class::<functions::Explanation>()?;
    m.add_class::<functions::CodeInfo>()?;

    operations::register_functions(m)?;
    // Set, not added: a test probe stays out of `__all__`.
    m.setattr("_panic_for_tests", wrap_pyfunction!(guard::_panic_for_tests, m)?)?;
    // Set, not added: the FastAPI helper's door to omg-core's receipt, not public API.
    m.setattr("_receive_notification", wrap_pyfunction!(receive::_receive_notification, m)?)?;
    Ok(())
}
