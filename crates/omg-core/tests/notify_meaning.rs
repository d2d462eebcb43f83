//! Signed messages that a payer (or anyone holding one genuinely signed body) can re-shape without
//! breaking CheckMacValue: the signature lowercases the whole encoded pre-image and encodes `&`
//! and `=` inside a value exactly like the separators (protocol.md §3, docs/signing.md). Each
//! re-shaped body below still carries a valid signature — the test checks that first, with an
//! independent `mac::verify` — and must be refused as a signature error naming the reason.

use omg_core::api::{period_action, query_trade_info};
use omg_core::mac::{self, HashMethod};
use omg_core::notify::builder::{CreditExtra, PaymentResult, PeriodCharge, RecurringExtra};
use omg_core::notify::{self, Notification, NotificationKind};
use omg_core::{Credentials, Error, Fields};

fn creds() -> Credentials {
    Credentials::stage()
}

fn paid() -> PaymentResult {
    PaymentResult {
        merchant_id: "1000031".into(),
        merchant_trade_no: "A2401011000001xyz".into(),
        trade_no: "2401011000001234".into(),
        trade_amt: 1200,
        payment_date: "2024/01/01 10:01:30".into(),
        trade_date: "2024/01/01 10:00:00".into(),
        ..Default::default()
    }
}

fn period() -> PeriodCharge {
    PeriodCharge {
        merchant_id: "1000031".into(),
        merchant_trade_no: "A2401011000001xyz".into(),
        amount: 300,
        gwsr: "11436981".into(),
        process_date: "2024/02/01 10:00:00".into(),
        auth_code: "777777".into(),
        first_auth_amount: 300,
        ..Default::default()
    }
}

/// The body still verifies with the plain CheckMacValue rule: the change is invisible to it.
fn assert_signature_survives(body: &str) {
    let fields = Fields::parse_form(body.as_bytes()).unwrap();
    mac::verify(&fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256)
        .unwrap_or_else(|e| panic!("the re-shaped body should still carry a valid signature: {e}\n{body}"));
}

fn assert_refused(body: &str, reason_mentions: &str) {
    assert_signature_survives(body);
    match notify::verify_notification(body.as_bytes(), &creds()) {
        Err(Error::Signature(reason)) => {
            assert!(reason.contains(reason_mentions), "the reason should name {reason_mentions:?}: {reason}")
        }
        other => panic!("expected a signature error naming {reason_mentions:?}, got {other:?}\n{body}"),
    }
}

fn verified(body: &str) -> Notification {
    notify::verify_notification(body.as_bytes(), &creds()).unwrap()
}

#[test]
fn genuine_notifications_still_verify() {
    let body = paid().sign(&creds()).unwrap();
    assert_eq!(verified(&body).kind(), NotificationKind::PaymentResult);

    let mut with_extras = paid();
    let mut extra = CreditExtra { gwsr: "11436981".into(), amount: 1200, ..Default::default() }.fields();
    for (k, v) in &RecurringExtra::default().fields() {
        extra.push(k, v);
    }
    with_extras.extra = extra;
    assert_eq!(verified(&with_extras.sign(&creds()).unwrap()).kind(), NotificationKind::PaymentResult);

    assert_eq!(verified(&period().sign(&creds()).unwrap()).kind(), NotificationKind::PeriodCharge);

    // A merchant's own CustomField may hold `&x=y` text: only names the reader looks up count.
    let mut custom = paid();
    custom.custom_fields[0] = "https://shop.example/back?a=1&b=2".into();
    verified(&custom.sign(&creds()).unwrap());
}

#[test]
fn a_field_name_in_another_case_is_refused() {
    let body = paid().sign(&creds()).unwrap();
    assert_refused(&body.replace("&TradeNo=", "&tradeno="), "TradeNo");
    assert_refused(&body.replace("&SimulatePaid=", "&simulatepaid="), "SimulatePaid");
    assert_refused(&body.replace("&TradeAmt=", "&TRADEAMT="), "TradeAmt");
}

