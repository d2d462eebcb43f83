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

/// One of the five server APIs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Api {
    /// QueryTradeInfo/V5: the state of one order.
    QueryTradeInfo,
    /// QueryCreditCardPeriodInfo: a recurring schedule and its charges.
    QueryPeriodInfo,
    /// CreditCardPeriodAction: cancel a recurring schedule (irreversible).
    PeriodAction,
    /// DoAction: capture, refund, cancel a capture, abandon an authorisation.
    DoAction,
    /// QueryTrade/V2: the card-payment detail (authorised, captured, refunded amounts).
    QueryCreditDetail,
}

impl Api {
    pub const ALL: [Api; 5] =
        [Api::QueryTradeInfo, Api::QueryPeriodInfo, Api::PeriodAction, Api::DoAction, Api::QueryCreditDetail];

    /// The URL path on the gateway host.
    pub fn path(&self) -> &'static str {
        match self {
            Api::QueryTradeInfo => "/Cashier/QueryTradeInfo/V5",
            Api::QueryPeriodInfo => "/Cashier/QueryCreditCardPeriodInfo",
            Api::PeriodAction => "/Cashier/CreditCardPeriodAction",
            Api::DoAction => "/CreditDetail/DoAction",
            Api::QueryCreditDetail => "/CreditDetail/QueryTrade/V2",
        }
    }

    /// The gateway's name of the API, as in its documentation.
    pub fn name(&self) -> &'static str {
        match self {
            Api::QueryTradeInfo => "QueryTradeInfo/V5",
            Api::QueryPeriodInfo => "QueryCreditCardPeriodInfo",
            Api::PeriodAction => "CreditCardPeriodAction",
            Api::DoAction => "DoAction",
            Api::QueryCreditDetail => "QueryTrade/V2",
        }
    }

    /// The API served at `path` (exact match), for routing in omg-sim.
    pub fn from_path(path: &str) -> Option<Api> {
        Api::ALL.into_iter().find(|api| api.path() == path)
    }

    /// True for the three queries: sending one twice changes nothing, so a transport may retry it.
    /// DoAction and CreditCardPeriodAction move money or end a schedule: never retried once the
    /// request may have reached the gateway.
    pub fn is_idempotent(&self) -> bool {
        matches!(self, Api::QueryTradeInfo | Api::QueryPeriodInfo | Api::QueryCreditDetail)
    }

    /// For a non-idempotent API, the query that tells what happened when the outcome is unknown
    /// (a timeout after sending): QueryTrade/V2 for DoAction, QueryCreditCardPeriodInfo (its
    /// ExecStatus) for CreditCardPeriodAction.
    pub fn reconciled_by(&self) -> Option<Api> {
        match self {
            Api::DoAction => Some(Api::QueryCreditDetail),
            Api::PeriodAction => Some(Api::QueryPeriodInfo),
            _ => None,
        }
    }
}

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
