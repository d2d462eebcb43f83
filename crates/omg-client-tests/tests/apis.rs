//! Each server API through the client against omg-sim: one success and one refusal, over real
//! loopback HTTP, with omg-core's request builders and reply parsers doing the protocol.

use omg_client_tests::{unique_trade_no, Gateway};
use omg_core::api::query_credit_detail::CreditStatus;
use omg_core::api::query_period_info::ExecStatus;
use omg_core::api::query_trade_info::TradeStatus;
use omg_core::order::Payment;
use omg_core::order::{CreditRecurring, PeriodType};
use omg_core::Error;

fn recurring(amount: i64) -> Payment {
    Payment::CreditRecurring(CreditRecurring {
        binding: Default::default(),
        period_amount: amount,
        period_type: PeriodType::Day,
        frequency: 1,
        exec_times: 3,
        period_return_url: None,
    })
}

fn gateway_code(err: Error) -> (Option<i64>, String) {
    match err {
        Error::Gateway { rtn_code, rtn_msg } => (rtn_code, rtn_msg),
        other => panic!("expected a gateway refusal, got {other:?}"),
    }
}

#[test]
fn query_trade_reads_a_paid_order_and_reports_an_unknown_one_as_a_refusal() {
    let gw = Gateway::start();
    let client = gw.client();
    let (no, trade_no, _) = gw.paid_card_order(&client, 1200);

    let info = client.query_trade(&no).unwrap();
    assert_eq!(info.merchant_trade_no, no);
    assert_eq!(info.trade_no, trade_no);
    assert_eq!(info.trade_amt, Some(1200));
    assert_eq!(info.trade_status, TradeStatus::Paid);
    assert_eq!(info.payment_type, "Credit_CreditCard");

    let (code, _) = gateway_code(client.query_trade(&unique_trade_no("X")).unwrap_err());
    assert_eq!(code, Some(10200047));
}

#[test]
fn query_trade_of_an_unpaid_order_says_not_paid() {
    let gw = Gateway::start();
    let client = gw.client();
    let no = unique_trade_no("U");
    gw.place(&client, &omg_client_tests::gateway::order(&no, 300, Payment::default()));
    let info = client.query_trade(&no).unwrap();
    assert!(!info.is_paid());
    assert_eq!(info.trade_status, TradeStatus::NotPaid);
}

#[test]
fn period_query_and_cancel_succeed_once_and_are_refused_after() {
    let gw = Gateway::start();
    let client = gw.client();
    let (no, _, _) = gw.paid_order(&client, 500, recurring(500));

    let info = client.query_period(&no).unwrap();
    assert_eq!(info.merchant_trade_no, no);
    assert_eq!(info.exec_status, Some(ExecStatus::Running));
    assert_eq!((info.period_type.as_str(), info.frequency, info.exec_times), ("D", Some(1), Some(3)));
    assert_eq!(info.total_success_times, Some(1));

    let cancelled = client.cancel_period(&no).unwrap();
    assert_eq!((cancelled.rtn_code, cancelled.merchant_trade_no.as_str()), (1, no.as_str()));
    assert_eq!(client.query_period(&no).unwrap().exec_status, Some(ExecStatus::Cancelled));

    // A cancelled schedule can never be cancelled (or restarted) again.
    let (code, _) = gateway_code(client.cancel_period(&no).unwrap_err());
    assert_eq!(code, Some(100006));
    // No schedule at all.
    let (code, _) = gateway_code(client.query_period(&unique_trade_no("X")).unwrap_err());
    assert_eq!(code, Some(10200047));
}

#[test]
fn do_action_moves_the_card_payment_and_refuses_what_the_state_forbids() {
    let gw = Gateway::start();
    let client = gw.client();
    let (no, trade_no, gwsr) = gw.paid_card_order(&client, 1000);

    let detail = client.query_credit_detail(&gwsr, 1000).unwrap();
    assert_eq!((detail.amount, detail.clsamt), (Some(1000), Some(0)));

    let captured = client.capture(&no, &trade_no, 800).unwrap();
    assert_eq!((captured.rtn_code, captured.trade_no.as_str()), (1, trade_no.as_str()));
    let detail = client.query_credit_detail(&gwsr, 1000).unwrap();
    assert_eq!(detail.status, CreditStatus::CapturePending);
    assert_eq!(detail.clsamt, Some(800));

    // A partial refund of a pending capture lowers the captured amount.
    client.refund(&no, &trade_no, 300).unwrap();
    assert_eq!(client.query_credit_detail(&gwsr, 1000).unwrap().clsamt, Some(500));

    // Abandoning an authorisation that is already being captured is refused by the gateway.
    let (code, msg) = gateway_code(client.abandon(&no, &trade_no, 1000).unwrap_err());
    assert!(code.is_some() && code != Some(1), "{code:?} {msg}");
    // Cancel the capture, then abandon: the full "refund" of a pending capture.
    client.cancel_capture(&no, &trade_no, 500).unwrap();
    client.abandon(&no, &trade_no, 1000).unwrap();
}

#[test]
fn credit_detail_of_an_unknown_payment_is_a_refusal() {
    let gw = Gateway::start();
    let client = gw.client();
    let (_, msg) = gateway_code(client.query_credit_detail("999999999", 100).unwrap_err());
    assert_eq!(msg, "error_nopay");
}

#[test]
fn input_errors_are_validation_errors_before_anything_is_sent() {
    let gw = Gateway::start();
    let client = gw.client();
    let before = gw.stats()["requests_total"].as_u64().unwrap();
    let err = client.refund("bad no!", "", 0).unwrap_err();
    let fields: Vec<&str> = err.field_errors().iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["MerchantTradeNo", "TradeNo", "TotalAmount"]);
    // Only the stats call itself reached the simulator.
    assert_eq!(gw.stats()["requests_total"].as_u64().unwrap(), before + 1);
}
