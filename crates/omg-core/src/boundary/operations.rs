//! The operations every language offers: the client's methods (checkout, verification, the server
//! APIs), the module's functions (signing, codes, barcodes, test notifications) and the methods
//! of a verified notification. One entry per operation: its name, its arguments (type,
//! optionality, default), its result, what it does to money and whether it uses the network, and
//! its doc. Each language's type surface and its glue (argument checks, async twins, P/Invoke
//! declarations) are generated from this list by `crates/omg-generate`; the core function each
//! one calls is named in its doc.

use super::desc::{TypeDesc, ValueSet};
use super::value_sets::{ENDPOINT, HASH_METHOD, TEST_NOTIFICATION_KIND};
use super::TRADE_INFO;
use super::{CHECKOUT, CODE_INFO, CREDIT_DETAIL, DO_ACTION_RESULT, EXPLANATION, PERIOD_ACTION_RESULT, PERIOD_INFO};

/// Who offers an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A method of the client (`Client`, `OmgClient`).
    Client,
    /// A function of the module (`omg_payment.check_mac_value`, `OmgPayment.CheckMacValue`).
    Module,
    /// A method of every verified notification.
    Notification,
}

/// What an operation does to the world.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// No network, no state: the same input gives the same answer.
    Pure,
    /// A read-only server API: idempotent, retried by the client's policy.
    Query,
    /// A server API that moves money or ends a schedule: never retried; an unknown outcome is
    /// reconciled with a query (docs/client.md).
    MoneyMoving,
}

impl Effect {
    /// Whether the operation talks to the gateway (async in Node, a thread-pool twin in C#, a
    /// coroutine in Python's AsyncClient).
    pub fn is_network(self) -> bool {
        self != Effect::Pure
    }
}

/// The type of an argument, as every language takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgType {
    /// Text.
    Str,
    /// A whole number.
    Int,
    /// An amount: a whole number, or text of digits (`"1200"`).
    Amount,
    /// Wire fields: a mapping of names to text or whole numbers.
    Fields,
    /// A notification body: the raw bytes (or text) as received, or fields a framework parsed.
    Body,
    /// One value of a closed set.
    OneOf(&'static ValueSet),
    /// One barcode segment, or several stacked top to bottom.
    Segments,
    /// An order: the fields of `ORDER_OPTIONS` (boundary/order_options.rs).
    Order,
}

/// Whether an argument must be given, and what it is when not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Default {
    /// Must be given.
    Required,
    /// May be left out: absent (None, null, undefined).
    Absent,
    /// May be left out: then this value (text, as written in every language's string literal).
    Value(&'static str),
}

/// One argument of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arg {
    /// snake_case; each language re-cases it.
    pub name: &'static str,
    pub ty: ArgType,
    pub default: Default,
    /// An option rather than a positional argument where a language tells them apart: a
    /// keyword-only argument of a Python function, a member of Node's trailing `options` object.
    pub option: bool,
    pub doc: &'static str,
}

impl Arg {
    pub fn is_optional(&self) -> bool {
        self.default != Default::Required
    }
}

/// What an operation returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// Nothing (it succeeds or raises).
    Nothing,
    /// Text.
    Str,
    /// Text or absent.
    OptStr,
    /// true / false.
    Bool,
    /// One object of a described type.
    Record(&'static TypeDesc),
    /// A list of objects of a described type.
    Records(&'static TypeDesc),
    /// A verified notification: its kind's class (PaymentResult, PaymentCodeIssued or
    /// PeriodCharge).
    Notification,
}

/// One operation.
#[derive(Debug, PartialEq, Eq)]
pub struct Operation {
    /// snake_case; each language re-cases it (`query_trade`, `queryTrade`, `QueryTrade`).
    pub name: &'static str,
    /// The method of `omg_core::Client` a binding calls for a network operation (the name, unless
    /// core's differs); empty for the others.
    pub calls: &'static str,
    pub owner: Owner,
    pub args: &'static [Arg],
    pub output: Output,
    pub effect: Effect,
    pub doc: &'static str,
}

impl Operation {
    /// The argument called `name`, if any.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|a| a.name == name)
    }
}

const fn required(name: &'static str, ty: ArgType, doc: &'static str) -> Arg {
    Arg { name, ty, default: Default::Required, option: false, doc }
}

const MERCHANT_TRADE_NO: Arg = required("merchant_trade_no", ArgType::Str, "MerchantTradeNo: your order number.");
const TRADE_NO: Arg = required("trade_no", ArgType::Str, "TradeNo: the gateway's trade number of the card payment.");
const AMOUNT: Arg = required("amount", ArgType::Amount, "The amount, in whole NT$.");
const FIELDS: Arg = required("fields", ArgType::Fields, "The wire fields: names to text or whole numbers.");
const HASH_KEY: Arg = required("hash_key", ArgType::Str, "HashKey (secret).");
const HASH_IV: Arg = required("hash_iv", ArgType::Str, "HashIV (secret).");
const METHOD: Arg = Arg {
    name: "method",
    ty: ArgType::OneOf(&HASH_METHOD),
    default: Default::Value("sha256"),
    option: true,
    doc: "sha256 (every current API) or md5 (legacy EncryptType 0 merchants).",
};
const DO_ACTION_ARGS: [Arg; 3] = [MERCHANT_TRADE_NO, TRADE_NO, AMOUNT];

