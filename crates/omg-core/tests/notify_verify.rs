//! Verifying notification bodies: what is accepted, and every way a body is refused.

use omg_core::mac::{self, HashMethod};
use omg_core::notify::builder::{CodeIssued, PaymentResult};
use omg_core::notify::{self, Notification, NotificationKind, MAX_BODY_BYTES};
use omg_core::{Credentials, Error, Fields};
use serde_json::Value;

const KEY: &str = "5294y06JbISpM5x9";
const IV: &str = "v77hoKGq4kWxNNIS";

fn ecpay_stage() -> Credentials {
    Credentials::new("2000132", KEY, IV).unwrap()
}

/// A published vector from tests/vectors/checkmacvalue.json as (fields with CheckMacValue).
fn vector(name: &str) -> Fields {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/checkmacvalue.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let v = all["vectors"].as_array().unwrap().iter().find(|v| v["name"] == name).unwrap();
    assert_eq!((v["hash_key"].as_str().unwrap(), v["hash_iv"].as_str().unwrap()), (KEY, IV));
    let mut fields = Fields::from_pairs(
        v["params"].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())),
    )
    .unwrap();
    fields.push("CheckMacValue", v["expected"].as_str().unwrap());
    fields
}

fn paid() -> PaymentResult {
    PaymentResult {
        merchant_id: "2000132".into(),
        merchant_trade_no: "A2401011000001xyz".into(),
        trade_no: "2401011000001234".into(),
        trade_amt: 1200,
        payment_date: "2024/01/01 10:01:30".into(),
        trade_date: "2024/01/01 10:00:00".into(),
        custom_fields: ["手機殼 a+b".into(), "".into(), "x&y=z".into(), "~'!*()".into()],
        ..Default::default()
    }
}

fn assert_signature_error(result: Result<Notification, Error>, what: &str) {
    match result {
        Err(Error::Signature(_)) => {}
        other => panic!("{what}: expected a signature error, got {other:?}"),
    }
}

#[test]
fn a_real_stage_return_url_notification_verifies() {
    let body = vector("return-url-notification-with-empty-fields").to_form_body();
    let n = notify::verify_notification(body.as_bytes(), &ecpay_stage()).unwrap();
    assert_eq!(n.kind(), NotificationKind::PaymentResult);
    assert!(n.is_paid());
    assert!(!n.is_simulated());
    assert_eq!(n.rtn_msg(), Some("Succeeded"));
    assert_eq!(n.trade_amt(), Some(4250));
    assert_eq!(n.payment_date(), Some("2019/09/02 15:49:58"));
    assert_eq!(n.store_id(), Some(""));
    n.expect_amount(4250).unwrap();
}

#[test]
fn a_real_cvs_code_field_set_verifies_and_keeps_its_unknown_field() {
    // The real reply carries PaymentURL, which no notification list documents: it is signed, so
    // it must be kept and verified.
    let body = vector("stage-capture-04").to_form_body();
    let n = notify::verify_notification(body.as_bytes(), &ecpay_stage()).unwrap();
    assert_eq!(n.kind(), NotificationKind::PaymentCodeIssued);
    assert!(!n.is_paid());
    assert_eq!(n.payment_no(), Some("LLL22098722826"));
    assert_eq!(n.expire_date(), Some("2022/04/15 17:53:13"));
    assert!(n.get("PaymentURL").unwrap().starts_with("https://payment-stage.ecpay.com.tw/"));
    assert_eq!(n.raw().len(), 17);
}

#[test]
fn from_fields_verifies_already_parsed_fields() {
    let credentials = ecpay_stage();
    let mut fields = paid().fields();
    mac::sign_in_place(&mut fields, KEY, IV, HashMethod::Sha256).unwrap();
    let n = Notification::from_fields(fields.clone(), &credentials).unwrap();
    assert_eq!(n.raw(), &fields);
    assert_eq!(n.custom_field(1), Some("手機殼 a+b"));
    assert_eq!(n.custom_field(3), Some("x&y=z"));
}

#[test]
fn every_changed_character_of_every_field_fails() {
    let credentials = ecpay_stage();
    let mut signed = paid().fields();
    mac::sign_in_place(&mut signed, KEY, IV, HashMethod::Sha256).unwrap();
    let mut checked = 0;
    for (key, value) in signed.clone().iter() {
        if key == "CheckMacValue" {
            continue;
        }
        // Changing to a character of another letter (never the other case of the same one).
        let chars: Vec<char> = value.chars().collect();
        for i in 0..chars.len().max(1) {
            let mut changed = chars.clone();
            let replacement = if chars.get(i) == Some(&'7') { '8' } else { '7' };
            match changed.get_mut(i) {
                Some(c) => *c = replacement,
                None => changed.push(replacement),
            }
            let mut tampered = signed.clone();
            tampered.set(key, changed.into_iter().collect::<String>());
            let body = tampered.to_form_body();
            assert_signature_error(notify::verify_notification(body.as_bytes(), &credentials), key);
            checked += 1;
        }
    }
    assert!(checked > 80, "checked {checked} changes");
}

