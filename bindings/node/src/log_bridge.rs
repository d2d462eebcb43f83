//! The client's log events on stderr when Node's usual debug switch asks for them:
//! `NODE_DEBUG=omg_payment`. The JS layer decides with `util.debuglog('omg_payment').enabled`
//! (Node's own parsing of NODE_DEBUG, wildcards included) and calls [`enable_debug_log`]; the
//! lines look like Node's: `OMG_PAYMENT <pid>: <LEVEL> <event>`. Written from Rust because the
//! events happen on the libuv thread pool, mid-request.

use std::fmt::Arguments;

use log::Level;
use napi_derive::napi;

/// Prints the client's events on stderr from now on (idempotent). Called by the package when
/// `NODE_DEBUG` names `omg_payment`.
#[napi]
pub fn enable_debug_log() {
    omg_core::client::log_to_stderr(line);
}

fn line(level: Level, message: &Arguments) -> String {
    format!("OMG_PAYMENT {}: {level} {message}", std::process::id())
}
