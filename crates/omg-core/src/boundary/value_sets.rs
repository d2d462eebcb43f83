//! The closed value sets that cross a boundary: each an enum (a `Literal[...]`, a string union, a
//! list of constants) in every language. Each set is written next to the code that produces its
//! values where that code has a list (rule names, endpoint names, error kinds); tests in
//! `crates/omg-core/tests/contract.rs` hold every set to the values core really produces.

use super::desc::ValueSet;
use crate::order::choices::{InvoiceMark, Language, PeriodType, UnionPay};

/// `TradeInfo.trade_status_name` (api/status_names.rs).
pub static TRADE_STATUS_NAME: ValueSet = ValueSet {
    name: "TradeStatusName",
    doc: "QueryTradeInfo's TradeStatus by name.",
    values: &["not_paid", "paid", "never_chose_payment", "unknown"],
};

/// `PeriodInfo.exec_status_name` (api/status_names.rs).
pub static EXEC_STATUS_NAME: ValueSet = ValueSet {
    name: "ExecStatusName",
    doc: "QueryCreditCardPeriodInfo's ExecStatus by name.",
    values: &["cancelled", "running", "finished", "unknown"],
};

/// `CreditDetail.status_name`, `CloseEntry.status_name` (api/status_names.rs).
pub static CREDIT_STATUS_NAME: ValueSet = ValueSet {
    name: "CreditStatusName",
    doc: "QueryTrade/V2's status of a card payment or of one capture or refund entry, by name.",
    values: &[
        "authorised",
        "capture_pending",
        "captured",
        "refund_pending",
        "refunded",
        "cancelled",
        "not_authorised",
        "declined",
        "capturing",
        "cancel_pending",
        "cancelling",
        "chargeback_pending",
        "charged_back",
        "batch_failed",
        "unclear",
        "operation_cancelled",
        "unknown",
    ],
};

/// A notification's `kind` (notify/kind.rs).
pub static NOTIFICATION_KIND: ValueSet = ValueSet {
    name: "NotificationKind",
    doc: "The three notifications the gateway sends.",
    values: &["payment_result", "payment_code_issued", "period_charge"],
};

/// `ClientSettings.environment` (client/settings.rs).
pub static ENVIRONMENT_NAME: ValueSet = ValueSet {
    name: "EnvironmentName",
    doc: "The gateway a client talks to: stage, production, or custom (another one, such as omg-sim).",
    values: &["stage", "production", "custom"],
};

/// `ErrorPayload.kind`: what `Error::kind` (error.rs) writes, one per variant.
pub static ERROR_KIND: ValueSet = ValueSet {
    name: "ErrorKind",
    doc: "The kind of an error: one exception class per kind in every language.",
    values: &["validation", "signature", "gateway", "transport", "decode"],
};

/// The URL a notification was posted to (notify/kind.rs `Endpoint`): the snake_case names, and
/// the gateway's own parameter names, which `Endpoint::parse` reads too.
pub static ENDPOINT: ValueSet = ValueSet {
    name: "NotificationEndpoint",
    doc: "The URL a notification was posted to: the snake_case names or the gateway's own.",
    values: &[
        "return_url",
        "payment_info_url",
        "period_return_url",
        "ReturnURL",
        "OrderResultURL",
        "PaymentInfoURL",
        "ClientRedirectURL",
        "PeriodReturnURL",
    ],
};

/// The templates of a signed test notification (notify/template.rs).
pub static TEST_NOTIFICATION_KIND: ValueSet = ValueSet {
    name: "TestNotificationKind",
    doc: "The notifications a signed test notification can start from.",
    values: &["payment_result", "atm_code_issued", "cvs_code_issued", "barcode_code_issued", "period_charge"],
};

/// The hash of CheckMacValue (mac `HashMethod`).
pub static HASH_METHOD: ValueSet = ValueSet {
    name: "HashMethod",
    doc: "The hash of CheckMacValue: sha256 (every current API) or md5 (legacy EncryptType 0 merchants).",
    values: &["sha256", "md5"],
};

/// `CodeInfo.category` (codes.rs `Category`).
pub static CODE_CATEGORY: ValueSet = ValueSet {
    name: "CodeCategory",
    doc: "What kind of outcome a RtnCode stands for.",
    values: &[
        "success",
        "code_issued",
        "signature",
        "not_found",
        "duplicate",
        "invalid_input",
        "not_paid",
        "unavailable",
        "already_stopped",
        "unknown",
    ],
};

/// An order's ChoosePayment (order/choices.rs `Method`).
pub static CHOOSE_PAYMENT: ValueSet = ValueSet {
    name: "ChoosePayment",
    doc: "The payment methods of an order's ChoosePayment.",
    values: &["Credit", "ATM", "CVS", "BARCODE", "AFTEE", "ALL"],
};

/// An order's Language (order/choices.rs `Language`).
pub static LANGUAGE: ValueSet =
    ValueSet { name: "Language", doc: "The language of the gateway's payment page.", values: Language::WIRE };

/// An order's PeriodType (order/choices.rs `PeriodType`).
pub static PERIOD_TYPE: ValueSet = ValueSet {
    name: "PeriodType",
    doc: "The unit of a recurring schedule's Frequency: days, months or years.",
    values: PeriodType::WIRE,
};

/// An order's InvoiceMark (order/choices.rs `InvoiceMark`).
pub static INVOICE_MARK: ValueSet =
    ValueSet { name: "InvoiceMark", doc: "InvoiceMark: N, no e-invoice.", values: InvoiceMark::WIRE };

/// An order's UnionPay (order/choices.rs `UnionPay`): 0 the payer chooses, 1 UnionPay only, 2 hidden.
pub static UNION_PAY: ValueSet = ValueSet {
    name: "UnionPay",
    doc: "UnionPay of a one-time card payment: 0 the payer chooses, 1 UnionPay only, 2 not offered.",
    values: UnionPay::WIRE,
};

/// The rule names of the catalogue (rules.rs `ALL`), as text.
const RULE_NAMES: [&str; crate::rules::ALL.len()] = {
    let mut names = [""; crate::rules::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = crate::rules::ALL[i].name();
        i += 1;
    }
    names
};

/// The stable rule names of a field error (rules.rs).
pub static RULE: ValueSet =
    ValueSet { name: "Rule", doc: "The stable rule name of a broken rule (FieldError.rule).", values: &RULE_NAMES };

/// Every value set, in a stable order.
pub static VALUE_SETS: [&ValueSet; 16] = [
    &TRADE_STATUS_NAME,
    &EXEC_STATUS_NAME,
    &CREDIT_STATUS_NAME,
    &NOTIFICATION_KIND,
    &ENVIRONMENT_NAME,
    &ERROR_KIND,
    &ENDPOINT,
    &TEST_NOTIFICATION_KIND,
    &HASH_METHOD,
    &CODE_CATEGORY,
    &CHOOSE_PAYMENT,
    &LANGUAGE,
    &PERIOD_TYPE,
    &INVOICE_MARK,
    &UNION_PAY,
    &RULE,
];
