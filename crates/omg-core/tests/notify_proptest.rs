//! Properties of signing and verifying notifications over arbitrary field sets.
//!
//! A limitation of the protocol, shown here on purpose: CheckMacValue lowercases the whole
//! url-encoded string before hashing, so changing the ASCII case of a character leaves the
//! signature valid. A key spelt in another case is refused after verification
//! (`mac::meaning`, tests/notify_meaning.rs); the case of a value cannot be: a merchant must never
//! give meaning to it (dedupe keys fold it; compare MerchantTradeNo against its own records).

use omg_core::notify::{self, Notification};
use omg_core::{Credentials, Error, Fields};
use proptest::prelude::*;

fn creds() -> Credentials {
    Credentials::stage()
}

/// Field sets: MerchantID, MerchantTradeNo and TradeNo first (so verification can pass: a payment result must carry
/// TradeNo), then up to 12 fields whose names are distinct ignoring case and no known name of the
/// protocol (they start with `X`), with any Unicode values but `&` (empty ones included).
fn field_sets() -> impl Strategy<Value = Fields> {
    proptest::collection::vec(("X[A-Za-z0-9_]{0,11}", any::<String>()), 0..12).prop_map(|pairs| {
        let mut fields = Fields::new();
        fields.push("MerchantID", "1000031");
        fields.push("MerchantTradeNo", "A1"); // every notification names its order
        fields.push("TradeNo", "2401011000001234");
        let mut seen = vec![
            "merchantid".to_string(),
            "merchanttradeno".to_string(),
            "tradeno".to_string(),
            "checkmacvalue".to_string(),
        ];
        for (k, v) in pairs {
            if !seen.contains(&k.to_ascii_lowercase()) {
                seen.push(k.to_ascii_lowercase());
                // `&name=` inside a value can be a folded field (tests/notify_meaning.rs): values
                // here hold no `&`, so every generated message is unambiguous.
                fields.push(k, v.replace('&', "+"));
            }
        }
        fields
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sign_then_verify_holds_and_keeps_every_field(fields in field_sets()) {
        let body = notify::sign_notification(fields.clone(), &creds()).unwrap();
        let n = notify::verify_notification(body.as_bytes(), &creds()).unwrap();
        let mut received = n.into_raw();
        received.remove("CheckMacValue");
        prop_assert_eq!(received, fields);
    }

    #[test]
    fn changing_one_character_fails_unless_only_its_ascii_case_changed(
        fields in field_sets(),
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        replacement in any::<char>(),
    ) {
        let body = notify::sign_notification(fields.clone(), &creds()).unwrap();
        let signed = Fields::parse_form(body.as_bytes()).unwrap();
        // Any field but MerchantID (checked separately), TradeNo and CheckMacValue.
        let candidates: Vec<(String, String)> =
            signed.iter().filter(|(k, _)| *k != "MerchantID" && *k != "TradeNo" && *k != "CheckMacValue").map(|(k, v)| (k.to_string(), v.to_string())).collect();
        prop_assume!(!candidates.is_empty());
        let (key, value) = pick.get(&candidates).clone();
        let mut chars: Vec<char> = value.chars().collect();
        let original = if chars.is_empty() {
            chars.push(replacement);
            None
        } else {
            let i = at.index(chars.len());
            Some(std::mem::replace(&mut chars[i], replacement))
        };
        prop_assume!(original != Some(replacement));
        let mut tampered = signed.clone();
        tampered.set(&key, chars.into_iter().collect::<String>());

        let result = Notification::from_fields(tampered, &creds());
        let case_only = original.is_some_and(|c| c.is_ascii() && c.eq_ignore_ascii_case(&replacement));
        if case_only {
            prop_assert!(result.is_ok(), "a case change is invisible to CheckMacValue");
        } else {
            prop_assert!(matches!(result, Err(Error::Signature(_))), "{:?}", result);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = notify::verify_notification(&body, &creds());
    }

    #[test]
    fn arbitrary_form_shaped_bodies_never_panic(body in "([A-Za-z%+=&0-9]{0,20}){0,20}") {
        let _ = notify::verify_notification(body.as_bytes(), &creds());
    }
}

#[test]
fn an_ascii_case_change_is_invisible_to_the_signature() {
    // The documented limitation, stated as a plain example: `R1abc` and `R1ABC` sign alike.
    let fields = Fields::from_pairs([
        ("MerchantID", "1000031"),
        ("MerchantTradeNo", "R1abc"),
        ("RtnCode", "1"),
        ("TradeNo", "T1"),
    ])
    .unwrap();
    let body = notify::sign_notification(fields, &creds()).unwrap();
    let upper = body.replace("R1abc", "R1ABC");
    assert_ne!(body, upper);
    let n = notify::verify_notification(upper.as_bytes(), &creds()).unwrap();
    assert_eq!(n.merchant_trade_no(), Some("R1ABC"));
    // A key's case is invisible to the signature too, so a known name spelt in another case is
    // refused after verification: readers look names up exactly.
    let key_case = body.replace("RtnCode=", "RTNCODE=");
    assert!(
        matches!(notify::verify_notification(key_case.as_bytes(), &creds()), Err(Error::Signature(r)) if r.contains("RtnCode"))
    );
    // A non-ASCII "case" change is not: É and é are different bytes after encoding.
    let fields = Fields::from_pairs([("MerchantID", "1000031"), ("TradeNo", "T1"), ("Name", "é")]).unwrap();
    let body = notify::sign_notification(fields, &creds()).unwrap();
    let changed = body.replace("%C3%A9", "%C3%89");
    assert!(matches!(notify::verify_notification(changed.as_bytes(), &creds()), Err(Error::Signature(_))));
}
