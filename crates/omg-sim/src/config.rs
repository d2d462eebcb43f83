//! What a simulator knows before it starts: its merchants and how it re-sends notifications.
//!
//! Merchants come from the builder, from `--merchant` flags, or from a TOML file (named by
//! `--merchants FILE` or the `OMG_SIM_MERCHANTS` environment variable):
//!
//! ```toml
//! [[merchant]]
//! MerchantID = "2000132"
//! HashKey = "..."
//! HashIV = "..."
//! CreditCheckCode = "12345678"   # optional, for QueryTrade/V2
//! PlatformID = ""                # optional
//! ```

use omg_core::rules;
use std::fmt;
use std::time::Duration;

use omg_core::{Credentials, Error, FieldError};
use serde::Deserialize;

/// The CreditCheckCode the simulator gives the public stage merchant 1000031. The real one is
/// shown only in the back office; QueryTrade/V2 against omg-sim must send this number.
pub const STAGE_CREDIT_CHECK_CODE: &str = "59997889";

/// One merchant the simulator accepts requests from.
#[derive(Clone, PartialEq, Eq)]
pub struct Merchant {
    pub credentials: Credentials,
    /// A platform merchant's ID: orders carrying this PlatformID are signed with this merchant's keys.
    pub platform_id: Option<String>,
}

impl Merchant {
    pub fn new(credentials: Credentials) -> Self {
        Merchant { credentials, platform_id: None }
    }

    /// The public stage merchant, with [`STAGE_CREDIT_CHECK_CODE`].
    pub fn stage() -> Self {
        Merchant::new(Credentials::stage().with_credit_check_code(STAGE_CREDIT_CHECK_CODE))
    }

    pub fn id(&self) -> &str {
        self.credentials.merchant_id()
    }

    pub fn with_platform_id(mut self, platform_id: impl Into<String>) -> Self {
        let id = platform_id.into();
        self.platform_id = if id.is_empty() { None } else { Some(id) };
        self
    }

    /// Parses `ID:HASHKEY:HASHIV[:CREDITCHECKCODE]`, the `--merchant` flag's form.
    pub fn parse_flag(spec: &str) -> Result<Self, Error> {
        let parts: Vec<&str> = spec.split(':').collect();
        match parts.as_slice() {
            [id, key, iv] => Ok(Merchant::new(Credentials::new(*id, *key, *iv)?)),
            [id, key, iv, code] => Ok(Merchant::new(Credentials::new(*id, *key, *iv)?.with_credit_check_code(*code))),
            _ => {
                Err(Error::invalid("--merchant", rules::FORMAT, "expected MerchantID:HashKey:HashIV[:CreditCheckCode]"))
            }
        }
    }
}

