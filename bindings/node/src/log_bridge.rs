//! The client's log events (omg-core's `log` target `omg_payment`) on stderr when Node's usual
//! debug switch asks for them: `NODE_DEBUG=omg_payment`. The JS layer decides with
//! `util.debuglog('omg_payment').enabled` (Node's own parsing of NODE_DEBUG, wildcards included)
//! and calls [`enable_debug_log`]; the lines look like Node's: `OMG_PAYMENT <pid>: <event>`.
//! Written from Rust because events happen on the libuv thread pool, mid-request. Only that
//! target: the HTTP library's trace output shows request bodies.

use log::{LevelFilter, Log, Metadata, Record};
use napi_derive::napi;
use omg_core::client::LOG_TARGET;

struct Stderr;

impl Log for Stderr {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target() == LOG_TARGET
    }

    fn log(&self, record: &Record) {
        if self.enabled(record.metadata()) {
            eprintln!("OMG_PAYMENT {}: {} {}", std::process::id(), record.level(), record.args());
        }
    }

    fn flush(&self) {}
}

static STDERR: Stderr = Stderr;

/// Prints the client's events on stderr from now on (idempotent). Called by the package when
/// `NODE_DEBUG` names `omg_payment`.
#[napi]
pub fn enable_debug_log() {
    if log::set_logger(&STDERR).is_ok() {
        log::set_max_level(LevelFilter::Debug);
    }
}
