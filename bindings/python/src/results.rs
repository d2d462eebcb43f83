//! The typed results of the server APIs and the client's effective settings: one Python class
//! per omg-core type, named, documented and given its attributes by omg-core's boundary
//! description (see `described`). Nothing here lists a field.

use pyo3::prelude::*;

use omg_core::api::do_action::DoActionResult as CoreDoAction;
use omg_core::api::period_action::PeriodActionResult as CorePeriodAction;
use omg_core::api::query_credit_detail::{CloseEntry as CoreCloseEntry, CreditDetail as CoreCreditDetail};
use omg_core::api::query_period_info::{ExecLogEntry as CoreExecLogEntry, PeriodInfo as CorePeriodInfo};
use omg_core::api::query_trade_info::TradeInfo as CoreTradeInfo;
use omg_core::client::ClientSettings as CoreClientSettings;

use crate::described::described_classes;

described_classes! {
    TradeInfo(CoreTradeInfo),
    ExecLogEntry(CoreExecLogEntry),
    PeriodInfo(CorePeriodInfo),
    PeriodActionResult(CorePeriodAction),
    DoActionResult(CoreDoAction),
    CloseEntry(CoreCloseEntry),
    CreditDetail(CoreCreditDetail),
    ClientSettings(CoreClientSettings),
}
