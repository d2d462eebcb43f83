//! The order every language takes for a checkout (Python's keyword arguments, Node's `Order`,
//! PHP's array, .NET's `Order`): each AioCheckOut/V5 field a merchant may give, by its snake_case
//! name (each language re-cases it) and its wire name (order/names.rs), with the values it takes.
//! omg-core reads an order by these names in any casing (`Order::from_named_values`) and checks
//! every rule (docs/orders.md); this list is what the languages' types and docs say.

use super::desc::ValueSet;
use super::value_sets::{CHOOSE_PAYMENT, INVOICE_MARK, LANGUAGE, PERIOD_TYPE, UNION_PAY};
use crate::order::names as wire;

/// What an order field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionKind {
    /// Text.
    Text,
    /// A whole number.
    Whole,
    /// One value of a closed set, as text.
    OneOf(&'static ValueSet),
    /// One value of a closed set of digit codes, as text or as the number.
    Code(&'static ValueSet),
    /// A flag sent as `Y`/`N`: a boolean, or the letter.
    YesNo,
    /// A flag sent as `1`/`0`: a boolean, or the digit (number or text).
    OneZero,
    /// Item names: one text, or a list joined with `#`.
    Items,
    /// Whole numbers: a list, or the text already joined with `,`.
    WholeList,
    /// Payment methods other than ALL: a list, or the text already joined with `#`.
    Methods,
}

/// One order field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderOption {
    /// snake_case: Python's keyword, re-cased by the other languages.
    pub name: &'static str,
    /// The wire name (order/names.rs).
    pub wire: &'static str,
    pub kind: OptionKind,
    /// One of the six fields every order has.
    pub required: bool,
    /// Which orders it belongs to: a heading for the docs and the generated types.
    pub group: &'static str,
    pub doc: &'static str,
}

const ALWAYS: &str = "Every order.";
const ANY: &str = "Any payment method.";
const ONE_TIME: &str = "Credit, one-time.";
const INSTALLMENTS: &str = "Credit, installments.";
const RECURRING: &str = "Credit, recurring.";
const ATM: &str = "ATM.";
const CODES: &str = "CVS (minutes, 1-10080) and BARCODE (days, 1-30).";
const ISSUED: &str = "ATM, CVS, BARCODE, ALL.";
const ALL: &str = "ALL.";

const fn required(name: &'static str, wire: &'static str, kind: OptionKind, doc: &'static str) -> OrderOption {
    OrderOption { name, wire, kind, required: true, group: ALWAYS, doc }
}

const fn option(
    name: &'static str,
    wire: &'static str,
    kind: OptionKind,
    group: &'static str,
    doc: &'static str,
) -> OrderOption {
    OrderOption { name, wire, kind, required: false, group, doc }
}

use OptionKind::*;

