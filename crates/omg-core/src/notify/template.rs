//! Test notifications by name, for the language bindings: start from the realistic fields of one
//! notification (the [`builder`](super::builder) defaults, MerchantID from the credentials),
//! replace or add the fields the caller gives, sign. A merchant's test says only what matters to
//! it (`MerchantTradeNo`, `TradeAmt`) and still gets a body shaped like the gateway's.

use crate::config::Credentials;
use crate::error::{Error, Result};
use crate::fields::Fields;

use super::builder::{sign_notification, CodeIssued, PaymentResult, PeriodCharge};

/// The notifications a test can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Template {
    /// ReturnURL / OrderResultURL: a paid credit card payment.
    PaymentResult,
    /// PaymentInfoURL: an ATM virtual account issued.
    AtmCodeIssued,
    /// PaymentInfoURL: a CVS payment code issued.
    CvsCodeIssued,
    /// PaymentInfoURL: three BARCODE segments issued.
    BarcodeCodeIssued,
    /// PeriodReturnURL: a recurring charge.
    PeriodCharge,
}

impl Template {
    pub const ALL: [Template; 5] =
        [Template::PaymentResult, Template::AtmCodeIssued, Template::CvsCodeIssued, Template::BarcodeCodeIssued, Template::PeriodCharge];

    /// The stable snake_case name, the same in every binding.
    pub fn as_str(self) -> &'static str {
        match self {
            Template::PaymentResult => "payment_result",
            Template::AtmCodeIssued => "atm_code_issued",
            Template::CvsCodeIssued => "cvs_code_issued",
            Template::BarcodeCodeIssued => "barcode_code_issued",
            Template::PeriodCharge => "period_charge",
        }
    }

    /// The template called `name`; `Error::Validation` (field `kind`, rule `one_of`) otherwise.
    pub fn parse(name: &str) -> Result<Template> {
        Template::ALL.into_iter().find(|t| t.as_str() == name).ok_or_else(|| {
            let names: Vec<&str> = Template::ALL.iter().map(|t| t.as_str()).collect();
            Error::invalid("kind", "one_of", format!("the test notification kind must be one of {}, not {name:?}", names.join(", ")))
        })
    }

    /// The unsigned starting fields, MerchantID set to `merchant_id`.
    pub fn fields(self, merchant_id: &str) -> Fields {
        let merchant_id = merchant_id.to_string();
        match self {
            Template::PaymentResult => PaymentResult { merchant_id, ..Default::default() }.fields(),
            Template::AtmCodeIssued => CodeIssued { merchant_id, ..CodeIssued::atm("", "", "") }.fields(),
            Template::CvsCodeIssued => CodeIssued { merchant_id, ..CodeIssued::cvs("", "") }.fields(),
            Template::BarcodeCodeIssued => CodeIssued { merchant_id, ..CodeIssued::barcode(["", "", ""], "") }.fields(),
            Template::PeriodCharge => PeriodCharge { merchant_id, ..Default::default() }.fields(),
        }
    }
}

/// The signed body of a test notification: `template`'s fields with `overrides` set on top (a
/// field of the same name is replaced, a new one appended), signed with SHA-256.
pub fn sign_test_notification(template: Template, overrides: &Fields, credentials: &Credentials) -> Result<String> {
    let mut fields = template.fields(credentials.merchant_id());
    for (k, v) in overrides {
        fields.set(k, v);
    }
    sign_notification(fields, credentials)
}

/// What the bindings' `sign_test_notification(fields, hash_key, hash_iv, kind)` does: without a
/// kind, exactly `fields` are signed; with one, that notification's realistic fields for the
/// MerchantID in `fields` come first and `fields` are set on top.
pub fn sign_with_keys(kind: Option<&str>, fields: Fields, hash_key: &str, hash_iv: &str) -> Result<String> {
    match kind {
        // Only the keys matter when signing exactly what is given.
        None => sign_notification(fields, &Credentials::new("-", hash_key, hash_iv)?),
        Some(kind) => {
            let template = Template::parse(kind)?;
            let credentials = Credentials::new(fields.get("MerchantID").unwrap_or(""), hash_key, hash_iv)?;
            sign_test_notification(template, &fields, &credentials)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notify::{verify_notification, NotificationKind};

    #[test]
    fn each_template_verifies_as_its_kind_with_the_overrides() {
        let credentials = Credentials::stage();
        let overrides = Fields::from_pairs([("MerchantTradeNo", "A1"), ("TradeAmt", "250"), ("X", "y")]).unwrap();
        for (template, kind) in [
            (Template::PaymentResult, NotificationKind::PaymentResult),
            (Template::AtmCodeIssued, NotificationKind::PaymentCodeIssued),
            (Template::CvsCodeIssued, NotificationKind::PaymentCodeIssued),
            (Template::BarcodeCodeIssued, NotificationKind::PaymentCodeIssued),
            (Template::PeriodCharge, NotificationKind::PeriodCharge),
        ] {
            let body = sign_test_notification(template, &overrides, &credentials).unwrap();
            let n = verify_notification(body.as_bytes(), &credentials).unwrap();
            assert_eq!(n.kind(), kind, "{template:?}");
            assert_eq!(n.merchant_id(), Some("1000031"));
            assert_eq!(n.merchant_trade_no(), Some("A1"));
            assert_eq!(n.get("TradeAmt"), Some("250"));
            assert_eq!(n.get("X"), Some("y"));
            assert_eq!(Template::parse(template.as_str()).unwrap(), template);
        }
    }

    #[test]
    fn unknown_names_are_refused() {
        let err = Template::parse("paid").unwrap_err();
        assert_eq!(err.field_errors()[0].field, "kind");
        assert_eq!(err.field_errors()[0].rule, "one_of");
    }
}
