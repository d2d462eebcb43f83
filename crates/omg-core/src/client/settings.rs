//! `ClientSettings`: a client's whole configuration built from named values, the one way every
//! binding makes a client (`Client(merchant_id=..., base_url=...)` in Python, `new Client({...})`
//! in Node, PHP and .NET alike). One set of names, one unit (seconds), one set of defaults and
//! one conflict rule, so the same values mean the same client in every language.
//!
//! The rules, all checked at once (every problem reported together, each naming its setting):
//! - names may be written in any casing (`base_url`, `baseUrl`, `BaseUrl`); an unknown name is
//!   rule `unknown`, one setting given twice rule `duplicate`;
//! - `environment` is `stage` (default), `production` or an http(s) URL; `base_url` is an http(s)
//!   URL (another gateway, such as omg-sim);
//! - **the conflict rule**: `base_url` goes only with no `environment` or `environment=stage`.
//!   With `production` (or a URL) it is rule `conflict` on `base_url`: a client that was told
//!   "production" must never quietly talk to another host, and two URLs leave no obvious winner;
//! - `merchant_id`, `hash_key`, `hash_iv`: all three, or none. None at all means the public stage
//!   merchant (1000031), except with `production`, where all three are `required`;
//! - `connect_timeout`, `read_timeout`, `initial_backoff`, `max_backoff`: seconds (decimals
//!   allowed), above zero, `initial_backoff ≤ max_backoff`; `retries` 0–10; `max_reply_bytes` ≥ 1.
//!   Unset ones keep the defaults of [`super::ClientOptions`] (10 s, 30 s, 0.2 s, 2 s, 3, 1 MiB).
//! - `platform_id`: a platform merchant's PlatformID, sent on the signed server APIs; empty is none.

use std::time::Duration;

use crate::config::{Config, Credentials, Environment};
use crate::error::{Error, FieldError, Result};
use crate::rules;

use super::options::{ClientOptions, MAX_RETRIES_LIMIT};
use super::Client;

pub use super::setting_names::{names, Setting, SettingKind, SETTINGS};

/// A checked client configuration: credentials, gateway and transport options.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientSettings {
    pub config: Config,
    pub options: ClientOptions,
    /// A platform merchant's PlatformID, sent on the signed server APIs (`Client::with_platform_id`).
    pub platform_id: Option<String>,
}

/// Lowercase without underscores: the spelling all casings of a name share.
fn squash(name: &str) -> String {
    name.chars().filter(|c| *c != '_').map(|c| c.to_ascii_lowercase()).collect()
}

/// The setting `name` stands for, in any casing.
pub fn setting_name(name: &str) -> Option<&'static str> {
    let wanted = squash(name);
    SETTINGS.iter().map(|s| s.name).find(|known| squash(known) == wanted)
}

/// `error` with each setting named in its field errors renamed by `casing` (e.g.
/// `boundary::casing::camel_case`: `base_url` → `baseUrl`), so a binding's errors name the option
/// as its callers write it. Other errors and other fields are left as they are.
pub fn name_settings_by(error: Error, casing: impl Fn(&str) -> String) -> Error {
    match error {
        Error::Validation(mut errors) => {
            for e in &mut errors {
                if let Some(setting) = setting_name(&e.field) {
                    e.field = casing(setting);
                }
            }
            Error::Validation(errors)
        }
        other => other,
    }
}

impl ClientSettings {
    /// The settings from `(name, value)` pairs, as a binding hands them over (only the ones the
    /// caller gave; every value as text: `("connect_timeout", "2.5")`). See the module docs for
    /// every rule. Errors are `Error::Validation`, each naming its setting in snake_case.
    pub fn from_named<N: AsRef<str>, V: AsRef<str>>(values: impl IntoIterator<Item = (N, V)>) -> Result<Self> {
        let mut errors = Vec::new();
        let mut given: Vec<(&'static str, String)> = Vec::new();
        for (name, value) in values {
            let (name, value) = (name.as_ref(), value.as_ref());
            match setting_name(name) {
                None => errors.push(FieldError::new(
                    name,
                    rules::UNKNOWN,
                    format!("{name} is not a client setting (known: {})", SETTINGS.map(|s| s.name).join(", ")),
                )),
                Some(setting) if given.iter().any(|(n, _)| *n == setting) => errors.push(FieldError::new(
                    setting,
                    rules::DUPLICATE,
                    format!("{setting} is given twice ({name} is one of them)"),
                )),
                Some(setting) => given.push((setting, value.to_string())),
            }
        }
        let get = |name: &str| given.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str());

        let environment = environment(get(names::ENVIRONMENT), get(names::BASE_URL), &mut errors);
        let production = environment.as_ref().is_some_and(Environment::is_production);
        let credentials = credentials(&get, production, &mut errors);
        let options = options(&get, &mut errors);

        match (environment, credentials) {
            (Some(environment), Some(credentials)) if errors.is_empty() => {
                let platform_id = get(names::PLATFORM_ID).filter(|id| !id.is_empty()).map(str::to_string);
                Ok(ClientSettings { config: Config { credentials, environment }, options, platform_id })
            }
            _ => Err(Error::Validation(errors)),
        }
    }

    /// The client these settings describe.
    pub fn into_client(self) -> Result<Client> {
        Ok(Client::new(self.config, self.options)?.with_platform_id(self.platform_id.unwrap_or_default()))
    }

    /// `stage`, `production` or `custom` (another gateway, such as omg-sim).
    pub fn environment_name(&self) -> &'static str {
        match self.config.environment {
            Environment::Stage => "stage",
            Environment::Production => "production",
            Environment::Custom(_) => "custom",
        }
    }
}

