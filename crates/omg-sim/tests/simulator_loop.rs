//! The merchant's development loop: the delivery log names why a reply is not `1|OK` and when the
//! simulator gives up, any notification can be re-sent, public callback origins are forwarded to
//! local ones, and a DoAction can take effect while its reply is lost.

mod common;

use common::{order, trade_no, Harness, Receiver};
use omg_core::notify::verify_notification;
use omg_core::order::Payment;
use omg_core::Credentials;
use omg_sim::{Forward, RetrySchedule, SimConfig};
use serde_json::{json, Value};

fn with_attempts(max_attempts: u32) -> SimConfig {
    SimConfig { retry: RetrySchedule::Accelerated { max_attempts }, ..SimConfig::default() }
}

#[test]
fn each_near_miss_is_named_with_the_reason_and_the_last_attempt_gives_up() {
    let h = Harness::with_config(with_attempts(5));
    let html_page = format!("<html><body><h1>Internal Server Error</h1>{}</body></html>", "x".repeat(5000));
    let receiver = Receiver::with_replies(&["\"1|OK\"", "1|ok", "1|OK\n", &html_page], "0|unknown order");
    let no = trade_no("NM");
    h.checkout(&order(&no, 100, &receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let attempts = h.wait_deliveries(&no, |a| a.iter().any(|x| x["gave_up"] == true));
    assert_eq!(attempts.len(), 5, "{attempts:#?}");
    let reasons: Vec<&str> = attempts.iter().map(|a| a["not_acknowledged"].as_str().unwrap_or("")).collect();
    assert!(reasons[0].contains("JSON string \"1|OK\", with its quotes"), "{}", reasons[0]);
    assert!(reasons[1].contains("upper-case"), "{}", reasons[1]);
    assert!(reasons[2].contains("whitespace or a newline"), "{}", reasons[2]);
    assert!(reasons[3].contains("HTML page"), "{}", reasons[3]);
    assert!(reasons[4].contains("refused it: 0|unknown order"), "{}", reasons[4]);
    for (i, a) in attempts.iter().enumerate() {
        assert_eq!(
            (a["attempt"].as_u64(), a["max_attempts"].as_u64(), a["ok"].as_bool()),
            (Some(i as u64 + 1), Some(5), Some(false))
        );
        assert_eq!(a["gave_up"], i == 4, "only the last attempt gives up");
    }
    // The 5 KB page is kept cut, saying how long it was.
    let kept = attempts[3]["reply"].as_str().unwrap();
    assert!(kept.chars().count() < 2100 && kept.ends_with("characters in all)"), "{}", kept.len());
    assert_eq!(h.control_get("/_sim/stats")["deliveries"]["failed"], 1);
}

#[test]
fn any_notification_is_resent_on_request_as_a_new_delivery_of_the_same_body() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("RE");
    h.checkout(&order(&no, 100, &receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let first = h.wait_deliveries(&no, |a| a.iter().any(|x| x["ok"] == true));
    let original = first[0]["notification_id"].as_u64().unwrap();

    let by_order = h.control_ok("/_sim/resend", json!({ "merchant_trade_no": no, "kind": "ReturnURL" }));
    assert_eq!(by_order["resend_of"], original);
    let by_id = h.control_ok("/_sim/resend", json!({ "notification_id": original }));
    assert_ne!(by_id["notification_id"], by_order["notification_id"]);
    let attempts = h.wait_deliveries(&no, |a| a.iter().filter(|x| x["ok"] == true).count() == 3);
    let resent: Vec<&Value> = attempts.iter().filter(|a| a["resend_of"] == original).collect();
    assert_eq!(resent.len(), 2);
    let bodies = receiver.wait_for("/return", 3);
    assert!(bodies.iter().all(|b| b == &bodies[0]), "a re-send is the same signed notification");
    assert!(verify_notification(bodies[2].as_bytes(), &Credentials::stage()).unwrap().is_paid());

    let (status, missing) = h.control("/_sim/resend", json!({ "notification_id": 999_999 }));
    assert_eq!(status, 404, "{missing}");
    let (status, _) = h.control("/_sim/resend", json!({ "merchant_trade_no": "NEVERSEEN" }));
    assert_eq!(status, 404);
    let (status, _) = h.control("/_sim/resend", json!({}));
    assert_eq!(status, 400);
}

#[test]
fn a_public_callback_origin_is_forwarded_to_the_local_shop_with_its_path() {
    let receiver = Receiver::start();
    let local = receiver.url("");
    let config = SimConfig {
        forwards: vec![Forward::parse(&format!("https://shop.example.com={local}")).unwrap()],
        ..SimConfig::default()
    };
    let h = Harness::with_config(config);
    let no = trade_no("FW");
    let mut o = order(&no, 100, &receiver, Payment::default());
    o.return_url = "https://shop.example.com/omg/return?src=omg".into();
    h.checkout(&o);
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let attempts = h.wait_deliveries(&no, |a| a.iter().any(|x| x["ok"] == true));
    assert_eq!(attempts[0]["url"], "https://shop.example.com/omg/return?src=omg");
    assert_eq!(attempts[0]["forwarded_to"], format!("{local}/omg/return?src=omg"));
    let body = &receiver.wait_for("/omg/return?src=omg", 1)[0];
    assert!(verify_notification(body.as_bytes(), &Credentials::stage()).unwrap().is_paid());
}

/// The browser URLs (protocol.md §2: OrderResultURL and ClientRedirectURL are posted by the
/// payer's browser, ClientBackURL is its link back to the shop) of a shop configured with its
/// public origin are rewritten like the server notifications, so the whole loop stays local.
#[test]
fn the_browser_urls_of_a_forwarded_origin_lead_to_the_local_shop() {
    use omg_core::order::Atm;
    let receiver = Receiver::start();
    let local = receiver.url("");
    let public = "https://shop.example.com";
    let config =
        SimConfig { forwards: vec![Forward::parse(&format!("{public}={local}")).unwrap()], ..SimConfig::default() };
    let h = Harness::with_config(config);

    // A card order: the result page posts to OrderResultURL, the page links to ClientBackURL.
    let no = trade_no("FB");
    let mut o = order(&no, 100, &receiver, Payment::default());
    o.return_url = format!("{public}/omg/return");
    o.order_result_url = Some(format!("{public}/omg/result?from=omg"));
    o.client_back_url = Some(format!("{public}/shop/cart"));
    let (status, _) = h.checkout(&o);
    assert_eq!(status, 200);
    let trade = h.trade_no(&no);
    let (status, page) = h.post_form(&format!("/SimPayment/{trade}/pay"), "card_number=4311952222222222");
    assert_eq!(status, 200, "{page}");
    let (action, fields) = common::form_fields(&page);
    assert_eq!(action, format!("{local}/omg/result?from=omg"));
    assert_eq!(fields.get("MerchantTradeNo"), Some(no.as_str()));
    let (_, paid_page) = h.get(&format!("/SimPayment/{trade}"));
    assert!(paid_page.contains(&format!("href=\"{local}/shop/cart\"")), "{paid_page}");
    assert!(!paid_page.contains("shop.example.com"), "{paid_page}");
    // The control API hands out the form the browser posts: the local URL too.
    let no2 = trade_no("FC");
    let mut o2 = order(&no2, 100, &receiver, Payment::default());
    o2.order_result_url = Some(format!("{public}/omg/result"));
    h.checkout(&o2);
    let paid = h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no2 }));
    assert_eq!(paid["browser_post"]["url"], format!("{local}/omg/result"));

    // An ATM order: once the payer picks the bank, the account goes back to ClientRedirectURL.
    let no3 = trade_no("FA");
    let payment = Payment::Atm(Atm { client_redirect_url: Some(format!("{public}/omg/code")), ..Default::default() });
    let (status, _) = h.checkout(&order(&no3, 100, &receiver, payment));
    assert_eq!(status, 200);
    let (_, page) = h.post_form(&format!("/SimPayment/{}/choose", h.trade_no(&no3)), "sub_payment=FIRST");
    let (action, fields) = common::form_fields(&page);
    assert_eq!(action, format!("{local}/omg/code"));
    assert_eq!(fields.get("RtnCode"), Some("2"));
}

