//! Who the merchant is and which gateway it talks to. HashKey and HashIV are secrets: they are
//! never shown by Debug or Display, and no error message carries them.

use std::fmt;

use crate::error::{Error, FieldError, Result};
use crate::rules;

pub const STAGE_BASE_URL: &str = "https://payment-stage.funpoint.com.tw";
pub const PRODUCTION_BASE_URL: &str = "https://payment.funpoint.com.tw";

/// The public stage merchant (protocol.md §1). The 5th character of the HashKey is a lowercase L.
pub const STAGE_MERCHANT_ID: &str = "1000031";
pub const STAGE_HASH_KEY: &str = "265flDjIvesceXWM";
pub const STAGE_HASH_IV: &str = "pOOvhGd1V2pJbjfX";

/// A string that must never be printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"****\"")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

/// A merchant's identity and keys.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    merchant_id: String,
    hash_key: Secret,
    hash_iv: Secret,
    /// The per-merchant number QueryTrade/V2 needs (back office, credit card settings). Not a
    /// hash and not a key, but still not something to print.
    credit_check_code: Option<Secret>,
}

impl Credentials {
    /// Checks that each part is present and of a plausible shape; errors name the field.
    pub fn new(
        merchant_id: impl Into<String>,
        hash_key: impl Into<String>,
        hash_iv: impl Into<String>,
    ) -> Result<Self> {
        let (merchant_id, hash_key, hash_iv) = (merchant_id.into(), hash_key.into(), hash_iv.into());
        let mut errors = Vec::new();
        if merchant_id.is_empty() {
            errors.push(FieldError::new("MerchantID", rules::REQUIRED, "MerchantID is required"));
        } else if merchant_id.chars().count() > 10 {
            errors.push(FieldError::new("MerchantID", rules::MAX_LENGTH, "MerchantID is at most 10 characters"));
        }
        for (name, value) in [("HashKey", &hash_key), ("HashIV", &hash_iv)] {
            if value.is_empty() {
                errors.push(FieldError::new(name, rules::REQUIRED, format!("{name} is required")));
            } else if value.trim() != value {
                errors.push(FieldError::new(name, rules::FORMAT, format!("{name} has leading or trailing whitespace")));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(Credentials { merchant_id, hash_key: Secret(hash_key), hash_iv: Secret(hash_iv), credit_check_code: None })
    }

    /// The public stage merchant 1000031.
    pub fn stage() -> Self {
        Credentials::new(STAGE_MERCHANT_ID, STAGE_HASH_KEY, STAGE_HASH_IV).expect("stage credentials are valid")
    }

    pub fn with_credit_check_code(mut self, code: impl Into<String>) -> Self {
        self.credit_check_code = Some(Secret(code.into()));
        self
    }

    pub fn merchant_id(&self) -> &str {
        &self.merchant_id
    }
    pub fn hash_key(&self) -> &str {
        self.hash_key.expose()
    }
    pub fn hash_iv(&self) -> &str {
        self.hash_iv.expose()
    }
    pub fn credit_check_code(&self) -> Option<&str> {
        self.credit_check_code.as_ref().map(Secret::expose)
    }

    /// True for the public stage merchant's keys, which must never be used in production.
    pub fn is_public_stage(&self) -> bool {
        self.merchant_id == STAGE_MERCHANT_ID || self.hash_key() == STAGE_HASH_KEY
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("merchant_id", &self.merchant_id)
            .field("hash_key", &self.hash_key)
            .field("hash_iv", &self.hash_iv)
            .field("credit_check_code", &self.credit_check_code.as_ref().map(|_| "****"))
            .finish()
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "merchant {} (HashKey ****, HashIV ****)", self.merchant_id)
    }
}

/// Which gateway to talk to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Environment {
    Stage,
    Production,
    /// Any other base URL, such as omg-sim's `http://127.0.0.1:PORT`.
    Custom(String),
}

impl Environment {
    pub fn base_url(&self) -> &str {
        match self {
            Environment::Stage => STAGE_BASE_URL,
            Environment::Production => PRODUCTION_BASE_URL,
            Environment::Custom(url) => url.trim_end_matches('/'),
        }
    }

    pub fn is_production(&self) -> bool {
        matches!(self, Environment::Production)
    }

    /// `stage` or `production` (case-insensitive), or an http(s) base URL.
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "stage" | "test" => Ok(Environment::Stage),
            "production" | "prod" => Ok(Environment::Production),
            _ if s.starts_with("http://") || s.starts_with("https://") => Ok(Environment::Custom(s.trim().to_string())),
            _ => Err(Error::invalid(
                "OMG_ENV",
                rules::ONE_OF,
                format!("environment must be stage, production or an http(s) URL, not {s:?}"),
            )),
        }
    }

    /// The full URL of an API path such as `/Cashier/QueryTradeInfo/V5`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url(), path)
    }
}

/// Credentials and environment together: everything a client needs to talk to a gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub credentials: Credentials,
    pub environment: Environment,
}

