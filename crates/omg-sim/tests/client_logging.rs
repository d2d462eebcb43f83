//! The client's log events (issue 15 item 10), seen by a logger installed the way an application
//! installs one, against omg-sim over loopback with injected faults: each request sent, each
//! reply's status, each retry with its reason and delay, and an unknown outcome as a warning —
//! and never a HashKey, HashIV, CreditCheckCode or request body. In its own test binary: a
//! process has one global logger.

mod common;

use std::sync::Mutex;
use std::time::Duration;

use common::Harness;
use log::{Level, LevelFilter, Log, Metadata, Record};
use omg_core::client::{Client, ClientOptions, RetryPolicy, LOG_TARGET};
use omg_core::{Config, Credentials, Environment, Error};
use omg_sim::{Merchant, SimConfig};
use serde_json::json;

const HASH_KEY: &str = "Kq7SecretHashKey";
const HASH_IV: &str = "Zx9SecretHashIVv";
const CHECK_CODE: &str = "493817";

struct Recorder(Mutex<Vec<(Level, String, String)>>);

impl Log for Recorder {
    // Only the SDK's own events: the HTTP library logs under its own targets.
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target() == LOG_TARGET
    }
    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        self.0.lock().unwrap().push((record.level(), record.target().to_string(), record.args().to_string()));
    }
    fn flush(&self) {}
}

static RECORDER: Recorder = Recorder(Mutex::new(Vec::new()));

fn take_events() -> Vec<(Level, String, String)> {
    std::mem::take(&mut *RECORDER.0.lock().unwrap())
}

#[test]
fn the_client_logs_sends_replies_retries_and_unknown_outcomes_without_secrets() {
    log::set_logger(&RECORDER).unwrap();
    log::set_max_level(LevelFilter::Trace);

    let credentials = Credentials::new("2000777", HASH_KEY, HASH_IV).unwrap().with_credit_check_code(CHECK_CODE);
    let h =
        Harness::with_config(SimConfig { merchants: vec![Merchant::new(credentials.clone())], ..SimConfig::default() });
    let options = ClientOptions {
        retry: RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(10),
        },
        ..ClientOptions::default()
    };
    let client = Client::new(Config { credentials, environment: Environment::Custom(h.url("")) }, options).unwrap();

    // A query: the first attempt gets a 503, the retry gets the gateway's real (not-found) reply.
    h.control_ok("/_sim/faults", json!({ "path": "/Cashier/QueryTradeInfo/V5", "status": 503, "count": 1 }));
    let _ = client.query_trade("NOSUCHORDER0001");
    let events = take_events();
    let lines: Vec<&str> = events.iter().map(|(_, _, m)| m.as_str()).collect();
    assert!(
        lines[0].starts_with("QueryTradeInfo/V5: request sent to http://127.0.0.1:")
            && lines[0].ends_with("(attempt 1)"),
        "{lines:?}"
    );
    assert!(lines.iter().any(|l| l.contains("attempt 1 failed (HTTP 503)")), "{lines:?}");
    let retry = events.iter().find(|(_, _, m)| m.contains("retrying in")).expect("a retry event");
    assert_eq!(retry.0, Level::Info);
    assert!(retry.2.contains("(attempt 2) after: HTTP 503"), "{retry:?}");
    assert!(lines.iter().any(|l| l.ends_with("(attempt 2)") && l.contains("request sent")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("QueryTradeInfo/V5: reply HTTP 200, ")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("outcome unknown")), "{lines:?}");

    // A refund whose reply is lost (a 502 from a proxy): never retried, and a warning that the
    // outcome is unknown naming the reconciling query.
    h.control_ok("/_sim/faults", json!({ "path": "/CreditDetail/DoAction", "status": 502, "count": 1 }));
    let error = client.refund("NOSUCHORDER0001", "2401011234567890", 100).unwrap_err();
    assert!(matches!(&error, Error::Transport(t) if t.outcome_unknown), "{error:?}");
    let events = take_events();
    assert_eq!(events.iter().filter(|(_, _, m)| m.contains("request sent")).count(), 1, "{events:?}");
    assert!(!events.iter().any(|(_, _, m)| m.contains("retrying")), "{events:?}");
    let warning = events.iter().find(|(level, _, _)| *level == Level::Warn).expect("a warning");
    assert!(warning.2.starts_with("DoAction: outcome unknown: ") && warning.2.contains("QueryTrade/V2"), "{warning:?}");

    // Everything logged in this test, checked for secrets. (The events were taken above; replay
    // both calls once more to check the whole stream, bodies included.)
    h.control_ok("/_sim/faults", json!({ "path": "*", "status": 500, "count": 1 }));
    let _ = client.query_trade("NOSUCHORDER0001");
    let _ = client.capture("NOSUCHORDER0001", "2401011234567890", 100);
    let text = format!("{:?}", take_events());
    for secret in [HASH_KEY, HASH_IV, CHECK_CODE, "CheckMacValue", "TimeStamp="] {
        assert!(!text.contains(secret), "{secret} logged: {text}");
    }
}
