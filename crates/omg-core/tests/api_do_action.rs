//! DoAction: money-moving, never retried, unsigned raw reply.

use omg_core::api::do_action::{self, Action, DoActionResult};
use omg_core::api::Api;
use omg_core::{mac, Credentials, Error, Fields, HashMethod};

fn creds() -> Credentials {
    Credentials::stage()
}

#[test]
fn each_action_has_its_letter_and_reads_back() {
    for (action, code) in
        [(Action::Capture, "C"), (Action::Refund, "R"), (Action::CancelCapture, "E"), (Action::Abandon, "N")]
    {
        assert_eq!(action.code(), code);
        assert_eq!(Action::from_code(code), Some(action));
        let req = do_action::request(&creds(), "A1", "2401011000001234", action, 100, None).unwrap();
        assert_eq!(req.fields.get("Action"), Some(code));
        assert_eq!(do_action::parse_request(&req.fields, &creds()).unwrap().action, action);
    }
    assert_eq!(Action::from_code("c"), None);
    assert_eq!(Action::from_code(""), None);
}

#[test]
fn request_has_the_documented_fields_and_is_never_retried() {
    let req = do_action::request(&creds(), "A1", "2401011000001234", Action::Refund, 250, Some("P1")).unwrap();
    assert_eq!((req.api, req.path), (Api::DoAction, "/CreditDetail/DoAction"));
    assert!(!req.idempotent);
    assert_eq!(req.reconcile_with, Some(Api::QueryCreditDetail));
    let keys: Vec<&str> = req.fields.iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        ["MerchantID", "MerchantTradeNo", "TradeNo", "Action", "TotalAmount", "PlatformID", "CheckMacValue"]
    );
    assert_eq!(req.fields.get("TotalAmount"), Some("250"));
    mac::verify(&req.fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let parsed = do_action::parse_request(&req.fields, &creds()).unwrap();
    assert_eq!(
        (
            parsed.merchant_trade_no.as_str(),
            parsed.trade_no.as_str(),
            parsed.total_amount,
            parsed.platform_id.as_deref()
        ),
        ("A1", "2401011000001234", 250, Some("P1"))
    );
}

#[test]
fn bad_input_is_refused_with_every_field_named() {
    let err = do_action::request(&creds(), "", "x-1", Action::Capture, 0, None).unwrap_err();
    let got: Vec<(&str, &str)> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
    assert_eq!(got, [("MerchantTradeNo", "required"), ("TradeNo", "charset"), ("TotalAmount", "range")]);
}

#[test]
fn the_simulator_reports_every_bad_field() {
    let mut fields = Fields::from_pairs([
        ("MerchantID", "1000031"),
        ("MerchantTradeNo", "A1"),
        ("TradeNo", ""),
        ("Action", "X"),
        ("TotalAmount", "ten"),
    ])
    .unwrap();
    mac::sign_in_place(&mut fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let err = do_action::parse_request(&fields, &creds()).unwrap_err();
    let got: Vec<(&str, &str)> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
    assert_eq!(got, [("TradeNo", "required"), ("Action", "one_of"), ("TotalAmount", "format")]);

    fields.set("TradeNo", "T1");
    fields.set("Action", "C");
    fields.set("TotalAmount", "0");
    mac::sign_in_place(&mut fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let err = do_action::parse_request(&fields, &creds()).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "range");

    let mut unsigned = fields.clone();
    unsigned.remove("CheckMacValue");
    assert!(matches!(do_action::parse_request(&unsigned, &creds()), Err(Error::Signature(_))));
}

#[test]
fn a_success_reply_is_read_without_a_signature() {
    let body = "MerchantID=1000031&MerchantTradeNo=A1&TradeNo=2401011000001234&RtnCode=1&RtnMsg=成功";
    let r = do_action::parse_reply(body.as_bytes()).unwrap();
    assert_eq!((r.rtn_code, r.rtn_msg.as_str(), r.trade_no.as_str()), (1, "成功", "2401011000001234"));
    assert_eq!((r.merchant_id.as_str(), r.merchant_trade_no.as_str()), ("1000031", "A1"));
    assert_eq!(r.raw.len(), 5);
}

#[test]
fn a_refusal_is_a_gateway_error_with_the_message_verbatim() {
    let body = "MerchantID=1000031&MerchantTradeNo=A1&TradeNo=2401011000001234&RtnCode=10100050&RtnMsg=error_overDAY";
    match do_action::parse_reply(body.as_bytes()) {
        Err(Error::Gateway { rtn_code, rtn_msg }) => {
            assert_eq!((rtn_code, rtn_msg.as_str()), (Some(10100050), "error_overDAY"))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(do_action::parse_reply(b"0|error"), Err(Error::Gateway { rtn_code: Some(0), .. })));
}

#[test]
fn a_reply_without_a_usable_rtn_code_is_a_decode_error() {
    for body in ["MerchantID=1000031&RtnMsg=x", "RtnCode=&RtnMsg=x", "", "<html></html>", "{\"a\":1}"] {
        assert!(matches!(do_action::parse_reply(body.as_bytes()), Err(Error::Decode(_))), "{body}");
    }
}

#[test]
fn render_reply_round_trips() {
    let sent = DoActionResult {
        merchant_id: "1000031".into(),
        merchant_trade_no: "A1".into(),
        trade_no: "2401011000001234".into(),
        rtn_code: 1,
        rtn_msg: "a+b c".into(),
        ..Default::default()
    };
    let body = do_action::render_reply(&sent);
    assert_eq!(body, "MerchantID=1000031&MerchantTradeNo=A1&TradeNo=2401011000001234&RtnCode=1&RtnMsg=a+b c");
    let back = do_action::parse_reply(body.as_bytes()).unwrap();
    assert_eq!(DoActionResult { raw: Fields::new(), ..back }, sent);
}
