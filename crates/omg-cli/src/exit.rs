//! Exit codes: one per kind of failure, so scripts can tell a forged message from a refused
//! request from a network problem. Documented in docs/cli.md.

use omg_core::Error;

pub const OK: i32 = 0;
/// A signature did not verify (`omg verify` on a forged body, a tampered gateway reply).
pub const SIGNATURE: i32 = 1;
/// Input that breaks a protocol rule or cannot be decoded.
pub const INVALID_INPUT: i32 = 3;
/// The gateway understood the request and refused it.
pub const GATEWAY: i32 = 4;
/// The request did not complete: for a query, any transport failure (connection, timeout, HTTP
/// status); for a money-moving call, only a connection that was never made, so nothing was sent.
pub const TRANSPORT: i32 = 5;
/// `omg demo`: at least one step failed (the summary says which).
pub const DEMO_FAILED: i32 = 6;
/// A capture, refund or cancellation may have reached the gateway but its outcome is unknown
/// (timeout, dropped connection, any HTTP status other than 2xx — 3xx, 4xx, 429, 5xx — a reply
/// that cannot be read or trusted). Never send it again: run the query the message names first.
pub const OUTCOME_UNKNOWN: i32 = 7;
/// Standard output could not be written for a reason other than a closed pipe (a full disk).
/// A closed pipe (`omg ... | head`) is not an error: the command ends quietly with 0.
pub const OUTPUT: i32 = 74;

pub fn code_for(error: &Error) -> i32 {
    match error {
        Error::Signature(_) => SIGNATURE,
        Error::Validation(_) | Error::Decode(_) => INVALID_INPUT,
        Error::Gateway { .. } => GATEWAY,
        Error::Transport(t) if t.outcome_unknown => OUTCOME_UNKNOWN,
        Error::Transport(_) => TRANSPORT,
    }
}
