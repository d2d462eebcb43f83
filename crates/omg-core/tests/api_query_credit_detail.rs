//! QueryTrade/V2: CreditCheckCode from the credentials, a JSON reply of strings.

use omg_core::api::query_credit_detail::{self, CloseEntry, CreditDetail, CreditStatus};
use omg_core::api::Api;
use omg_core::{mac, Credentials, Error, HashMethod};

fn creds() -> Credentials {
    Credentials::stage().with_credit_check_code("59997889")
}

const REPLY: &str = r#"{"RtnMsg":"","RtnValue":{"TradeID":"11436981","amount":"1000","clsamt":"800","authtime":"2016/5/12 下午 07:09:17","status":"已關帳",
"close_data":[{"status":"已關帳","sno":"1","amount":"1000","datetime":"2016/5/13 上午 10:00:00"},
{"status":"已退款","sno":"2","amount":"200","datetime":"2016/5/20 上午 10:00:00"}]}}"#;

#[test]
fn request_carries_the_check_code_and_is_retryable() {
    let req = query_credit_detail::request(&creds(), "11436981", 1000).unwrap();
    assert_eq!((req.api, req.path, req.idempotent), (Api::QueryCreditDetail, "/CreditDetail/QueryTrade/V2", true));
    let keys: Vec<&str> = req.fields.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["MerchantID", "CreditRefundId", "CreditAmount", "CreditCheckCode", "CheckMacValue"]);
    assert_eq!(req.fields.get("CreditCheckCode"), Some("59997889"));
    mac::verify(&req.fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let parsed = query_credit_detail::parse_request(&req.fields, &creds()).unwrap();
    assert_eq!((parsed.credit_refund_id.as_str(), parsed.credit_amount), ("11436981", 1000));
    assert!(!format!("{parsed:?}").contains("59997889"));
}

#[test]
fn a_missing_check_code_is_a_validation_error_on_credit_check_code() {
    let err = query_credit_detail::request(&Credentials::stage(), "11436981", 1000).unwrap_err();
    assert_eq!(
        (err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()),
        ("CreditCheckCode", "required")
    );
    let err =
        query_credit_detail::request(&Credentials::stage().with_credit_check_code(""), "11436981", 1000).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "CreditCheckCode");
}

#[test]
fn bad_input_is_refused_with_every_field_named() {
    let err = query_credit_detail::request(&creds(), "gw-1", 0).unwrap_err();
    let got: Vec<(&str, &str)> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
    assert_eq!(got, [("CreditRefundId", "charset"), ("CreditAmount", "range")]);
    assert_eq!(query_credit_detail::request(&creds(), "", 1).unwrap_err().field_errors()[0].rule, "required");
}

#[test]
fn the_simulator_checks_the_code_without_revealing_it() {
    let req = query_credit_detail::request(&creds(), "11436981", 1000).unwrap();
    let other_code = Credentials::stage().with_credit_check_code("11111111");
    let err = query_credit_detail::parse_request(&req.fields, &other_code).unwrap_err();
    assert_eq!(
        (err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()),
        ("CreditCheckCode", "mismatch")
    );
    assert!(!err.to_string().contains("59997889") && !err.to_string().contains("11111111"));
    let err = query_credit_detail::parse_request(&req.fields, &Credentials::stage()).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "required");
}

#[test]
fn the_documented_reply_is_read_with_statuses_mapped_and_kept() {
    let d = query_credit_detail::parse_reply(REPLY.as_bytes()).unwrap();
    assert_eq!(d.trade_id, "11436981");
    assert_eq!((d.amount, d.clsamt), (Some(1000), Some(800)));
    assert_eq!(d.authtime, "2016/5/12 下午 07:09:17");
    assert_eq!(d.status, CreditStatus::Captured);
    assert_eq!(d.status.as_str(), "已關帳");
    assert_eq!(
        d.close_data,
        [
            CloseEntry {
                status: CreditStatus::Captured,
                sno: "1".into(),
                amount: Some(1000),
                datetime: "2016/5/13 上午 10:00:00".into()
            },
            CloseEntry {
                status: CreditStatus::Refunded,
                sno: "2".into(),
                amount: Some(200),
                datetime: "2016/5/20 上午 10:00:00".into()
            },
        ]
    );
    assert_eq!(d.raw["RtnValue"]["TradeID"], "11436981");
}

#[test]
fn every_known_status_maps_and_others_are_kept() {
    for (word, status) in [
        ("已授權", CreditStatus::Authorised),
        ("要關帳", CreditStatus::CapturePending),
        ("已關帳", CreditStatus::Captured),
        ("要退款", CreditStatus::RefundPending),
        ("已退款", CreditStatus::Refunded),
        ("已放棄", CreditStatus::Other("已放棄".into())),
    ] {
        assert_eq!(CreditStatus::parse(word), status);
        assert_eq!(status.as_str(), word);
        let body = REPLY.replacen(r#""status":"已關帳""#, &format!(r#""status":"{word}""#), 1);
        assert_eq!(query_credit_detail::parse_reply(body.as_bytes()).unwrap().status, status);
    }
}

#[test]
fn numbers_as_json_numbers_are_read_too() {
    let body = REPLY.replace(r#""amount":"1000","clsamt":"800""#, r#""amount":1000,"clsamt":800"#);
    let d = query_credit_detail::parse_reply(body.as_bytes()).unwrap();
    assert_eq!((d.amount, d.clsamt), (Some(1000), Some(800)));
}

#[test]
fn rtn_msg_errors_are_gateway_errors() {
    for msg in ["error_Stop", "error_nopay", "error"] {
        for body in [format!(r#"{{"RtnMsg":"{msg}","RtnValue":null}}"#), query_credit_detail::render_error(msg)] {
            match query_credit_detail::parse_reply(body.as_bytes()) {
                Err(Error::Gateway { rtn_code: None, rtn_msg }) => assert_eq!(rtn_msg, msg),
                other => panic!("{body}: {other:?}"),
            }
        }
    }
}

#[test]
fn a_success_without_rtn_value_or_garbage_is_a_decode_error() {
    for body in [
        r#"{"RtnMsg":""}"#,
        r#"{"RtnMsg":"","RtnValue":"x"}"#,
        "",
        "<html/>",
        r#"{"RtnMsg":"","RtnValue":{"close_data":5}}"#,
    ] {
        assert!(matches!(query_credit_detail::parse_reply(body.as_bytes()), Err(Error::Decode(_))), "{body}");
    }
}

#[test]
fn render_reply_writes_strings_in_order_and_round_trips() {
    let d = query_credit_detail::parse_reply(REPLY.as_bytes()).unwrap();
    let rendered = query_credit_detail::render_reply(&d);
    let compact: String = REPLY.split('\n').collect();
    assert_eq!(rendered, compact);
    let back = query_credit_detail::parse_reply(rendered.as_bytes()).unwrap();
    assert_eq!(back, d);
    let empty = query_credit_detail::render_reply(&CreditDetail::default());
    assert_eq!(
        empty,
        r#"{"RtnMsg":"","RtnValue":{"TradeID":"","amount":"","clsamt":"","authtime":"","status":"","close_data":[]}}"#
    );
}
