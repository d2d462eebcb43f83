//! A money-moving call (DoAction, CreditCardPeriodAction) that fails in any way after its request
//! was sent has an unknown outcome: the gateway may have acted on it. Each failure below — an
//! unreadable 200, a reply without RtnCode, a bad signature, a 5xx, a dropped connection — must be
//! a transport error with `outcome_unknown` naming the reconciling query, and must not be retried
//! (issue 9 item 4). Against omg-sim's faults and a scripted server, over loopback.

use omg_client_tests::{Gateway, RawServer};
use omg_core::api::period_action::{self, PeriodActionResult};
use omg_core::api::query_period_info::ExecStatus;
use omg_core::api::Api;
use omg_core::order::{CreditRecurring, Payment, PeriodType};
use omg_core::{Credentials, Error, TransportError};
use serde_json::json;

fn unknown(result: Result<impl std::fmt::Debug, Error>, query: &str) -> TransportError {
    match result {
        Err(Error::Transport(t)) if t.outcome_unknown && t.message.contains(query) => t,
        other => panic!("expected an unknown outcome naming {query}, got {other:?}"),
    }
}

#[test]
fn every_failure_of_a_capture_after_sending_is_an_unknown_outcome() {
    let gw = Gateway::start();
    let client = gw.client();
    for fault in [
        json!({"malformed_body": true}),
        json!({"status": 500}),
        json!({"status": 502}),
        json!({"drop_connection": true}),
    ] {
        let (no, trade_no, _) = gw.paid_card_order(&client, 100);
        let mut spec = fault.clone();
        spec["path"] = json!(Api::DoAction.path());
        spec["count"] = json!(1);
        gw.fault(spec);
        let before = gw.requests_to(Api::DoAction.path());
        unknown(client.capture(&no, &trade_no, 100), "QueryTrade/V2");
        assert_eq!(gw.requests_to(Api::DoAction.path()) - before, 1, "{fault}: a capture is never sent twice");
    }
}

#[test]
fn a_cancel_with_a_tampered_or_unreadable_reply_is_an_unknown_outcome() {
    let gw = Gateway::start();
    let client = gw.client();
    let recurring = Payment::CreditRecurring(CreditRecurring {
        binding: Default::default(),
        period_amount: 500,
        period_type: PeriodType::Day,
        frequency: 1,
        exec_times: 3,
        period_return_url: None,
    });
    // (fault, whether omg-sim acted on the request before failing the reply)
    for (fault, acted) in [
        (json!({"wrong_signature": true}), true),
        (json!({"malformed_body": true}), true),
        (json!({"status": 503}), false),
    ] {
        let (no, _, _) = gw.paid_order(&client, 500, recurring.clone());
        let mut spec = fault.clone();
        spec["path"] = json!(Api::PeriodAction.path());
        spec["count"] = json!(1);
        gw.fault(spec);
        unknown(client.cancel_period(&no), "QueryCreditCardPeriodInfo");
        // Cancelled or not: only the reconciling query can tell.
        let expected = if acted { ExecStatus::Cancelled } else { ExecStatus::Running };
        assert_eq!(client.query_period(&no).unwrap().exec_status, Some(expected), "{fault}");
    }
}

#[test]
fn a_200_that_is_not_a_reply_is_an_unknown_outcome() {
    let html = RawServer::response("200 OK", &["Content-Type: text/html"], b"<html><body>Service busy</body></html>");
    let no_rtn_code = RawServer::response("200 OK", &[], b"MerchantID=1000031&MerchantTradeNo=A1&TradeNo=T1");
    // A signed CreditCardPeriodAction reply without RtnCode: genuine, yet it says nothing.
    let unsigned_cancel = RawServer::response("200 OK", &[], b"MerchantID=1000031&MerchantTradeNo=A1");
    let server = RawServer::start(vec![html, no_rtn_code]);
    let client = raw_client(&server.base_url);
    unknown(client.refund("A1", "T1", 100), "QueryTrade/V2");
    unknown(client.refund("A1", "T1", 100), "QueryTrade/V2");
    assert_eq!(server.requests(), 2);

    let signed =
        period_action::render_reply(&PeriodActionResult { rtn_code: 1, ..Default::default() }, &Credentials::stage())
            .unwrap();
    let without_code = signed.replace("RtnCode=1&", "");
    let server = RawServer::start(vec![unsigned_cancel, RawServer::response("200 OK", &[], without_code.as_bytes())]);
    let client = raw_client(&server.base_url);
    unknown(client.cancel_period("A1"), "QueryCreditCardPeriodInfo");
    unknown(client.cancel_period("A1"), "QueryCreditCardPeriodInfo");
}

