//! A legacy merchant (EncryptType 0) signs with MD5 (protocol.md §3 step 6), and the gateway
//! answers it in kind: its order is verified with MD5 and every notification about it — ReturnURL,
//! OrderResultURL, PaymentInfoURL — is signed with MD5. The expected CheckMacValues are computed
//! here from scratch (the .NET url-encoding table written out, the md-5 crate's digest), not with
//! omg-core's signing.

mod common;

use common::{form_fields, trade_no, Harness, Receiver};
use md5::{Digest, Md5};
use omg_core::mac::HashMethod;
use omg_core::notify::{verify_notification, verify_notification_with};
use omg_core::{Credentials, Error, Fields};

const KEY: &str = "265flDjIvesceXWM";
const IV: &str = "pOOvhGd1V2pJbjfX";

/// .NET HttpUtility.UrlEncode: these bytes stay, a space is `+`, every other byte `%xx`.
fn dotnet_url_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'!' | b'*' | b'(' | b')' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02x}")),
        }
    }
    out
}

/// CheckMacValue with MD5 over `pairs` (CheckMacValue itself left out), uppercase hex.
fn md5_check_mac_value(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != "CheckMacValue").collect();
    sorted.sort_by_key(|(k, _)| k.to_ascii_lowercase());
    let joined: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let preimage = format!("HashKey={KEY}&{}&HashIV={IV}", joined.join("&"));
    let digest = Md5::digest(dotnet_url_encode(&preimage).to_lowercase().as_bytes());
    digest.iter().map(|b| format!("{b:02X}")).collect()
}

fn pairs_of(fields: &Fields) -> Vec<(String, String)> {
    fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A legacy order's form body: EncryptType 0, signed with MD5.
fn legacy_order(no: &str, method: &str, extra: &[(&str, String)], receiver: &Receiver) -> String {
    let mut pairs: Vec<(String, String)> = [
        ("MerchantID", "1000031".to_string()),
        ("MerchantTradeNo", no.to_string()),
        ("MerchantTradeDate", "2024/01/01 10:00:00".to_string()),
        ("PaymentType", "aio".to_string()),
        ("TotalAmount", "520".to_string()),
        ("TradeDesc", "舊商店 legacy".to_string()),
        ("ItemName", "茶葉 Tea".to_string()),
        ("ReturnURL", receiver.url("/return")),
        ("ChoosePayment", method.to_string()),
        ("EncryptType", "0".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .chain(extra.iter().map(|(k, v)| (k.to_string(), v.clone())))
    .collect();
    let mac = md5_check_mac_value(&pairs);
    assert_eq!(mac.len(), 32);
    pairs.push(("CheckMacValue".into(), mac));
    Fields::from_pairs(pairs).unwrap().to_form_body()
}

/// `body` is a notification signed with MD5 over what it carries, and not with SHA-256.
fn assert_md5_signed(body: &[u8]) -> omg_core::notify::Notification {
    let fields = Fields::parse_form(body).expect("a form body");
    let sent = fields.get("CheckMacValue").expect("signed").to_string();
    assert_eq!(sent, md5_check_mac_value(&pairs_of(&fields)), "CheckMacValue is the MD5 of the fields");
    assert!(matches!(verify_notification(body, &Credentials::stage()), Err(Error::Signature(_))), "not SHA-256");
    verify_notification_with(body, &Credentials::stage(), HashMethod::Md5).expect("verifies with MD5")
}

#[test]
fn a_legacy_md5_card_order_is_accepted_paid_and_notified_with_md5() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("MD");
    let body = legacy_order(&no, "Credit", &[("OrderResultURL", receiver.url("/result"))], &receiver);
    let (status, page) = h.post_form("/Cashier/AioCheckOut/V5", &body);
    assert_eq!(status, 200);
    assert!(page.contains("id=\"card-number\""), "the payment page, not a refusal: {page}");
    let trade = h.trade_no(&no);
    let (status, result_page) = h.post_form(&format!("/SimPayment/{trade}/pay"), "card_number=4311952222222222");
    assert_eq!(status, 200);

    // The server notification (ReturnURL).
    let returned = receiver.wait_for("/return", 1).remove(0);
    let n = assert_md5_signed(returned.as_bytes());
    assert!(n.is_paid());
    assert_eq!(n.get("MerchantTradeNo"), Some(no.as_str()));
    n.expect_amount(520).unwrap();
    // The browser's post to OrderResultURL.
    let (action, fields) = form_fields(&result_page);
    assert_eq!(action, receiver.url("/result"));
    assert_eq!(fields.get("CheckMacValue").map(str::len), Some(32));
    assert_eq!(fields.get("CheckMacValue").unwrap(), md5_check_mac_value(&pairs_of(&fields)));
}

#[test]
fn a_legacy_md5_atm_order_gets_its_payment_code_notification_signed_with_md5() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("MA");
    // The bank named (ChooseSubPayment): the account is issued with the order.
    let body = legacy_order(
        &no,
        "ATM",
        &[("PaymentInfoURL", receiver.url("/info")), ("ChooseSubPayment", "FIRST".to_string())],
        &receiver,
    );
    let (status, _) = h.post_form("/Cashier/AioCheckOut/V5", &body);
    assert_eq!(status, 200);
    let info = receiver.wait_for("/info", 1).remove(0);
    let n = assert_md5_signed(info.as_bytes());
    assert_eq!(n.get("RtnCode"), Some("2"));
    h.control_ok("/_sim/pay", serde_json::json!({ "merchant_trade_no": no }));
    let paid = receiver.wait_for("/return", 1).remove(0);
    assert!(assert_md5_signed(paid.as_bytes()).is_paid());
}

#[test]
fn an_order_that_says_encrypt_type_0_but_is_signed_with_sha256_is_refused() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("MS");
    let mut fields = Fields::parse_form(legacy_order(&no, "Credit", &[], &receiver).as_bytes()).unwrap();
    fields.remove("CheckMacValue");
    omg_core::mac::sign_in_place(&mut fields, KEY, IV, HashMethod::Sha256).unwrap();
    let (status, page) = h.post_form("/Cashier/AioCheckOut/V5", &fields.to_form_body());
    assert_eq!(status, 200);
    assert!(page.contains("10200073"), "{page}");
}