/// The gateway: `environment`, then `base_url` under the conflict rule.
fn environment(named: Option<&str>, base_url: Option<&str>, errors: &mut Vec<FieldError>) -> Option<Environment> {
    let named = match named.map(Environment::parse) {
        None => None,
        Some(Ok(env)) => Some(env),
        Some(Err(_)) => {
            errors.push(FieldError::new(
                names::ENVIRONMENT,
                rules::ONE_OF,
                "environment must be stage, production or an http(s) URL",
            ));
            return None;
        }
    };
    let Some(url) = base_url else {
        return Some(named.unwrap_or(Environment::Stage));
    };
    let url = url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() <= "https://".len() {
        errors.push(FieldError::new(names::BASE_URL, rules::FORMAT, "base_url must be an http:// or https:// URL"));
        return None;
    }
    match named {
        None | Some(Environment::Stage) => Some(Environment::Custom(url.to_string())),
        Some(other) => {
            let what = if other.is_production() { "\"production\"" } else { "a URL" };
            errors.push(FieldError::new(
                names::BASE_URL,
                rules::CONFLICT,
                format!("base_url cannot be combined with environment {what}: give one of them (base_url goes only with stage)"),
            ));
            None
        }
    }
}

/// The merchant: all three of merchant_id, hash_key, hash_iv, or none (the stage merchant, not in
/// production).
fn credentials<'a>(
    get: &impl Fn(&str) -> Option<&'a str>,
    production: bool,
    errors: &mut Vec<FieldError>,
) -> Option<Credentials> {
    let parts = [names::MERCHANT_ID, names::HASH_KEY, names::HASH_IV].map(|n| (n, get(n)));
    let credentials = if parts.iter().all(|(_, v)| v.is_none()) && !production {
        Credentials::stage()
    } else {
        let before = errors.len();
        for (name, value) in parts {
            if value.is_none() {
                let why = if production { "in production" } else { "with the other two" };
                errors.push(FieldError::new(name, rules::REQUIRED, format!("{name} is required {why}")));
            }
        }
        if errors.len() > before {
            return None;
        }
        let [id, key, iv] = parts.map(|(_, v)| v.unwrap_or_default());
        match Credentials::new(id, key, iv) {
            Ok(c) => c,
            Err(e) => {
                // Credentials name the wire fields; a setting is named by its setting name.
                errors.extend(e.field_errors().iter().map(|f| {
                    let name = match f.field.as_str() {
                        "MerchantID" => names::MERCHANT_ID,
                        "HashKey" => names::HASH_KEY,
                        _ => names::HASH_IV,
                    };
                    f.for_field(name)
                }));
                return None;
            }
        }
    };
    Some(match get(names::CREDIT_CHECK_CODE) {
        Some(code) => credentials.with_credit_check_code(code),
        None => credentials,
    })
}

/// The transport options: the defaults, overridden by what is given.
fn options<'a>(get: &impl Fn(&str) -> Option<&'a str>, errors: &mut Vec<FieldError>) -> ClientOptions {
    let mut o = ClientOptions::default();
    let mut set_seconds = |name: &str, target: &mut Duration| {
        if let Some(v) = get(name) {
            match seconds(name, v) {
                Ok(d) => *target = d,
                Err(e) => errors.push(e),
            }
        }
    };
    set_seconds(names::CONNECT_TIMEOUT, &mut o.connect_timeout);
    set_seconds(names::READ_TIMEOUT, &mut o.read_timeout);
    set_seconds(names::INITIAL_BACKOFF, &mut o.retry.initial_backoff);
    set_seconds(names::MAX_BACKOFF, &mut o.retry.max_backoff);
    if let Some(v) = get(names::RETRIES) {
        match whole(names::RETRIES, v, 0, u64::from(MAX_RETRIES_LIMIT)) {
            Ok(n) => o.retry.max_retries = n as u32, // in range, so it fits
            Err(e) => errors.push(e),
        }
    }
    if let Some(v) = get(names::MAX_REPLY_BYTES) {
        match whole(names::MAX_REPLY_BYTES, v, 1, usize::MAX as u64) {
            Ok(n) => o.max_reply_bytes = n as usize,
            Err(e) => errors.push(e),
        }
    }
    if o.retry.initial_backoff > o.retry.max_backoff && errors.iter().all(|e| !e.field.ends_with("backoff")) {
        errors.push(FieldError::new(
            names::INITIAL_BACKOFF,
            rules::RANGE,
            "initial_backoff must not be longer than max_backoff",
        ));
    }
    o
}

/// A number of seconds above zero (decimals allowed).
fn seconds(name: &str, value: &str) -> std::result::Result<Duration, FieldError> {
    let number: f64 = value.trim().parse().map_err(|_| {
        FieldError::new(name, rules::FORMAT, format!("{name} must be a number of seconds, not {value:?}"))
    })?;
    match Duration::try_from_secs_f64(number) {
        Ok(d) if !d.is_zero() => Ok(d),
        _ => Err(FieldError::new(
            name,
            rules::RANGE,
            format!("{name} must be a number of seconds above zero, not {value}"),
        )),
    }
}

/// A whole number in `min..=max`.
fn whole(name: &str, value: &str, min: u64, max: u64) -> std::result::Result<u64, FieldError> {
    match value.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        Ok(_) if max >= usize::MAX as u64 => {
            Err(FieldError::new(name, rules::RANGE, format!("{name} must be at least {min}")))
        }
        Ok(_) => Err(FieldError::new(name, rules::RANGE, format!("{name} must be between {min} and {max}"))),
        Err(_) if value.trim().starts_with('-') => {
            Err(FieldError::new(name, rules::RANGE, format!("{name} must be at least {min}, not {value}")))
        }
        Err(_) => Err(FieldError::new(name, rules::FORMAT, format!("{name} must be a whole number, not {value:?}"))),
    }
}
