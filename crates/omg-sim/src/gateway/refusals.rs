//! The codes and refusals the simulated gateway answers with.

use omg_core::codes;
use omg_core::FieldError;

/// RtnCode of a declined card (ReturnURL / OrderResultURL), a failed recurring charge and a
/// refused DoAction. The real gateway's code for these is not documented; `0` is the
/// simulator's choice: plainly "not success", never mistaken for a documented code.
pub const FAILED_RTN_CODE: i64 = 0;
/// The documented codes the simulator answers with, by the simulator's names for them. The
/// numbers come from omg-core's code catalogue (protocol.md §7), so there is one table of them.
pub const SUCCESS: i64 = codes::SUCCESS;
pub const SIGNATURE_ERROR: i64 = codes::CHECK_MAC_VALUE_ERROR;
/// A reused MerchantTradeNo: 10300028 (訂單編號重覆，建立失敗), the code the ECPay family answers
/// and the catalogue confirms, rather than the V1.4.9 summary's unconfirmed 10200058 (protocol.md
/// §7; both are the `duplicate` category for a client).
pub const DUPLICATE_TRADE_NO: i64 = codes::DUPLICATE_TRADE_NO_NOT_CREATED;
/// Its message, as the catalogue writes it.
const DUPLICATE_TRADE_NO_MSG: &str = "訂單編號重覆，建立失敗";
pub const INVALID_AMOUNT: i64 = codes::INVALID_AMOUNT;
pub const NO_PAYMENT_METHOD: i64 = codes::NO_PAYMENT_METHOD;
pub const ORDER_NOT_FOUND: i64 = codes::ORDER_NOT_FOUND;
pub const PERIOD_ACTION_ERROR: i64 = codes::PERIOD_ACTION_VERIFICATION_ERROR;
pub const SCHEDULE_STOPPED: i64 = codes::PERIOD_ALREADY_STOPPED;

/// Why AioCheckOut refused an order: the error page shows the code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckoutRefusal {
    /// 10200073: the CheckMacValue does not match (or the MerchantID is unknown, so no key can check it).
    Signature(String),
    /// The order breaks rules: every field error from omg-core.
    Invalid(Vec<FieldError>),
    /// The MerchantTradeNo was used before by this merchant (or another of its platform).
    Duplicate(String),
    /// The body gave no fields: another Content-Type, none, or a body that cannot be read
    /// (request_body.rs). A parameter error naming why, not a CheckMacValue error.
    Unreadable(String),
}

impl CheckoutRefusal {
    /// The RtnCode shown on the error page, when the refusal has a documented one.
    pub fn code(&self) -> Option<i64> {
        match self {
            CheckoutRefusal::Signature(_) => Some(SIGNATURE_ERROR),
            CheckoutRefusal::Invalid(errors) if errors.iter().all(|e| e.field == "TotalAmount") => Some(INVALID_AMOUNT),
            // omg-core refuses an IgnorePayment that leaves nothing; the gateway's code for it:
            CheckoutRefusal::Invalid(errors)
                if errors.iter().all(|e| e.field == "IgnorePayment" && e.rule == omg_core::rules::CONFLICT) =>
            {
                Some(NO_PAYMENT_METHOD)
            }
            CheckoutRefusal::Invalid(_) | CheckoutRefusal::Unreadable(_) => None,
            CheckoutRefusal::Duplicate(_) => Some(DUPLICATE_TRADE_NO),
        }
    }

    pub fn message(&self) -> String {
        match self {
            CheckoutRefusal::Signature(_) => "CheckMacValue Error.".into(),
            CheckoutRefusal::Invalid(_) if self.code() == Some(NO_PAYMENT_METHOD) => {
                "本次交易未提供任何付款方式 (no payment method is left after IgnorePayment)".into()
            }
            CheckoutRefusal::Invalid(errors) => {
                format!("Parameter Error: {}", errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>().join(", "))
            }
            CheckoutRefusal::Duplicate(no) => {
                format!("{DUPLICATE_TRADE_NO_MSG} (MerchantTradeNo {no} was already used)")
            }
            CheckoutRefusal::Unreadable(detail) => format!("Parameter Error: {detail}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_duplicate_code_is_the_catalogues_confirmed_one() {
        let info = codes::describe(DUPLICATE_TRADE_NO);
        assert!(info.confirmed && info.category == codes::Category::Duplicate, "{info:?}");
        assert_eq!(info.zh, DUPLICATE_TRADE_NO_MSG);
    }
}
