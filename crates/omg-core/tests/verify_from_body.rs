//! Verifying from the raw body (mac::body, docs/performance.md) is a fast path, not new rules:
//! for any body, `verify_notification` answers exactly what the ordinary path answers — parse the
//! form into owned fields, then `Notification::from_fields`.

use omg_core::notify::{self, Notification};
use omg_core::{Credentials, Error, Fields};
use proptest::prelude::*;

fn creds() -> Credentials {
    Credentials::stage()
}

fn ordinary_path(body: &[u8]) -> Result<Notification, Error> {
    Fields::parse_form(body).and_then(|fields| Notification::from_fields(fields, &creds()))
}

fn same_answer(body: &[u8]) -> Result<(), TestCaseError> {
    let fast = notify::verify_notification(body, &creds());
    let ordinary = ordinary_path(body);
    prop_assert_eq!(format!("{fast:?}"), format!("{ordinary:?}"), "body {:?}", String::from_utf8_lossy(body));
    Ok(())
}

/// A genuinely signed payment result with extra fields holding text that needs escaping.
fn signed_body(extra: Vec<(String, String)>) -> String {
    let mut fields = Fields::new();
    fields.push("MerchantID", "1000031");
    fields.push("MerchantTradeNo", "A1");
    fields.push("TradeNo", "2401011000001234");
    fields.push("PaymentDate", "2024/01/01 10:00:00");
    for (k, v) in extra {
        if !fields.iter().any(|(name, _)| name.eq_ignore_ascii_case(&k)) && !k.eq_ignore_ascii_case("CheckMacValue") {
            fields.push(k, v);
        }
    }
    notify::sign_notification(fields, &creds()).unwrap()
}

fn extras() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(("[A-Za-z][A-Za-z0-9_]{0,8}", "[ -~é手]{0,12}"), 0..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A fragment inserted anywhere: `&` or `&&` keep the signature, others break the form, the
    /// signature or the meaning; both paths must say the same.
    #[test]
    fn a_fragment_inserted_anywhere_gets_the_same_answer(
        extra in extras(),
        at in any::<prop::sample::Index>(),
        fragment in "[A-Za-z0-9%+=&]{0,5}|&CheckMacValue=[0-9A-F]{4}|&MerchantID=1|%FF|%C3",
    ) {
        let body = signed_body(extra);
        let at = at.index(body.len() + 1);
        let tampered = format!("{}{}{}", &body[..at], fragment, &body[at..]);
        same_answer(tampered.as_bytes())?;
    }

    /// One ASCII byte replaced by its own `%XX` escape reads the same field, key or value.
    #[test]
    fn a_byte_written_as_an_escape_gets_the_same_answer(extra in extras(), at in any::<prop::sample::Index>()) {
        let body = signed_body(extra);
        let at = at.index(body.len());
        let escaped = format!("{}%{:02X}{}", &body[..at], body.as_bytes()[at], &body[at + 1..]);
        same_answer(escaped.as_bytes())?;
    }
}

#[test]
fn a_key_written_with_escapes_verifies_like_the_plain_one() {
    let body = signed_body(vec![("Note".into(), "a b+c".into())]);
    let escaped = body.replacen("TradeNo=", "Trade%4Eo=", 1);
    let plain = notify::verify_notification(body.as_bytes(), &creds()).unwrap();
    let from_escaped = notify::verify_notification(escaped.as_bytes(), &creds()).unwrap();
    assert_eq!(from_escaped.get("TradeNo"), Some("2401011000001234"));
    assert_eq!(from_escaped.get("Note"), Some("a b+c"));
    assert_eq!(from_escaped, plain);
}

#[test]
fn duplicates_and_bad_bytes_keep_their_errors() {
    let body = signed_body(vec![]);
    let twice = format!("{body}&TradeNo=2401011000001234");
    let err = notify::verify_notification(twice.as_bytes(), &creds()).unwrap_err();
    assert_eq!((err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()), ("TradeNo", "duplicate"));

    let signature_twice = format!("{body}&CheckMacValue=00");
    let err = notify::verify_notification(signature_twice.as_bytes(), &creds()).unwrap_err();
    assert_eq!(
        (err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()),
        ("CheckMacValue", "duplicate")
    );

    let mut bad_utf8 = body.clone().into_bytes();
    bad_utf8.extend_from_slice(b"&X=\xff");
    assert!(matches!(notify::verify_notification(&bad_utf8, &creds()), Err(Error::Decode(_))));

    let wrong = body.replace("TradeNo=2401011000001234", "TradeNo=2401011000001235");
    assert!(matches!(notify::verify_notification(wrong.as_bytes(), &creds()), Err(Error::Signature(_))));
}
