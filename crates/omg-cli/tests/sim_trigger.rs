//! `omg sim trigger SCENARIO`: with nothing but a fresh omg-sim and a receiver on 127.0.0.1, each
//! scenario creates its own signed order and the receiver gets notifications that verify with
//! the stage keys and have the kind and RtnCode the protocol gives the event (protocol.md §5:
//! RtnCode 1 paid, 2 ATM account issued, 10100073 CVS/BARCODE code issued; the simulator's
//! documented 0 for a declined card; SimulatePaid=1 for the back office's simulated payment).

mod common;

use common::{json_out, omg, start_sim, stdout, succeeded, Receiver};
use omg_core::client::{Client, ClientOptions};
use omg_core::notify::verify_notification;
use omg_core::{Config, Credentials, Environment, Notification, NotificationKind};
use serde_json::Value;

/// Runs a scenario against `sim` with the receiver's /return, /info and /period URLs (and
/// `extra`); its --json report.
fn trigger(sim: &str, receiver: &Receiver, scenario: &str, extra: &[&str]) -> Value {
    let (ret, info, period) = (receiver.url("/return"), receiver.url("/info"), receiver.url("/period"));
    let mut args = vec!["sim", "trigger", scenario, "--sim", sim, "--return-url", &ret, "--json"];
    args.extend(["--payment-info-url", &info, "--period-return-url", &period]);
    args.extend(extra);
    let out = omg(&args);
    succeeded(&out);
    json_out(&out)
}

/// The one notification posted to `path`, verified with the stage merchant's keys.
fn verified(receiver: &Receiver, path: &str, count: usize) -> Vec<Notification> {
    receiver
        .wait_for(path, count)
        .iter()
        .map(|r| verify_notification(&r.body, &Credentials::stage()).expect("signed with the stage keys"))
        .collect()
}

fn created_order(report: &Value) -> String {
    let no = report["merchant_trade_no"].as_str().expect("the order number is printed").to_string();
    assert_eq!(report["order"]["terms"]["merchant_trade_no"], no.as_str());
    no
}

#[test]
fn card_paid_delivers_a_signed_paid_result_with_no_other_preparation() {
    let sim = start_sim();
    let receiver = Receiver::start();
    let report = trigger(sim.base_url(), &receiver, "card-paid", &["--amount", "1500"]);
    let no = created_order(&report);
    let n = verified(&receiver, "/return", 1).remove(0);
    assert_eq!(n.kind(), NotificationKind::PaymentResult);
    assert_eq!(n.rtn_code(), Some(1));
    assert_eq!(n.merchant_trade_no(), Some(no.as_str()));
    n.expect_amount(1500).unwrap();
    assert_eq!(report["order"]["status"], "paid");
    // The receiver answered 1|OK: the simulator's verdict is in the report.
    assert_eq!(report["deliveries"][0]["ok"], true, "{report}");
}

#[test]
fn card_paid_prints_the_order_number_and_the_delivery_verdict_as_lines() {
    let sim = start_sim();
    let receiver = Receiver::start();
    let ret = receiver.url("/return");
    let out = omg(&["sim", "trigger", "card-paid", "--sim", sim.base_url(), "--return-url", &ret]);
    let text = succeeded(&out);
    let n = verified(&receiver, "/return", 1).remove(0);
    let no = n.merchant_trade_no().unwrap().to_string();
    assert!(text.starts_with(&format!("order {no} created")), "{text}");
    assert!(text.contains(&format!("card-paid: order {no} is now paid")), "{text}");
    assert!(text.contains(&format!("ReturnURL {no} attempt 1/8 -> {ret} status 200: acknowledged")), "{text}");
}

#[test]
fn card_declined_delivers_rtn_code_0() {
    let sim = start_sim();
    let receiver = Receiver::start();
    let report = trigger(sim.base_url(), &receiver, "card-declined", &[]);
    created_order(&report);
    let n = verified(&receiver, "/return", 1).remove(0);
    assert_eq!((n.kind(), n.rtn_code(), n.is_paid()), (NotificationKind::PaymentResult, Some(0), false));
    assert_eq!(report["order"]["status"], "declined");
}

#[test]
fn card_paid_on_an_all_order_has_the_payer_pick_credit() {
    let sim = start_sim();
    let receiver = Receiver::start();
    let report = trigger(sim.base_url(), &receiver, "card-paid", &["--method", "all"]);
    assert_eq!(report["order"]["terms"]["choose_payment"], "ALL");
    let n = verified(&receiver, "/return", 1).remove(0);
    assert_eq!(n.rtn_code(), Some(1));
    assert_eq!(n.get("PaymentType"), Some("Credit_CreditCard"));
}

/// A code scenario: PaymentInfoURL with `issued_code`, then ReturnURL paid.
fn issued_then_paid(scenario: &str, issued_code: i64, payment_type_prefix: &str) {
    let sim = start_sim();
    let receiver = Receiver::start();
    let report = trigger(sim.base_url(), &receiver, scenario, &[]);
    let no = created_order(&report);
    let info = verified(&receiver, "/info", 1).remove(0);
    assert_eq!(info.kind(), NotificationKind::PaymentCodeIssued);
    assert_eq!(info.rtn_code(), Some(issued_code));
    assert_eq!(info.merchant_trade_no(), Some(no.as_str()));
    let paid = verified(&receiver, "/return", 1).remove(0);
    assert_eq!((paid.kind(), paid.rtn_code()), (NotificationKind::PaymentResult, Some(1)));
    assert!(paid.get("PaymentType").unwrap_or("").starts_with(payment_type_prefix), "{:?}", paid.get("PaymentType"));
    assert_eq!(report["order"]["status"], "paid");
}

