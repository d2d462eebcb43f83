//! omg-sim shows the states production has, and none it does not (issue 24): each expected value
//! comes from the gateway's document (the page or protocol.md section is cited beside it).

mod common;

use common::{order, stage, trade_no, Harness, Receiver};
use omg_core::api::{do_action, period_action, query_credit_detail, query_trade_info, Action};
use omg_core::notify::verify_notification;
use omg_core::order::{Atm, AtmBank, CreditRecurring, Cvs, CvsStore, Payment, PeriodType};
use omg_core::taiwan_time::TaiwanDateTime;
use omg_core::Credentials;
use serde_json::json;

/// A paid one-time card order: (MerchantTradeNo, TradeNo, gwsr).
fn paid_card(h: &Harness, receiver: &Receiver, amount: i64) -> (String, String, String) {
    let no = trade_no("PS");
    h.checkout(&order(&no, amount, receiver, Payment::default()));
    let paid = h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let text = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    (no, text(&paid["order"]["trade_no"]), text(&paid["order"]["card"]["gwsr"]))
}

fn credit_status(h: &Harness, gwsr: &str, amount: i64) -> String {
    let request = query_credit_detail::request(&stage(), gwsr, amount).unwrap();
    query_credit_detail::parse_reply(h.send(&request).as_bytes()).unwrap().status.as_str().to_string()
}

fn trade_info(h: &Harness, no: &str) -> query_trade_info::TradeInfo {
    let request = query_trade_info::request(&stage(), no, None, &h.clock()).unwrap();
    query_trade_info::parse_reply(h.send(&request).as_bytes(), &stage()).unwrap()
}

#[test]
fn query_trade_v2_trade_id_is_the_authorisation_number_not_the_trade_no() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let (_, trade, gwsr) = paid_card(&h, &receiver, 800);
    let request = query_credit_detail::request(&stage(), &gwsr, 800).unwrap();
    let detail = query_credit_detail::parse_reply(h.send(&request).as_bytes()).unwrap();
    // V1.3.7 p.50: TradeID is the authorisation number (Int) — the serial the query is made with.
    assert_eq!(detail.trade_id, gwsr);
    assert!(detail.trade_id.parse::<i64>().is_ok(), "an Int: {}", detail.trade_id);
    assert_ne!(detail.trade_id, trade, "not the gateway's 20-character TradeNo");
}

#[test]
fn an_atm_account_is_valid_through_the_end_of_its_expire_date_day() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let atm = || {
        Payment::Atm(Atm {
            expire_days: Some(1),
            bank: Some(AtmBank::First),
            payment_info_url: Some(receiver.url("/info")),
            ..Atm::default()
        })
    };
    let issued_at = h.clock().0;
    let (paid_late, too_late) = (trade_no("EL"), trade_no("EL"));
    h.checkout(&order(&paid_late, 300, &receiver, atm()));
    h.checkout(&order(&too_late, 300, &receiver, atm()));
    let infos: Vec<_> = receiver
        .wait_for("/info", 2)
        .iter()
        .map(|b| verify_notification(b.as_bytes(), &Credentials::stage()).unwrap())
        .collect();
    let expire_date = infos[0].get("ExpireDate").unwrap().to_string();
    // protocol.md §5: ATM ExpireDate is a date, yyyy/MM/dd — with ExpireDate=1, tomorrow (Taiwan time).
    assert_eq!(expire_date, TaiwanDateTime::from_unix(issued_at + 86_400).date());
    let account = |no: &str| {
        infos.iter().find(|n| n.get("MerchantTradeNo") == Some(no)).unwrap().get("vAccount").unwrap().to_string()
    };

    // Payable until that day ends — 23:59 is still in time, whatever the hour it was issued...
    let last_minute = TaiwanDateTime::parse(&format!("{expire_date} 23:59:00")).unwrap().to_unix();
    h.control_ok("/_sim/advance", json!({ "seconds": last_minute - h.clock().0 }));
    h.control_ok("/_sim/pay-code", json!({ "code": account(&paid_late) }));
    assert_eq!(h.order(&paid_late)["status"], "paid");
    // ...and from midnight it is not.
    h.control_ok("/_sim/advance", json!({ "seconds": 90 }));
    let (status, body) = h.control("/_sim/pay-code", json!({ "code": account(&too_late) }));
    assert_eq!(status, 409, "{body}");
    assert_eq!(h.order(&too_late)["status"], "expired");
}

