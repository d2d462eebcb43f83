//! What is retried and what never is, checked in the simulator's own request counters.

use omg_client_tests::Gateway;
use omg_core::api::query_credit_detail::CreditStatus;
use omg_core::api::Api;
use omg_core::Error;
use serde_json::json;

#[test]
fn a_query_survives_two_5xx_replies_and_a_dropped_connection() {
    let gw = Gateway::start();
    let client = gw.client();
    let (no, _, _) = gw.paid_card_order(&client, 100);
    let path = Api::QueryTradeInfo.path();
    // The path's own fault first (two 503s); once spent, the `*` fault drops one connection.
    gw.fault(json!({"path": path, "status": 503, "count": 2}));
    gw.fault(json!({"path": "*", "drop_connection": true, "count": 1}));

    let info = client.query_trade(&no).unwrap();
    assert!(info.is_paid());
    assert_eq!(gw.requests_to(path), 4, "two 503s, one drop, one success");
}

#[test]
fn a_query_gives_up_after_max_retries_and_says_how_many_attempts() {
    let gw = Gateway::start();
    let client = gw.client(); // 3 retries
    let path = Api::QueryPeriodInfo.path();
    gw.fault(json!({"path": path, "status": 502}));
    let err = client.query_period("A1").unwrap_err();
    let Error::Transport(t) = err else { panic!("{err:?}") };
    assert_eq!(t.status, Some(502));
    assert!(!t.outcome_unknown);
    assert!(t.message.contains("QueryCreditCardPeriodInfo") && t.message.contains("after 4 attempts"), "{}", t.message);
    assert_eq!(gw.requests_to(path), 4);
}

#[test]
fn do_action_with_a_5xx_fails_once_and_is_never_sent_again() {
    let gw = Gateway::start();
    let client = gw.client();
    let (no, trade_no, gwsr) = gw.paid_card_order(&client, 1000);
    let path = Api::DoAction.path();
    gw.fault(json!({"path": path, "status": 503, "count": 1}));

    let err = client.capture(&no, &trade_no, 1000).unwrap_err();
    let Error::Transport(t) = err else { panic!("{err:?}") };
    assert_eq!(t.status, Some(503));
    assert!(t.outcome_unknown);
    assert!(t.message.contains("QueryTrade/V2"), "{}", t.message);
    assert_eq!(gw.requests_to(path), 1, "DoAction must not be retried");

    // Reconcile as the message says: the capture did not happen.
    let detail = client.query_credit_detail(&gwsr, 1000).unwrap();
    assert_eq!(detail.clsamt, Some(0));
    assert!(!matches!(detail.status, CreditStatus::CapturePending));
}

#[test]
fn cancel_period_with_a_dropped_connection_is_unknown_and_not_resent() {
    let gw = Gateway::start();
    let client = gw.client();
    let path = Api::PeriodAction.path();
    gw.fault(json!({"path": path, "drop_connection": true, "count": 1}));
    let err = client.cancel_period("A1").unwrap_err();
    let Error::Transport(t) = err else { panic!("{err:?}") };
    assert!(t.outcome_unknown && t.message.contains("QueryCreditCardPeriodInfo"), "{}", t.message);
    assert_eq!(gw.requests_to(path), 1);
}
