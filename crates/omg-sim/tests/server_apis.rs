//! The five server APIs over loopback, requests built and replies parsed by omg-core's `api`
//! modules: the success shapes, the card-payment state machine of DoAction with its refusals,
//! settlement on the simulator clock, and every API's error replies.

mod common;

use common::{order, trade_no, Harness, Receiver};
use omg_core::api::{
    do_action, period_action, query_credit_detail, query_period_info, query_trade_info, Action, ApiRequest,
};
use omg_core::mac::{self, HashMethod};
use omg_core::order::{CreditRecurring, Payment, PeriodType};
use omg_core::{Credentials, Error, FixedClock};
use serde_json::json;

fn stage() -> Credentials {
    Credentials::stage().with_credit_check_code(omg_sim::STAGE_CREDIT_CHECK_CODE)
}

fn send(h: &Harness, request: &ApiRequest) -> String {
    let (status, body) = h.post_form(request.path, &request.body());
    assert_eq!(status, 200, "{body}");
    body
}

/// A paid card order; returns (MerchantTradeNo, TradeNo, gwsr).
fn paid_card_order(h: &Harness, receiver: &Receiver, amount: i64) -> (String, String, String) {
    let no = trade_no("PC");
    h.checkout(&order(&no, amount, receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let o = h.order(&no);
    (no, o["trade_no"].as_str().unwrap().to_string(), o["card"]["gwsr"].as_str().unwrap().to_string())
}

fn gateway_code(e: &Error) -> Option<i64> {
    match e {
        Error::Gateway { rtn_code, .. } => *rtn_code,
        other => panic!("expected a gateway refusal, got {other:?}"),
    }
}

fn gateway_msg(e: &Error) -> String {
    match e {
        Error::Gateway { rtn_msg, .. } => rtn_msg.clone(),
        other => panic!("expected a gateway refusal, got {other:?}"),
    }
}

#[test]
fn query_trade_info_is_signed_raw_text_with_literal_spaces_and_plus() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("QT");
    let mut o = order(&no, 1234, &receiver, Payment::default());
    o.item_name = "A+B pack#C D".into();
    o.need_extra_paid_info = Some(true);
    h.checkout(&o);

    let request = query_trade_info::request(&stage(), &no, None, &h.clock()).unwrap();
    let body = send(&h, &request);
    let info = query_trade_info::parse_reply(body.as_bytes(), &stage()).unwrap();
    assert!(!info.is_paid());
    assert_eq!(info.trade_status.as_str(), "0");
    assert_eq!(info.payment_date, "");

    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let request = query_trade_info::request(&stage(), &no, None, &h.clock()).unwrap();
    let body = send(&h, &request);
    // Not form-encoded: the space of PaymentDate and the + of ItemName travel as they are.
    assert!(body.contains("ItemName=A+B pack#C D&"), "{body}");
    let date = body.split('&').find_map(|kv| kv.strip_prefix("PaymentDate=")).unwrap();
    assert_eq!(date.len(), 19);
    assert_eq!(&date[10..11], " ", "{date}");
    assert!(body.contains("&CheckMacValue="));
    let info = query_trade_info::parse_reply(body.as_bytes(), &stage()).unwrap();
    assert!(info.is_paid());
    assert_eq!(info.trade_amt, Some(1234));
    assert_eq!(info.item_name, "A+B pack#C D");
    assert_eq!(info.payment_type, "Credit_CreditCard");
    assert_eq!(info.trade_no, h.trade_no(&no));
    assert!(info.extra.get("gwsr").is_some(), "NeedExtraPaidInfo fields follow: {body}");
}

#[test]
fn query_trade_info_refusals() {
    let h = Harness::start();
    // Unknown order.
    let request = query_trade_info::request(&stage(), "NOSUCHORDER1", None, &h.clock()).unwrap();
    let err = query_trade_info::parse_reply(send(&h, &request).as_bytes(), &stage()).unwrap_err();
    assert_eq!(gateway_code(&err), Some(10200047));
    // Wrong keys: the gateway's CheckMacValue error.
    let wrong = Credentials::new("1000031", "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB").unwrap();
    let request = query_trade_info::request(&wrong, "A1", None, &h.clock()).unwrap();
    let body = send(&h, &request);
    assert_eq!(body, "RtnCode=10200073&RtnMsg=CheckMacValue Error");
    assert_eq!(gateway_code(&query_trade_info::parse_reply(body.as_bytes(), &stage()).unwrap_err()), Some(10200073));
    // A TimeStamp more than 3 minutes off the simulator clock.
    let now = h.clock().0;
    let request = query_trade_info::request(&stage(), "A1", None, &FixedClock(now - 181)).unwrap();
    let err = query_trade_info::parse_reply(send(&h, &request).as_bytes(), &stage()).unwrap_err();
    assert!(gateway_msg(&err).contains("TimeStamp"), "{err}");
    let request = query_trade_info::request(&stage(), "A1", None, &FixedClock(now + 170)).unwrap();
    let err = query_trade_info::parse_reply(send(&h, &request).as_bytes(), &stage()).unwrap_err();
    assert_eq!(gateway_code(&err), Some(10200047), "a TimeStamp 170 s ahead is still fresh");
    // Unknown merchant, and a body that is not a form.
    let (_, body) = h.post_form("/Cashier/QueryTradeInfo/V5", "MerchantID=42&TimeStamp=1");
    assert!(body.starts_with("RtnCode=10200073&"));
    let (status, body) = h.post_form("/Cashier/QueryTradeInfo/V5", "%zz");
    assert_eq!(
        (status, body.starts_with("RtnCode=0&RtnMsg=Parameter Error: the form body cannot be read")),
        (200, true)
    );
    // Signed, but a field missing: the field is named.
    let mut fields = omg_core::Fields::from_pairs([("MerchantID", "1000031"), ("TimeStamp", "1")]).unwrap();
    mac::sign_in_place(&mut fields, stage().hash_key(), stage().hash_iv(), HashMethod::Sha256).unwrap();
    let (_, body) = h.post_form("/Cashier/QueryTradeInfo/V5", &fields.to_form_body());
    assert!(body.contains("MerchantTradeNo"), "{body}");
}

#[test]
fn do_action_follows_the_card_state_machine_and_settles_at_8pm() {
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let (no, trade, gwsr) = paid_card_order(&h, &receiver, 1000);
    let act = |action: Action, amount: i64| {
        let request = do_action::request(&stage(), &no, &trade, action, amount, None).unwrap();
        do_action::parse_reply(send(&h, &request).as_bytes())
    };
    let detail = || {
        let request = query_credit_detail::request(&stage(), &gwsr, 1000).unwrap();
        query_credit_detail::parse_reply(send(&h, &request).as_bytes()).unwrap()
    };
    assert_eq!(detail().status.as_str(), "已授權");

    // Refund before capture is refused; so is a capture above the authorised amount.
    assert!(gateway_msg(&act(Action::Refund, 100).unwrap_err()).starts_with("error_notClosed"));
    assert!(gateway_msg(&act(Action::Capture, 1001).unwrap_err()).starts_with("error_overAmount"));
    let ok = act(Action::Capture, 1000).unwrap();
    assert_eq!((ok.rtn_code, ok.trade_no.as_str()), (1, trade.as_str()));
    let d = detail();
    assert_eq!(d.status.as_str(), "要關帳");
    assert_eq!(d.close_data.len(), 1);
    assert_eq!(d.close_data[0].status.as_str(), "要關帳");

    // Partial refund of a pending capture lowers it; a full one is refused.
    act(Action::Refund, 200).unwrap();
    assert_eq!(detail().clsamt, Some(800));
    assert!(act(Action::Refund, 800).is_err());
    // Cancel the capture, capture again.
    act(Action::CancelCapture, 800).unwrap();
    assert_eq!(detail().status.as_str(), "已授權");
    act(Action::Capture, 900).unwrap();

    // Settlement: the next 20:00 Taiwan time on the simulator clock (at most a day away).
    let advanced = h.control_ok("/_sim/advance", json!({ "seconds": 86_400 }));
    assert_eq!(advanced["ran"]["settlements"], 1);
    let d = detail();
    assert_eq!(d.status.as_str(), "已關帳");
    assert_eq!((d.amount, d.clsamt), (Some(1000), Some(900)));
    assert!(act(Action::CancelCapture, 900).is_err(), "a settled capture cannot be cancelled");

    // Refunds after settlement: partial, then over the remainder refused.
    act(Action::Refund, 300).unwrap();
    assert_eq!(detail().status.as_str(), "要退款");
    assert!(gateway_msg(&act(Action::Refund, 601).unwrap_err()).starts_with("error_overAmount"));
    act(Action::Refund, 600).unwrap();
    h.control_ok("/_sim/advance", json!({ "seconds": 86_400 }));
    let d = detail();
    assert_eq!(d.status.as_str(), "已退款");
    assert_eq!(d.clsamt, Some(0));
    let words: Vec<&str> = d.close_data.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(words, ["已關帳", "已退款", "已退款"]);
    assert!(d.authtime.contains("午 "), "{}", d.authtime);
}

#[test]
fn abandoning_an_authorisation_ends_it() {
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let (no, trade, gwsr) = paid_card_order(&h, &receiver, 500);
    let act = |action: Action, amount: i64| {
        let request = do_action::request(&stage(), &no, &trade, action, amount, None).unwrap();
        do_action::parse_reply(send(&h, &request).as_bytes())
    };
    act(Action::Abandon, 500).unwrap();
    assert!(gateway_msg(&act(Action::Capture, 500).unwrap_err()).starts_with("error_abandoned"));
    let request = query_credit_detail::request(&stage(), &gwsr, 500).unwrap();
    let d = query_credit_detail::parse_reply(send(&h, &request).as_bytes()).unwrap();
    assert_eq!(d.status, query_credit_detail::CreditStatus::Cancelled);
}

#[test]
fn do_action_refusals() {
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let (no, trade, _) = paid_card_order(&h, &receiver, 500);
    // TradeNo of another order.
    let request = do_action::request(&stage(), &no, "12345678901234567890", Action::Capture, 500, None).unwrap();
    let err = do_action::parse_reply(send(&h, &request).as_bytes()).unwrap_err();
    assert!(gateway_msg(&err).starts_with("error_TradeNo"));
    // Unknown order.
    let request = do_action::request(&stage(), "NOSUCH1", &trade, Action::Capture, 500, None).unwrap();
    assert!(gateway_msg(&do_action::parse_reply(send(&h, &request).as_bytes()).unwrap_err()).starts_with("error_nopay"));
    // Bad signature: the gateway's CheckMacValue error in DoAction's own shape.
    let wrong = Credentials::new("1000031", "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB").unwrap();
    let request = do_action::request(&wrong, &no, &trade, Action::Capture, 500, None).unwrap();
    let body = send(&h, &request);
    assert!(body.contains("RtnCode=10200073&RtnMsg=CheckMacValue Error"), "{body}");
    assert_eq!(gateway_code(&do_action::parse_reply(body.as_bytes()).unwrap_err()), Some(10200073));
    // An ATM order has no card to capture.
    let atm = trade_no("DA");
    h.checkout(&order(&atm, 500, &receiver, Payment::Atm(Default::default())));
    let request = do_action::request(&stage(), &atm, &h.trade_no(&atm), Action::Capture, 500, None).unwrap();
    assert!(gateway_msg(&do_action::parse_reply(send(&h, &request).as_bytes()).unwrap_err()).starts_with("error_nopay"));
}

#[test]
fn query_trade_v2_checks_the_credit_check_code_and_amount() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let (_, _, gwsr) = paid_card_order(&h, &receiver, 700);
    let ask = |credentials: &Credentials, refund_id: &str, amount: i64| {
        let request = query_credit_detail::request(credentials, refund_id, amount).unwrap();
        query_credit_detail::parse_reply(send(&h, &request).as_bytes())
    };
    let d = ask(&stage(), &gwsr, 700).unwrap();
    assert_eq!(d.amount, Some(700));
    let wrong_code = Credentials::stage().with_credit_check_code("11111111");
    assert_eq!(gateway_msg(&ask(&wrong_code, &gwsr, 700).unwrap_err()), "error");
    assert_eq!(gateway_msg(&ask(&stage(), &gwsr, 701).unwrap_err()), "error");
    assert_eq!(gateway_msg(&ask(&stage(), "99999999", 700).unwrap_err()), "error_nopay");
    let wrong_keys = Credentials::new("1000031", "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB")
        .unwrap()
        .with_credit_check_code(omg_sim::STAGE_CREDIT_CHECK_CODE);
    // The document's RtnMsg words for QueryTrade/V2 are error_Stop, error_nopay and error
    // (protocol.md §6): a signature that does not verify is the generic `error`.
    assert_eq!(gateway_msg(&ask(&wrong_keys, &gwsr, 700).unwrap_err()), "error");
}

