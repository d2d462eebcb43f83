//! A verified notification and the checks a merchant runs before acting on it.

use crate::config::Credentials;
use crate::error::{Error, Result};
use crate::fields::{Fields, MAX_BODY_BYTES};
use crate::mac::meaning::{check_meaning_known, Shape};
use crate::mac::names::KnownFields;
use crate::mac::{self, HashMethod};
use crate::rules;

use super::kind::{Endpoint, NotificationKind};

/// A notification whose CheckMacValue has been verified. Holds every field received, in order,
/// unknown extra ones and CheckMacValue included (see [`Notification::raw`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    fields: Fields,
    kind: NotificationKind,
}

/// Verifies a raw notification body (SHA-256, as funpoint signs every notification).
///
/// Steps: refuse a body over [`MAX_BODY_BYTES`] or an empty one (`Error::Decode`); parse it as
/// form data (`Error::Decode` for bad escapes or non-UTF-8, `Error::Validation` rule `duplicate`
/// for a repeated field); check CheckMacValue over every field (`Error::Signature`); check that
/// MerchantID is the credentials' merchant id (see [`Notification::from_fields`]).
pub fn verify_notification(body: &[u8], credentials: &Credentials) -> Result<Notification> {
    verify_notification_with(body, credentials, HashMethod::from_encrypt_type(None))
}

/// [`verify_notification`] with an explicit hash, for legacy MD5 (EncryptType 0) merchants.
pub fn verify_notification_with(body: &[u8], credentials: &Credentials, method: HashMethod) -> Result<Notification> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::Decode(format!(
            "notification body is {} bytes, more than the {MAX_BODY_BYTES} bytes allowed",
            body.len()
        )));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Decode("notification body is empty".into()));
    }
    // The plain case is verified from borrowed slices of the body; anything else (and so every
    // parse error) goes the ordinary way, which reads the same fields when both can.
    if let Some(fields) = mac::body::verify_form(body, credentials.hash_key(), credentials.hash_iv(), method)? {
        return Notification::from_verified(fields, credentials);
    }
    let fields = Fields::parse_form(body)?;
    Notification::from_fields_with(fields, credentials, method)
}

/// The table of names `check_meaning` holds a notification of `kind` to.
fn shape_of(kind: NotificationKind) -> Shape {
    match kind {
        NotificationKind::PaymentResult => Shape::PaymentResult,
        NotificationKind::PaymentCodeIssued => Shape::PaymentCodeIssued,
        NotificationKind::PeriodCharge => Shape::PeriodCharge,
    }
}

impl Notification {
    /// Verifies fields that a framework already parsed from the form body (SHA-256).
    ///
    /// The MerchantID check: a notification whose signature is valid but whose MerchantID is not
    /// `credentials.merchant_id()` is authentic yet meant for another merchant (several shops on
    /// one platform's keys, a copied configuration). It is refused as `Error::Validation` on field
    /// `MerchantID`, rule `merchant_mismatch` — not as a signature error, because nothing was
    /// tampered with and the fix is in the configuration. A platform merchant verifying its
    /// sub-merchants' notifications builds `Credentials` from the sub-merchant id and the
    /// platform's keys.
    pub fn from_fields(fields: Fields, credentials: &Credentials) -> Result<Self> {
        Self::from_fields_with(fields, credentials, HashMethod::from_encrypt_type(None))
    }

    /// [`Notification::from_fields`] with an explicit hash method (legacy MD5 merchants).
    /// After the signature, [`check_meaning`](crate::mac::meaning::check_meaning) refuses (`Error::Signature`) a body whose reading
    /// could differ from what the gateway signed: a known name in another case, a field folded
    /// into a value, a payment result without TradeNo, a period charge without its field set.
    pub fn from_fields_with(fields: Fields, credentials: &Credentials, method: HashMethod) -> Result<Self> {
        mac::verify(&fields, credentials.hash_key(), credentials.hash_iv(), method)?;
        Self::from_verified(fields, credentials)
    }

    /// The checks after the signature: meaning, MerchantID.
    fn from_verified(fields: Fields, credentials: &Credentials) -> Result<Self> {
        let known = KnownFields::of(&fields);
        let kind = NotificationKind::classify_known(&known);
        check_meaning_known(&fields, &known, shape_of(kind))?;
        match known.get("MerchantID") {
            None => {
                return Err(Error::invalid("MerchantID", rules::REQUIRED, "the notification carries no MerchantID"))
            }
            Some(id) if id != credentials.merchant_id() => {
                return Err(Error::invalid(
                    "MerchantID",
                    rules::MERCHANT_MISMATCH,
                    format!("the notification is for merchant {id}, not for {}", credentials.merchant_id()),
                ))
            }
            Some(_) => require_merchant_trade_no(known.get("MerchantTradeNo"))?,
        }
        Ok(Notification { fields, kind })
    }

    pub fn kind(&self) -> NotificationKind {
        self.kind
    }