#[test]
fn a_simulated_payment_cannot_be_made_to_look_real() {
    let body = PaymentResult { simulate_paid: true, ..paid() }.sign(&creds()).unwrap();
    // Fold SimulatePaid into the value of the field before it in the signing order (RtnMsg).
    let reshaped = body.replace("&SimulatePaid=1", "").replacen(
        &format!("RtnMsg={}", form("交易成功")),
        &format!("RtnMsg={}%26SimulatePaid%3D1", form("交易成功")),
        1,
    );
    assert!(reshaped.contains("%26SimulatePaid%3D1") && !reshaped.contains("&SimulatePaid="), "{reshaped}");
    assert_refused(&reshaped, "SimulatePaid");
    // Spelt in lowercase inside the value: still a field the reader would look up.
    assert_refused(&reshaped.replace("%26SimulatePaid%3D1", "%26simulatepaid%3D1"), "simulatepaid");
}

#[test]
fn a_first_payment_cannot_become_a_period_charge() {
    // The first payment of a recurring order carries lowercase card extras; spelt with capitals
    // they are the names of a PeriodReturnURL notification.
    let mut first = paid();
    let mut extra = CreditExtra {
        gwsr: "11436981".into(),
        process_date: "2024/01/01 10:01:30".into(),
        auth_code: "777777".into(),
        amount: 1200,
        ..Default::default()
    }
    .fields();
    for (k, v) in &RecurringExtra::default().fields() {
        extra.push(k, v);
    }
    first.extra = extra;
    let body = first.sign(&creds()).unwrap();
    let reshaped = body.replace("&amount=", "&Amount=").replace("&gwsr=", "&Gwsr=");
    assert_refused(&reshaped, "period charge");
}

#[test]
fn an_unknown_field_folded_into_the_value_before_it_is_refused() {
    // Found by the `malleability` fuzz target: a field the SDK does not know (an extra the
    // gateway or the merchant added) folded into the value of the field before it in the signing
    // order. `amount` then reads `100&cardodType=2`, and cardodType is gone.
    let mut with_extra = paid();
    with_extra.extra = Fields::from_pairs([("amount", "100"), ("cardodType", "2"), ("gwsr", "1")]).unwrap();
    let body = with_extra.sign(&creds()).unwrap();
    let reshaped = body.replace("&cardodType=2", "").replace("amount=100", "amount=100%26cardodType%3D2");
    assert_refused(&reshaped, "cardodType");
    // Text that could not have been a field there (its name would sort elsewhere) is a value.
    let mut custom = paid();
    custom.custom_fields[2] = "x&y=z".into();
    verified(&custom.sign(&creds()).unwrap());
}

#[test]
fn a_payment_result_without_trade_no_is_refused() {
    let mut fields = paid().fields();
    fields.remove("TradeNo");
    let body = notify::sign_notification(fields, &creds()).unwrap();
    assert_refused(&body, "TradeNo");
}

#[test]
fn a_period_charge_without_its_full_field_set_is_refused() {
    for missing in ["FirstAuthAmount", "TotalSuccessTimes", "Gwsr", "ProcessDate"] {
        let mut fields = period().fields();
        fields.remove(missing);
        let body = notify::sign_notification(fields, &creds()).unwrap();
        assert_refused(&body, missing);
    }
}

#[test]
fn a_field_name_holding_a_separator_is_refused() {
    // Field `Note%3Da` = `b` signs exactly as field `Note` = `a=b`.
    let mut fields = paid().fields();
    fields.push("Note", "a=b");
    let genuine = notify::sign_notification(fields, &creds()).unwrap();
    let reshaped = genuine.replace("Note=a%3Db", "Note%3Da=b");
    assert_refused(&reshaped, "Note=a");
}