/// Every status a proxy, a load balancer or the gateway itself can answer after reading the
/// request (issue 21 item 2): a redirect, a 4xx including 429, a 5xx.
const STATUSES_AFTER_READING: [&str; 10] = [
    "301 Moved Permanently",
    "302 Found",
    "307 Temporary Redirect",
    "308 Permanent Redirect",
    "400 Bad Request",
    "404 Not Found",
    "429 Too Many Requests",
    "500 Internal Server Error",
    "503 Service Unavailable",
    "200 OK",
];

fn status_reply(status: &str) -> Vec<u8> {
    let location = "Location: http://127.0.0.1:9/elsewhere";
    match status {
        // A 200 that is not the API's reply: the control case, already unknown before issue 21.
        "200 OK" => RawServer::response(status, &["Content-Type: text/html"], b"<html>busy</html>"),
        s if s.starts_with('3') => RawServer::response(s, &[location], b""),
        s => RawServer::response(s, &["Content-Type: text/plain"], b"refused"),
    }
}

#[test]
fn any_status_after_the_request_was_read_leaves_a_money_moving_call_unknown() {
    for status in STATUSES_AFTER_READING {
        let code: u16 = status[..3].parse().unwrap();
        for call in ["refund", "capture", "cancel_capture", "abandon", "cancel_period"] {
            let server = RawServer::start(vec![status_reply(status), status_reply(status)]);
            let client = raw_client(&server.base_url);
            let (result, query) = match call {
                "refund" => (client.refund("A1", "T1", 400).map(drop), "QueryTrade/V2"),
                "capture" => (client.capture("A1", "T1", 400).map(drop), "QueryTrade/V2"),
                "cancel_capture" => (client.cancel_capture("A1", "T1", 400).map(drop), "QueryTrade/V2"),
                "abandon" => (client.abandon("A1", "T1", 400).map(drop), "QueryTrade/V2"),
                _ => (client.cancel_period("A1").map(drop), "QueryCreditCardPeriodInfo"),
            };
            let t = unknown(result, query);
            let reconcile = if query == "QueryTrade/V2" { Api::QueryCreditDetail } else { Api::QueryPeriodInfo };
            assert_eq!(t.reconcile_with, Some(reconcile), "{call} answered {status}");
            if code != 200 {
                assert_eq!(t.status, Some(code), "{call} answered {status}");
            }
            assert_eq!(server.requests(), 1, "{call} answered {status}: sent more than once");
        }
    }
}

#[test]
fn a_query_is_still_not_retried_on_a_redirect_or_a_4xx_and_still_retried_on_a_5xx() {
    for (status, attempts) in [
        ("301 Moved Permanently", 1),
        ("307 Temporary Redirect", 1),
        ("400 Bad Request", 1),
        ("404 Not Found", 1),
        ("429 Too Many Requests", 1),
        ("503 Service Unavailable", 4),
    ] {
        let server = RawServer::start(vec![status_reply(status); 4]);
        match raw_client(&server.base_url).query_trade("A1") {
            Err(Error::Transport(t)) => {
                // A query is never "unknown": asking again changes nothing.
                assert!(!t.outcome_unknown && t.reconcile_with.is_none(), "{status}: {t:?}");
                assert_eq!(t.status, Some(status[..3].parse().unwrap()), "{status}");
            }
            other => panic!("{status}: expected a transport error, got {other:?}"),
        }
        assert_eq!(server.requests(), attempts, "{status}");
    }
}

#[test]
fn only_a_connection_never_made_is_certainly_not_sent() {
    // Bind then drop: a loopback port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = raw_client(&format!("http://127.0.0.1:{port}"));
    for result in [client.refund("A1", "T1", 400).map(drop), client.cancel_period("A1").map(drop)] {
        match result {
            Err(Error::Transport(t)) => {
                assert!(!t.outcome_unknown && t.reconcile_with.is_none() && t.status.is_none(), "{t:?}")
            }
            other => panic!("expected a transport error, got {other:?}"),
        }
    }
}

#[test]
fn a_refusal_the_gateway_signed_or_stated_is_a_known_outcome() {
    let refusal = RawServer::response(
        "200 OK",
        &[],
        b"MerchantID=1000031&MerchantTradeNo=A1&TradeNo=T1&RtnCode=10200047&RtnMsg=error_nopay",
    );
    let server = RawServer::start(vec![refusal]);
    match raw_client(&server.base_url).refund("A1", "T1", 100) {
        Err(Error::Gateway { rtn_code: Some(10200047), rtn_msg }) => assert_eq!(rtn_msg, "error_nopay"),
        other => panic!("expected the gateway's refusal, got {other:?}"),
    }
}

fn raw_client(base_url: &str) -> omg_core::Client {
    let config = omg_core::Config {
        credentials: Credentials::stage(),
        environment: omg_core::Environment::Custom(base_url.to_string()),
    };
    omg_core::Client::new(config, Gateway::quick_options()).unwrap()
}
