//! The effective client settings as they cross a boundary: what a client built from named values
//! ended up with (defaults filled in, units in seconds). Secrets (HashKey, HashIV,
//! CreditCheckCode) are never part of it.

use crate::client::ClientSettings;

use super::described::describe;

describe! {
    /// A client's effective settings, built by ClientSettings::from_named from named values.
    CLIENT_SETTINGS: ClientSettings as "ClientSettings" |s| {
        /// MerchantID (1000031 when no credentials were given outside production).
        merchant_id: Str = s.config.credentials.merchant_id(),
        /// stage, production or custom (another gateway given by base_url or an environment URL).
        environment: Str in super::value_sets::ENVIRONMENT_NAME = s.environment_name(),
        /// The gateway's base URL, without a trailing slash.
        base_url: Str = s.config.environment.base_url(),
        /// True when talking to the production gateway.
        is_production: Bool = s.config.environment.is_production(),
        /// True when using the public stage merchant's credentials.
        is_stage_merchant: Bool = s.config.credentials.is_public_stage(),
        /// True when a CreditCheckCode was given (QueryTrade/V2 needs it); the code itself is secret.
        has_credit_check_code: Bool = s.config.credentials.credit_check_code().is_some(),
        /// Seconds to open a connection.
        connect_timeout: Float = s.options.connect_timeout.as_secs_f64(),
        /// Seconds to send the request and, separately, to receive the reply's headers and body.
        read_timeout: Float = s.options.read_timeout.as_secs_f64(),
        /// Retries of the three queries (never of DoAction or CreditCardPeriodAction).
        retries: Int = i64::from(s.options.retry.max_retries),
        /// Seconds to wait before the first retry (before jitter).
        initial_backoff: Float = s.options.retry.initial_backoff.as_secs_f64(),
        /// The longest wait between two attempts, in seconds (before jitter).
        max_backoff: Float = s.options.retry.max_backoff.as_secs_f64(),
        /// The largest reply accepted, in bytes.
        max_reply_bytes: Int = i64::try_from(s.options.max_reply_bytes).unwrap_or(i64::MAX),
        /// PlatformID: a platform merchant's id, sent on the four signed server APIs.
        platform_id: OptStr = s.platform_id.as_deref(),
    }
}
