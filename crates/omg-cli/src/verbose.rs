//! `omg --verbose`: the client's log events (omg_core::client::LOG_TARGET) on stderr, one line
//! each, so a user can see what was sent, retried and answered. Only the SDK's own events: the
//! HTTP library's trace output shows request bodies and is never enabled here.

use log::{LevelFilter, Log, Metadata, Record};
use omg_core::client::LOG_TARGET;

struct Stderr;

impl Log for Stderr {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target() == LOG_TARGET
    }

    fn log(&self, record: &Record) {
        if self.enabled(record.metadata()) {
            eprintln!(
                "omg: {}: {}",
                record.level().as_str().to_lowercase(),
                record.args()
            );
        }
    }

    fn flush(&self) {}
}

static STDERR: Stderr = Stderr;

/// Installs the stderr logger. Called once, before any command runs.
pub fn enable() {
    if log::set_logger(&STDERR).is_ok() {
        log::set_max_level(LevelFilter::Debug);
    }
}
