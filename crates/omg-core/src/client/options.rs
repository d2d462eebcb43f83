//! How the client talks to the gateway: timeouts, retries, the reply size cap. Every value has a
//! documented default (docs/client.md) and the most-tuned ones an `OMG_*` environment override.

use std::time::Duration;

use crate::error::{Error, FieldError, Result};
use crate::rules;

/// Default time to open a TCP (and TLS) connection: 10 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time to wait for the reply once the request is sent (headers, then body, each): 30 s.
/// The gateway answers in well under a second; 30 s is for a slow day, not a normal one.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// Default number of retries of a query after the first attempt: 3 (so at most 4 attempts).
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// Default wait before the first retry (before jitter): 200 ms.
pub const DEFAULT_INITIAL_BACKOFF: Duration = Duration::from_millis(200);
/// Default cap of the wait between retries (before jitter): 2 s.
pub const DEFAULT_MAX_BACKOFF: Duration = Duration::from_secs(2);
/// Default largest reply read: 1 MiB. A real reply is a few KiB; a bigger one is refused as an
/// error rather than truncated, because a truncated reply could still look valid.
pub const DEFAULT_MAX_REPLY_BYTES: usize = 1024 * 1024;

/// The most retries `OMG_MAX_RETRIES` / [`ClientOptions::validate`] accept: a client that retries
/// more than this is hiding an outage, not riding out a blip.
pub const MAX_RETRIES_LIMIT: u32 = 10;
/// The longest connect or read timeout accepted: one day. Far beyond any gateway call, and far
/// from the overflow of adding a `Duration` to an `Instant` (a 9.2e18-second timeout panicked).
pub const MAX_TIMEOUT: Duration = Duration::from_secs(24 * 60 * 60);

/// When and how often a query is sent again. Applies only to the three queries (QueryTradeInfo,
/// QueryCreditCardPeriodInfo, QueryTrade/V2): DoAction and CreditCardPeriodAction are never
/// retried, whatever this says.
///
/// The wait before retry `n` (0-based) is `min(max_backoff, initial_backoff × 2ⁿ)`, of which a
/// random half is taken off ("equal jitter"): so it lies between half that value and that value.
/// The jitter keeps many clients that failed together from retrying together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retrying off.
    pub max_retries: u32,
    /// The wait before the first retry, before jitter.
    pub initial_backoff: Duration,
    /// The longest wait between two attempts, before jitter.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: DEFAULT_MAX_RETRIES,
            initial_backoff: DEFAULT_INITIAL_BACKOFF,
            max_backoff: DEFAULT_MAX_BACKOFF,
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }
}

/// Transport settings of a [`super::Client`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientOptions {
    /// Time to open a connection (DNS, TCP, TLS). Default [`DEFAULT_CONNECT_TIMEOUT`]; env
    /// `OMG_CONNECT_TIMEOUT_MS`.
    pub connect_timeout: Duration,
    /// Time to send the request and, separately, to receive the reply's headers and its body.
    /// Default [`DEFAULT_READ_TIMEOUT`]; env `OMG_READ_TIMEOUT_MS`.
    pub read_timeout: Duration,
    /// Retries of queries. Default [`RetryPolicy::default`]; env `OMG_MAX_RETRIES` sets
    /// `max_retries`.
    pub retry: RetryPolicy,
    /// The largest reply accepted, in bytes. Default [`DEFAULT_MAX_REPLY_BYTES`] (1 MiB).
    pub max_reply_bytes: usize,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            read_timeout: DEFAULT_READ_TIMEOUT,
            retry: RetryPolicy::default(),
            max_reply_bytes: DEFAULT_MAX_REPLY_BYTES,
        }
    }
}

