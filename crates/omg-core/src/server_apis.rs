//! The five server APIs by name (protocol.md §6): where each is served, whether it may be sent
//! twice, and which query reconciles it. A leaf of the crate: the error type names the query that
//! reconciles an unknown outcome (`TransportError::reconcile_with`) without reaching into `api`.

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