#[test]
fn a_dropped_field_fails_even_an_empty_one() {
    let credentials = ecpay_stage();
    let mut signed = paid().fields();
    mac::sign_in_place(&mut signed, KEY, IV, HashMethod::Sha256).unwrap();
    for (key, _) in signed.clone().iter().filter(|(k, _)| *k != "CheckMacValue") {
        let mut dropped = signed.clone();
        dropped.remove(key);
        assert_signature_error(Notification::from_fields(dropped, &credentials), key);
    }
}

#[test]
fn an_added_field_fails_even_an_empty_one() {
    let credentials = ecpay_stage();
    let mut signed = paid().fields();
    mac::sign_in_place(&mut signed, KEY, IV, HashMethod::Sha256).unwrap();
    for value in ["", "1"] {
        let mut added = signed.clone();
        added.push("Extra", value);
        assert_signature_error(Notification::from_fields(added, &credentials), "added field");
    }
}

#[test]
fn a_changed_check_mac_value_or_other_keys_fail() {
    let credentials = ecpay_stage();
    let body = paid().sign(&credentials).unwrap();
    let n = notify::verify_notification(body.as_bytes(), &credentials).unwrap();
    let mac_value = n.get("CheckMacValue").unwrap().to_string();
    let mut wrong = n.raw().clone();
    let flipped = if mac_value.starts_with('A') { "B" } else { "A" };
    wrong.set("CheckMacValue", format!("{flipped}{}", &mac_value[1..]));
    assert_signature_error(Notification::from_fields(wrong, &credentials), "flipped CheckMacValue");

    let other_keys = Credentials::new("2000132", "OtherKey12345678", IV).unwrap();
    assert_signature_error(notify::verify_notification(body.as_bytes(), &other_keys), "other HashKey");
}

#[test]
fn a_missing_check_mac_value_is_a_signature_error() {
    let body = paid().fields().to_form_body();
    assert_signature_error(notify::verify_notification(body.as_bytes(), &ecpay_stage()), "unsigned body");
}

#[test]
fn duplicate_keys_are_refused_naming_the_field() {
    let credentials = ecpay_stage();
    let body = paid().sign(&credentials).unwrap();
    let err = notify::verify_notification(format!("{body}&TradeAmt=1").as_bytes(), &credentials).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "TradeAmt");
    assert_eq!(err.field_errors()[0].rule, "duplicate");

    // Names equal but for case cannot be signed unambiguously either.
    let err = notify::verify_notification(format!("{body}&tradeamt=1").as_bytes(), &credentials).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "duplicate");
}

#[test]
fn non_utf8_bodies_are_decode_errors() {
    let credentials = ecpay_stage();
    for body in [&b"MerchantID=2000132&RtnMsg=%ff%fe"[..], b"MerchantID=2000132&RtnMsg=\xff", b"RtnMsg=%zz"] {
        assert!(matches!(notify::verify_notification(body, &credentials), Err(Error::Decode(_))), "{body:?}");
    }
}

#[test]
fn empty_bodies_are_decode_errors() {
    for body in [&b""[..], b"  \r\n"] {
        assert!(matches!(notify::verify_notification(body, &ecpay_stage()), Err(Error::Decode(_))));
    }
}

