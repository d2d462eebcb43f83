//! `omg --verbose`: the client's log events on stderr, one line each (`omg: debug: ...`), so a
//! user can see what was sent, retried and answered. Never a key or a body (docs/client.md).

use std::fmt::Arguments;

use log::Level;

/// Turns the events on. Called once, before any command runs.
pub fn enable() {
    omg_core::client::log_to_stderr(line);
}

fn line(level: Level, message: &Arguments) -> String {
    format!("omg: {}: {message}", level.as_str().to_lowercase())
}