#[test]
fn atm_issued_then_paid() {
    issued_then_paid("atm-issued-then-paid", 2, "ATM_");
}

#[test]
fn cvs_issued_then_paid() {
    issued_then_paid("cvs-issued-then-paid", 10100073, "CVS_");
}

#[test]
fn barcode_issued_then_paid() {
    issued_then_paid("barcode-issued-then-paid", 10100073, "BARCODE_");
}

#[test]
fn code_expired_issues_a_code_that_is_never_paid() {
    let sim = start_sim();
    let receiver = Receiver::start();
    let report = trigger(sim.base_url(), &receiver, "code-expired", &["--method", "cvs"]);
    created_order(&report);
    let info = verified(&receiver, "/info", 1).remove(0);
    assert_eq!((info.kind(), info.rtn_code()), (NotificationKind::PaymentCodeIssued, Some(10100073)));
    assert_eq!(report["order"]["status"], "expired");
    // Nothing is paid, so nothing is posted to ReturnURL.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(receiver.count("/return"), 0);
}

#[test]
fn recurring_posts_the_first_charge_then_each_successful_period_and_logs_the_failed_one() {
    let sim = start_sim();
    let receiver = Receiver::start();
    let report =
        trigger(sim.base_url(), &receiver, "recurring", &["--periods", "2", "--failed", "1", "--amount", "300"]);
    let no = created_order(&report);
    let first = verified(&receiver, "/return", 1).remove(0);
    assert_eq!((first.kind(), first.rtn_code()), (NotificationKind::PaymentResult, Some(1)));
    let periods = verified(&receiver, "/period", 2);
    for n in &periods {
        assert_eq!((n.kind(), n.rtn_code()), (NotificationKind::PeriodCharge, Some(1)));
        n.expect_amount(300).unwrap();
    }
    // The failed charge is not posted (V1.3.7 p.26): it is in QueryCreditCardPeriodInfo's ExecLog.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(receiver.count("/period"), 2);
    let client = Client::new(
        Config { credentials: Credentials::stage(), environment: Environment::Custom(sim.base_url().to_string()) },
        ClientOptions::default(),
    )
    .unwrap();
    let info = client.query_period(&no).unwrap();
    assert_eq!(info.exec_log.len(), 4, "{:?}", info.raw);
    assert_eq!(info.total_success_times, Some(3));
    assert_eq!(info.exec_log.iter().filter(|e| e.rtn_code == Some(0)).count(), 1, "{:?}", info.raw);
}

#[test]
fn simulate_paid_without_an_order_creates_one_and_sends_simulate_paid_1() {
    let sim = start_sim();
    let receiver = Receiver::start();
    let report = trigger(sim.base_url(), &receiver, "simulate-paid", &[]);
    created_order(&report);
    let n = verified(&receiver, "/return", 1).remove(0);
    assert_eq!((n.kind(), n.rtn_code(), n.get("SimulatePaid")), (NotificationKind::PaymentResult, Some(1), Some("1")));
    // No money moved: the order itself is not paid.
    assert_ne!(report["order"]["status"], "paid");
}

#[test]
fn list_names_every_scenario_and_a_scenario_needs_a_return_url() {
    let out = omg(&["sim", "trigger", "--list", "--sim", "http://127.0.0.1:9"]);
    let text = succeeded(&out);
    for scenario in [
        "card-paid",
        "card-declined",
        "atm-issued-then-paid",
        "cvs-issued-then-paid",
        "barcode-issued-then-paid",
        "code-expired",
        "recurring",
        "simulate-paid",
        "pay ",
    ] {
        assert!(text.contains(scenario), "{scenario} missing from:\n{text}");
    }
    let sim = start_sim();
    let out = omg(&["sim", "trigger", "card-paid", "--sim", sim.base_url()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(common::stderr(&out).contains("--return-url"), "{}", common::stderr(&out));
    // A scenario creates its own order: naming one is refused, pointing to the event.
    let out =
        omg(&["sim", "trigger", "card-paid", "A1", "--sim", sim.base_url(), "--return-url", "http://127.0.0.1:9/"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(common::stderr(&out).contains("omg sim trigger pay A1"), "{}", common::stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_order_of_a_merchant_the_simulator_does_not_know_is_refused_with_the_gateway_code() {
    let sim = start_sim();
    let env =
        [("OMG_MERCHANT_ID", "3002607"), ("OMG_HASH_KEY", "pwFHCqoQZGmho4w6"), ("OMG_HASH_IV", "EkRm7iFT261dpevs")];
    let out = common::omg_with(
        &["sim", "trigger", "card-paid", "--sim", sim.base_url(), "--return-url", "http://127.0.0.1:9/"],
        &env,
    );
    assert_eq!(out.status.code(), Some(4));
    let err = common::stderr(&out);
    assert!(err.contains("10200073") && err.contains("--merchant ID:KEY:IV"), "{err}");
    assert!(!err.contains("pwFHCqoQZGmho4w6"), "a key was printed");
}
