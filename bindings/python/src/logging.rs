//! The client's log events (omg-core's `log` target `omg_payment`) handed to Python's `logging`
//! as logger `omg_payment`, so a merchant sees them with the logging setup they already have.
//! Only that target is forwarded: the HTTP library logs under its own targets, and its trace
//! output shows request bodies. Python's logging decides the rest (level, handlers): with no
//! logging configured, its last-resort handler prints warnings (an unknown outcome) to stderr.

use log::LevelFilter;
use pyo3::prelude::*;
use pyo3_log::{Caching, Logger};

/// Installs the bridge for this module's copy of `log`. Levels are read from Python on every
/// event (not cached): a merchant may call `setLevel` after importing the package. Events come
/// only from network calls, so the cost is nothing next to the request.
pub fn install(py: Python<'_>) -> PyResult<()> {
    let logger = Logger::new(py, Caching::Loggers)?
        .filter(LevelFilter::Off)
        .filter_target(omg_core::client::LOG_TARGET.to_owned(), LevelFilter::Trace);
    // Fails only if a logger is already installed in this library, i.e. the module was
    // initialised twice (sub-interpreters): the first one keeps working.
    let _ = logger.install();
    Ok(())
}
