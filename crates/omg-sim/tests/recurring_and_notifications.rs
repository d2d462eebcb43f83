//! Recurring schedules on the simulator clock, and notification delivery: re-sent until `1|OK`,
//! PeriodReturnURL sent once, every attempt logged and bounded in time.

mod common;

use std::time::{Duration, Instant};

use common::{order, trade_no, Harness, Receiver};
use omg_core::api::{period_action, query_period_info};
use omg_core::notify::{verify_notification, NotificationKind};
use omg_core::order::{CreditRecurring, Payment, PeriodType};
use omg_core::Credentials;
use omg_sim::{RetrySchedule, SimConfig};
use serde_json::json;

fn stage() -> Credentials {
    Credentials::stage()
}

#[test]
fn recurring_schedule_charges_each_period_then_cancel_stops_it_for_good() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("RC");
    let mut o = order(
        &no,
        150,
        &receiver,
        Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: 150,
            period_type: PeriodType::Day,
            frequency: 7,
            exec_times: 10,
            period_return_url: Some(receiver.url("/period")),
        }),
    );
    o.need_extra_paid_info = Some(true);
    let (_, page) = h.checkout(&o);
    assert!(page.contains("id=\"recurring\""), "{page}");
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));

    // The first charge is the checkout: ReturnURL with the recurring extras.
    let first = verify_notification(receiver.wait_for("/return", 1)[0].as_bytes(), &stage()).unwrap();
    assert!(first.is_paid());
    assert_eq!(first.get("PeriodType"), Some("D"));
    assert_eq!(first.get("Frequency"), Some("7"));
    assert_eq!(first.get("TotalSuccessTimes"), Some("1"));

    // Periods 2, 3 and 4 on the simulator clock; period 3 fails on request.
    h.control_ok("/_sim/advance", json!({ "seconds": 7 * 86_400 }));
    h.control_ok("/_sim/fail-charges", json!({ "merchant_trade_no": no, "count": 1 }));
    let two_more = h.control_ok("/_sim/advance", json!({ "seconds": 14 * 86_400 }));
    assert_eq!(two_more["ran"]["period_charges"], 2, "a jump over two periods runs both");
    // V1.3.7 p.26: PeriodReturnURL is posted after each successful authorisation; the failed
    // period 3 is posted nowhere, only recorded in ExecLog (below).
    wait_until_no_delivery_in_flight(&h);
    let bodies = receiver.wait_for("/period", 2);
    assert_eq!(bodies.len(), 2, "the failed charge is not posted");
    let mut charges: Vec<_> = bodies
        .iter()
        .map(|b| verify_notification(b.as_bytes(), &stage()).expect("PeriodReturnURL is signed"))
        .collect();
    // Deliveries run concurrently: order them by the charge's own date.
    charges.sort_by(|a, b| a.get("ProcessDate").cmp(&b.get("ProcessDate")));
    for c in &charges {
        assert_eq!(c.kind(), NotificationKind::PeriodCharge);
        assert_eq!(c.get("Amount"), Some("150"));
        assert_eq!(c.get("FirstAuthAmount"), Some("150"));
        assert_eq!(c.get("ExecTimes"), Some("10"));
        assert!(c.get("SimulatePaid").is_none(), "only back-office simulations carry SimulatePaid");
    }
    assert!(charges.iter().all(|c| c.is_paid()));
    assert_eq!(charges[0].get("TotalSuccessTimes"), Some("2"));
    assert_eq!(charges[1].get("TotalSuccessTimes"), Some("3"));
    assert_ne!(charges[0].get("ProcessDate"), charges[1].get("ProcessDate"));
    assert_ne!(charges[0].dedupe_key(), charges[1].dedupe_key());

    let clock = h.clock();
    let request = query_period_info::request(&stage(), &no, None, &clock).unwrap();
    let (_, body) = h.post_form(request.path, &request.body());
    let info = query_period_info::parse_reply(body.as_bytes()).unwrap();
    assert_eq!(info.exec_log.len(), 4);
    assert_eq!(info.total_success_times, Some(3));
    assert_eq!(info.total_success_amount, Some(450));
    // The failure is visible here, and only here.
    assert_eq!(info.exec_log[2].rtn_code, Some(omg_sim::FAILED_RTN_CODE));
    assert!(info.exec_log.iter().enumerate().all(|(i, e)| (i == 2) != (e.rtn_code == Some(1))));

    // Cancel; nothing is charged any more, whatever the clock does.
    let request = period_action::request(&stage(), &no, None, &clock).unwrap();
    let (_, body) = h.post_form(request.path, &request.body());
    period_action::parse_reply(body.as_bytes(), &stage()).unwrap();
    let later = h.control_ok("/_sim/advance", json!({ "seconds": 60 * 86_400 }));
    assert_eq!(later["ran"]["period_charges"], 0);
    wait_until_no_delivery_in_flight(&h);
    assert_eq!(receiver.bodies("/period").len(), 2);
    // PeriodReturnURL attempts: exactly one each, never re-sent.
    let period_attempts = h.deliveries(&no).into_iter().filter(|a| a["kind"] == "PeriodReturnURL").count();
    assert_eq!(period_attempts, 2);
}

