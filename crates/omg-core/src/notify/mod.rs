//! Notifications: the signed form POSTs the gateway sends to the merchant (protocol.md §5).
//!
//! - [`verify_notification`] turns a raw body into a verified [`Notification`]: size cap, form
//!   parsing, CheckMacValue over every received field (unknown ones included), MerchantID check.
//! - [`NotificationKind`] says which of the three notifications it is (see `kind.rs` for the rule).
//! - [`ack`] / [`nack`] are the only two replies the gateway understands.
//! - [`builder`] produces realistic, correctly signed notifications for merchants' tests and for
//!   omg-sim, so no second copy of the field lists exists anywhere; [`template`] names them for
//!   the language bindings.
//! - [`ParsedFields`] holds fields a host language parsed itself to the raw body's caps.
//! - [`receive`] is the framework-neutral HTTP step of a web helper: status code and reply text.

mod accessors;
pub mod builder;
mod kind;
mod notification;
mod parsed_fields;
pub mod receive;
pub mod template;

pub use crate::fields::MAX_BODY_BYTES;
pub use builder::sign_notification;
pub use kind::{Endpoint, NotificationKind};
pub use notification::{verify_notification, verify_notification_with, Notification};
pub use parsed_fields::ParsedFields;

/// The reply that stops the gateway from re-sending a server notification. Exactly these four
/// characters: no newline, not `1|ok`.
pub const ACK: &str = "1|OK";

/// The acknowledgement body, [`ACK`].
pub fn ack() -> &'static str {
    ACK
}

/// A refusal, `0|msg`: the gateway will send the notification again later (every 5–15 minutes, up
/// to 4 times a day; PeriodReturnURL is never re-sent). Line breaks in `msg` become spaces so the
/// reply stays one line.
pub fn nack(msg: &str) -> String {
    let one_line: String = msg.chars().map(|c| if c == '\r' || c == '\n' { ' ' } else { c }).collect();
    format!("0|{one_line}")
}
