//! Receiving a notification over HTTP (notify::receive): the status and reply every web helper
//! answers with. Expected replies are protocol.md §5's (`1|OK`, `0|<reason>`).

use omg_core::notify::receive::{is_form_content_type, receive, FORM_CONTENT_TYPE};
use omg_core::notify::template::{sign_test_notification, Template};
use omg_core::notify::MAX_BODY_BYTES;
use omg_core::{Credentials, Error, Fields};

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
        ("POST", None, body.as_bytes(), MAX_BODY_BYTES, 415),
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
fn form_content_type_is_matched_on_its_essence() {
    assert!(is_form_content_type("Application/X-WWW-Form-Urlencoded"));
    assert!(is_form_content_type("application/x-www-form-urlencoded;charset=utf-8"));
    assert!(!is_form_content_type("application/x-www-form-urlencoded-not"));
    assert!(!is_form_content_type("multipart/form-data"));
}
