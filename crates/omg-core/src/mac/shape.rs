//! The kinds of signed message the meaning check knows (`mac::meaning`), each with its table of
//! field names. Apart from the check and from the name index (`mac::names`) that both read it, so
//! neither of the two imports the other.

use super::CHECK_MAC_VALUE;

/// The kinds of signed message, each with its own table of known field names: the same word is
/// spelt differently in different messages (`amount` in a payment result's card extras, `Amount`
/// in a PeriodReturnURL notification), so one global table cannot tell a rename from a genuine
/// name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// ReturnURL / OrderResultURL.
    PaymentResult,
    /// PaymentInfoURL / ClientRedirectURL.
    PaymentCodeIssued,
    /// PeriodReturnURL.
    PeriodCharge,
    /// The QueryTradeInfo/V5 reply.
    TradeInfoReply,
    /// The CreditCardPeriodAction reply.
    PeriodActionReply,
}

/// Names of the payment result and payment-code notifications (protocol.md §5) apart from the
/// NeedExtraPaidInfo extras ([`EXTRA_PAID_INFO_FIELDS`], read beside this table). The two
/// notifications share one table: the gateway sends the whole extras set whatever the payment
/// method, and none of these names clash in case.
pub(super) const NOTIFICATION_NAMES: &[&str] = &[
    "MerchantID",
    "MerchantTradeNo",
    "StoreID",
    "RtnCode",
    "RtnMsg",
    "TradeNo",
    "TradeAmt",
    "PaymentDate",
    "PaymentType",
    "PaymentTypeChargeFee",
    "TradeDate",
    "SimulatePaid",
    "CustomField1",
    "CustomField2",
    "CustomField3",
    "CustomField4",
    "PlatformID",
    // payment code issued
    "BankCode",
    "vAccount",
    "ExpireDate",
    "Barcode1",
    "Barcode2",
    "Barcode3",
    "PaymentURL",
    CHECK_MAC_VALUE,
];

/// Every NeedExtraPaidInfo field name of protocol.md §5, in its order: credit card, ATM, WebATM,
/// CVS, recurring, retired.
pub const EXTRA_PAID_INFO_FIELDS: [&str; 33] = [
    "card4no",
    "card6no",
    "red_dan",
    "red_de_amt",
    "red_ok_amt",
    "red_yet",
    "stage",
    "stast",
    "staed",
    "eci",
    "gwsr",
    "process_date",
    "auth_code",
    "amount",
    "UnionPay",
    "ATMAccBank",
    "ATMAccNo",
    "WebATMAccBank",
    "WebATMAccNo",
    "WebATMBankName",
    "PaymentNo",
    "PayFrom",
    "CVSStoreID",
    "CVSStoreName",
    "PeriodType",
    "Frequency",
    "ExecTimes",
    "PeriodAmount",
    "TotalSuccessTimes",
    "TotalSuccessAmount",
    "AlipayID",
    "AlipayTradeNo",
    "TenpayTradeNo",
];

/// PeriodReturnURL names (protocol.md §5): capitalised unlike the card extras above.
pub(super) const PERIOD_NAMES: &[&str] = &[
    "MerchantID",
    "MerchantTradeNo",
    "StoreID",
    "RtnCode",
    "RtnMsg",
    "PeriodType",
    "Frequency",
    "ExecTimes",
    "Amount",
    "Gwsr",
    "ProcessDate",
    "AuthCode",
    "FirstAuthAmount",
    "TotalSuccessTimes",
    "CustomField1",
    "CustomField2",
    "CustomField3",
    "CustomField4",
    "SimulatePaid",
    CHECK_MAC_VALUE,
];

/// QueryTradeInfo reply names beyond the notification's (protocol.md §6).
pub(super) const TRADE_INFO_ONLY_NAMES: &[&str] = &["HandlingCharge", "TradeStatus", "ItemName"];

/// CreditCardPeriodAction reply names (protocol.md §6).
pub(super) const PERIOD_ACTION_NAMES: &[&str] =
    &["RtnCode", "RtnMsg", "MerchantID", "MerchantTradeNo", CHECK_MAC_VALUE];

impl Shape {
    /// Every shape, in the order of [`Shape::bit`].
    pub(crate) const ALL: [Shape; 5] = [
        Shape::PaymentResult,
        Shape::PaymentCodeIssued,
        Shape::PeriodCharge,
        Shape::TradeInfoReply,
        Shape::PeriodActionReply,
    ];

    /// The shape's bit in a set of shapes.
    pub(crate) fn bit(self) -> u8 {
        1 << self as u8
    }

    pub(crate) fn tables(self) -> &'static [&'static [&'static str]] {
        match self {
            Shape::PaymentResult | Shape::PaymentCodeIssued => &[NOTIFICATION_NAMES, &EXTRA_PAID_INFO_FIELDS],
            Shape::PeriodCharge => &[PERIOD_NAMES],
            Shape::TradeInfoReply => &[NOTIFICATION_NAMES, &EXTRA_PAID_INFO_FIELDS, TRADE_INFO_ONLY_NAMES],
            Shape::PeriodActionReply => &[PERIOD_ACTION_NAMES],
        }
    }
}

/// Every name any signed message knows, lowercased: a value holding `&` + one of these + `=`
/// could have been a field of its own.
pub(super) fn all_known_lowercase() -> impl Iterator<Item = String> {
    [NOTIFICATION_NAMES, &EXTRA_PAID_INFO_FIELDS, PERIOD_NAMES, TRADE_INFO_ONLY_NAMES, PERIOD_ACTION_NAMES]
        .into_iter()
        .flat_map(|t| t.iter())
        .map(|name| name.to_ascii_lowercase())
}
