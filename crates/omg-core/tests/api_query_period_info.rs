//! QueryCreditCardPeriodInfo: JSON without a signature, numbers written either way.

use omg_core::api::query_period_info::{self, ExecLogEntry, ExecStatus, PeriodInfo};
use omg_core::api::{self, Api};
use omg_core::{mac, Credentials, Error, Fields, FixedClock, HashMethod};

fn creds() -> Credentials {
    Credentials::stage()
}

/// The documented reply with numbers as JSON numbers (as in the gateway's published samples).
const NUMBERS: &str = r#"{"MerchantID":"1000031","MerchantTradeNo":"P2401011000001","TradeNo":"2401011000005555","RtnCode":1,
"PeriodType":"M","Frequency":1,"ExecTimes":12,"PeriodAmount":299,"amount":299,"gwsr":11436981,
"process_date":"2024/01/01 10:00:00","auth_code":"777777","card4no":"2222","card6no":"431195",
"TotalSuccessTimes":2,"TotalSuccessAmount":598,"ExecStatus":"1",
"ExecLog":[{"RtnCode":1,"RtnMsg":"交易成功","amount":299,"gwsr":11436981,"process_date":"2024/01/01 10:00:00","auth_code":"777777","TradeNo":"2401011000005555"},
{"RtnCode":1,"RtnMsg":"paid","amount":299,"gwsr":11436999,"process_date":"2024/02/01 10:00:00","auth_code":"777778","TradeNo":"2402011000006666"}]}"#;

/// The same reply with every number written as a string.
const STRINGS: &str = r#"{"MerchantID":"1000031","MerchantTradeNo":"P2401011000001","TradeNo":"2401011000005555","RtnCode":"1",
"PeriodType":"M","Frequency":"1","ExecTimes":"12","PeriodAmount":"299","amount":"299.00","gwsr":"11436981",
"process_date":"2024/01/01 10:00:00","auth_code":"777777","card4no":"2222","card6no":"431195",
"TotalSuccessTimes":"2","TotalSuccessAmount":"598","ExecStatus":1,
"ExecLog":[{"RtnCode":"1","RtnMsg":"交易成功","amount":"299","gwsr":"11436981","process_date":"2024/01/01 10:00:00","auth_code":"777777","TradeNo":"2401011000005555"},
{"RtnCode":"1","RtnMsg":"paid","amount":"299","gwsr":"11436999","process_date":"2024/02/01 10:00:00","auth_code":"777778","TradeNo":"2402011000006666"}]}"#;

const NOT_FOUND: &str = r#"{"MerchantID":"1000031","MerchantTradeNo":"NOPE1","TradeNo":"","RtnCode":10200047,"PeriodType":"",
"Frequency":0,"ExecTimes":0,"PeriodAmount":0,"amount":0,"gwsr":0,"process_date":"","auth_code":"","card4no":"","card6no":"",
"TotalSuccessTimes":0,"TotalSuccessAmount":0,"ExecStatus":null,"ExecLog":null}"#;

fn without_raw(mut info: PeriodInfo) -> PeriodInfo {
    info.raw = serde_json::Value::Null;
    info
}

#[test]
fn request_has_the_documented_fields_and_is_retryable() {
    let req = query_period_info::request(&creds(), "P2401011000001", None, &FixedClock(1_700_000_000)).unwrap();
    assert_eq!(
        (req.api, req.path, req.idempotent, req.reconcile_with),
        (Api::QueryPeriodInfo, "/Cashier/QueryCreditCardPeriodInfo", true, None)
    );
    let keys: Vec<&str> = req.fields.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["MerchantID", "MerchantTradeNo", "TimeStamp", "CheckMacValue"]);
    mac::verify(&req.fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let parsed = query_period_info::parse_request(&req.fields, &creds()).unwrap();
    assert_eq!((parsed.merchant_trade_no.as_str(), parsed.time_stamp), ("P2401011000001", 1_700_000_000));
    assert_eq!(
        query_period_info::request(&creds(), "", None, &FixedClock(0)).unwrap_err().field_errors()[0].rule,
        "required"
    );
}

#[test]
fn the_documented_reply_is_read_field_by_field() {
    let info = query_period_info::parse_reply(NUMBERS.as_bytes()).unwrap();
    assert_eq!(
        (info.merchant_id.as_str(), info.merchant_trade_no.as_str(), info.trade_no.as_str()),
        ("1000031", "P2401011000001", "2401011000005555")
    );
    assert_eq!(info.rtn_code, 1);
    assert_eq!(info.period_type, "M");
    assert_eq!(
        [info.frequency, info.exec_times, info.period_amount, info.amount],
        [Some(1), Some(12), Some(299), Some(299)]
    );
    assert_eq!(
        (info.gwsr.as_str(), info.process_date.as_str(), info.auth_code.as_str()),
        ("11436981", "2024/01/01 10:00:00", "777777")
    );
    assert_eq!((info.card4no.as_str(), info.card6no.as_str()), ("2222", "431195"));
    assert_eq!([info.total_success_times, info.total_success_amount], [Some(2), Some(598)]);
    assert_eq!(info.exec_status, Some(ExecStatus::Running));
    assert_eq!(info.exec_log.len(), 2);
    assert_eq!(
        info.exec_log[1],
        ExecLogEntry {
            rtn_code: Some(1),
            rtn_msg: "paid".into(),
            amount: Some(299),
            gwsr: "11436999".into(),
            process_date: "2024/02/01 10:00:00".into(),
            auth_code: "777778".into(),
            trade_no: "2402011000006666".into(),
        }
    );
    assert_eq!(info.raw["ExecLog"][0]["RtnMsg"], "交易成功");
}

