//! The five server APIs (protocol.md §6), one file each, pure: no sockets.
//!
//! Each API module has the same four functions, so merchants and omg-sim share one copy of the
//! protocol:
//!
//! | function | who uses it | does |
//! |---|---|---|
//! | `request(...)` | merchant (via the client) | validated, signed [`ApiRequest`] |
//! | `parse_request(fields, credentials)` | omg-sim | verifies CheckMacValue and the fields, returns the typed request |
//! | `render_reply(...)` | omg-sim | the exact wire body the gateway sends |
//! | `parse_reply(body, ...)` | merchant (via the client) | detects the format, verifies where signed, returns the typed result or a typed error |
//!
//! Replies: JSON is recognised by content (first non-space character `{`), never by
//! Content-Type. A raw `k=v` reply is split, never decoded. Signature failures are
//! `Error::Signature`, gateway refusals `Error::Gateway`, empty or unreadable bodies `Error::Decode`.

pub mod do_action;
mod json;
pub mod period_action;
pub mod query_credit_detail;
pub mod query_period_info;
pub mod query_trade_info;
mod reply;
mod request;
mod status_names;

pub use do_action::Action;
pub use reply::{is_json, render_refusal};
pub use request::{time_stamp_is_fresh, TIME_STAMP_TOLERANCE_SECONDS};

use crate::config::Environment;
use crate::fields::Fields;
pub use crate::server_apis::Api;

/// A signed request, ready to POST as `application/x-www-form-urlencoded`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiRequest {
    pub api: Api,
    /// `api.path()`.
    pub path: &'static str,
    /// The fields, CheckMacValue last.
    pub fields: Fields,
    /// `api.is_idempotent()`: whether the transport may send it again.
    pub idempotent: bool,
    /// `api.reconciled_by()`: the query to run when the outcome is unknown.
    pub reconcile_with: Option<Api>,
}

impl ApiRequest {
    /// The form body.
    pub fn body(&self) -> String {
        self.fields.to_form_body()
    }

    /// The full URL on `environment`'s host.
    pub fn url(&self, environment: &Environment) -> String {
        environment.url(self.path)
    }
}
