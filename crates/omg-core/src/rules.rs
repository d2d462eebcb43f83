//! The stable rule names of [`crate::FieldError::rule`], the same in every language: the one
//! catalogue. A binding or a merchant may branch on these; messages are for people and may change.
//!
//! A [`Rule`] can only be made here, and [`crate::FieldError::new`] and [`crate::Error::invalid`]
//! take a `Rule`, so a rule name outside this catalogue does not compile.
//! `crates/omg-core/tests/rule_catalogue.rs` checks the other direction (every rule here is
//! produced somewhere) and that the docs list exactly these (docs/errors.md).

use std::fmt;

/// One rule name of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rule(&'static str);

impl Rule {
    /// The rule's stable name, e.g. `max_length`.
    pub const fn name(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl From<Rule> for String {
    fn from(rule: Rule) -> String {
        rule.0.to_string()
    }
}

impl PartialEq<Rule> for String {
    fn eq(&self, rule: &Rule) -> bool {
        self == rule.0
    }
}

impl PartialEq<Rule> for &str {
    fn eq(&self, rule: &Rule) -> bool {
        *self == rule.0
    }
}

/// The value is missing (or empty where it must not be).
pub const REQUIRED: Rule = Rule("required");
/// Longer than the protocol allows.
pub const MAX_LENGTH: Rule = Rule("max_length");
/// Holds characters the field does not allow.
pub const CHARSET: Rule = Rule("charset");
/// A number outside its allowed range.
pub const RANGE: Rule = Rule("range");
/// Not one of the allowed values.
pub const ONE_OF: Rule = Rule("one_of");
/// Not written the way the field must be written (a number, a date, a URL).
pub const FORMAT: Rule = Rule("format");
/// Holds an HTML tag (the gateway refuses them).
pub const HTML: Rule = Rule("html");
/// Not allowed with the other values given (e.g. a field of another payment method).
pub const NOT_ALLOWED: Rule = Rule("not_allowed");
/// Two values that cannot be given together (e.g. base_url with environment "production").
pub const CONFLICT: Rule = Rule("conflict");
/// The same field given twice.
pub const DUPLICATE: Rule = Rule("duplicate");
/// A name the SDK does not know (often a typo).
pub const UNKNOWN: Rule = Rule("unknown");
/// A value of the wrong type for the host language (text where a number was expected, ...).
pub const TYPE: Rule = Rule("type");
/// Text that is not valid UTF-8 (PHP strings are bytes).
pub const ENCODING: Rule = Rule("encoding");
/// A list item that holds the list's separator (`#` in ItemName, IgnorePayment...).
pub const SEPARATOR: Rule = Rule("separator");
/// A list with an empty item (two `#` in a row, or one at either end).
pub const EMPTY_ITEM: Rule = Rule("empty_item");
/// A notified amount that is not the amount of the order.
pub const AMOUNT_MISMATCH: Rule = Rule("amount_mismatch");
/// A notification for another merchant.
pub const MERCHANT_MISMATCH: Rule = Rule("merchant_mismatch");
/// A value that does not match the merchant's (e.g. CreditCheckCode).
pub const MISMATCH: Rule = Rule("mismatch");
/// An API the stage gateway does not have (DoAction, QueryTrade/V2): rehearse it on omg-sim.
pub const NO_STAGE_API: Rule = Rule("no_stage_api");
/// The public stage merchant's credentials used against production.
pub const STAGE_CREDENTIALS: Rule = Rule("stage_credentials");
/// A callback URL that must be https:// in production.
pub const HTTPS: Rule = Rule("https");
/// A callback URL on a port the production gateway does not call.
pub const PORT: Rule = Rule("port");
/// A checkout warning: one server route receives two kinds of notification (PeriodReturnURL =
/// ReturnURL), so it must accept both.
pub const SHARED_ROUTE: Rule = Rule("shared_route");
/// The command-line tools: a file that cannot be read (a key file, omg-sim's merchants file).
pub const UNREADABLE: Rule = Rule("unreadable");
/// The command-line tools: a port that cannot be listened on.
pub const UNAVAILABLE: Rule = Rule("unavailable");
/// The command-line tools: a money-moving command that was not confirmed.
pub const DECLINED: Rule = Rule("declined");

/// Every rule above, in this order, for docs and generators.
pub const ALL: [Rule; 26] = [
    REQUIRED,
    MAX_LENGTH,
    CHARSET,
    RANGE,
    ONE_OF,
    FORMAT,
    HTML,
    NOT_ALLOWED,
    CONFLICT,
    DUPLICATE,
    UNKNOWN,
    TYPE,
    ENCODING,
    SEPARATOR,
    EMPTY_ITEM,
    AMOUNT_MISMATCH,
    MERCHANT_MISMATCH,
    MISMATCH,
    NO_STAGE_API,
    STAGE_CREDENTIALS,
    HTTPS,
    PORT,
    SHARED_ROUTE,
    UNREADABLE,
    UNAVAILABLE,
    DECLINED,
];