    /// The same notification, its kind fixed by the URL it was posted to rather than inferred from
    /// its fields (see [`NotificationKind::classify`] for the inference). A handler mounted on one
    /// URL should say which: `verify_notification(body, &creds)?.received_at(Endpoint::ReturnUrl)`.
    pub fn received_at(mut self, endpoint: Endpoint) -> Self {
        self.kind = endpoint.kind();
        self
    }

    /// Every field received, in order, CheckMacValue and unknown fields included.
    pub fn raw(&self) -> &Fields {
        &self.fields
    }

    pub fn into_raw(self) -> Fields {
        self.fields
    }

    /// Any field by its exact name.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key)
    }

    /// True when money was taken: a payment result or a period charge with RtnCode 1 that is not
    /// a back-office simulation (SimulatePaid `1`, see [`Notification::is_simulated`]). A payment
    /// code being issued is never "paid".
    pub fn is_paid(&self) -> bool {
        matches!(self.kind, NotificationKind::PaymentResult | NotificationKind::PeriodCharge)
            && self.rtn_code() == Some(1)
            && !self.is_simulated()
    }

    /// True for a payment simulated from the back office (SimulatePaid `1`): no money moved, never
    /// ship goods for it.
    pub fn is_simulated(&self) -> bool {
        self.fields.get("SimulatePaid").map(str::trim) == Some("1")
    }

    /// A key that is equal for re-sent copies of one notification and different for different
    /// events, for a "have I processed this?" table. Notifications carry no id or timestamp and a
    /// re-sent one may carry another RtnMsg, so the key is built from state only:
    ///
    /// - payment result / code issued: `{kind}|{MerchantTradeNo}|{TradeNo}|{RtnCode}`
    /// - period charge: `period_charge|{MerchantTradeNo}|{Gwsr}|{RtnCode}|{TotalSuccessTimes}|{ProcessDate}`
    ///
    /// `{kind}` is [`NotificationKind::as_str`]. A missing field is an empty part. Parts are
    /// ASCII-lowercased, as CheckMacValue compares them: a copy whose MerchantTradeNo differs only
    /// in case carries the same signature, so it must not make a new key. A simulated
    /// notification (SimulatePaid `1`) gets the suffix `|simulated`, so the real payment that may
    /// follow a back-office simulation of the same order is not taken for a duplicate of it. `%` and `|`
    /// inside a value are written `%25` and `%7C` so parts can never run into each other.
    /// ProcessDate is part of the period key because a failed period leaves TotalSuccessTimes
    /// unchanged: without it two failed periods in a row could share a key. This format is
    /// stable: stored keys stay valid across versions.
    pub fn dedupe_key(&self) -> String {
        let parts: &[&str] = match self.kind {
            NotificationKind::PeriodCharge => {
                &["MerchantTradeNo", "Gwsr", "RtnCode", "TotalSuccessTimes", "ProcessDate"]
            }
            _ => &["MerchantTradeNo", "TradeNo", "RtnCode"],
        };
        let mut key = String::from(self.kind.as_str());
        for name in parts {
            key.push('|');
            for c in self.fields.get(name).unwrap_or("").trim().chars().map(|c| c.to_ascii_lowercase()) {
                match c {
                    '%' => key.push_str("%25"),
                    '|' => key.push_str("%7C"),
                    c => key.push(c),
                }
            }
        }
        if self.is_simulated() {
            key.push_str("|simulated");
        }
        key
    }

    /// The name of the field holding the amount of this notification: `Amount` for a period
    /// charge, `TradeAmt` otherwise.
    pub fn amount_field(&self) -> &'static str {
        match self.kind {
            NotificationKind::PeriodCharge => "Amount",
            _ => "TradeAmt",
        }
    }

    /// Checks that the notified amount is the amount of the merchant's order (protocol.md §10).
    /// Errors are `Error::Validation` on `TradeAmt` (or `Amount` for a period charge): rule
    /// `required` when absent, `format` when not a whole number, `amount_mismatch` when different.
    pub fn expect_amount(&self, expected: i64) -> Result<()> {
        let field = self.amount_field();
        let value = self
            .fields
            .get(field)
            .ok_or_else(|| Error::invalid(field, rules::REQUIRED, format!("the notification carries no {field}")))?;
        let actual: i64 = value
            .trim()
            .parse()
            .map_err(|_| Error::invalid(field, rules::FORMAT, format!("{field} {value:?} is not a whole number")))?;
        if actual != expected {
            return Err(Error::invalid(
                field,
                rules::AMOUNT_MISMATCH,
                format!("{field} is {actual} but the order expects {expected}"),
            ));
        }
        Ok(())
    }
}

/// Every notification names the merchant's order: one without MerchantTradeNo (signed, so built
/// by hand with the keys) cannot be matched to an order and is refused, so that a verified
/// notification always has one (the bindings type it as a plain string).
fn require_merchant_trade_no(merchant_trade_no: Option<&str>) -> Result<()> {
    match merchant_trade_no {
        Some(no) if !no.trim().is_empty() => Ok(()),
        _ => Err(Error::invalid(
            "MerchantTradeNo",
            rules::REQUIRED,
            "the notification names no order (MerchantTradeNo is missing or empty)",
        )),
    }
}
