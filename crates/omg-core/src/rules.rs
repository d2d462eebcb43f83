//! The stable rule names of [`crate::FieldError::rule`], the same in every language. A binding or
//! a merchant may branch on these; messages are for people and may change.

/// The value is missing (or empty where it must not be).
pub const REQUIRED: &str = "required";
/// Longer than the protocol allows.
pub const MAX_LENGTH: &str = "max_length";
/// Holds characters the field does not allow.
pub const CHARSET: &str = "charset";
/// A number outside its allowed range.
pub const RANGE: &str = "range";
/// Not one of the allowed values.
pub const ONE_OF: &str = "one_of";
/// Not written the way the field must be written (a number, a date, a URL).
pub const FORMAT: &str = "format";
/// Not allowed with the other values given (e.g. a field of another payment method).
pub const NOT_ALLOWED: &str = "not_allowed";
/// Two values that cannot be given together (e.g. base_url with environment "production").
pub const CONFLICT: &str = "conflict";
/// The same field given twice.
pub const DUPLICATE: &str = "duplicate";
/// A name the SDK does not know (often a typo).
pub const UNKNOWN: &str = "unknown";
/// A value of the wrong type for the host language (text where a number was expected, ...).
pub const TYPE: &str = "type";
/// A notified amount that is not the amount of the order.
pub const AMOUNT_MISMATCH: &str = "amount_mismatch";
/// A notification for another merchant.
pub const MERCHANT_MISMATCH: &str = "merchant_mismatch";
/// A value that does not match the merchant's (e.g. CreditCheckCode).
pub const MISMATCH: &str = "mismatch";
/// The public stage merchant's credentials used against production.
pub const STAGE_CREDENTIALS: &str = "stage_credentials";
/// A callback URL that must be https:// in production.
pub const HTTPS: &str = "https";
/// A callback URL on a port the production gateway does not call.
pub const PORT: &str = "port";
/// A checkout warning: one server route receives two kinds of notification (PeriodReturnURL =
/// ReturnURL), so it must accept both.
pub const SHARED_ROUTE: &str = "shared_route";

/// Every rule name above, for docs and generators.
pub const ALL: [&str; 18] = [
    REQUIRED,
    MAX_LENGTH,
    CHARSET,
    RANGE,
    ONE_OF,
    FORMAT,
    NOT_ALLOWED,
    CONFLICT,
    DUPLICATE,
    UNKNOWN,
    TYPE,
    AMOUNT_MISMATCH,
    MERCHANT_MISMATCH,
    MISMATCH,
    STAGE_CREDENTIALS,
    HTTPS,
    PORT,
    SHARED_ROUTE,
];
