//! Receiving a notification over HTTP, framework-neutral: the decisions every web helper (FastAPI,
//! Express, the PHP and .NET helpers) makes — which requests to refuse, with which HTTP status,
//! the reply body, and what to answer once the merchant's handler has run — made once here. A
//! helper reads the method, the Content-Type and at most `max_bytes + 1` bytes of the body, calls
//! [`receive`], and does what the [`Receipt`] says: on a refusal, answers `status` / `reply` at
//! once; on a verified notification, answers [`Receipt::unexpected`] when its route does not take
//! that kind, else runs the handler and answers `status` / `reply` when it returned, or
//! [`Answer::handler_failed`] when it failed.
//!
//! | request | status | reply |
//! |---|---|---|
//! | verified notification, the handler returned | 200 | `1|OK` |
//! | method other than POST | 405 | `0|...` |
//! | Content-Type `multipart/*` or JSON | 415 | `0|...` |
//! | body over the size cap | 413 | `0|...` |
//! | anything else (bad signature, bad form, other merchant, empty body) | 400 | `0|<reason>` |
//! | verified, but of a kind the route does not take | 400 | `0|unexpected notification: <kind>` |
//! | verified, the handler failed | 500 | `0|the handler failed` |
//!
//! The Content-Type: V1.3.7 labels every notification `text/html` while its body is form data,
//! and stage captures say `application/x-www-form-urlencoded` (protocol.md §5). So the body is
//! verified whatever its declared type (none, `text/html`, `text/plain`, the form type, any
//! other): the signature is the protection. Only the two types whose bodies are certainly another
//! encoding than the urlencoded form the gateway signs are refused before verifying: `multipart/*`
//! (boundaries and part headers; the gateway never posts a notification so) and JSON.
//!
//! A `0|...` reply makes the gateway send the notification again later (protocol.md §5); the
//! status only helps people reading logs, the gateway looks at the body.

use crate::config::Credentials;
use crate::error::{Error, Result};
use crate::rules;

use super::notification::verify_notification;
use super::{nack, Notification, NotificationKind, ACK};
use crate::fields::MAX_BODY_BYTES;

/// The content type the gateway's captured notifications are posted with (the document says
/// `text/html`; either is verified, as is none).
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// A status and a reply body: what a helper answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The reply body, plain text: `1|OK` or `0|<reason>`.
    pub reply: String,
}

impl Answer {
    /// The handler recorded the notification: `200 1|OK`, and the gateway stops sending it.
    pub fn acknowledged() -> Answer {
        Answer { status: 200, reply: ACK.to_string() }
    }

    /// The handler failed (threw, or ended the request with a failure status): `500 0|the handler
    /// failed`. Its reason belongs in the shop's log, not in the reply; the gateway sends the
    /// notification again later.
    pub fn handler_failed() -> Answer {
        Answer { status: 500, reply: nack("the handler failed") }
    }
}

/// What to answer, and the verified notification or why there is none.
#[derive(Debug)]
pub struct Receipt {
    /// The HTTP status to answer with (once the handler has returned, for a notification).
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

    /// For a verified notification that its route does not take (one route per kind): the answer,
    /// `400 0|unexpected notification: <kind>`, and the error line for the shop's log that names
    /// the order, the amount and how to get the notification back. None for a refusal.
    pub fn unexpected(&self) -> Option<(Answer, String)> {
        let n = self.outcome.as_ref().ok()?;
        let kind = n.kind().as_str();
        let answer = Answer { status: 400, reply: nack(&format!("unexpected notification: {kind}")) };
        Some((answer, unexpected_kind_message(n)))
    }
}

/// The one wording, in every language, of the error line for a genuine notification refused by a
/// route that does not take its kind.
fn unexpected_kind_message(n: &Notification) -> String {
    let kind = n.kind().as_str();
    let no = n.get("MerchantTradeNo").unwrap_or("?");
    let amount = n.get(n.amount_field()).unwrap_or("?");
    let recovery = match n.kind() {
        // Sent once, never again: only the query shows the charge now.
        NotificationKind::PeriodCharge => format!(
            "it is not sent again: recover it with QueryCreditCardPeriodInfo (`omg query period {no}`), and point \
             PeriodReturnURL at a route that takes period charges"
        ),
        _ => format!(
            "the gateway sends it again; give each kind its own route (ReturnURL, PaymentInfoURL, PeriodReturnURL), \
             and check the order with QueryTradeInfo (`omg query trade {no}`)"
        ),
    };
    format!("unexpected notification: {kind} for MerchantTradeNo {no}, amount {amount}, refused; {recovery}")
}

/// Whether a body declared as `content_type` (None: no header) is verified: every type but
/// `multipart/*` and JSON (`application/json`, `*/*+json`), compared on the type itself (any
/// case, parameters such as `; charset=UTF-8` ignored).
pub fn is_verified_content_type(content_type: Option<&str>) -> bool {
    let Some(content_type) = content_type else { return true };
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let multipart = essence.starts_with("multipart/");
    let json = essence == "application/json" || essence.ends_with("+json");
    !(multipart || json)
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
    if !is_verified_content_type(content_type) {
        let declared = content_type.unwrap_or_default().split(';').next().unwrap_or_default().trim();
        return Receipt::refused(
            415,
            Error::invalid(
                "Content-Type",
                rules::ONE_OF,
                format!("a notification is a form body ({FORM_CONTENT_TYPE}), not {declared}"),
            ),
        );
    }
    let cap = max_bytes.min(MAX_BODY_BYTES);
    if body.len() > cap {
        return Receipt::refused(413, Error::Decode(format!("the notification body is larger than {cap} bytes")));
    }
    match verify_notification(body, credentials) {
        Ok(notification) => {
            let Answer { status, reply } = Answer::acknowledged();
            Receipt { status, reply, outcome: Ok(notification) }
        }
        Err(error) => Receipt::refused(400, error),
    }
}
