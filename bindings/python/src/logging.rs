//! The client's log events (omg-core's `log` target `omg_payment`) handed to Python's `logging`
//! as logger `omg_payment`, so a merchant sees them with the logging setup they already have.
//! Only that target is forwarded: the HTTP library logs under its own targets, and its trace
//! output shows request bodies. Python's logging decides the rest (level, handlers): with no
//! logging configured, its last-resort handler prints warnings (an unknown outcome) to stderr.
//!
//! The bridge is installed when the first `Client` is made, not when the module is imported:
//! events come only from a client's network calls, and importing `logging` (with `re`, `enum`,
//! `traceback`, `threading`) was half of what `import omg_payment` cost.

use std::sync::atomic::{AtomicBool, Ordering};

use log::LevelFilter;
use pyo3::prelude::*;
use pyo3_log::{Caching, Logger};

/// Set once the bridge is installed (or found installed) in this library's copy of `log`.
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Installs the bridge unless it already is: called by every `Client` constructor. Levels are
/// read from Python on every event (not cached): a merchant may call `setLevel` at any time.
/// Events come only from network calls, so the cost is nothing next to the request.
pub fn ensure_installed(py: Python<'_>) -> PyResult<()> {
    if INSTALLED.load(Ordering::Acquire) {
        return Ok(());
    }
    let logger = Logger::new(py, Caching::Loggers)?
        .filter(LevelFilter::Off)
        .filter_target(omg_core::client::LOG_TARGET.to_owned(), LevelFilter::Trace);
    // Fails only if a logger is already installed in this library: by another thread that got
    // here first (both hold the GIL in turn), or a second initialisation of the module
    // (sub-interpreters). The first one keeps working either way.
    let _ = logger.install();
    INSTALLED.store(true, Ordering::Release);
    Ok(())
}
