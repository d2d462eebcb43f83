//! The client settings every language takes (`Client(...)`, `new Client({...})`, PHP's options
//! array, .NET's `ClientOptions`): one list, each setting with its kind, default and doc. Read by
//! [`super::ClientSettings::from_named`] (which names are settings) and by the contract's
//! generator (each language's constructor, options type and docs). A leaf: it names nothing else.

/// The setting names, snake_case (each language may write them in its own casing).
pub mod names {
    pub const MERCHANT_ID: &str = "merchant_id";
    pub const HASH_KEY: &str = "hash_key";
    pub const HASH_IV: &str = "hash_iv";
    pub const CREDIT_CHECK_CODE: &str = "credit_check_code";
    pub const ENVIRONMENT: &str = "environment";
    pub const BASE_URL: &str = "base_url";
    pub const CONNECT_TIMEOUT: &str = "connect_timeout";
    pub const READ_TIMEOUT: &str = "read_timeout";
    pub const RETRIES: &str = "retries";
    pub const INITIAL_BACKOFF: &str = "initial_backoff";
    pub const MAX_BACKOFF: &str = "max_backoff";
    pub const MAX_REPLY_BYTES: &str = "max_reply_bytes";
    pub const PLATFORM_ID: &str = "platform_id";
}

/// What a setting's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingKind {
    /// Text.
    Text,
    /// Text that is a secret: never printed, write-only where a language can say so.
    Secret,
    /// `stage`, `production` or an http(s) URL.
    Environment,
    /// A number of seconds above zero (decimals allowed).
    Seconds,
    /// A whole number of retries, 0–10.
    Count,
    /// A whole number of bytes, ≥ 1.
    Bytes,
}

/// One client setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    /// snake_case; each language re-cases it.
    pub name: &'static str,
    pub kind: SettingKind,
    /// The value when not given, in words (docs), if there is one.
    pub default: Option<&'static str>,
    pub doc: &'static str,
}

const fn setting(name: &'static str, kind: SettingKind, default: Option<&'static str>, doc: &'static str) -> Setting {
    Setting { name, kind, default, doc }
}

/// Every setting, in the order of the docs. The first three are a language's positional
/// credentials where it has them (Python).
pub const SETTINGS: [Setting; 13] = [
    setting(
        names::MERCHANT_ID,
        SettingKind::Text,
        None,
        "MerchantID. With hash_key and hash_iv: all three, or none for the public stage merchant (not in production).",
    ),
    setting(names::HASH_KEY, SettingKind::Secret, None, "HashKey (secret)."),
    setting(names::HASH_IV, SettingKind::Secret, None, "HashIV (secret)."),
    setting(
        names::CREDIT_CHECK_CODE,
        SettingKind::Secret,
        None,
        "CreditCheckCode (back office, credit card settings): needed by query_credit_detail only (secret).",
    ),
    setting(names::ENVIRONMENT, SettingKind::Environment, Some("stage"), "stage (default), production, or an http(s) base URL."),
    setting(
        names::BASE_URL,
        SettingKind::Text,
        None,
        "Another gateway, such as omg-sim's http://127.0.0.1:PORT: only with no environment or stage (rule conflict).",
    ),
    setting(names::CONNECT_TIMEOUT, SettingKind::Seconds, Some("10"), "Seconds to open a connection (decimals allowed); default 10."),
    setting(
        names::READ_TIMEOUT,
        SettingKind::Seconds,
        Some("30"),
        "Seconds to send the request and, separately, to receive the reply; default 30.",
    ),
    setting(
        names::RETRIES,
        SettingKind::Count,
        Some("3"),
        "Retries of the three queries, 0-10 (never of DoAction or CreditCardPeriodAction); default 3.",
    ),
    setting(
        names::INITIAL_BACKOFF,
        SettingKind::Seconds,
        Some("0.2"),
        "Seconds to wait before the first retry (before jitter); default 0.2.",
    ),
    setting(names::MAX_BACKOFF, SettingKind::Seconds, Some("2"), "The longest wait between two attempts, in seconds; default 2."),
    setting(names::MAX_REPLY_BYTES, SettingKind::Bytes, Some("1048576"), "The largest reply accepted, in bytes; default 1 MiB."),
    setting(
        names::PLATFORM_ID,
        SettingKind::Text,
        None,
        "A platform merchant's PlatformID, sent on query_trade, query_period, cancel_period and DoAction when this client (the sub-merchant's MerchantID, the platform's keys) acts for a sub-merchant. Empty sends none.",
    ),
];
