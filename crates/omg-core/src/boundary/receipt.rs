//! The answer to one HTTP request carrying a notification (notify/receive.rs) as it crosses a
//! boundary: what a web helper answers, and the notification or the error behind it.

use crate::notify::receive::{Answer, Receipt};

use super::described::describe;
use super::{error_payload, notification_to_json};

describe! {
    /// omg-core's decision on one HTTP request carrying a notification: the status and reply to
    /// answer with, and the verified notification or the error that refused the request.
    RECEIPT: Receipt as "Receipt" |r| {
        /// The HTTP status: 200, or 405, 413, 415, 400 for a refused request.
        status: Int = i64::from(r.status),
        /// The reply body: 1|OK, or 0|reason.
        reply: Str = &r.reply,
        /// The verified notification's view (its kind's fields), or null when refused.
        notification: Json = &r.outcome.as_ref().map_or(serde_json::Value::Null, notification_to_json),
        /// The error payload of a refused request, or null.
        error: Json = &r.outcome.as_ref().err().map_or(serde_json::Value::Null, error_payload),
        /// What to answer when the merchant's handler fails: {status, reply}.
        handler_failed: Json = &answer(&Answer::handler_failed()),
        /// What to answer, and log, when the route does not take the notification's kind:
        /// {status, reply, message}; null for a refused request.
        unexpected: Json = &r.unexpected().map_or(serde_json::Value::Null, |(a, message)| {
            serde_json::json!({"status": a.status, "reply": a.reply, "message": message})
        }),
    }
}

fn answer(a: &Answer) -> serde_json::Value {
    serde_json::json!({"status": a.status, "reply": a.reply})
}