// The credentials' own Debug masks the keys; this adds nothing secret.
impl fmt::Debug for Merchant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Merchant")
            .field("credentials", &self.credentials)
            .field("platform_id", &self.platform_id)
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MerchantsFile {
    #[serde(default)]
    merchant: Vec<MerchantEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MerchantEntry {
    #[serde(rename = "MerchantID")]
    merchant_id: String,
    #[serde(rename = "HashKey")]
    hash_key: String,
    #[serde(rename = "HashIV")]
    hash_iv: String,
    #[serde(rename = "CreditCheckCode", default)]
    credit_check_code: Option<String>,
    #[serde(rename = "PlatformID", default)]
    platform_id: Option<String>,
}

/// Reads merchants from the TOML text of a merchants file (see the module docs).
pub fn parse_merchants_toml(text: &str) -> Result<Vec<Merchant>, Error> {
    // toml's message names the line and the key; it never contains more of the file than the
    // offending line, which for a bad key could be a HashKey line, so it is summarised instead.
    let file: MerchantsFile = toml::from_str(text).map_err(|e| {
        let span = e.span().map(|s| format!(" at byte {}", s.start)).unwrap_or_default();
        Error::Decode(format!("merchants file is not valid{span}: expected [[merchant]] tables with MerchantID, HashKey, HashIV, CreditCheckCode, PlatformID"))
    })?;
    let mut merchants = Vec::new();
    let mut errors: Vec<FieldError> = Vec::new();
    for (i, entry) in file.merchant.into_iter().enumerate() {
        match Credentials::new(entry.merchant_id, entry.hash_key, entry.hash_iv) {
            Ok(mut credentials) => {
                if let Some(code) = entry.credit_check_code.filter(|c| !c.is_empty()) {
                    credentials = credentials.with_credit_check_code(code);
                }
                let mut merchant = Merchant::new(credentials);
                if let Some(platform) = entry.platform_id {
                    merchant = merchant.with_platform_id(platform);
                }
                merchants.push(merchant);
            }
            Err(e) => errors.extend(
                e.field_errors()
                    .iter()
                    .map(|fe| FieldError { field: format!("merchant[{i}].{}", fe.field), ..fe.clone() }),
            ),
        }
    }
    if errors.is_empty() {
        Ok(merchants)
    } else {
        Err(Error::Validation(errors))
    }
}

/// How often a server notification (ReturnURL, PaymentInfoURL) is re-sent until the merchant
/// answers exactly `1|OK`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RetrySchedule {
    /// For tests: 0.2 s, 0.5 s, 1 s, 2 s, then every 5 s, `max_attempts` in all.
    Accelerated { max_attempts: u32 },
    /// Like the real gateway (V1.3.7 p.24, protocol.md §5): a re-send every 5–15 minutes, at most
    /// four re-sends, all the same day: `max_attempts` in all, the first delivery included.
    Realistic { max_attempts: u32 },
}

/// The real gateway's re-sends of one notification (p.24): four, after the first delivery.
const REALISTIC_RESENDS: u32 = 4;

impl RetrySchedule {
    pub fn accelerated() -> Self {
        RetrySchedule::Accelerated { max_attempts: 8 }
    }

    /// The first delivery and four re-sends, 5–15 minutes apart.
    pub fn realistic() -> Self {
        RetrySchedule::Realistic { max_attempts: 1 + REALISTIC_RESENDS }
    }

    pub fn max_attempts(&self) -> u32 {
        match self {
            RetrySchedule::Accelerated { max_attempts } | RetrySchedule::Realistic { max_attempts } => *max_attempts,
        }
    }

    /// How long to wait after attempt `attempt` (1-based) failed before the next one; None when
    /// no attempt is left. `random` is a number in 0..1 that spreads realistic retries.
    pub fn delay_after(&self, attempt: u32, random: f64) -> Option<Duration> {
        if attempt >= self.max_attempts() {
            return None;
        }
        match self {
            RetrySchedule::Accelerated { .. } => {
                const STEPS_MS: [u64; 4] = [200, 500, 1000, 2000];
                let ms = STEPS_MS.get(attempt as usize - 1).copied().unwrap_or(5000);
                Some(Duration::from_millis(ms))
            }
            RetrySchedule::Realistic { .. } => {
                let minutes = 5.0 + 10.0 * random.clamp(0.0, 1.0);
                Some(Duration::from_secs_f64(minutes * 60.0))
            }
        }
    }
}