fn recurring(receiver: &Receiver, no: &str) -> omg_core::Order {
    order(
        no,
        299,
        receiver,
        Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: 299,
            period_type: PeriodType::Month,
            frequency: 1,
            exec_times: 6,
            period_return_url: Some(receiver.url("/period")),
        }),
    )
}

#[test]
fn period_info_and_period_action_replies() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("PI");
    h.checkout(&recurring(&receiver, &no));
    // Not paid yet: no schedule, the documented not-found shape.
    let request = query_period_info::request(&stage(), &no, None, &h.clock()).unwrap();
    let body = send(&h, &request);
    assert!(
        body.contains("\"RtnCode\":10200047")
            && body.contains("\"ExecStatus\":null")
            && body.contains("\"ExecLog\":null"),
        "{body}"
    );
    assert_eq!(gateway_code(&query_period_info::parse_reply(body.as_bytes()).unwrap_err()), Some(10200047));

    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let request = query_period_info::request(&stage(), &no, None, &h.clock()).unwrap();
    let info = query_period_info::parse_reply(send(&h, &request).as_bytes()).unwrap();
    assert_eq!(info.exec_status, Some(query_period_info::ExecStatus::Running));
    assert_eq!((info.period_type.as_str(), info.frequency, info.exec_times), ("M", Some(1), Some(6)));
    assert_eq!(info.exec_log.len(), 1);
    assert_eq!(info.total_success_times, Some(1));
    assert_eq!(info.card6no, "431195");

    let cancel = |credentials: &Credentials| {
        let request = period_action::request(credentials, &no, None, &h.clock()).unwrap();
        period_action::parse_reply(send(&h, &request).as_bytes(), &stage())
    };
    let done = cancel(&stage()).unwrap();
    assert_eq!((done.rtn_code, done.merchant_trade_no.as_str()), (1, no.as_str()));
    // A second cancel: the gateway's refusal, still signed.
    let err = cancel(&stage()).unwrap_err();
    assert_eq!(gateway_code(&err), Some(100006));
    // Bad signature: RtnCode 10200083 with empty ids, signed with the merchant's keys.
    let wrong = Credentials::new("1000031", "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB").unwrap();
    let request = period_action::request(&wrong, &no, None, &h.clock()).unwrap();
    let body = send(&h, &request);
    assert!(
        body.starts_with("RtnCode=10200083&RtnMsg=CheckMacValue Error&MerchantID=&MerchantTradeNo=&CheckMacValue="),
        "{body}"
    );
    assert_eq!(gateway_code(&period_action::parse_reply(body.as_bytes(), &stage()).unwrap_err()), Some(10200083));
    // A stale TimeStamp: the same signed verification error.
    let request = period_action::request(&stage(), &no, None, &FixedClock(h.clock().0 - 600)).unwrap();
    assert_eq!(
        gateway_code(&period_action::parse_reply(send(&h, &request).as_bytes(), &stage()).unwrap_err()),
        Some(10200083)
    );
    // Period info of a cancelled schedule.
    let request = query_period_info::request(&stage(), &no, None, &h.clock()).unwrap();
    let info = query_period_info::parse_reply(send(&h, &request).as_bytes()).unwrap();
    assert_eq!(info.exec_status, Some(query_period_info::ExecStatus::Cancelled));
    // Bad signature on QueryCreditCardPeriodInfo.
    let request = query_period_info::request(&wrong, &no, None, &h.clock()).unwrap();
    assert_eq!(
        gateway_code(&query_period_info::parse_reply(send(&h, &request).as_bytes()).unwrap_err()),
        Some(10200073)
    );
}

