//! Test notifications by name, for the language bindings: start from the realistic fields of one
//! notification (the [`builder`](super::builder) defaults, MerchantID from the credentials),
//! replace or add the fields the caller gives, sign. A merchant's test says only what matters to
//! it (`MerchantTradeNo`, `TradeAmt`) and still gets a body shaped like the gateway's.
//!
//! Every template names an order and an amount ([`SAMPLE_MERCHANT_TRADE_NO`], [`SAMPLE_AMOUNT`])
//! with realistic TradeNo and dates, because the gateway never notifies without them; a test that
//! overrides one of them with an empty value (or a zero amount) on a paid notification is refused:
//! a handler tested with such a body is tested against something that never arrives.

use crate::config::Credentials;
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::rules;

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
    pub const ALL: [Template; 5] = [
        Template::PaymentResult,
        Template::AtmCodeIssued,
        Template::CvsCodeIssued,
        Template::BarcodeCodeIssued,
        Template::PeriodCharge,
    ];

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
            Error::invalid(
                "kind",
                rules::ONE_OF,
                format!("the test notification kind must be one of {}, not {name:?}", names.join(", ")),
            )
        })
    }

    /// The unsigned starting fields, MerchantID set to `merchant_id`: a realistic notification
    /// of order [`SAMPLE_MERCHANT_TRADE_NO`] for [`SAMPLE_AMOUNT`].
    pub fn fields(self, merchant_id: &str) -> Fields {
        let merchant_id = merchant_id.to_string();
        let merchant_trade_no = SAMPLE_MERCHANT_TRADE_NO.to_string();
        let trade_no = SAMPLE_TRADE_NO.to_string();
        let trade_date = SAMPLE_TRADE_DATE.to_string();
        let code = |start: CodeIssued| CodeIssued {
            merchant_id: merchant_id.clone(),
            merchant_trade_no: merchant_trade_no.clone(),
            trade_no: trade_no.clone(),
            trade_amt: SAMPLE_AMOUNT,
            trade_date: trade_date.clone(),
            ..start
        };
        match self {
            Template::PaymentResult => PaymentResult {
                merchant_id,
                merchant_trade_no,
                trade_no,
                trade_amt: SAMPLE_AMOUNT,
                payment_date: SAMPLE_PAYMENT_DATE.into(),
                trade_date,
                ..Default::default()
            }
            .fields(),
            Template::AtmCodeIssued => code(CodeIssued::atm("007", "9103522175887271", "2024/11/28")).fields(),
            Template::CvsCodeIssued => code(CodeIssued::cvs("LLL22251222", "2024/11/28 14:02:45")).fields(),
            Template::BarcodeCodeIssued => {
                code(CodeIssued::barcode(["241128TP", "1125117850200001", "112535000001200"], "2024/11/28 14:02:45"))
                    .fields()
            }
            Template::PeriodCharge => PeriodCharge {
                merchant_id,
                merchant_trade_no,
                amount: SAMPLE_AMOUNT,
                first_auth_amount: SAMPLE_AMOUNT,
                gwsr: "11944163".into(),
                auth_code: "777777".into(),
                process_date: SAMPLE_PAYMENT_DATE.into(),
                ..Default::default()
            }
            .fields(),
        }
    }

    /// The field that carries the amount of this notification.
    fn amount_field(self) -> &'static str {
        match self {
            Template::PeriodCharge => "Amount",
            _ => "TradeAmt",
        }
    }
}

/// The MerchantTradeNo of a test notification that names none.
pub const SAMPLE_MERCHANT_TRADE_NO: &str = "OMGTEST20241125001";
/// The amount (TradeAmt, or Amount of a period charge) of a test notification that names none.
pub const SAMPLE_AMOUNT: i64 = 1200;
const SAMPLE_TRADE_NO: &str = "2411251402450001";
const SAMPLE_TRADE_DATE: &str = "2024/11/25 14:02:45";
const SAMPLE_PAYMENT_DATE: &str = "2024/11/25 14:03:11";

/// A paid test notification must name its order and a positive amount, as every real one does.
fn check_paid_has_order_and_amount(template: Template, fields: &Fields) -> Result<()> {
    if fields.get("RtnCode") != Some("1")
        || matches!(template, Template::AtmCodeIssued | Template::CvsCodeIssued | Template::BarcodeCodeIssued)
    {
        return Ok(());
    }
    let mut problems = Vec::new();
    if fields.get("MerchantTradeNo").is_none_or(|v| v.trim().is_empty()) {
        problems.push(FieldError::new(
            "MerchantTradeNo",
            rules::REQUIRED,
            format!("a paid {} test notification needs the MerchantTradeNo of the order it pays (leave it out for a sample one)", template.as_str()),
        ));
    }
    let amount = template.amount_field();
    let value = fields.get(amount).unwrap_or("").trim();
    let positive = value.split('.').next().is_some_and(|whole| whole.parse::<i64>().is_ok_and(|n| n > 0));
    if !positive {
        problems.push(FieldError::new(
            amount,
            rules::REQUIRED,
            format!(
                "a paid {} test notification needs a positive {amount} (got {value:?}; leave it out for a sample one)",
                template.as_str()
            ),
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(problems))
    }
}

/// The signed body of a test notification: `template`'s fields with `overrides` set on top (a
/// field of the same name is replaced, a new one appended), signed with SHA-256.
pub fn sign_test_notification(template: Template, overrides: &Fields, credentials: &Credentials) -> Result<String> {
    let mut fields = template.fields(credentials.merchant_id());
    for (k, v) in overrides {
        fields.set(k, v);
    }
    check_paid_has_order_and_amount(template, &fields)?;
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
    fn a_template_with_nothing_given_names_an_order_and_an_amount() {
        let credentials = Credentials::stage();
        for template in Template::ALL {
            let body = sign_test_notification(template, &Fields::new(), &credentials).unwrap();
            let n = verify_notification(body.as_bytes(), &credentials).unwrap();
            assert_eq!(n.merchant_trade_no(), Some("OMGTEST20241125001"), "{template:?}");
            assert_eq!(n.get(template.amount_field()), Some("1200"), "{template:?}");
        }
    }

    #[test]
    fn a_paid_test_notification_with_an_empty_order_or_amount_is_refused_naming_both() {
        let credentials = Credentials::stage();
        for (template, amount) in [(Template::PaymentResult, "TradeAmt"), (Template::PeriodCharge, "Amount")] {
            let overrides = Fields::from_pairs([("MerchantTradeNo", ""), (amount, "0")]).unwrap();
            let err = sign_test_notification(template, &overrides, &credentials).unwrap_err();
            let named: Vec<(&str, &str)> =
                err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
            assert_eq!(named, [("MerchantTradeNo", "required"), (amount, "required")], "{template:?}");
        }
        // A failed payment may say anything: it is not paid.
        let failed = Fields::from_pairs([("MerchantTradeNo", ""), ("TradeAmt", ""), ("RtnCode", "10100058")]).unwrap();
        assert!(sign_test_notification(Template::PaymentResult, &failed, &credentials).is_ok());
        // Signing exactly the fields given (no template) stays possible, for tests of refusals.
        assert!(sign_with_keys(None, Fields::from_pairs([("MerchantTradeNo", "")]).unwrap(), "k", "i").is_ok());
    }

    #[test]
    fn unknown_names_are_refused() {
        let err = Template::parse("paid").unwrap_err();
        assert_eq!(err.field_errors()[0].field, "kind");
        assert_eq!(err.field_errors()[0].rule, "one_of");
    }
}
