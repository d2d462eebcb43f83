//! Fault injection (each type, counted and until cleared), the connection and request counters,
//! reset, and the control API's own refusals.

mod common;

use std::time::{Duration, Instant};

use common::{agent, order, trade_no, Harness, Receiver};
use omg_core::api::query_trade_info;
use omg_core::order::Payment;
use omg_core::{Credentials, Error};
use serde_json::json;

const QUERY: &str = "/Cashier/QueryTradeInfo/V5";

/// A harness with one unpaid order; returns it and the order's number.
fn with_order() -> (Harness, String) {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("FT");
    h.checkout(&order(&no, 100, &receiver, Payment::default()));
    (h, no)
}

/// One QueryTradeInfo over `client`: the raw outcome (status and bytes) or the transport error.
fn query(h: &Harness, client: &ureq::Agent, no: &str) -> Result<(u16, Vec<u8>), ureq::Error> {
    let request = query_trade_info::request(&Credentials::stage(), no, None, &h.clock()).unwrap();
    let mut response =
        client.post(&h.url(QUERY)).header("Content-Type", "application/x-www-form-urlencoded").send(request.body())?;
    let status = response.status().as_u16();
    Ok((status, response.body_mut().read_to_vec()?))
}

/// Polls `condition` until it holds (at most 10 s).
fn wait_for(condition: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !condition() {
        assert!(Instant::now() < deadline, "the condition never held");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn parse(body: &[u8]) -> Result<query_trade_info::TradeInfo, Error> {
    query_trade_info::parse_reply(body, &Credentials::stage())
}

#[test]
fn sequential_queries_on_one_keep_alive_client_use_one_connection() {
    let (h, no) = with_order();
    let before = h.control_get("/_sim/stats");
    let requests_before = before["requests"][QUERY].as_u64().unwrap_or(0);
    for _ in 0..100 {
        let (status, body) = query(&h, &h.agent, &no).unwrap();
        assert_eq!(status, 200);
        parse(&body).unwrap();
    }
    let after = h.control_get("/_sim/stats");
    assert_eq!(after["requests"][QUERY].as_u64().unwrap() - requests_before, 100);
    assert_eq!(after["connections_accepted"], before["connections_accepted"], "the same connection served all 100");

    // A client that does not keep connections alive opens one per request: the counter sees it.
    for _ in 0..5 {
        let fresh = agent();
        query(&h, &fresh, &no).unwrap();
    }
    let last = h.control_get("/_sim/stats");
    assert_eq!(last["connections_accepted"].as_u64().unwrap() - after["connections_accepted"].as_u64().unwrap(), 5);
}

#[test]
fn delay_fault_slows_exactly_the_counted_requests() {
    let (h, no) = with_order();
    h.control_ok("/_sim/faults", json!({ "path": QUERY, "delay_ms": 3000, "count": 1 }));
    let requests = |h: &Harness| h.control_get("/_sim/stats")["requests"][QUERY].as_u64().unwrap_or(0);
    let before = requests(&h);
    // The first request, held by the fault, runs in the background.
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let url = h.url(QUERY);
    let body = query_trade_info::request(&Credentials::stage(), &no, None, &h.clock()).unwrap().body().to_string();
    let started = Instant::now();
    let first = std::thread::spawn(move || {
        let mut response = agent()
            .post(&url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(body)
            .expect("the delayed request completes");
        let bytes = response.body_mut().read_to_vec().expect("a reply body");
        done_tx.send(started.elapsed()).unwrap();
        bytes
    });
    // Once the simulator has taken it (an event: the counted fault removed itself), the second
    // request is answered while the first is still held: only `count` requests are delayed.
    wait_for(|| h.control_get("/_sim/faults")["faults"] == json!([]));
    assert_eq!(requests(&h), before + 1);
    parse(&query(&h, &h.agent, &no).unwrap().1).unwrap();
    assert!(done_rx.try_recv().is_err(), "the second request came back after the delayed first one");
    parse(&first.join().unwrap()).unwrap();
    // The delay is a lower bound the simulator guarantees.
    assert!(done_rx.recv().unwrap() >= Duration::from_millis(3000));
}

#[test]
fn status_fault_answers_that_status_for_count_requests() {
    let (h, no) = with_order();
    h.control_ok("/_sim/faults", json!({ "path": QUERY, "status": 503, "count": 2 }));
    for _ in 0..2 {
        let (status, body) = query(&h, &h.agent, &no).unwrap();
        assert_eq!(status, 503);
        assert!(String::from_utf8_lossy(&body).contains("injected fault"));
    }
    let (status, body) = query(&h, &h.agent, &no).unwrap();
    assert_eq!(status, 200);
    parse(&body).unwrap();
}

#[test]
fn dropped_connection_fault_closes_without_an_answer() {
    let (h, no) = with_order();
    h.control_ok("/_sim/faults", json!({ "path": QUERY, "drop_connection": true, "count": 1 }));
    let fresh = agent();
    assert!(query(&h, &fresh, &no).is_err(), "no HTTP answer at all");
    let (status, body) = query(&h, &fresh, &no).unwrap();
    assert_eq!(status, 200);
    parse(&body).unwrap();
}

#[test]
fn malformed_body_fault_is_a_decode_error_for_the_client() {
    let (h, no) = with_order();
    h.control_ok("/_sim/faults", json!({ "path": QUERY, "malformed_body": true, "count": 1 }));
    let (status, body) = query(&h, &h.agent, &no).unwrap();
    assert_eq!(status, 200);
    assert!(std::str::from_utf8(&body).is_err());
    assert!(matches!(parse(&body), Err(Error::Decode(_))));
}

#[test]
fn wrong_signature_fault_is_a_signature_error_for_the_client() {
    let (h, no) = with_order();
    h.control_ok("/_sim/faults", json!({ "path": QUERY, "wrong_signature": true }));
    for _ in 0..3 {
        let (_, body) = query(&h, &h.agent, &no).unwrap();
        assert!(matches!(parse(&body), Err(Error::Signature(_))), "until cleared");
    }
    h.agent.delete(&h.url("/_sim/faults")).call().unwrap();
    parse(&query(&h, &h.agent, &no).unwrap().1).unwrap();
}

#[test]
fn wildcard_fault_hits_gateway_paths_but_never_the_control_api() {
    let (h, no) = with_order();
    h.control_ok("/_sim/faults", json!({ "path": "*", "status": 500 }));
    assert_eq!(query(&h, &h.agent, &no).unwrap().0, 500);
    assert_eq!(h.get(&format!("/SimPayment/{}", h.trade_no(&no))).0, 500);
    assert_eq!(h.control_get("/_sim/health")["ok"], true);
    // A path-specific fault wins over the wildcard.
    h.control_ok("/_sim/faults", json!({ "path": QUERY, "delay_ms": 1, "count": 1 }));
    assert_eq!(query(&h, &h.agent, &no).unwrap().0, 200);
}

#[test]
fn fault_specs_are_checked() {
    let h = Harness::start();
    for bad in [
        json!({ "path": "/_sim/stats", "status": 500 }),
        json!({ "path": QUERY }),
        json!({ "path": QUERY, "status": 42 }),
        json!({ "path": QUERY, "delay_ms": 10_000_000 }),
        json!({ "path": QUERY, "status": 500, "count": 0 }),
        json!({ "path": QUERY, "explode": true }),
    ] {
        let (status, body) = h.control("/_sim/faults", bad.clone());
        assert_eq!(status, 400, "{bad} -> {body}");
        assert!(body["error"].is_string());
    }
}

#[test]
fn reset_forgets_orders_deliveries_and_counters() {
    let (h, no) = with_order();
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    h.control_ok("/_sim/advance", json!({ "seconds": 3600 }));
    assert!(h.control_get("/_sim/clock")["offset_seconds"].as_i64().unwrap() >= 3600);
    h.control_ok("/_sim/reset", json!({}));
    let stats = h.control_get("/_sim/stats");
    assert_eq!(stats["orders"], 0);
    assert_eq!(stats["requests_total"], 1, "only this stats request");
    assert_eq!(h.control_get("/_sim/orders")["orders"], json!([]));
    assert_eq!(h.control_get("/_sim/clock")["offset_seconds"], 0);
    let (status, _) = h.control("/_sim/pay", json!({ "merchant_trade_no": no }));
    assert_eq!(status, 404);
}

#[test]
fn control_api_refuses_bad_input_with_json_errors() {
    let h = Harness::start();
    let (status, body) = h.control("/_sim/pay", json!({ "merchant_trade_no": "NOPE" }));
    assert_eq!((status, body["error"].is_string()), (404, true));
    let (status, _) = h.control("/_sim/advance", json!({ "seconds": -5 }));
    assert_eq!(status, 400);
    let (status, body) = h.post_form("/_sim/pay", "not json");
    assert_eq!(status, 400, "{body}");
    let (status, _) = h.control("/_sim/pay-code", json!({}));
    assert_eq!(status, 400);
    let merchants = h.control_get("/_sim/merchants");
    assert_eq!(merchants["merchants"][0]["merchant_id"], "1000031");
    assert!(!merchants.to_string().contains("265flDjIvesceXWM"), "keys are never shown");
}

#[test]
fn malformed_input_never_takes_the_simulator_down() {
    let (h, no) = with_order();
    let trade = h.trade_no(&no);
    let garbage: [&[u8]; 7] = [
        b"",
        b"\xff\xfe\x00\x01",
        b"%",
        b"=&=&==&&",
        b"MerchantID=1000031&MerchantID=1000031",
        b"MerchantID=1000031&TimeStamp=99999999999999999999999&MerchantTradeNo=A&CheckMacValue=00",
        b"MerchantID=1000031&TotalAmount=9223372036854775807&Action=R&TradeNo=1&MerchantTradeNo=A&CheckMacValue=",
    ];
    let paths = [
        "/Cashier/AioCheckOut/V5".to_string(),
        QUERY.to_string(),
        "/Cashier/QueryCreditCardPeriodInfo".to_string(),
        "/Cashier/CreditCardPeriodAction".to_string(),
        "/CreditDetail/DoAction".to_string(),
        "/CreditDetail/QueryTrade/V2".to_string(),
        format!("/SimPayment/{trade}/pay"),
        format!("/SimPayment/{trade}/choose"),
        "/_sim/pay".to_string(),
        "/_sim/faults".to_string(),
        "/_sim/advance".to_string(),
    ];
    for path in &paths {
        for body in garbage {
            let mut response = h
                .agent
                .post(&h.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send(body)
                .unwrap_or_else(|e| panic!("{path} dropped the connection on {body:?}: {e}"));
            let status = response.status().as_u16();
            assert!(status < 500, "{path} answered {status} to {body:?}");
            let _ = response.body_mut().read_to_vec();
        }
    }
    assert_eq!(h.control_get("/_sim/health")["ok"], true);
    // The empty form posted to the payment page's pay action paid it with the pre-filled test
    // card (as pressing Pay does); nothing else changed it.
    assert_eq!(h.order(&no)["status"], "paid");
    assert_eq!(h.control_get("/_sim/stats")["orders"], 1);
}