#[test]
fn the_size_cap_is_64_kib_and_the_error_names_the_size() {
    let credentials = ecpay_stage();
    let body = paid().sign(&credentials).unwrap();
    // Empty `&&&` parts are skipped by the form parser, so padding keeps the body valid.
    let at_cap = format!("{body}{}", "&".repeat(MAX_BODY_BYTES - body.len()));
    assert_eq!(at_cap.len(), 65536);
    notify::verify_notification(at_cap.as_bytes(), &credentials).unwrap();

    let over = format!("{at_cap}&");
    match notify::verify_notification(over.as_bytes(), &credentials) {
        Err(Error::Decode(msg)) => assert!(msg.contains("65537") && msg.contains("65536"), "{msg}"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn another_merchants_notification_is_a_validation_error_on_merchant_id() {
    // Same keys, another merchant id (two shops sharing a platform's keys).
    let shop_a = Credentials::new("3000001", KEY, IV).unwrap();
    let body = PaymentResult { merchant_id: "3000002".into(), ..paid() }.sign(&shop_a).unwrap();
    let err = notify::verify_notification(body.as_bytes(), &shop_a).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "MerchantID");
    assert_eq!(err.field_errors()[0].rule, "merchant_mismatch");
    assert!(err.to_string().contains("3000002"));

    let mut no_id = paid().fields();
    no_id.remove("MerchantID");
    let body = notify::sign_notification(no_id, &shop_a).unwrap();
    let err = notify::verify_notification(body.as_bytes(), &shop_a).unwrap_err();
    assert_eq!((err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()), ("MerchantID", "required"));
}

#[test]
fn a_signed_notification_that_names_no_order_is_refused_on_merchant_trade_no() {
    let credentials = ecpay_stage();
    for fields in [
        PaymentResult { merchant_trade_no: String::new(), ..paid() }.fields(),
        PaymentResult { merchant_trade_no: "  ".into(), ..paid() }.fields(),
        {
            let mut f = paid().fields();
            f.remove("MerchantTradeNo");
            f
        },
    ] {
        let body = notify::sign_notification(fields, &credentials).unwrap();
        let err = notify::verify_notification(body.as_bytes(), &credentials).unwrap_err();
        let first = &err.field_errors()[0];
        assert_eq!((first.field.as_str(), first.rule.as_str()), ("MerchantTradeNo", "required"), "{err}");
    }
}

#[test]
fn legacy_md5_merchants_verify_with_the_md5_variant_only() {
    let credentials = ecpay_stage();
    let body = notify::builder::sign_notification_with(paid().fields(), &credentials, HashMethod::Md5).unwrap();
    assert_eq!(Fields::parse_form(body.as_bytes()).unwrap().get("CheckMacValue").unwrap().len(), 32);
    notify::verify_notification_with(body.as_bytes(), &credentials, HashMethod::Md5).unwrap();
    assert_signature_error(notify::verify_notification(body.as_bytes(), &credentials), "md5 body checked as sha256");
}

#[test]
fn errors_never_show_the_keys() {
    let credentials = Credentials::new("2000132", "SECRETKEY1234567", "SECRETIV12345678").unwrap();
    let body = paid().sign(&ecpay_stage()).unwrap();
    let err = notify::verify_notification(body.as_bytes(), &credentials).unwrap_err();
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("SECRETKEY") && !text.contains("SECRETIV"), "{text}");
    }
}

#[test]
fn a_code_issued_body_round_trips_through_the_wire_form() {
    let credentials = ecpay_stage();
    let sent = CodeIssued {
        merchant_id: "2000132".into(),
        merchant_trade_no: "B1".into(),
        trade_no: "2401011000009999".into(),
        trade_amt: 300,
        trade_date: "2024/01/01 10:00:00".into(),
        ..CodeIssued::atm("812", "9103522850140367", "2024/01/04")
    };
    let body = sent.sign(&credentials).unwrap();
    let n = notify::verify_notification(body.as_bytes(), &credentials).unwrap();
    let mut expected = sent.fields();
    expected.push("CheckMacValue", n.get("CheckMacValue").unwrap());
    assert_eq!(n.raw(), &expected);
}

/// Gateways and proxies write percent-escapes in either case (`%E6` / `%e6`, even `%e6%89%8B` in
/// one body): every spelling decodes to the same bytes, and so verifies.
#[test]
fn lowercase_and_mixed_case_escapes_verify_like_uppercase_ones() {
    let body = paid().sign(&ecpay_stage()).unwrap();
    assert!(body.contains("%E6"), "the test needs escapes with letters: {body}");
    let lower = lowercase_escapes(&body, |_| true);
    let mixed = lowercase_escapes(&body, |n| n % 2 == 0);
    assert_ne!(lower, body);
    assert_ne!(mixed, lower);
    let expected = notify::verify_notification(body.as_bytes(), &ecpay_stage()).unwrap();
    for variant in [lower, mixed] {
        let n = notify::verify_notification(variant.as_bytes(), &ecpay_stage()).unwrap();
        assert_eq!(n.raw(), expected.raw(), "{variant}");
        assert_eq!(n.get("CustomField1"), Some("手機殼 a+b"));
    }
}

/// `body` with the hex digits of the escapes whose index passes `which` lowercased.
fn lowercase_escapes(body: &str, which: impl Fn(usize) -> bool) -> String {
    let mut out = String::new();
    let mut escapes = 0;
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '%' {
            let hex: String = chars.by_ref().take(2).collect();
            out.push_str(&if which(escapes) { hex.to_ascii_lowercase() } else { hex });
            escapes += 1;
        }
    }
    out
}