impl ClientOptions {
    /// The defaults, overridden by `OMG_CONNECT_TIMEOUT_MS`, `OMG_READ_TIMEOUT_MS` (milliseconds,
    /// ≥ 1) and `OMG_MAX_RETRIES` (0–10) when set. A value that is not a number in range is an
    /// `Error::Validation` naming the variable, never silently ignored.
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`ClientOptions::from_env`] over any lookup, for tests and embedders.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let mut options = ClientOptions::default();
        let mut errors = Vec::new();
        let get = |name: &str| lookup(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        if let Some(ms) = get("OMG_CONNECT_TIMEOUT_MS") {
            match parse_in_range("OMG_CONNECT_TIMEOUT_MS", &ms, 1, u64::MAX) {
                Ok(ms) => options.connect_timeout = Duration::from_millis(ms),
                Err(e) => errors.push(e),
            }
        }
        if let Some(ms) = get("OMG_READ_TIMEOUT_MS") {
            match parse_in_range("OMG_READ_TIMEOUT_MS", &ms, 1, u64::MAX) {
                Ok(ms) => options.read_timeout = Duration::from_millis(ms),
                Err(e) => errors.push(e),
            }
        }
        if let Some(n) = get("OMG_MAX_RETRIES") {
            match parse_in_range("OMG_MAX_RETRIES", &n, 0, u64::from(MAX_RETRIES_LIMIT)) {
                // In range, so it fits.
                Ok(n) => options.retry.max_retries = n as u32,
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(options)
    }

    /// Checks that every value makes sense: timeouts and the size cap above zero, at most
    /// [`MAX_RETRIES_LIMIT`] retries, `initial_backoff ≤ max_backoff`. Errors name the option.
    pub fn validate(&self) -> Result<()> {
        let mut errors = Vec::new();
        for (name, timeout) in [("connect_timeout", self.connect_timeout), ("read_timeout", self.read_timeout)] {
            if timeout.is_zero() {
                errors.push(FieldError::new(name, rules::RANGE, format!("{name} must be more than zero")));
            } else if timeout > MAX_TIMEOUT {
                errors.push(FieldError::new(
                    name,
                    rules::RANGE,
                    format!("{name} must be at most {} seconds", MAX_TIMEOUT.as_secs()),
                ));
            }
        }
        if self.max_reply_bytes == 0 {
            errors.push(FieldError::new("max_reply_bytes", rules::RANGE, "max_reply_bytes must be more than zero"));
        }
        if self.retry.max_retries > MAX_RETRIES_LIMIT {
            errors.push(FieldError::new(
                "retry.max_retries",
                rules::RANGE,
                format!("retry.max_retries must be at most {MAX_RETRIES_LIMIT}"),
            ));
        }
        if self.retry.initial_backoff > self.retry.max_backoff {
            errors.push(FieldError::new(
                "retry.initial_backoff",
                rules::RANGE,
                "retry.initial_backoff must not be longer than retry.max_backoff",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }
}

fn parse_in_range(name: &str, value: &str, min: u64, max: u64) -> std::result::Result<u64, FieldError> {
    match value.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        Ok(_) if max == u64::MAX => Err(FieldError::new(name, rules::RANGE, format!("{name} must be at least {min}"))),
        Ok(_) => Err(FieldError::new(name, rules::RANGE, format!("{name} must be between {min} and {max}"))),
        Err(_) => Err(FieldError::new(name, rules::FORMAT, format!("{name} must be a whole number, not {value:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn env_overrides_the_documented_defaults() {
        let none = ClientOptions::from_lookup(lookup(&[])).unwrap();
        assert_eq!(none, ClientOptions::default());
        assert_eq!(none.connect_timeout, Duration::from_secs(10));
        assert_eq!(none.read_timeout, Duration::from_secs(30));
        assert_eq!(none.retry.max_retries, 3);
        assert_eq!(none.max_reply_bytes, 1 << 20);

        let set = ClientOptions::from_lookup(lookup(&[
            ("OMG_CONNECT_TIMEOUT_MS", "250"),
            ("OMG_READ_TIMEOUT_MS", " 1500 "),
            ("OMG_MAX_RETRIES", "0"),
        ]))
        .unwrap();
        assert_eq!(set.connect_timeout, Duration::from_millis(250));
        assert_eq!(set.read_timeout, Duration::from_millis(1500));
        assert_eq!(set.retry.max_retries, 0);
    }

    #[test]
    fn bad_env_values_are_errors_naming_each_variable() {
        let err = ClientOptions::from_lookup(lookup(&[
            ("OMG_CONNECT_TIMEOUT_MS", "0"),
            ("OMG_READ_TIMEOUT_MS", "2s"),
            ("OMG_MAX_RETRIES", "11"),
        ]))
        .unwrap_err();
        let got: Vec<(&str, &str)> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
        assert_eq!(
            got,
            [("OMG_CONNECT_TIMEOUT_MS", "range"), ("OMG_READ_TIMEOUT_MS", "format"), ("OMG_MAX_RETRIES", "range")]
        );
    }

    #[test]
    fn validate_refuses_nonsense() {
        assert!(ClientOptions::default().validate().is_ok());
        let huge =
            ClientOptions { read_timeout: Duration::from_secs(9_200_000_000_000_000_000), ..ClientOptions::default() };
        assert_eq!(huge.validate().unwrap_err().field_errors()[0].field, "read_timeout");
        let bad = ClientOptions {
            connect_timeout: Duration::ZERO,
            read_timeout: Duration::ZERO,
            max_reply_bytes: 0,
            retry: RetryPolicy {
                max_retries: 99,
                initial_backoff: Duration::from_secs(5),
                max_backoff: Duration::from_secs(1),
            },
        };
        let fields: Vec<String> = bad.validate().unwrap_err().field_errors().iter().map(|e| e.field.clone()).collect();
        assert_eq!(
            fields,
            ["connect_timeout", "read_timeout", "max_reply_bytes", "retry.max_retries", "retry.initial_backoff"]
        );
    }
}
