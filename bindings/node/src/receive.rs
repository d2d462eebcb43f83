//! `receiveNotification`: omg-core's receipt of one HTTP request carrying a notification
//! (omg_core::boundary::receive_notification), for the Express helper (node/lib/express.js).
//! Converts only: the decisions (status, reply, the answer when the handler fails or the route
//! does not take the kind, and its log line) are omg-core's.

use napi::bindgen_prelude::BufferSlice;
use napi_derive::napi;

use omg_core::boundary::{receive_notification as receive, Answer};

use crate::client::Client;
use crate::errors::payload_message;
use crate::notification::{to_js, AnyNotification};

/// A status and a reply body.
#[napi(object)]
pub struct Reply {
    pub status: u32,
    pub reply: String,
}

/// The refusal of a notification of a kind the route does not take, and its log line.
#[napi(object)]
pub struct UnexpectedKind {
    pub status: u32,
    pub reply: String,
    pub message: String,
}

/// What to answer one notification request (to JS only: it holds a notification class).
#[napi(object, object_from_js = false)]
pub struct Receipt {
    /// 200 for a verified notification (answer it once the handler returned), else the refusal's.
    pub status: u32,
    /// `1|OK` or `0|reason`.
    pub reply: String,
    /// The verified notification, or undefined when refused.
    pub notification: Option<AnyNotification>,
    /// Why it was refused: an error message the JS layer maps to its class (`fromNative`).
    pub error: Option<String>,
    /// What to answer when the handler fails.
    pub handler_failed: Reply,
    /// What to answer, and log, when the route does not take the notification's kind.
    pub unexpected: Option<UnexpectedKind>,
}

/// omg-core's receipt of a notification request: `contentType` undefined when the header is
/// absent, `body` at most `maxBytes + 1` bytes of it.
#[napi(catch_unwind)]
pub fn receive_notification(
    client: &Client,
    method: String,
    content_type: Option<String>,
    body: BufferSlice,
    max_bytes: u32,
) -> Receipt {
    let receipt = receive(&method, content_type.as_deref(), &body, max_bytes as usize, &client.config().credentials);
    let unexpected = receipt.unexpected().map(|(answer, message)| UnexpectedKind {
        status: u32::from(answer.status),
        reply: answer.reply,
        message,
    });
    let failed = Answer::handler_failed();
    let (notification, error) = match receipt.outcome {
        Ok(n) => (Some(to_js(n)), None),
        Err(e) => (None, Some(payload_message(&e))),
    };
    Receipt {
        status: u32::from(receipt.status),
        reply: receipt.reply,
        notification,
        error,
        handler_failed: Reply { status: u32::from(failed.status), reply: failed.reply },
        unexpected,
    }
}