#[test]
fn numbers_written_as_strings_read_the_same() {
    let a = query_period_info::parse_reply(NUMBERS.as_bytes()).unwrap();
    let b = query_period_info::parse_reply(STRINGS.as_bytes()).unwrap();
    assert_eq!(without_raw(a), without_raw(b));
}

#[test]
fn exec_status_values() {
    for (wire, status) in [
        (r#""0""#, Some(ExecStatus::Cancelled)),
        (r#""1""#, Some(ExecStatus::Running)),
        (r#""2""#, Some(ExecStatus::Finished)),
        ("2", Some(ExecStatus::Finished)),
        (r#""9""#, Some(ExecStatus::Other("9".into()))),
        ("null", None),
    ] {
        let body = NUMBERS.replace(r#""ExecStatus":"1""#, &format!(r#""ExecStatus":{wire}"#));
        assert_eq!(query_period_info::parse_reply(body.as_bytes()).unwrap().exec_status, status, "{wire}");
    }
}

#[test]
fn not_found_is_a_gateway_error_10200047() {
    for body in [NOT_FOUND.to_string(), query_period_info::render_not_found("1000031", "NOPE1")] {
        match query_period_info::parse_reply(body.as_bytes()) {
            Err(Error::Gateway { rtn_code: Some(10200047), .. }) => {}
            other => panic!("{other:?}"),
        }
    }
    let rendered: serde_json::Value =
        serde_json::from_str(&query_period_info::render_not_found("1000031", "NOPE1")).unwrap();
    let documented: serde_json::Value = serde_json::from_str(NOT_FOUND).unwrap();
    assert_eq!(rendered, documented);
}

#[test]
fn json_is_recognised_by_content_whatever_surrounds_it() {
    // The parser never sees a Content-Type; leading whitespace and a BOM do not hide the `{`.
    for body in [format!("\r\n  {NUMBERS}\n"), format!("\u{feff}{NUMBERS}")] {
        query_period_info::parse_reply(body.as_bytes()).unwrap();
        assert!(api::is_json(body.as_bytes()));
    }
    assert!(!api::is_json(b"RtnCode=1"));
    assert!(!api::is_json(b"[1]"));
    assert!(!api::is_json(b""));
}

#[test]
fn non_json_refusals_are_gateway_errors_and_garbage_is_a_decode_error() {
    assert!(matches!(
        query_period_info::parse_reply(api::render_refusal(10200073, "CheckMacValue Error").as_bytes()),
        Err(Error::Gateway { rtn_code: Some(10200073), .. })
    ));
    for body in ["", "<html>500</html>", "{\"RtnCode\":1,", "{\"ExecStatus\":\"1\"}", "{\"RtnCode\":\"one\"}"] {
        assert!(matches!(query_period_info::parse_reply(body.as_bytes()), Err(Error::Decode(_))), "{body}");
    }
    let body = NUMBERS.replace(r#""ExecLog":["#, r#""ExecLog":"oops","Was":["#);
    assert!(matches!(query_period_info::parse_reply(body.as_bytes()), Err(Error::Decode(_))));
}

#[test]
fn render_reply_round_trips_and_keeps_the_documented_key_order() {
    let info = without_raw(query_period_info::parse_reply(NUMBERS.as_bytes()).unwrap());
    let rendered = query_period_info::render_reply(&info);
    assert_eq!(without_raw(query_period_info::parse_reply(rendered.as_bytes()).unwrap()), info);
    // Same JSON value as the documented sample.
    let a: serde_json::Value = serde_json::from_str(&rendered).unwrap();
    let b: serde_json::Value = serde_json::from_str(NUMBERS).unwrap();
    assert_eq!(a, b);
    let order = [
        "MerchantID",
        "MerchantTradeNo",
        "TradeNo",
        "RtnCode",
        "PeriodType",
        "Frequency",
        "ExecTimes",
        "PeriodAmount",
        "\"amount",
        "\"gwsr",
        "\"process_date",
        "\"auth_code",
        "card4no",
        "card6no",
        "TotalSuccessTimes",
        "TotalSuccessAmount",
        "ExecStatus",
        "ExecLog",
    ];
    let positions: Vec<usize> = order.iter().map(|k| rendered.find(k).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{rendered}");
}

#[test]
fn render_reply_keeps_a_gwsr_with_a_leading_zero_as_text() {
    let info = PeriodInfo { gwsr: "0123".into(), exec_status: Some(ExecStatus::Cancelled), ..Default::default() };
    let rendered = query_period_info::render_reply(&info);
    assert!(rendered.contains(r#""gwsr":"0123""#) && rendered.contains(r#""ExecStatus":"0""#), "{rendered}");
    assert_eq!(query_period_info::parse_reply(rendered.as_bytes()).unwrap().gwsr, "0123");
}

#[test]
fn the_simulator_refuses_a_tampered_request() {
    let req = query_period_info::request(&creds(), "P1", None, &FixedClock(0)).unwrap();
    let mut fields: Fields = req.fields.clone();
    fields.set("TimeStamp", "1");
    assert!(matches!(query_period_info::parse_request(&fields, &creds()), Err(Error::Signature(_))));
}