/// Everything a simulator is started with. Build it with [`crate::Simulator::builder`].
#[derive(Clone, Debug)]
pub struct SimConfig {
    pub merchants: Vec<Merchant>,
    pub retry: RetrySchedule,
    /// The longest one notification attempt may take (connect + reply).
    pub delivery_timeout: Duration,
    /// Request bodies above this many bytes are refused with 413.
    pub max_body_bytes: usize,
    /// Log each request and each delivery attempt to stderr.
    pub log: bool,
    /// How many delivery attempts the log keeps (the oldest are dropped first).
    pub delivery_log_capacity: usize,
    /// Callback origins delivered to local ones instead (`--forward FROM=TO`).
    pub forwards: Vec<crate::forwarding::Forward>,
    /// Write the `%xx` escapes of notification bodies in lowercase (`%e4%ba%a4`), as captures of
    /// the real gateway show them, instead of uppercase (`--lowercase-escapes`). Both decode to
    /// the same bytes; a receiver that only reads one spelling fails against the real gateway.
    pub lowercase_escapes: bool,
    /// The real gateway's daily auto-close (protocol.md §6, V1.3.7 pp.44–45), a per-merchant
    /// setting there and on for most merchants: authorised card payments are captured by the
    /// gateway itself at 20:15 Taiwan time, and DoAction is refused from 20:15 to 20:30
    /// (`error_autoClose`). On by default, as production behaves; `--no-daily-auto-close` or
    /// `SimulatorBuilder::daily_auto_close(false)` turns it off (a merchant that captures by
    /// itself, or a test that acts at any time of day).
    pub daily_auto_close: bool,
    /// The real gateway's 21-day limit on a manual capture (`error_overDAY`, pp.44–45). On by
    /// default; `--no-capture-limit`, `SimulatorBuilder::capture_limit(false)`.
    pub capture_limit: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            merchants: vec![Merchant::stage()],
            retry: RetrySchedule::accelerated(),
            delivery_timeout: Duration::from_secs(10),
            max_body_bytes: 64 * 1024,
            log: false,
            delivery_log_capacity: 100_000,
            forwards: Vec::new(),
            lowercase_escapes: false,
            daily_auto_close: true,
            capture_limit: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merchants_file_reads_every_field_and_names_bad_entries() {
        let ms = parse_merchants_toml(
            "[[merchant]]\nMerchantID = \"2000132\"\nHashKey = \"5294y06JbISpM5x9\"\nHashIV = \"v77hoKGq4kWxNNIS\"\nCreditCheckCode = \"111\"\nPlatformID = \"3000\"\n",
        )
        .unwrap();
        assert_eq!(ms[0].id(), "2000132");
        assert_eq!(ms[0].credentials.credit_check_code(), Some("111"));
        assert_eq!(ms[0].platform_id.as_deref(), Some("3000"));
        let err =
            parse_merchants_toml("[[merchant]]\nMerchantID = \"\"\nHashKey = \"k\"\nHashIV = \"i\"\n").unwrap_err();
        assert_eq!(err.field_errors()[0].field, "merchant[0].MerchantID");
        let err = parse_merchants_toml("[[merchant]]\nMerchantID = \"1\"\nHashKey = \"SECRETKEY\"\nHashIV = 3\n")
            .unwrap_err();
        assert!(!err.to_string().contains("SECRETKEY"), "{err}");
    }

    #[test]
    fn flag_form_and_debug_hide_keys() {
        let m = Merchant::parse_flag("2000132:SECRETKEY123:SECRETIV456:998877").unwrap();
        assert_eq!(m.id(), "2000132");
        let text = format!("{m:?}");
        assert!(!text.contains("SECRETKEY123") && !text.contains("998877"), "{text}");
        assert!(Merchant::parse_flag("only:two").is_err());
    }

    #[test]
    fn accelerated_schedule_grows_then_stops() {
        let s = RetrySchedule::Accelerated { max_attempts: 6 };
        let delays: Vec<_> = (1..=6).map(|a| s.delay_after(a, 0.5)).collect();
        assert_eq!(delays[0], Some(Duration::from_millis(200)));
        assert_eq!(delays[4], Some(Duration::from_millis(5000)));
        assert_eq!(delays[5], None);
    }

    #[test]
    fn realistic_schedule_is_four_resends_5_to_15_minutes_apart() {
        // V1.3.7 p.24 (protocol.md §5): re-sent every 5-15 minutes, up to four times the same day.
        let s = RetrySchedule::realistic();
        assert_eq!(s.max_attempts(), 5, "the first delivery and four re-sends");
        for attempt in 1..=4 {
            for r in [0.0, 0.5, 1.0] {
                let d = s.delay_after(attempt, r).unwrap().as_secs();
                assert!((300..=900).contains(&d), "{d}");
            }
        }
        assert_eq!(s.delay_after(5, 0.5), None, "no fifth re-send");
        let longest: u64 = (1..=4).map(|a| s.delay_after(a, 1.0).unwrap().as_secs()).sum();
        assert!(longest <= 3600, "all four within the hour: {longest} s");
    }

    #[test]
    fn the_card_time_rules_are_on_by_default() {
        let c = SimConfig::default();
        assert!(c.daily_auto_close && c.capture_limit);
    }
}
