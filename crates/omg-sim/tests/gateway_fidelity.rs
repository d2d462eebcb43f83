//! omg-sim behaves like the real gateway where the project's own understanding used to differ
//! (issue 10, protocol.md §4–§6): the whole extras set, the fields AioCheckOut requires, the
//! installment refund rule, platform-wide order numbers, HandlingCharge, TradeStatus 10200095,
//! and the optional card time rules.

mod common;

use common::{order, trade_no, Harness, Receiver};
use omg_core::api::{do_action, query_trade_info, Action, ApiRequest};
use omg_core::mac::{self, HashMethod};
use omg_core::order::{AllMethods, CreditInstallments, Cvs, Payment};
use omg_core::{verify_notification, Credentials, Error, NotificationKind};
use serde_json::json;

fn send(h: &Harness, request: &ApiRequest) -> String {
    let (status, body) = h.post_form(request.path, &request.body());
    assert_eq!(status, 200, "{body}");
    body
}

#[test]
fn a_card_result_carries_the_whole_extras_set_and_is_still_paid() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("EX");
    let mut o = order(&no, 500, &receiver, Payment::default());
    o.need_extra_paid_info = Some(true);
    h.checkout(&o);
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let body = receiver.wait_for("/return", 1)[0].clone();
    // The empty extras of other methods are on the wire, as in real ECPay-family captures.
    for empty in
        ["PaymentNo=&", "PayFrom=&", "ATMAccBank=&", "WebATMAccBank=&", "CVSStoreID=&", "AlipayID=&", "TenpayTradeNo=&"]
    {
        assert!(body.contains(empty), "{empty} missing in {body}");
    }
    let n = verify_notification(body.as_bytes(), &Credentials::stage()).unwrap();
    assert_eq!(n.kind(), NotificationKind::PaymentResult);
    assert!(n.is_paid());
    assert_eq!(n.card4no(), Some("2222"));
}

#[test]
fn a_paid_cvs_result_carries_payment_no_and_pay_from_and_is_paid() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("CX");
    let payment = Payment::Cvs(Cvs { payment_info_url: Some(receiver.url("/info")), ..Default::default() });
    let mut o = order(&no, 350, &receiver, payment);
    o.need_extra_paid_info = Some(true);
    h.checkout(&o);
    h.control_ok("/_sim/choose", json!({ "merchant_trade_no": no }));
    let info = verify_notification(receiver.wait_for("/info", 1)[0].as_bytes(), &Credentials::stage()).unwrap();
    let code = info.payment_no().unwrap().to_string();
    h.control_ok("/_sim/pay-code", json!({ "code": code }));
    let n = verify_notification(receiver.wait_for("/return", 1)[0].as_bytes(), &Credentials::stage()).unwrap();
    assert_eq!(n.kind(), NotificationKind::PaymentResult);
    assert!(n.is_paid());
    assert_eq!(n.payment_no(), Some(code.as_str()));
    assert_eq!(n.pay_from(), Some("family"));
}

#[test]
fn checkout_without_merchant_trade_date_payment_type_or_encrypt_type_is_refused() {
    let h = Harness::start();
    let receiver = Receiver::start();
    for missing in ["MerchantTradeDate", "PaymentType", "EncryptType"] {
        let o = order(&trade_no("RQ"), 100, &receiver, Payment::default());
        let mut fields = omg_core::checkout(&o, &Credentials::stage(), &h.environment(), &h.clock()).unwrap().fields;
        fields.remove(missing);
        fields.remove(mac::CHECK_MAC_VALUE);
        // Signed as sent: SHA-256, the hash an absent EncryptType falls back to here.
        mac::sign_in_place(
            &mut fields,
            Credentials::stage().hash_key(),
            Credentials::stage().hash_iv(),
            HashMethod::Sha256,
        )
        .unwrap();
        let (_, page) = h.post_form("/Cashier/AioCheckOut/V5", &fields.to_form_body());
        assert!(page.contains(missing) && !page.contains("id=\"pay\""), "{missing}: {page}");
    }
}

#[test]
fn an_installment_payment_is_refunded_in_full_only() {
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let no = trade_no("IN");
    h.checkout(&order(
        &no,
        900,
        &receiver,
        Payment::CreditInstallments(CreditInstallments { binding: Default::default(), installments: vec![3] }),
    ));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let trade = h.trade_no(&no);
    let stage = Credentials::stage();
    let capture = do_action::request(&stage, &no, &trade, Action::Capture, 900, None).unwrap();
    assert_eq!(do_action::parse_reply(send(&h, &capture).as_bytes()).unwrap().rtn_code, 1);
    h.control_ok("/_sim/advance", json!({ "seconds": 86_400 }));
    let partial = do_action::request(&stage, &no, &trade, Action::Refund, 300, None).unwrap();
    let err = do_action::parse_reply(send(&h, &partial).as_bytes()).unwrap_err();
    assert!(matches!(&err, Error::Gateway { rtn_msg, .. } if rtn_msg.contains("in full")), "{err:?}");
    let full = do_action::request(&stage, &no, &trade, Action::Refund, 900, None).unwrap();
    assert_eq!(do_action::parse_reply(send(&h, &full).as_bytes()).unwrap().rtn_code, 1);
}