#[test]
fn a_code_order_without_choose_sub_payment_has_no_code_until_the_payer_picks() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("NS");
    let payment = Payment::Cvs(Cvs { payment_info_url: Some(receiver.url("/info")), ..Cvs::default() });
    let (_, page) = h.checkout(&order(&no, 450, &receiver, payment));
    // protocol.md §9: the payer chooses the store chain (CVS, FAMILY, IBON) on the gateway's page.
    for store in ["CVS", "FAMILY", "IBON"] {
        assert!(page.contains(&format!("id=\"sub-{store}\"")), "{store}: {page}");
    }
    assert!(!page.contains("id=\"payment-no\""), "no code yet: {page}");
    // Order created, no code yet: unpaid (TradeStatus 0), no PaymentType, nothing posted.
    let info = trade_info(&h, &no);
    assert_eq!((info.trade_status.as_str(), info.payment_type.as_str()), ("0", ""));
    assert!(h.deliveries(&no).is_empty());
    let (status, _) = h.control("/_sim/pay-code", json!({ "merchant_trade_no": no }));
    assert_eq!(status, 409, "no code to pay");

    let (_, page) = h.post_form(&format!("/SimPayment/{}/choose", h.trade_no(&no)), "sub_payment=IBON");
    assert!(page.contains("id=\"payment-no\""), "{page}");
    let issued = verify_notification(receiver.wait_for("/info", 1)[0].as_bytes(), &Credentials::stage()).unwrap();
    assert_eq!((issued.rtn_code(), issued.get("PaymentType")), (Some(10100073), Some("CVS_IBON")));
    assert_eq!(trade_info(&h, &no).payment_type, "CVS_IBON");
}

#[test]
fn a_cvs_handling_charge_is_an_int_and_0_until_settlement() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("HC");
    let payment = Payment::Cvs(Cvs { store: Some(CvsStore::Family), ..Cvs::default() });
    h.checkout(&order(&no, 600, &receiver, payment));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    // protocol.md §6: HandlingCharge is what the acquirer keeps, 0 until the money settles.
    let paid = trade_info(&h, &no);
    assert!(paid.is_paid());
    assert_eq!(paid.handling_charge, "0");
    // Settled at the next daily settlement (20:00 Taiwan time): an Int, no decimals.
    h.control_ok("/_sim/advance", json!({ "seconds": h.seconds_until(20, 0) + 60 }));
    let settled = trade_info(&h, &no);
    assert_eq!(settled.handling_charge, "25");
    assert!(settled.handling_charge.parse::<i64>().is_ok());
}

#[test]
fn a_period_action_success_is_the_gateways_percent_encoded_message() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("PA");
    h.checkout(&order(
        &no,
        120,
        &receiver,
        Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: 120,
            period_type: PeriodType::Month,
            frequency: 1,
            exec_times: 3,
            period_return_url: Some(receiver.url("/period")),
        }),
    ));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let body = h.send(&period_action::request(&stage(), &no, None, &h.clock()).unwrap());
    // V1.3.7 p.40: the reply is form-urlencoded; 停用成功 is e5 81 9c e7 94 a8 e6 88 90 e5 8a 9f in UTF-8.
    assert!(body.contains("RtnMsg=%E5%81%9C%E7%94%A8%E6%88%90%E5%8A%9F&"), "{body}");
    let result = period_action::parse_reply(body.as_bytes(), &stage()).unwrap();
    assert_eq!((result.rtn_code, result.rtn_msg.as_str()), (1, "停用成功"));
}

#[test]
fn an_authorisation_never_captured_is_abandoned_after_90_days() {
    // A merchant without the daily auto-close (which would capture it the same evening).
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let (_, _, gwsr) = paid_card(&h, &receiver, 700);
    // V1.3.7 pp.44–45: an authorisation not captured is abandoned after 90 days.
    h.control_ok("/_sim/advance", json!({ "seconds": 90 * 86_400 - 120 }));
    assert_eq!(credit_status(&h, &gwsr, 700), "已授權");
    let ran = h.control_ok("/_sim/advance", json!({ "seconds": 240 }));
    assert_eq!(ran["ran"]["abandoned"], 1, "{ran}");
    // p.50's word for a cancelled authorisation.
    assert_eq!(credit_status(&h, &gwsr, 700), "已取消");
}

#[test]
fn with_the_default_auto_close_an_authorisation_is_captured_the_same_evening_instead() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let (_, _, gwsr) = paid_card(&h, &receiver, 700);
    // pp.44–45: captured at 20:15, settled in the next batch; never left to be abandoned.
    let ran = h.control_ok("/_sim/advance", json!({ "seconds": 91 * 86_400 }));
    assert_eq!((ran["ran"]["auto_closed"].as_i64(), ran["ran"]["abandoned"].as_i64()), (Some(1), Some(0)), "{ran}");
    h.control_ok("/_sim/advance", json!({ "seconds": 1 }));
    assert_eq!(credit_status(&h, &gwsr, 700), "已關帳");
}

#[test]
fn without_the_auto_close_an_authorisation_stays_open_and_do_action_works_at_20_20() {
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let (no, trade, gwsr) = paid_card(&h, &receiver, 500);
    h.control_ok("/_sim/advance", json!({ "seconds": h.seconds_until(20, 20) }));
    assert_eq!(credit_status(&h, &gwsr, 500), "已授權", "not captured at 20:15");
    let capture = do_action::request(&stage(), &no, &trade, Action::Capture, 500, None).unwrap();
    assert_eq!(do_action::parse_reply(h.send(&capture).as_bytes()).unwrap().rtn_code, 1);
}