/// Waits for the event "every notification's delivery has ended" (delivered, given up or failed:
/// the simulator's `in_flight` counter is back to 0) and returns the delivery counters.
fn wait_until_no_delivery_in_flight(h: &Harness) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let counters = h.control_get("/_sim/stats")["deliveries"].clone();
        if counters["in_flight"].as_i64() == Some(0) {
            return counters;
        }
        assert!(Instant::now() < deadline, "deliveries still in flight: {counters}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_schedule_finishes_after_exec_times() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("RF");
    h.checkout(&order(
        &no,
        99,
        &receiver,
        Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: 99,
            period_type: PeriodType::Month,
            frequency: 1,
            exec_times: 3,
            period_return_url: Some(receiver.url("/period")),
        }),
    ));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    // A year later: only periods 2 and 3 ran.
    let ran = h.control_ok("/_sim/advance", json!({ "seconds": 365 * 86_400 }));
    assert_eq!(ran["ran"]["period_charges"], 2);
    assert_eq!(h.order(&no)["schedule"]["status"], "finished");
    // Cancelling a finished schedule is refused like a cancelled one.
    let request = period_action::request(&stage(), &no, None, &h.clock()).unwrap();
    let (_, body) = h.post_form(request.path, &request.body());
    match period_action::parse_reply(body.as_bytes(), &stage()).unwrap_err() {
        omg_core::Error::Gateway { rtn_code, .. } => assert_eq!(rtn_code, Some(100006)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn return_url_is_resent_until_the_reply_is_exactly_1_ok() {
    let h = Harness::start();
    // Wrong twice (a near miss, then a refusal), then the right answer.
    let receiver = Receiver::with_replies(&["1|ok", "0|database down"], "1|OK");
    let no = trade_no("RS");
    h.checkout(&order(&no, 100, &receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let attempts = h.wait_deliveries(&no, |a| a.iter().any(|x| x["ok"] == true));
    assert_eq!(attempts.len(), 3, "{attempts:#?}");
    let replies: Vec<_> = attempts.iter().map(|a| a["reply"].as_str().unwrap().to_string()).collect();
    assert_eq!(replies, ["1|ok", "0|database down", "1|OK"]);
    for (i, a) in attempts.iter().enumerate() {
        assert_eq!(a["attempt"], i as u64 + 1);
        assert_eq!(a["status"], 200);
        assert_eq!(a["url"], receiver.url("/return"));
        assert_eq!(a["notification_id"], attempts[0]["notification_id"]);
        assert!(a["body"].as_str().unwrap().contains("CheckMacValue="));
    }
    // Every copy is the same signed notification.
    let bodies = receiver.bodies("/return");
    assert_eq!(bodies.len(), 3);
    assert!(bodies.iter().all(|b| b == &bodies[0]));
    // Once the notification's delivery has ended, nothing can re-send it: wait for that event.
    let counters = wait_until_no_delivery_in_flight(&h);
    assert_eq!(receiver.bodies("/return").len(), 3, "no re-send after 1|OK");
    assert_eq!(counters["delivered"], 1);
    assert_eq!(counters["attempts"], 3);
}

#[test]
fn an_unreachable_receiver_is_retried_up_to_the_limit_and_each_attempt_logged() {
    let config = SimConfig {
        retry: RetrySchedule::Accelerated { max_attempts: 3 },
        delivery_timeout: Duration::from_secs(2),
        ..SimConfig::default()
    };
    let h = Harness::with_config(config);
    // A port nothing listens on.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = dead.local_addr().unwrap().port();
    drop(dead);
    let receiver = Receiver::start();
    let no = trade_no("UR");
    let mut o = order(&no, 100, &receiver, Payment::default());
    o.return_url = format!("http://127.0.0.1:{port}/return");
    h.checkout(&o);
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let attempts = h.wait_deliveries(&no, |a| a.len() == 3);
    for a in &attempts {
        assert_eq!(a["status"], serde_json::Value::Null);
        assert!(a["error"].as_str().is_some_and(|e| !e.is_empty()), "{a}");
    }
    let counters = wait_until_no_delivery_in_flight(&h);
    assert_eq!(h.deliveries(&no).len(), 3, "max_attempts bounds the re-sends");
    assert_eq!((counters["failed"].as_u64(), counters["in_flight"].as_i64()), (Some(1), Some(0)));
}

#[test]
fn a_slow_receiver_is_cut_off_by_the_delivery_timeout() {
    let config = SimConfig {
        retry: RetrySchedule::Accelerated { max_attempts: 1 },
        delivery_timeout: Duration::from_millis(500),
        ..SimConfig::default()
    };
    let h = Harness::with_config(config);
    // Accepts the connection and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/return", silent.local_addr().unwrap());
    let receiver = Receiver::start();
    let no = trade_no("TO");
    let mut o = order(&no, 100, &receiver, Payment::default());
    o.return_url = url;
    h.checkout(&o);
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let attempts = h.wait_deliveries(&no, |a| a.len() == 1);
    assert!(attempts[0]["error"].as_str().unwrap().contains("timed out"), "{:?}", attempts[0]);
    let took = attempts[0]["duration_ms"].as_u64().unwrap();
    assert!((400..3000).contains(&took), "{took} ms");
    drop(silent);
}

#[test]
fn payment_info_url_is_resent_too_and_https_urls_are_refused_with_a_reason() {
    let h = Harness::start();
    let receiver = Receiver::with_replies(&["nope"], "1|OK");
    let no = trade_no("PI");
    let payment = Payment::Atm(omg_core::order::Atm {
        bank: Some(omg_core::order::AtmBank::First),
        payment_info_url: Some(receiver.url("/info")),
        ..Default::default()
    });
    h.checkout(&order(&no, 100, &receiver, payment));
    let attempts = h.wait_deliveries(&no, |a| a.iter().any(|x| x["ok"] == true));
    assert_eq!(attempts.len(), 2);
    assert!(attempts.iter().all(|a| a["kind"] == "PaymentInfoURL"));

    let no = trade_no("HT");
    let mut o = order(&no, 100, &receiver, Payment::default());
    o.return_url = "https://shop.example/return".into();
    h.checkout(&o);
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let attempts = h.wait_deliveries(&no, |a| !a.is_empty());
    assert!(attempts[0]["error"].as_str().unwrap().contains("plain http"), "{:?}", attempts[0]);
}