#[test]
fn unknown_paths_and_methods_are_plain_errors() {
    let h = Harness::start();
    let (status, _) = h.get("/Cashier/Nothing");
    assert_eq!(status, 404);
    let (status, _) = h.get("/Cashier/QueryTradeInfo/V5");
    assert_eq!(status, 405);
}

#[test]
fn a_platform_queries_and_captures_for_its_sub_merchant_with_the_platform_keys() {
    // Platform 3000 signs for sub-merchant 3000001, which has no keys of its own here.
    let platform = Credentials::new("3000", "PlatformKey00001", "PlatformIv000001").unwrap();
    let sim_config = omg_sim::Simulator::builder()
        .merchant(omg_sim::Merchant::new(platform.clone()))
        .daily_auto_close(false)
        .log(false)
        .into_config();
    let h = Harness::with_config(sim_config);
    let receiver = Receiver::start();
    let sub = Credentials::new("3000001", platform.hash_key(), platform.hash_iv()).unwrap();
    let no = trade_no("PF");
    let mut o = order(&no, 900, &receiver, Payment::default());
    o.platform_id = Some("3000".into());
    let (status, page) = h.checkout_as(&o, &sub);
    assert_eq!(status, 200, "{page}");
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no, "merchant_id": "3000001" }));

    let request = query_trade_info::request(&sub, &no, Some("3000"), &h.clock()).unwrap();
    let info = query_trade_info::parse_reply(send(&h, &request).as_bytes(), &sub).unwrap();
    assert!(info.is_paid(), "{info:?}");
    assert_eq!(info.trade_amt, Some(900));

    let trade = h.order(&no)["trade_no"].as_str().unwrap().to_string();
    let request = do_action::request(&sub, &no, &trade, Action::Capture, 900, Some("3000")).unwrap();
    let result = do_action::parse_reply(send(&h, &request).as_bytes()).unwrap();
    assert_eq!(result.rtn_code, 1);

    // Without the PlatformID the sub-merchant is unknown: refused like a bad signature.
    let request = query_trade_info::request(&sub, &no, None, &h.clock()).unwrap();
    let err = query_trade_info::parse_reply(send(&h, &request).as_bytes(), &sub).unwrap_err();
    assert_eq!(gateway_code(&err), Some(10200073));
}
