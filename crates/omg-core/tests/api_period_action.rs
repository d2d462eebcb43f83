//! CreditCardPeriodAction: a signed raw reply, verified even when it is an error.

use omg_core::api::period_action::{self, PeriodActionResult};
use omg_core::api::Api;
use omg_core::{mac, Credentials, Error, Fields, FixedClock, HashMethod};
use serde_json::Value;

fn creds() -> Credentials {
    Credentials::stage()
}

fn sign_raw(pairs: &[(&str, &str)], credentials: &Credentials) -> String {
    let fields = Fields::from_pairs(pairs.iter().copied()).unwrap();
    let check = mac::sign(&fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256).unwrap();
    let mut body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    body.push(format!("CheckMacValue={check}"));
    body.join("&")
}

#[test]
fn request_cancels_and_is_never_retried() {
    let req = period_action::request(&creds(), "P1", None, &FixedClock(1_700_000_000)).unwrap();
    assert_eq!((req.api, req.path), (Api::PeriodAction, "/Cashier/CreditCardPeriodAction"));
    assert!(!req.idempotent);
    assert_eq!(req.reconcile_with, Some(Api::QueryPeriodInfo));
    let keys: Vec<&str> = req.fields.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["MerchantID", "MerchantTradeNo", "Action", "TimeStamp", "CheckMacValue"]);
    assert_eq!(req.fields.get("Action"), Some("Cancel"));
    let parsed = period_action::parse_request(&req.fields, &creds()).unwrap();
    assert_eq!(
        (parsed.merchant_trade_no.as_str(), parsed.action.as_str(), parsed.time_stamp),
        ("P1", "Cancel", 1_700_000_000)
    );
}

#[test]
fn the_simulator_refuses_any_action_but_cancel() {
    let mut fields = Fields::from_pairs([
        ("MerchantID", "1000031"),
        ("MerchantTradeNo", "P1"),
        ("Action", "ReAuth"),
        ("TimeStamp", "1"),
    ])
    .unwrap();
    mac::sign_in_place(&mut fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let err = period_action::parse_request(&fields, &creds()).unwrap_err();
    assert_eq!((err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()), ("Action", "one_of"));
}

#[test]
fn a_real_stage_reply_verifies() {
    // Captured from the ECPay stage gateway (tests/vectors/checkmacvalue.json, stage-capture-01).
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/checkmacvalue.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let v = all["vectors"].as_array().unwrap().iter().find(|v| v["name"] == "stage-capture-01").unwrap();
    let credentials =
        Credentials::new("2000132", v["hash_key"].as_str().unwrap(), v["hash_iv"].as_str().unwrap()).unwrap();
    let p = &v["params"];
    let body = format!(
        "RtnCode={}&RtnMsg={}&MerchantID={}&MerchantTradeNo={}&CheckMacValue={}",
        p["RtnCode"].as_str().unwrap(),
        p["RtnMsg"].as_str().unwrap(),
        p["MerchantID"].as_str().unwrap(),
        p["MerchantTradeNo"].as_str().unwrap(),
        v["expected"].as_str().unwrap()
    );
    let result = period_action::parse_reply(body.as_bytes(), &credentials).unwrap();
    assert_eq!(result.rtn_code, 1);
    assert_eq!(result.rtn_msg, "停用成功");
    assert_eq!(result.merchant_trade_no, "20211026001969730");
    assert_eq!(result.raw.len(), 5);
}

#[test]
fn a_signed_error_reply_is_a_gateway_error_and_a_forged_one_a_signature_error() {
    let body = sign_raw(
        &[("RtnCode", "10200083"), ("RtnMsg", "驗證錯誤"), ("MerchantID", ""), ("MerchantTradeNo", "")],
        &creds(),
    );
    match period_action::parse_reply(body.as_bytes(), &creds()) {
        Err(Error::Gateway { rtn_code, rtn_msg }) => {
            assert_eq!((rtn_code, rtn_msg.as_str()), (Some(10200083), "驗證錯誤"))
        }
        other => panic!("{other:?}"),
    }
    // The same error with a wrong signature is refused before its RtnCode is believed.
    let forged = body.replace("RtnMsg=驗證錯誤", "RtnMsg=x");
    assert!(matches!(period_action::parse_reply(forged.as_bytes(), &creds()), Err(Error::Signature(_))));
    // A success that lost its signature is never believed.
    assert!(matches!(
        period_action::parse_reply(b"RtnCode=1&RtnMsg=OK&MerchantID=1000031&MerchantTradeNo=P1", &creds()),
        Err(Error::Signature(_))
    ));
}

#[test]
fn already_stopped_is_a_gateway_error_with_its_message() {
    let body = sign_raw(
        &[
            ("RtnCode", "100006"),
            ("RtnMsg", "該訂單狀態為停用中"),
            ("MerchantID", "1000031"),
            ("MerchantTradeNo", "P1"),
        ],
        &creds(),
    );
    assert!(matches!(
        period_action::parse_reply(body.as_bytes(), &creds()),
        Err(Error::Gateway { rtn_code: Some(100006), .. })
    ));
}

#[test]
fn a_signed_reply_without_a_usable_rtn_code_is_a_decode_error() {
    for pairs in [vec![("RtnMsg", "x")], vec![("RtnCode", "ok"), ("RtnMsg", "x")]] {
        let body = sign_raw(&pairs, &creds());
        assert!(matches!(period_action::parse_reply(body.as_bytes(), &creds()), Err(Error::Decode(_))), "{body}");
    }
}

#[test]
fn render_reply_round_trips_success_and_error() {
    let ok = PeriodActionResult {
        rtn_code: 1,
        rtn_msg: "停用成功".into(),
        merchant_id: "1000031".into(),
        merchant_trade_no: "P1".into(),
        ..Default::default()
    };
    let body = period_action::render_reply(&ok, &creds()).unwrap();
    assert!(
        body.starts_with("RtnCode=1&RtnMsg=停用成功&MerchantID=1000031&MerchantTradeNo=P1&CheckMacValue="),
        "{body}"
    );
    let back = period_action::parse_reply(body.as_bytes(), &creds()).unwrap();
    assert_eq!(PeriodActionResult { raw: Fields::new(), ..back }, ok);

    let err = PeriodActionResult { rtn_code: 10200083, rtn_msg: "error".into(), ..Default::default() };
    let body = period_action::render_reply(&err, &creds()).unwrap();
    assert!(matches!(
        period_action::parse_reply(body.as_bytes(), &creds()),
        Err(Error::Gateway { rtn_code: Some(10200083), .. })
    ));
}
