//! Stable snake_case names of the status values of the server APIs, the same in every language
//! binding (`paid`, `capture_pending`, ...). The wire value stays available through each enum's
//! `as_str`; a value the gateway documents nowhere is named `unknown`.

use super::query_credit_detail::CreditStatus;
use super::query_period_info::ExecStatus;
use super::query_trade_info::TradeStatus;

impl TradeStatus {
    /// `not_paid`, `paid`, `never_chose_payment` or `unknown`.
    pub fn name(&self) -> &'static str {
        match self {
            TradeStatus::NotPaid => "not_paid",
            TradeStatus::Paid => "paid",
            TradeStatus::NeverChosePayment => "never_chose_payment",
            TradeStatus::Other(_) => "unknown",
        }
    }
}

impl ExecStatus {
    /// `cancelled`, `running`, `finished` or `unknown`.
    pub fn name(&self) -> &'static str {
        match self {
            ExecStatus::Cancelled => "cancelled",
            ExecStatus::Running => "running",
            ExecStatus::Finished => "finished",
            ExecStatus::Other(_) => "unknown",
        }
    }
}

impl CreditStatus {
    /// `authorised`, `capture_pending`, `captured`, `refund_pending`, `refunded`, `cancelled`,
    /// `not_authorised`, `declined`, `capturing`, `cancel_pending`, `cancelling`,
    /// `chargeback_pending`, `charged_back`, `batch_failed`, `unclear`, `operation_cancelled` or
    /// `unknown`.
    pub fn name(&self) -> &'static str {
        match self {
            CreditStatus::Authorised => "authorised",
            CreditStatus::CapturePending => "capture_pending",
            CreditStatus::Captured => "captured",
            CreditStatus::RefundPending => "refund_pending",
            CreditStatus::Refunded => "refunded",
            CreditStatus::Cancelled => "cancelled",
            CreditStatus::NotAuthorised => "not_authorised",
            CreditStatus::Declined => "declined",
            CreditStatus::Capturing => "capturing",
            CreditStatus::CancelPending => "cancel_pending",
            CreditStatus::Cancelling => "cancelling",
            CreditStatus::ChargebackPending => "chargeback_pending",
            CreditStatus::ChargedBack => "charged_back",
            CreditStatus::BatchFailed => "batch_failed",
            CreditStatus::Unclear => "unclear",
            CreditStatus::OperationCancelled => "operation_cancelled",
            CreditStatus::Other(_) => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_values_have_their_names() {
        assert_eq!(TradeStatus::parse("1").name(), "paid");
        assert_eq!(TradeStatus::parse("10200095").name(), "never_chose_payment");
        assert_eq!(TradeStatus::parse("7").name(), "unknown");
        assert_eq!(ExecStatus::parse("0").name(), "cancelled");
        assert_eq!(ExecStatus::parse("x").name(), "unknown");
        assert_eq!(CreditStatus::parse("要關帳").name(), "capture_pending");
        assert_eq!(CreditStatus::parse("已授權").name(), "authorised");
        assert_eq!(CreditStatus::parse("其他").name(), "unknown");
    }
}
