//! Receiving a notification over HTTP (notify::receive): the status and reply every web helper
//! answers with. Expected replies are protocol.md §5's (`1|OK`, `0|<reason>`), and the shared
//! scenarios of tests/scenarios/receive.json, which FastAPI, Express, PHP and .NET answer alike.

use omg_core::notify::receive::{is_verified_content_type, receive, Answer, FORM_CONTENT_TYPE};
use omg_core::notify::template::{sign_test_notification, Template};
use omg_core::notify::MAX_BODY_BYTES;
use omg_core::{Credentials, Error, Fields};
use serde_json::Value;

fn signed_body() -> String {
    sign_test_notification(Template::PaymentResult, &Fields::new(), &Credentials::stage()).unwrap()
}

#[test]
fn a_genuine_notification_is_answered_1_ok_with_200() {
    let body = signed_body();
    let receipt = receive(
        "POST",
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
        body.as_bytes(),
        MAX_BODY_BYTES,
        &Credentials::stage(),
    );
    assert_eq!((receipt.status, receipt.reply.as_str()), (200, "1|OK"));
    assert_eq!(receipt.outcome.unwrap().merchant_id(), Some("1000031"));
}

#[test]
fn refusals_carry_their_status_and_a_0_reply() {
    let body = signed_body();
    let stage = Credentials::stage();
    // (method, Content-Type, body, cap, expected status)
    type Case<'a> = (&'a str, Option<&'a str>, &'a [u8], usize, u16);
    let cases: [Case; 5] = [
        ("GET", Some(FORM_CONTENT_TYPE), body.as_bytes(), MAX_BODY_BYTES, 405),
        ("POST", Some("application/json"), body.as_bytes(), MAX_BODY_BYTES, 415),
        ("POST", Some("multipart/form-data; boundary=x"), body.as_bytes(), MAX_BODY_BYTES, 415),
        ("POST", Some(FORM_CONTENT_TYPE), body.as_bytes(), 10, 413),
        ("POST", Some(FORM_CONTENT_TYPE), b"MerchantID=1000031&CheckMacValue=00", MAX_BODY_BYTES, 400),
    ];
    for (method, content_type, body, cap, status) in cases {
        let receipt = receive(method, content_type, body, cap, &stage);
        assert_eq!(receipt.status, status, "{method} {content_type:?} cap {cap}");
        assert!(receipt.reply.starts_with("0|") && !receipt.reply.contains('\n'), "{}", receipt.reply);
        assert!(receipt.outcome.is_err());
    }
}

#[test]
fn a_forged_notification_is_a_signature_error() {
    let body = signed_body().replace("TradeAmt=", "TradeAmt=9");
    let receipt = receive("POST", Some(FORM_CONTENT_TYPE), body.as_bytes(), MAX_BODY_BYTES, &Credentials::stage());
    assert_eq!(receipt.status, 400);
    assert!(matches!(receipt.outcome, Err(Error::Signature(_))), "{:?}", receipt.outcome);
}

#[test]
fn the_cap_never_exceeds_the_core_limit() {
    let big = vec![b'a'; MAX_BODY_BYTES + 1];
    let receipt = receive("POST", Some(FORM_CONTENT_TYPE), &big, usize::MAX, &Credentials::stage());
    assert_eq!(receipt.status, 413);
}

#[test]
fn every_declared_type_but_multipart_and_json_is_verified() {
    // protocol.md §5: V1.3.7 labels notifications text/html; stage captures say the form type.
    for verified in
        [None, Some("text/html"), Some("text/plain; charset=utf-8"), Some("Application/X-WWW-Form-Urlencoded")]
    {
        assert!(is_verified_content_type(verified), "{verified:?}");
    }
    for refused in
        ["multipart/form-data; boundary=x", "Multipart/Mixed", "application/json", "application/problem+json"]
    {
        assert!(!is_verified_content_type(Some(refused)), "{refused}");
    }
}

#[test]
fn an_unexpected_kind_is_refused_with_the_recovery_in_its_log_line() {
    let stage = Credentials::stage();
    let charge = sign_test_notification(Template::PeriodCharge, &Fields::new(), &stage).unwrap();
    let receipt = receive("POST", None, charge.as_bytes(), MAX_BODY_BYTES, &stage);
    let (answer, line) = receipt.unexpected().expect("a verified notification");
    assert_eq!((answer.status, answer.reply.as_str()), (400, "0|unexpected notification: period_charge"));
    // PeriodReturnURL is sent once (protocol.md §5): the line says how to get it back.
    let no = receipt.outcome.as_ref().unwrap().get("MerchantTradeNo").unwrap().to_string();
    assert!(line.contains(&format!("MerchantTradeNo {no}")), "{line}");
    assert!(line.contains(&format!("QueryCreditCardPeriodInfo (`omg query period {no}`)")), "{line}");
    let refused = receive("GET", None, b"", MAX_BODY_BYTES, &stage);
    assert!(refused.unexpected().is_none());
}

/// One case of tests/scenarios/receive.json through notify::receive, the handler played here:
/// it returns (nothing or the ACK) or throws; `exits` is PHP's alone.
fn run_receive_case(name: &str, input: &Value, expect: &Value) -> bool {
    let handler = input["handler"].as_str().unwrap();
    if handler == "exits" {
        return false;
    }
    let body = match input.get("body_hex") {
        Some(hex) => (0..hex.as_str().unwrap().len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex.as_str().unwrap()[i..i + 2], 16).unwrap())
            .collect(),
        None => input["body"].as_str().unwrap().as_bytes().to_vec(),
    };
    let receipt = receive(
        input["method"].as_str().unwrap(),
        input["content_type"].as_str(),
        &body,
        MAX_BODY_BYTES,
        &Credentials::stage(),
    );
    let taken = match (&receipt.outcome, input["expect_kind"].as_str()) {
        (Ok(n), Some(kind)) => n.kind().as_str() == kind,
        _ => true,
    };
    let answer = match (&receipt.outcome, handler) {
        (Err(_), _) => Answer { status: receipt.status, reply: receipt.reply.clone() },
        (Ok(_), _) if !taken => receipt.unexpected().unwrap().0,
        (Ok(_), "throws") => Answer::handler_failed(),
        (Ok(_), "returns_nothing" | "returns_ack") => Answer { status: receipt.status, reply: receipt.reply.clone() },
        (Ok(_), other) => panic!("{name}: unknown handler {other:?}"),
    };
    assert_eq!(answer.status, expect["status"].as_u64().unwrap() as u16, "{name}: {}", answer.reply);
    assert_eq!(answer.reply, expect["reply"].as_str().unwrap(), "{name}");
    true
}

#[test]
fn the_receive_scenarios() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/scenarios/receive.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut ran = 0;
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        if run_receive_case(name, &case["input"], &case["expect"]) {
            ran += 1;
        }
    }
    assert!(ran >= 15, "only {ran} receive scenarios ran");
}