impl Config {
    pub fn stage() -> Self {
        Config { credentials: Credentials::stage(), environment: Environment::Stage }
    }

    /// Reads `OMG_MERCHANT_ID`, `OMG_HASH_KEY`, `OMG_HASH_IV`, `OMG_CREDIT_CHECK_CODE`,
    /// `OMG_ENV` (stage|production, default stage) and `OMG_BASE_URL` (overrides the host).
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// `from_env` over any lookup, for tests and embedders. With no merchant variables at all and
    /// a non-production environment, the public stage merchant is used; a partial set is an error
    /// naming each missing variable; production always needs all three.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let mut environment = match get("OMG_ENV") {
            Some(env) => Environment::parse(&env)?,
            None => Environment::Stage,
        };
        if let Some(url) = get("OMG_BASE_URL") {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(Error::invalid(
                    "OMG_BASE_URL",
                    rules::FORMAT,
                    "OMG_BASE_URL must start with http:// or https://",
                ));
            }
            // Production always means the real production host: a base URL beside it would be
            // either ignored or obeyed, and both surprise someone. Refuse the combination.
            // The one conflict rule of client::settings: a base URL goes only with stage.
            if environment != Environment::Stage {
                return Err(Error::invalid(
                    "OMG_BASE_URL",
                    crate::rules::CONFLICT,
                    "OMG_BASE_URL goes only with OMG_ENV unset or stage (production always uses the production gateway)",
                ));
            }
            environment = Environment::Custom(url);
        }
        let names = ["OMG_MERCHANT_ID", "OMG_HASH_KEY", "OMG_HASH_IV"];
        let values: Vec<Option<String>> = names.iter().map(|n| get(n)).collect();
        let credentials = if values.iter().all(Option::is_none) && !environment.is_production() {
            Credentials::stage()
        } else {
            let missing: Vec<FieldError> = names
                .iter()
                .zip(&values)
                .filter(|(_, v)| v.is_none())
                .map(|(n, _)| FieldError::new(*n, rules::REQUIRED, format!("{n} is not set")))
                .collect();
            if !missing.is_empty() {
                return Err(Error::Validation(missing));
            }
            let [id, key, iv] = [&values[0], &values[1], &values[2]].map(|v| v.clone().unwrap_or_default());
            Credentials::new(id, key, iv)?
        };
        let credentials = match get("OMG_CREDIT_CHECK_CODE") {
            Some(code) => credentials.with_credit_check_code(code),
            None => credentials,
        };
        Ok(Config { credentials, environment })
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
    fn debug_and_display_never_show_secrets() {
        let c = Credentials::new("2000132", "SECRETKEY123", "SECRETIV456").unwrap().with_credit_check_code("998877");
        for text in [
            format!("{c:?}"),
            format!("{c}"),
            format!("{:?}", Config { credentials: c.clone(), environment: Environment::Stage }),
        ] {
            assert!(
                !text.contains("SECRETKEY123") && !text.contains("SECRETIV456") && !text.contains("998877"),
                "{text}"
            );
            assert!(text.contains("2000132"));
        }
    }

    #[test]
    fn empty_env_is_the_public_stage_merchant() {
        let c = Config::from_lookup(lookup(&[])).unwrap();
        assert_eq!(c.credentials.merchant_id(), "1000031");
        assert_eq!(c.credentials.hash_key(), "265flDjIvesceXWM");
        assert_eq!(c.environment, Environment::Stage);
    }

    #[test]
    fn partial_credentials_name_every_missing_variable() {
        let err = Config::from_lookup(lookup(&[("OMG_MERCHANT_ID", "2000132")])).unwrap_err();
        let fields: Vec<_> = err.field_errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["OMG_HASH_KEY", "OMG_HASH_IV"]);
    }

    #[test]
    fn production_needs_credentials_and_base_url_overrides_stage() {
        assert!(Config::from_lookup(lookup(&[("OMG_ENV", "production")])).is_err());
        let c = Config::from_lookup(lookup(&[("OMG_BASE_URL", "http://127.0.0.1:9/")])).unwrap();
        assert_eq!(c.environment.url("/Cashier/QueryTradeInfo/V5"), "http://127.0.0.1:9/Cashier/QueryTradeInfo/V5");
        let err =
            Config::from_lookup(lookup(&[("OMG_ENV", "production"), ("OMG_BASE_URL", "https://elsewhere.example")]))
                .unwrap_err();
        assert_eq!(err.field_errors()[0].rule, "conflict");
        // Two URLs leave no obvious winner: the same conflict.
        let err =
            Config::from_lookup(lookup(&[("OMG_ENV", "https://one.example"), ("OMG_BASE_URL", "https://two.example")]))
                .unwrap_err();
        assert_eq!(
            (err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()),
            ("OMG_BASE_URL", "conflict")
        );
        assert!(Config::from_lookup(lookup(&[("OMG_ENV", "stage"), ("OMG_BASE_URL", "http://127.0.0.1:9")])).is_ok());
        let err = Config::from_lookup(lookup(&[("OMG_ENV", "nowhere")])).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "OMG_ENV");
    }
}