#[test]
fn dedupe_keys_compare_identifiers_the_way_the_signature_does() {
    let body = paid().sign(&creds()).unwrap();
    let flipped = body.replace("A2401011000001xyz", "a2401011000001XYZ");
    assert_signature_survives(&flipped);
    assert_eq!(verified(&flipped).dedupe_key(), verified(&body).dedupe_key());

    let body = period().sign(&creds()).unwrap();
    let flipped = body.replace("A2401011000001xyz", "A2401011000001XYZ");
    assert_eq!(verified(&flipped).dedupe_key(), verified(&body).dedupe_key());
}

fn form(text: &str) -> String {
    let mut out = String::new();
    omg_core::fields::form_encode_into(text, &mut out);
    out
}

// --- signed replies -------------------------------------------------------------------------

fn raw_signed(pairs: &[(&str, &str)]) -> String {
    let fields = Fields::from_pairs(pairs.iter().copied()).unwrap();
    let check = mac::sign(&fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let mut body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    body.push(format!("CheckMacValue={check}"));
    body.join("&")
}

fn trade_info_pairs() -> Vec<(&'static str, &'static str)> {
    vec![
        ("MerchantID", "1000031"),
        ("MerchantTradeNo", "A2401011000001xyz"),
        ("StoreID", ""),
        ("TradeNo", "2401011000001234"),
        ("TradeAmt", "1200"),
        ("PaymentDate", "2024/01/01 10:00:00"),
        ("PaymentType", "Credit_CreditCard"),
        ("HandlingCharge", "30"),
        ("PaymentTypeChargeFee", "25.00"),
        ("TradeDate", "2024/01/01 09:59:00"),
        ("TradeStatus", "1"),
        ("ItemName", "A+B C"),
        ("CustomField1", ""),
        ("CustomField2", ""),
        ("CustomField3", ""),
        ("CustomField4", ""),
        ("gwsr", "11436981"),
        ("amount", "1200"),
    ]
}

#[test]
fn a_query_trade_info_reply_with_a_renamed_field_is_refused() {
    let body = raw_signed(&trade_info_pairs());
    query_trade_info::parse_reply(body.as_bytes(), &creds()).unwrap();
    for (from, to) in [("&TradeAmt=", "&tradeamt="), ("&TradeNo=", "&TRADENO="), ("&amount=", "&Amount=")] {
        let reshaped = body.replace(from, to);
        match query_trade_info::parse_reply(reshaped.as_bytes(), &creds()) {
            Err(Error::Signature(reason)) => assert!(reason.contains(&to[1..to.len() - 1]), "{reason}"),
            other => panic!("{to}: expected a signature error, got {other:?}"),
        }
    }
}

#[test]
fn a_paid_query_trade_info_reply_without_trade_no_is_refused() {
    let pairs: Vec<_> = trade_info_pairs().into_iter().filter(|(k, _)| *k != "TradeNo").collect();
    let body = raw_signed(&pairs);
    assert!(
        matches!(query_trade_info::parse_reply(body.as_bytes(), &creds()), Err(Error::Signature(r)) if r.contains("TradeNo"))
    );
}

#[test]
fn a_period_action_reply_with_a_renamed_field_is_refused() {
    let pairs =
        [("RtnCode", "1"), ("RtnMsg", "停用成功"), ("MerchantID", "1000031"), ("MerchantTradeNo", "A2401011000001xyz")];
    let body = raw_signed(&pairs);
    period_action::parse_reply(body.as_bytes(), &creds()).unwrap();
    let reshaped = body.replace("MerchantTradeNo=", "merchanttradeno=");
    assert!(
        matches!(period_action::parse_reply(reshaped.as_bytes(), &creds()), Err(Error::Signature(r)) if r.contains("MerchantTradeNo"))
    );
    let reshaped = body.replace("RtnCode=", "rtncode=");
    assert!(
        matches!(period_action::parse_reply(reshaped.as_bytes(), &creds()), Err(Error::Signature(r)) if r.contains("RtnCode"))
    );
}
