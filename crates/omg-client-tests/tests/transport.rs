//! Transport behaviour a merchant relies on: timeouts within their bound, one keep-alive
//! connection, tampered replies caught, redirects not followed, size cap, empty replies.

use std::time::Duration;

use omg_client_tests::{Gateway, RawServer};
use omg_core::api::Api;
use omg_core::client::{Client, ClientOptions, RetryPolicy};
use omg_core::{Config, Credentials, Environment, Error, TransportError};
use serde_json::json;

fn transport(err: Error) -> TransportError {
    match err {
        Error::Transport(t) => t,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

fn raw_client(base_url: &str, retry: RetryPolicy) -> Client {
    let config = Config { credentials: Credentials::stage(), environment: Environment::Custom(base_url.to_string()) };
    Client::new(config, ClientOptions { retry, read_timeout: Duration::from_secs(5), ..ClientOptions::default() })
        .unwrap()
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy { max_retries: 2, initial_backoff: Duration::from_millis(5), max_backoff: Duration::from_millis(10) }
}

#[test]
fn a_tampered_signed_reply_is_a_signature_error() {
    let gw = Gateway::start();
    let client = gw.client();
    let (no, _, _) = gw.paid_card_order(&client, 100);
    gw.fault(json!({"path": Api::QueryTradeInfo.path(), "wrong_signature": true, "count": 1}));
    assert!(matches!(client.query_trade(&no), Err(Error::Signature(_))));
    // The fault is spent: the genuine reply verifies.
    assert!(client.query_trade(&no).unwrap().is_paid());
}

#[test]
fn a_slow_reply_ends_in_the_configured_timeout() {
    // The reply is held far longer than the read timeout, so only the timeout can end the call:
    // the event checked is the timeout error itself, not a wall-clock window.
    let gw = Gateway::start();
    let read_timeout = Duration::from_millis(500);
    let options = ClientOptions { read_timeout, retry: RetryPolicy::none(), ..Gateway::quick_options() };
    let client = gw.client_with(options);
    gw.fault(json!({"path": Api::QueryTradeInfo.path(), "delay_ms": 60_000, "count": 1}));

    let t = transport(client.query_trade("A1").unwrap_err());
    assert!(t.timeout, "{t:?}");
    assert!(t.message.contains("timeout"), "{}", t.message);
}

#[test]
fn a_do_action_that_times_out_is_an_unknown_outcome_named_for_its_reconciliation() {
    let gw = Gateway::start();
    let options = ClientOptions { read_timeout: Duration::from_millis(400), ..Gateway::quick_options() };
    let client = gw.client_with(options);
    gw.fault(json!({"path": Api::DoAction.path(), "delay_ms": 3000, "count": 1}));
    let t = transport(client.refund("A1", "T1", 100).unwrap_err());
    assert!(t.timeout && t.outcome_unknown, "{t:?}");
    assert!(t.message.contains("QueryTrade/V2"), "{}", t.message);
    assert_eq!(gw.requests_to(Api::DoAction.path()), 1);
}

#[test]
fn a_hundred_sequential_queries_use_one_tcp_connection() {
    let gw = Gateway::start();
    let client = gw.client();
    let (no, _, _) = gw.paid_card_order(&client, 100);
    // Each stats call is one connection of its own (the control agent keeps none).
    let before = gw.stats()["connections_accepted"].as_u64().unwrap();
    for _ in 0..100 {
        assert!(client.query_trade(&no).unwrap().is_paid());
    }
    let after = gw.stats()["connections_accepted"].as_u64().unwrap();
    assert_eq!(after - before - 1, 1, "the 100 queries opened {} connections", after - before - 1);
}

#[test]
fn clones_share_the_connection_pool() {
    let gw = Gateway::start();
    let client = gw.client();
    let (no, _, _) = gw.paid_card_order(&client, 100);
    let before = gw.stats()["connections_accepted"].as_u64().unwrap();
    client.query_trade(&no).unwrap();
    client.clone().query_trade(&no).unwrap();
    let after = gw.stats()["connections_accepted"].as_u64().unwrap();
    assert_eq!(after - before - 1, 1);
}

#[test]
fn redirects_are_not_followed() {
    let target = RawServer::start(vec![RawServer::response("200 OK", &[], b"RtnCode=1")]);
    let location = format!("Location: {}/CreditDetail/DoAction", target.base_url);
    let redirecting = RawServer::start(vec![RawServer::response("302 Found", &[&location], b"")]);
    let client = raw_client(&redirecting.base_url, fast_retries());

    let t = transport(client.capture("A1", "T1", 100).unwrap_err());
    assert_eq!(t.status, Some(302));
    assert!(t.message.contains("302") && t.message.contains("never followed"), "{}", t.message);
    // A server read the capture before redirecting: it may have been carried out.
    assert!(t.outcome_unknown, "{t:?}");
    assert_eq!(redirecting.requests(), 1);
    assert_eq!(target.requests(), 0, "the redirect was followed");
}

#[test]
fn a_redirect_is_not_retried_either() {
    let gw = Gateway::start();
    let client = gw.client();
    gw.fault(json!({"path": Api::QueryTradeInfo.path(), "status": 301}));
    let t = transport(client.query_trade("A1").unwrap_err());
    assert_eq!(t.status, Some(301));
    assert_eq!(gw.requests_to(Api::QueryTradeInfo.path()), 1);
}

#[test]
fn a_reply_over_the_size_cap_is_an_error_not_a_truncation() {
    let gw = Gateway::start();
    let options = ClientOptions { max_reply_bytes: 64, ..Gateway::quick_options() };
    let client = gw.client_with(options);
    let (no, _, _) = gw.paid_card_order(&client, 100);
    let t = transport(client.query_trade(&no).unwrap_err());
    assert!(t.message.contains("64-byte cap"), "{}", t.message);
    // A size problem does not go away by asking again.
    assert_eq!(gw.requests_to(Api::QueryTradeInfo.path()), 1);
    // The default cap (1 MiB) reads the same reply.
    assert!(gw.client().query_trade(&no).unwrap().is_paid());
}

#[test]
fn a_reply_one_byte_over_the_default_cap_is_refused() {
    let body = vec![b'a'; (1 << 20) + 1];
    let server = RawServer::start(vec![RawServer::response("200 OK", &[], &body)]);
    let client = raw_client(&server.base_url, RetryPolicy::none());
    let t = transport(client.query_trade("A1").unwrap_err());
    assert!(t.message.contains("1048576-byte cap"), "{}", t.message);
}

#[test]
fn an_empty_reply_is_an_error_retried_for_queries_and_unknown_for_do_action() {
    let empty = || RawServer::response("200 OK", &[], b"");
    let server = RawServer::start(vec![empty(), empty(), empty()]);
    let t = transport(raw_client(&server.base_url, fast_retries()).query_trade("A1").unwrap_err());
    assert!(t.message.contains("empty reply") && t.message.contains("after 3 attempts"), "{}", t.message);
    assert_eq!(server.requests(), 3);

    let server = RawServer::start(vec![empty(), empty()]);
    let t = transport(raw_client(&server.base_url, fast_retries()).capture("A1", "T1", 1).unwrap_err());
    assert!(t.outcome_unknown && t.message.contains("QueryTrade/V2"), "{}", t.message);
    assert_eq!(server.requests(), 1);
}

#[test]
fn a_malformed_query_reply_is_a_decode_error() {
    // A money-moving call's malformed reply is an unknown outcome instead: tests/outcome_unknown.rs.
    let gw = Gateway::start();
    let client = gw.client_with(Gateway::quick_options());
    gw.fault(json!({"path": Api::QueryTradeInfo.path(), "malformed_body": true, "count": 3}));
    assert!(matches!(client.query_trade("A1"), Err(Error::Decode(_))));
}

#[test]
fn nothing_listening_is_a_known_outcome_not_an_unknown_one() {
    // Bind then drop: a loopback port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = raw_client(&format!("http://127.0.0.1:{port}"), fast_retries());
    let t = transport(client.refund("A1", "T1", 100).unwrap_err());
    assert!(!t.outcome_unknown && !t.timeout, "{t:?}");
    assert!(t.message.starts_with("DoAction: cannot connect"), "{}", t.message);
}

#[test]
fn errors_never_carry_the_keys() {
    let credentials =
        Credentials::new("2000132", "SECRETKEY123456", "SECRETIV654321").unwrap().with_credit_check_code("99887766");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config = Config { credentials, environment: Environment::Custom(format!("http://127.0.0.1:{port}")) };
    let client = Client::new(config, ClientOptions { retry: RetryPolicy::none(), ..ClientOptions::default() }).unwrap();
    for err in [client.query_trade("A1").unwrap_err(), client.query_credit_detail("123", 1).unwrap_err()] {
        let text = format!("{err} {err:?}");
        for secret in ["SECRETKEY123456", "SECRETIV654321", "99887766"] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}