/// Every operation, in the order of the docs: the client's, the module's, the notification's.
pub static OPERATIONS: [Operation; 20] = [
    Operation {
        name: "checkout",
        calls: "",
        owner: Owner::Client,
        args: &[required("order", ArgType::Order, "The order: its six required fields and any options.")],
        output: Output::Record(&CHECKOUT),
        effect: Effect::Pure,
        doc: "Validates and signs an order for AioCheckOut/V5 (no network): the form the payer's browser posts to the gateway. Every broken rule at once, in one validation error.",
    },
    Operation {
        name: "verify_notification",
        calls: "",
        owner: Owner::Client,
        args: &[
            required("body", ArgType::Body, "The request body as received (best: verified exactly as sent), or the form fields a framework already parsed."),
            Arg {
                name: "endpoint",
                ty: ArgType::OneOf(&ENDPOINT),
                default: Default::Absent,
                option: true,
                doc: "Which of your URLs received it, so the kind is certain instead of inferred from RtnCode and the fields.",
            },
        ],
        output: Output::Notification,
        effect: Effect::Pure,
        doc: "Verifies a notification (no network) and returns it typed: PaymentResult, PaymentCodeIssued or PeriodCharge. A forged or altered body is a signature error; an unreadable one (over 64 KiB, not UTF-8, bad escapes) a decode error; another merchant's a validation error (MerchantID, merchant_mismatch).",
    },
    Operation {
        name: "sign_test_notification",
        calls: "",
        owner: Owner::Client,
        args: &[
            Arg {
                name: "kind",
                ty: ArgType::OneOf(&TEST_NOTIFICATION_KIND),
                default: Default::Value("payment_result"),
                option: false,
                doc: "The notification to start from.",
            },
            Arg {
                name: "fields",
                ty: ArgType::Fields,
                default: Default::Absent,
                option: false,
                doc: "Wire fields set on top of the realistic ones.",
            },
        ],
        output: Output::Str,
        effect: Effect::Pure,
        doc: "A correctly signed test notification body from this client's keys: realistic fields of `kind` with `fields` set on top. For your notification handler's tests.",
    },
    Operation {
        name: "check_credentials",
        calls: "credentials_accepted",
        owner: Owner::Client,
        args: &[],
        output: Output::Bool,
        effect: Effect::Query,
        doc: "The keys self-check: signs a QueryTradeInfo for a made-up order. True when the gateway accepts the CheckMacValue (it answers not found); a gateway error (RtnCode 10200073) naming OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV when it refuses it; a transport error when it cannot be reached. Read-only.",
    },
    Operation {
        name: "query_trade",
        calls: "query_trade",
        owner: Owner::Client,
        args: &[MERCHANT_TRADE_NO],
        output: Output::Record(&TRADE_INFO),
        effect: Effect::Query,
        doc: "QueryTradeInfo/V5: the state of one order. Retried on network failures and HTTP 5xx.",
    },
    Operation {
        name: "query_period",
        calls: "query_period",
        owner: Owner::Client,
        args: &[MERCHANT_TRADE_NO],
        output: Output::Record(&PERIOD_INFO),
        effect: Effect::Query,
        doc: "QueryCreditCardPeriodInfo: a recurring schedule and its charges. Retried.",
    },
    Operation {
        name: "cancel_period",
        calls: "cancel_period",
        owner: Owner::Client,
        args: &[MERCHANT_TRADE_NO],
        output: Output::Record(&PERIOD_ACTION_RESULT),
        effect: Effect::MoneyMoving,
        doc: "CreditCardPeriodAction Cancel: stops a recurring schedule for good. Never retried: on a transport error with outcome_unknown, ask query_period first.",
    },
    Operation {
        name: "capture",
        calls: "capture",
        owner: Owner::Client,
        args: &DO_ACTION_ARGS,
        output: Output::Record(&DO_ACTION_RESULT),
        effect: Effect::MoneyMoving,
        doc: "DoAction C: captures `amount` of an authorised card payment (at most the authorised amount). Never retried: on a transport error with outcome_unknown, ask query_credit_detail first.",
    },
    Operation {
        name: "refund",
        calls: "refund",
        owner: Owner::Client,
        args: &DO_ACTION_ARGS,
        output: Output::Record(&DO_ACTION_RESULT),
        effect: Effect::MoneyMoving,
        doc: "DoAction R: refunds `amount` of a captured card payment. Never retried.",
    },
    Operation {
        name: "cancel_capture",
        calls: "cancel_capture",
        owner: Owner::Client,
        args: &DO_ACTION_ARGS,
        output: Output::Record(&DO_ACTION_RESULT),
        effect: Effect::MoneyMoving,
        doc: "DoAction E: takes back a capture that is still pending. Never retried.",
    },
    Operation {
        name: "abandon",
        calls: "abandon",
        owner: Owner::Client,
        args: &DO_ACTION_ARGS,
        output: Output::Record(&DO_ACTION_RESULT),
        effect: Effect::MoneyMoving,
        doc: "DoAction N: abandons an authorisation that was not captured. Never retried.",
    },
    Operation {
        name: "query_credit_detail",
        calls: "query_credit_detail",
        owner: Owner::Client,
        args: &[
            required("credit_refund_id", ArgType::Str, "The card payment's gwsr (its authorisation number)."),
            required("credit_amount", ArgType::Amount, "The authorised amount."),
        ],
        output: Output::Record(&CREDIT_DETAIL),
        effect: Effect::Query,
        doc: "QueryTrade/V2: a card payment's authorised, captured and refunded amounts. Needs the client's credit_check_code. Retried.",
    },
    Operation {
        name: "check_mac_value",
        calls: "",
        owner: Owner::Module,
        args: &[FIELDS, HASH_KEY, HASH_IV, METHOD],
        output: Output::Str,
        effect: Effect::Pure,
        doc: "The CheckMacValue of `fields` (a CheckMacValue among them is ignored): 64 (SHA-256) or 32 (MD5) uppercase hex digits.",
    },
    Operation {
        name: "explain",
        calls: "",
        owner: Owner::Module,
        args: &[FIELDS, HASH_KEY, HASH_IV, METHOD],
        output: Output::Record(&EXPLANATION),
        effect: Effect::Pure,
        doc: "How the CheckMacValue of `fields` is computed, step by step, HashKey and HashIV masked: for debugging a CheckMacValue Error.",
    },
    Operation {
        name: "describe_code",
        calls: "",
        owner: Owner::Module,
        args: &[required("code", ArgType::Int, "The RtnCode.")],
        output: Output::Record(&CODE_INFO),
        effect: Effect::Pure,
        doc: "What a RtnCode means. An unknown code comes back with category unknown, never a guess.",
    },
    Operation {
        name: "known_codes",
        calls: "",
        owner: Owner::Module,
        args: &[],
        output: Output::Records(&CODE_INFO),
        effect: Effect::Pure,
        doc: "Every RtnCode the SDK knows.",
    },
    Operation {
        name: "barcode_svg",
        calls: "",
        owner: Owner::Module,
        args: &[required("segments", ArgType::Segments, "One segment, or the three BARCODE segments top to bottom.")],
        output: Output::Str,
        effect: Effect::Pure,
        doc: "A Code 39 barcode as an SVG image: one segment, or several (the three of a BARCODE payment slip) stacked top to bottom.",
    },
    Operation {
        name: "sign_test_notification",
        calls: "",
        owner: Owner::Module,
        args: &[
            FIELDS,
            HASH_KEY,
            HASH_IV,
            Arg {
                name: "kind",
                ty: ArgType::OneOf(&TEST_NOTIFICATION_KIND),
                default: Default::Absent,
                option: true,
                doc: "Start from that notification's realistic fields (MerchantID must then be among `fields`).",
            },
        ],
        output: Output::Str,
        effect: Effect::Pure,
        doc: "Signs a test notification and returns the form body the gateway would POST: exactly `fields`, or with `kind` the realistic fields of that notification with `fields` set on top.",
    },
    Operation {
        name: "generate_merchant_trade_no",
        calls: "",
        owner: Owner::Module,
        args: &[Arg {
            name: "prefix",
            ty: ArgType::Str,
            default: Default::Value("A"),
            option: false,
            doc: "1 or 2 letters.",
        }],
        output: Output::Str,
        effect: Effect::Pure,
        doc: "A fresh MerchantTradeNo: `prefix`, the Taiwan time as yyMMddHHmmss and random characters, 20 characters in all; never repeated within this process.",
    },
    Operation {
        name: "nack",
        calls: "",
        owner: Owner::Module,
        args: &[required("message", ArgType::Str, "Why (one line; a newline is replaced).")],
        output: Output::Str,
        effect: Effect::Pure,
        doc: "The refusal reply `0|message`: the gateway will send the notification again later.",
    },
];

/// The methods of every verified notification.
pub static NOTIFICATION_METHODS: [Operation; 2] = [
    Operation {
        name: "get",
        calls: "",
        owner: Owner::Notification,
        args: &[required("name", ArgType::Str, "The exact wire name.")],
        output: Output::OptStr,
        effect: Effect::Pure,
        doc: "Any field received, by its exact wire name.",
    },
    Operation {
        name: "expect_amount",
        calls: "",
        owner: Owner::Notification,
        args: &[required("amount", ArgType::Amount, "The amount of your order.")],
        output: Output::Nothing,
        effect: Effect::Pure,
        doc: "Raises a validation error (rule amount_mismatch, required or format) unless the notified amount (amount_field) is `amount`, the amount of your order.",
    },
];

/// The client's read-only properties: fields of `ClientSettings` (boundary/settings.rs) each
/// language also shows on the client itself; the whole `settings` record is there too.
pub const CLIENT_PROPERTIES: [&str; 4] = ["merchant_id", "base_url", "is_production", "platform_id"];