#[test]
fn a_merchant_trade_no_is_unique_across_a_platforms_merchants() {
    let platform = Credentials::new("3000", "PlatformKey00001", "PlatformIv000001").unwrap();
    let h = Harness::with_config(
        omg_sim::Simulator::builder().merchant(omg_sim::Merchant::new(platform.clone())).log(false).into_config(),
    );
    let receiver = Receiver::start();
    let no = trade_no("PU");
    for (sub_id, accepted) in [("3000001", true), ("3000002", false)] {
        let sub = Credentials::new(sub_id, platform.hash_key(), platform.hash_iv()).unwrap();
        let mut o = order(&no, 100, &receiver, Payment::default());
        o.platform_id = Some("3000".into());
        let (_, page) = h.checkout_as(&o, &sub);
        // protocol.md §7: 10300028, the duplicate code the catalogue confirms.
        assert_eq!(page.contains("<span id=\"rtn-code\">10300028</span>"), !accepted, "{sub_id}: {page}");
    }
}

#[test]
fn handling_charge_is_0_until_the_capture_settles() {
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let no = trade_no("HC");
    h.checkout(&order(&no, 1000, &receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let stage = Credentials::stage();
    let query = |h: &Harness| {
        query_trade_info::parse_reply(
            send(h, &query_trade_info::request(&stage, &no, None, &h.clock()).unwrap()).as_bytes(),
            &stage,
        )
        .unwrap()
    };
    assert_eq!(query(&h).handling_charge, "0");
    let capture = do_action::request(&stage, &no, &h.trade_no(&no), Action::Capture, 1000, None).unwrap();
    send(&h, &capture);
    assert_eq!(query(&h).handling_charge, "0", "captured but not settled");
    h.control_ok("/_sim/advance", json!({ "seconds": 86_400 }));
    let settled = query(&h);
    assert_eq!(settled.handling_charge, settled.payment_type_charge_fee);
    assert_ne!(settled.handling_charge, "0");
}

#[test]
fn an_all_order_is_trade_status_0_while_the_payer_is_on_the_page_and_10200095_once_abandoned() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let stage = Credentials::stage();
    let status = |h: &Harness, no: &str| {
        let request = query_trade_info::request(&stage, no, None, &h.clock()).unwrap();
        query_trade_info::parse_reply(send(h, &request).as_bytes(), &stage).unwrap().trade_status.as_str().to_string()
    };
    // protocol.md §6: TradeStatus 0 = not paid — the payer may still choose and pay; a
    // reconciler that cancelled on 10200095 would cancel live orders.
    let on_page = trade_no("NC");
    h.checkout(&order(&on_page, 100, &receiver, Payment::All(AllMethods::default())));
    assert_eq!(status(&h, &on_page), "0");
    let chose = trade_no("NC");
    h.checkout(&order(&chose, 100, &receiver, Payment::All(AllMethods::default())));
    let (_, _) = h.post_form(&format!("/SimPayment/{}/choose", h.trade_no(&chose)), "method=ATM&sub_payment=KGI");
    h.control_ok("/_sim/expire", json!({ "merchant_trade_no": chose }));
    assert_eq!(status(&h, &chose), "0", "a chosen, expired order is simply unpaid");
    // Given up 90 days on (V1.3.7 pp.44–45's 90 days): 10200095, payer never chose / order
    // cancelled (§7), and the page can no longer be paid.
    h.control_ok("/_sim/advance", json!({ "seconds": 89 * 86_400 }));
    assert_eq!(status(&h, &on_page), "0");
    let ran = h.control_ok("/_sim/advance", json!({ "seconds": 86_400 }));
    assert_eq!(ran["ran"]["abandoned"], 1, "{ran}");
    assert_eq!(status(&h, &on_page), "10200095");
    assert_eq!(h.order(&on_page)["status"], "abandoned");
    let (code, _) = h.control("/_sim/pay", json!({ "merchant_trade_no": on_page, "method": "Credit" }));
    assert_eq!(code, 409);
    assert_eq!(status(&h, &chose), "0", "an expired code is not an abandoned order");
}

#[test]
fn an_unknown_order_gets_the_signed_not_found_reply() {
    let h = Harness::start();
    let stage = Credentials::stage();
    let body = send(&h, &query_trade_info::request(&stage, "NOSUCHORDER1", None, &h.clock()).unwrap());
    assert!(body.contains("TradeStatus=10200047") && body.contains("CheckMacValue="), "{body}");
    assert!(query_trade_info::parse_reply(body.as_bytes(), &stage).unwrap_err().is_not_found());
}

#[test]
fn daily_auto_close_is_on_by_default_captures_at_20_15_and_refuses_do_action_until_20_30() {
    // V1.3.7 pp.44–45: the gateway captures at 20:15 and refuses DoAction 20:15–20:30.
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("AC");
    h.checkout(&order(&no, 700, &receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let wait = h.seconds_until(20, 20);
    h.control_ok("/_sim/advance", json!({ "seconds": wait }));
    assert_eq!(h.order(&no)["card"]["state"], "capture_pending", "captured by the gateway at 20:15");
    let stage = Credentials::stage();
    let refund = do_action::request(&stage, &no, &h.trade_no(&no), Action::Refund, 100, None).unwrap();
    let err = do_action::parse_reply(send(&h, &refund).as_bytes()).unwrap_err();
    assert!(matches!(&err, Error::Gateway { rtn_msg, .. } if rtn_msg.starts_with("error_autoClose")), "{err:?}");
}

#[test]
fn the_capture_limit_refuses_a_capture_after_21_days() {
    // On by default (V1.3.7 pp.44–45); it matters to a merchant without the auto-close.
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let no = trade_no("CL");
    h.checkout(&order(&no, 700, &receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    h.control_ok("/_sim/advance", json!({ "seconds": 22 * 86_400 }));
    let capture = do_action::request(&Credentials::stage(), &no, &h.trade_no(&no), Action::Capture, 700, None).unwrap();
    let err = do_action::parse_reply(send(&h, &capture).as_bytes()).unwrap_err();
    assert!(matches!(&err, Error::Gateway { rtn_msg, .. } if rtn_msg.starts_with("error_overDAY")), "{err:?}");
}