#[test]
fn an_unforwarded_https_callback_says_how_to_forward_it() {
    let h = Harness::with_config(with_attempts(1));
    let receiver = Receiver::start();
    let no = trade_no("NF");
    let mut o = order(&no, 100, &receiver, Payment::default());
    o.return_url = "https://shop.example.com/omg/return".into();
    h.checkout(&o);
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let attempts = h.wait_deliveries(&no, |a| a.iter().any(|x| x["gave_up"] == true));
    let error = attempts[0]["error"].as_str().unwrap();
    assert!(error.contains("--forward https://shop.example.com="), "{error}");
}

#[test]
fn apply_then_drop_captures_for_real_and_the_caller_gets_no_reply() {
    use omg_core::api::{do_action, Action};
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let no = trade_no("AD");
    h.checkout(&order(&no, 1000, &receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let trade = h.trade_no(&no);
    h.control_ok("/_sim/faults", json!({ "path": "/CreditDetail/DoAction", "apply_then_drop": true, "count": 1 }));

    let credentials = Credentials::stage();
    let request = do_action::request(&credentials, &no, &trade, Action::Capture, 1000, None).unwrap();
    let sent = h
        .agent
        .post(&h.url(request.path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(request.body().as_str());
    assert!(sent.is_err(), "the connection closes without a reply: {:?}", sent.map(|r| r.status()));
    // ...and yet it happened: the capture is on the order.
    let card = &h.order(&no)["card"];
    assert_eq!(card["captured_amount"], 1000, "{card}");
    // The fault was used up: the next request is answered (a second capture is refused).
    let again = do_action::request(&credentials, &no, &trade, Action::Capture, 1000, None).unwrap();
    let (status, _) = h.post_form(again.path, &again.body());
    assert_eq!(status, 200);
}

#[test]
fn apply_then_status_refunds_for_real_and_the_caller_gets_only_the_status() {
    use omg_core::api::{do_action, Action};
    let h = Harness::anytime();
    let receiver = Receiver::start();
    // A client that shows a redirect instead of following it, as the SDK's does.
    let no_redirects: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(std::time::Duration::from_secs(20)))
        .build()
        .into();
    let credentials = Credentials::stage();
    for status in [307u16, 301, 302, 308, 400, 404, 429, 500, 503] {
        let no = trade_no("AS");
        h.checkout(&order(&no, 1000, &receiver, Payment::default()));
        h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
        let trade = h.trade_no(&no);
        let capture = do_action::request(&credentials, &no, &trade, Action::Capture, 1000, None).unwrap();
        assert_eq!(h.post_form(capture.path, &capture.body()).0, 200);
        // Past the 20:00 settlement: the capture settles and can be refunded.
        h.control_ok("/_sim/advance", json!({ "seconds": 86_400 }));
        h.control_ok(
            "/_sim/faults",
            json!({ "path": "/CreditDetail/DoAction", "apply_then_status": status, "count": 1 }),
        );

        let refund = do_action::request(&credentials, &no, &trade, Action::Refund, 400, None).unwrap();
        let mut reply = no_redirects
            .post(&h.url(refund.path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(refund.body().as_str())
            .unwrap();
        assert_eq!(reply.status().as_u16(), status);
        let location = reply.headers().get("location").map(|v| v.to_str().unwrap().to_string());
        let expected = (300..400).contains(&status).then(|| format!("{}/", h.sim.base_url()));
        assert_eq!(location, expected, "{status}");
        let text = reply.body_mut().read_to_string().unwrap();
        assert!(!text.contains("RtnCode"), "{status}: the real reply leaked: {text}");

        // ...and yet the refund happened: it is on the order's close data.
        let card = &h.order(&no)["card"];
        let refunds: Vec<i64> = card["close_data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "refund")
            .map(|e| e["amount"].as_i64().unwrap())
            .collect();
        assert_eq!(refunds, [400], "{status}: {card}");
        assert_eq!(card["refunded_amount"], 400, "{status}");
    }
    // Counted: the fault is spent, the next DoAction gets the real reply.
    assert_eq!(h.control_get("/_sim/faults")["faults"], json!([]));
}

#[test]
fn apply_then_status_is_refused_outside_300_to_599_or_with_a_fault_that_skips_the_handler() {
    let h = Harness::start();
    for spec in [
        json!({ "path": "/CreditDetail/DoAction", "apply_then_status": 200 }),
        json!({ "path": "/CreditDetail/DoAction", "apply_then_status": 600 }),
        json!({ "path": "/CreditDetail/DoAction", "apply_then_status": 307, "status": 500 }),
        json!({ "path": "/CreditDetail/DoAction", "apply_then_status": 307, "apply_then_drop": true }),
    ] {
        let (status, body) = h.control("/_sim/faults", spec.clone());
        assert_eq!(status, 400, "{spec}: {body}");
        assert!(body.to_string().contains("apply_then_status"), "{spec}: {body}");
    }
}
