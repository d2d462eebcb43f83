//! Percent-escapes in notification bodies: captures of the real gateway write them in lowercase
//! (`%e4%ba%a4`), omg-sim writes uppercase unless started with `--lowercase-escapes`. A receiver
//! must read both; these tests send both through loopback HTTP and verify what arrived.

mod common;

use common::{order, trade_no, Harness, Receiver};
use omg_core::notify::verify_notification;
use omg_core::order::Payment;
use omg_core::Credentials;
use omg_sim::SimConfig;
use serde_json::json;

/// 交易成功 in UTF-8 is E4 BA A4 E6 98 93 E6 88 90 E5 8A 9F; 手機殼 is E6 89 8B E6 A9 9F E6 AE BC.
const RTN_MSG_LOWER: &str = "RtnMsg=%e4%ba%a4%e6%98%93%e6%88%90%e5%8a%9f";
const RTN_MSG_UPPER: &str = "RtnMsg=%E4%BA%A4%E6%98%93%E6%88%90%E5%8A%9F";
const CUSTOM_LOWER: &str = "CustomField1=%e6%89%8b%e6%a9%9f%e6%ae%bc+a%2fb%3fc";

/// Pays a card order whose CustomField1 needs escapes and returns the ReturnURL body received.
fn paid_body(h: &Harness) -> String {
    let receiver = Receiver::start();
    let no = trade_no("EC");
    let mut o = order(&no, 100, &receiver, Payment::default());
    o.custom_field1 = Some("手機殼 a/b?c".into());
    let (status, _) = h.checkout(&o);
    assert_eq!(status, 200);
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    receiver.wait_for("/return", 1).remove(0)
}

/// The two characters after each `%`.
fn escapes(body: &str) -> Vec<&str> {
    body.split('%').skip(1).map(|rest| &rest[..2]).collect()
}

#[test]
fn with_lowercase_escapes_a_notification_arrives_with_lowercase_escapes_and_verifies() {
    let h = Harness::with_config(SimConfig { lowercase_escapes: true, ..SimConfig::default() });
    let body = paid_body(&h);
    assert!(body.contains(RTN_MSG_LOWER), "{body}");
    assert!(body.contains(CUSTOM_LOWER), "{body}");
    let all = escapes(&body);
    assert!(all.len() > 20, "{body}");
    assert!(
        all.iter().all(|e| e.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))),
        "an uppercase escape in {body}"
    );
    let n = verify_notification(body.as_bytes(), &Credentials::stage()).expect("lowercase escapes verify");
    assert!(n.is_paid());
    assert_eq!(n.get("RtnMsg"), Some("交易成功"));
    assert_eq!(n.get("CustomField1"), Some("手機殼 a/b?c"));
    // The delivery log shows the body as sent.
    let logged = h.control_get("/_sim/deliveries")["attempts"][0]["body"].as_str().unwrap().to_string();
    assert_eq!(logged, body);
}

#[test]
fn by_default_the_escapes_are_uppercase() {
    let body = paid_body(&Harness::start());
    assert!(body.contains(RTN_MSG_UPPER), "{body}");
    assert!(!escapes(&body).iter().any(|e| e.chars().any(|c| c.is_ascii_lowercase())), "{body}");
}

#[test]
fn the_command_line_flag_turns_it_on() {
    use clap::Parser;
    #[derive(clap::Parser)]
    struct Cli {
        #[command(flatten)]
        sim: omg_sim::command_line::SimArgs,
    }
    assert!(Cli::parse_from(["omg-sim", "--lowercase-escapes"]).sim.config().unwrap().lowercase_escapes);
    assert!(!Cli::parse_from(["omg-sim"]).sim.config().unwrap().lowercase_escapes);
}