/// Every order field a merchant may give, the six required ones first, in the order of the docs.
pub static ORDER_OPTIONS: [OrderOption; 42] = [
    required(
        "merchant_trade_no",
        wire::MERCHANT_TRADE_NO,
        Text,
        "MerchantTradeNo: your order number, unique, up to 20 letters and digits.",
    ),
    required("total_amount", wire::TOTAL_AMOUNT, Whole, "TotalAmount in whole NT$."),
    required("trade_desc", wire::TRADE_DESC, Text, "TradeDesc."),
    required("item_name", wire::ITEM_NAME, Items, "ItemName: one item, or several (joined with #)."),
    required(
        "return_url",
        wire::RETURN_URL,
        Text,
        "ReturnURL: where the gateway posts the payment result (fulfil there).",
    ),
    required("choose_payment", wire::CHOOSE_PAYMENT, OneOf(&CHOOSE_PAYMENT), "ChoosePayment: the payment method."),
    option(
        "merchant_trade_date",
        wire::MERCHANT_TRADE_DATE,
        Text,
        ANY,
        "yyyy/MM/dd HH:mm:ss, Taiwan time; default: now.",
    ),
    option("store_id", wire::STORE_ID, Text, ANY, "StoreID."),
    option("order_result_url", wire::ORDER_RESULT_URL, Text, ANY, "The payer's browser is posted the result here."),
    option("client_back_url", wire::CLIENT_BACK_URL, Text, ANY, "The back-to-the-shop link on the gateway's page."),
    option("item_url", wire::ITEM_URL, Text, ANY, "ItemURL."),
    option("remark", wire::REMARK, Text, ANY, "Remark."),
    option("platform_id", wire::PLATFORM_ID, Text, ANY, "PlatformID of a platform merchant."),
    option("invoice_mark", wire::INVOICE_MARK, OneOf(&INVOICE_MARK), ANY, "N: no e-invoice."),
    option("custom_field1", wire::CUSTOM_FIELDS[0], Text, ANY, "CustomField1: returned in every notification."),
    option("custom_field2", wire::CUSTOM_FIELDS[1], Text, ANY, "CustomField2."),
    option("custom_field3", wire::CUSTOM_FIELDS[2], Text, ANY, "CustomField3."),
    option("custom_field4", wire::CUSTOM_FIELDS[3], Text, ANY, "CustomField4."),
    option("language", wire::LANGUAGE, OneOf(&LANGUAGE), ANY, "The language of the payment page."),
    option(
        "need_extra_paid_info",
        wire::NEED_EXTRA_PAID_INFO,
        YesNo,
        ANY,
        "true sends Y: card, bank or store details in the payment result.",
    ),
    option("risk_merchant_member_id", wire::RISK_MERCHANT_MEMBER_ID, Text, ANY, "RiskMerchantMemberID."),
    option("device_source", wire::DEVICE_SOURCE, Text, ANY, "Leave empty."),
    option(
        "choose_sub_payment",
        wire::CHOOSE_SUB_PAYMENT,
        Text,
        ANY,
        "ATM bank (FIRST, CHINATRUST, UBOT, KGI, TAISHIN) or CVS store (CVS, FAMILY, IBON).",
    ),
    option("binding_card", wire::BINDING_CARD, OneZero, ONE_TIME, "true sends 1: remember the card for the member."),
    option(
        "merchant_member_id",
        wire::MERCHANT_MEMBER_ID,
        Text,
        ONE_TIME,
        "MerchantMemberID: the member a bound card belongs to.",
    ),
    option("union_pay", wire::UNION_PAY, Code(&UNION_PAY), ONE_TIME, "0 the payer chooses, 1 UnionPay only, 2 hidden."),
    option("credit_installment", wire::CREDIT_INSTALLMENT, WholeList, INSTALLMENTS, "e.g. [3, 6, 12] (or \"3,6,12\")."),
    option("period_amount", wire::PERIOD_AMOUNT, Whole, RECURRING, "Must equal total_amount."),
    option("period_type", wire::PERIOD_TYPE, OneOf(&PERIOD_TYPE), RECURRING, "D, M or Y."),
    option("frequency", wire::FREQUENCY, Whole, RECURRING, "Every how many days, months or years."),
    option("exec_times", wire::EXEC_TIMES, Whole, RECURRING, "Charges in all."),
    option("period_return_url", wire::PERIOD_RETURN_URL, Text, RECURRING, "Where the gateway posts each later charge."),
    option("expire_date", wire::EXPIRE_DATE, Whole, ATM, "Days, 1-60."),
    option("expire_minute", wire::EXPIRE_MINUTE, Whole, ATM, "Minutes, 10-1440."),
    option("store_expire_date", wire::STORE_EXPIRE_DATE, Whole, CODES, "CVS: minutes, BARCODE: days."),
    option("desc_1", wire::DESCS[0], Text, CODES, "Desc_1: shown on the store's machine."),
    option("desc_2", wire::DESCS[1], Text, CODES, "Desc_2."),
    option("desc_3", wire::DESCS[2], Text, CODES, "Desc_3."),
    option("desc_4", wire::DESCS[3], Text, CODES, "Desc_4."),
    option("payment_info_url", wire::PAYMENT_INFO_URL, Text, ISSUED, "The server is told the payment code here."),
    option(
        "client_redirect_url",
        wire::CLIENT_REDIRECT_URL,
        Text,
        ISSUED,
        "The payer's browser is sent the payment code here.",
    ),
    option("ignore_payment", wire::IGNORE_PAYMENT, Methods, ALL, "Methods not to offer (or \"ATM#CVS\")."),
];
