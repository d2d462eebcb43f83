//! Receiving a notification over HTTP, framework-neutral: the decisions a web helper (FastAPI,
//! Express, the PHP and .NET helpers) would otherwise each make — which requests to refuse, with
//! which HTTP status, and the reply body — made once here. A helper reads the method, the
//! Content-Type and at most `max_bytes + 1` bytes of the body, calls [`receive`], and does what
//! the [`Receipt`] says: on success, hands the notification to the merchant's handler and then
//! answers `status` / `reply`; on refusal, answers `status` / `reply` at once.
//!
//! | request | status | reply |
//! |---|---|---|
//! | verified notification | 200 | `1|OK` (send it once the handler has recorded the event) |
//! | method other than POST | 405 | `0|...` |
//! | Content-Type not `application/x-www-form-urlencoded` | 415 | `0|...` |
//! | body over the size cap | 413 | `0|...` |
//! | anything else (bad signature, bad form, other merchant, empty body) | 400 | `0|<reason>` |
//!
//! A `0|...` reply makes the gateway send the notification again later (protocol.md §5); the
//! status only helps people reading logs, the gateway looks at the body.

use crate::config::Credentials;
use crate::error::{Error, Result};
use crate::rules;

use super::notification::verify_notification;
use super::{nack, Notification, ACK};
use crate::fields::MAX_BODY_BYTES;

/// The content type the gateway posts notifications with (a `charset` parameter may follow).
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// What to answer, and the verified notification or why there is none.
#[derive(Debug)]
pub struct Receipt {
    /// The HTTP status to answer with.
    pub status: u16,
    /// The reply body, plain text: `1|OK` or `0|<reason>`.
    pub reply: String,
    /// The verified notification, or the error that refused the request.
    pub outcome: Result<Notification>,
}

impl Receipt {
    fn refused(status: u16, error: Error) -> Self {
        Receipt { status, reply: nack(&error.to_string()), outcome: Err(error) }
    }
}

/// Whether `content_type` is a form body (`application/x-www-form-urlencoded`, any case,
/// parameters such as `; charset=UTF-8` allowed).
pub fn is_form_content_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case(FORM_CONTENT_TYPE)
}

/// Receives one HTTP request carrying a notification. `max_bytes` is the helper's size cap (at
/// most [`MAX_BODY_BYTES`], which applies when it is larger); `body` may be cut at `max_bytes + 1`
/// bytes by the helper, which is enough to tell it is too large.
pub fn receive(
    method: &str,
    content_type: Option<&str>,
    body: &[u8],
    max_bytes: usize,
    credentials: &Credentials,
) -> Receipt {
    if !method.trim().eq_ignore_ascii_case("POST") {
        return Receipt::refused(
            405,
            Error::invalid("method", rules::ONE_OF, format!("a notification is a POST, not {method}")),
        );
    }
    match content_type {
        Some(ct) if is_form_content_type(ct) => {}
        other => {
            let shown = other.unwrap_or("missing");
            return Receipt::refused(
                415,
                Error::invalid(
                    "Content-Type",
                    rules::ONE_OF,
                    format!("a notification is a form body ({FORM_CONTENT_TYPE}), not {shown}"),
                ),
            );
        }
    }
    let cap = max_bytes.min(MAX_BODY_BYTES);
    if body.len() > cap {
        return Receipt::refused(413, Error::Decode(format!("the notification body is larger than {cap} bytes")));
    }
    match verify_notification(body, credentials) {
        Ok(notification) => Receipt { status: 200, reply: ACK.to_string(), outcome: Ok(notification) },
        Err(error) => Receipt::refused(400, error),
    }
}
