//! What every request shares: signing (merchant side), verifying and reading fields (omg-sim side),
//! and the TimeStamp window.

use crate::clock::Clock;
use crate::config::Credentials;
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::mac::{self, HashMethod};
use crate::rules;

use super::{Api, ApiRequest};

/// How far a request's TimeStamp may be from the gateway's clock: 3 minutes (protocol.md §6).
pub const TIME_STAMP_TOLERANCE_SECONDS: i64 = 180;

/// True when `time_stamp` (Unix seconds) is within [`TIME_STAMP_TOLERANCE_SECONDS`] of `clock`,
/// either way. For omg-sim, which decides itself what to do with a stale request.
pub fn time_stamp_is_fresh(time_stamp: i64, clock: &dyn Clock) -> bool {
    time_stamp.abs_diff(clock.now_unix()) <= TIME_STAMP_TOLERANCE_SECONDS as u64
}

/// The current TimeStamp value.
pub(crate) fn time_stamp(clock: &dyn Clock) -> String {
    clock.now_unix().to_string()
}

/// Signs `fields` (SHA-256: the server APIs carry no EncryptType) into a request for `api`.
pub(crate) fn signed(api: Api, mut fields: Fields, credentials: &Credentials) -> Result<ApiRequest> {
    mac::sign_in_place(&mut fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256)?;
    Ok(ApiRequest {
        api,
        path: api.path(),
        fields,
        idempotent: api.is_idempotent(),
        reconcile_with: api.reconciled_by(),
    })
}

/// MerchantID and a checked MerchantTradeNo (and a checked PlatformID, pushed by the caller where
/// the API wants it): how the requests about one recurring order begin (QueryCreditCardPeriodInfo,
/// CreditCardPeriodAction).
pub(crate) fn order_fields(
    credentials: &Credentials,
    merchant_trade_no: &str,
    platform_id: Option<&str>,
) -> Result<Fields> {
    let mut errors = Vec::new();
    check_trade_number("MerchantTradeNo", merchant_trade_no, &mut errors);
    check_platform_id(platform_id.unwrap_or(""), &mut errors);
    finish(errors)?;
    let mut fields = Fields::new();
    fields.push("MerchantID", credentials.merchant_id());
    fields.push("MerchantTradeNo", merchant_trade_no);
    Ok(fields)
}

/// Turns collected field errors into a result.
pub(crate) fn finish(errors: Vec<FieldError>) -> Result<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// Records the errors of an order number or trade number: required, at most 20, letters and
/// digits only.
pub(crate) fn check_trade_number(field: &str, value: &str, errors: &mut Vec<FieldError>) {
    if value.is_empty() {
        errors.push(FieldError::new(field, rules::REQUIRED, format!("{field} is required")));
    } else if value.chars().count() > 20 {
        errors.push(FieldError::new(field, rules::MAX_LENGTH, format!("{field} is at most 20 characters")));
    } else if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        errors.push(FieldError::new(field, rules::CHARSET, format!("{field} holds letters and digits only")));
    }
}

/// Records an error unless `amount` is a whole number of at least 1.
pub(crate) fn check_amount(field: &str, amount: i64, errors: &mut Vec<FieldError>) {
    if amount < 1 {
        errors.push(FieldError::new(field, rules::RANGE, format!("{field} must be at least 1, not {amount}")));
    }
}

/// Records an error for a PlatformID longer than 10 characters.
pub(crate) fn check_platform_id(value: &str, errors: &mut Vec<FieldError>) {
    if value.chars().count() > 10 {
        errors.push(FieldError::new("PlatformID", rules::MAX_LENGTH, "PlatformID is at most 10 characters"));
    }
}

/// Appends PlatformID when one is given; an empty one is left out (a field not sent is not signed).
pub(crate) fn push_platform_id(fields: &mut Fields, platform_id: Option<&str>) {
    if let Some(id) = platform_id.filter(|id| !id.is_empty()) {
        fields.push("PlatformID", id);
    }
}

/// omg-sim side: checks CheckMacValue (SHA-256) and that MerchantID is the credentials' merchant.
pub(crate) fn verify_incoming(fields: &Fields, credentials: &Credentials) -> Result<()> {
    mac::verify(fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256)?;
    match fields.get("MerchantID") {
        None | Some("") => Err(Error::invalid("MerchantID", rules::REQUIRED, "MerchantID is required")),
        Some(id) if id != credentials.merchant_id() => Err(Error::invalid(
            "MerchantID",
            rules::MERCHANT_MISMATCH,
            format!("the request is for merchant {id}, not for {}", credentials.merchant_id()),
        )),
        Some(_) => Ok(()),
    }
}

/// omg-sim side: reads the fields of an incoming request, collecting every error.
pub(crate) struct Reader<'a> {
    fields: &'a Fields,
    pub errors: Vec<FieldError>,
}

impl<'a> Reader<'a> {
    pub fn new(fields: &'a Fields) -> Self {
        Reader { fields, errors: Vec::new() }
    }

    /// A field that must be present and non-empty (`required` otherwise); `""` when missing.
    pub fn required(&mut self, name: &str) -> &'a str {
        match self.fields.get(name) {
            Some(value) if !value.is_empty() => value,
            _ => {
                self.errors.push(FieldError::new(name, rules::REQUIRED, format!("{name} is required")));
                ""
            }
        }
    }

    /// A field that may be absent; empty counts as absent.
    pub fn optional(&self, name: &str) -> Option<&'a str> {
        self.fields.get(name).filter(|v| !v.is_empty())
    }

    /// A required whole number (`required` or `format` otherwise); 0 when unusable.
    pub fn number(&mut self, name: &str) -> i64 {
        let value = self.required(name);
        if value.is_empty() {
            return 0;
        }
        match value.parse() {
            Ok(n) => n,
            Err(_) => {
                self.errors.push(FieldError::new(
                    name,
                    rules::FORMAT,
                    format!("{name} must be a whole number, not {value:?}"),
                ));
                0
            }
        }
    }

    /// A required order or trade number, checked like `check_trade_number`.
    pub fn trade_number(&mut self, name: &str) -> &'a str {
        let value = self.fields.get(name).unwrap_or("");
        check_trade_number(name, value, &mut self.errors);
        value
    }

    pub fn finish(self) -> Result<()> {
        finish(self.errors)
    }
}
