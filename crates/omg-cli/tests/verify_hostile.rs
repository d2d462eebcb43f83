//! `omg verify` on hostile bodies: re-shaped genuine notifications (issue 9 item 1) and oversized
//! input (item 3). The real binary, stdin, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use omg_core::notify::builder::PaymentResult;
use omg_core::Credentials;

fn verify(stdin: &[u8]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omg"));
    cmd.args(["verify", "--json"]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in ["OMG_MERCHANT_ID", "OMG_HASH_KEY", "OMG_HASH_IV", "OMG_ENV", "OMG_BASE_URL", "OMG_CREDIT_CHECK_CODE"] {
        cmd.env_remove(var);
    }
    let mut child = cmd.spawn().expect("omg runs");
    let mut pipe = child.stdin.take().unwrap();
    // The command may stop reading early (the input cap): a broken pipe is then expected.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn simulated_payment() -> String {
    PaymentResult {
        merchant_id: "1000031".into(),
        merchant_trade_no: "A2401011000001xyz".into(),
        trade_no: "2401011000001234".into(),
        trade_amt: 1200,
        simulate_paid: true,
        ..Default::default()
    }
    .sign(&Credentials::stage())
    .unwrap()
}

fn error_of(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("JSON error expected: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn the_genuine_body_verifies() {
    let out = verify(simulated_payment().as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn re_shaped_genuine_bodies_are_refused_as_signature_errors() {
    let body = simulated_payment();
    let renamed = body.replace("&TradeNo=", "&tradeno=");
    // SimulatePaid folded into the value of RtnMsg, the field before it in the signing order.
    let rtn_msg = body.split('&').find(|p| p.starts_with("RtnMsg=")).unwrap();
    let folded = body.replace("&SimulatePaid=1", "").replace(rtn_msg, &format!("{rtn_msg}%26SimulatePaid%3D1"));
    for (what, reshaped, names) in [("renamed", renamed, "TradeNo"), ("folded", folded, "SimulatePaid")] {
        let out = verify(reshaped.as_bytes());
        assert_eq!(out.status.code(), Some(1), "{what}: {}", String::from_utf8_lossy(&out.stdout));
        let err = error_of(&out);
        assert_eq!(err["error"], "signature", "{what}");
        assert!(err["message"].as_str().unwrap_or_default().contains(names), "{what}: {err}");
    }
}

#[test]
fn input_larger_than_a_notification_is_refused_without_parsing_it() {
    // 100k tiny fields (≈ 700 KiB): took 34.6 s when duplicate detection was quadratic.
    let body: String = (0..100_000).map(|i| format!("F{i}=1&")).collect();
    let out = verify(body.as_bytes());
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(error_of(&out)["message"].as_str().unwrap().contains("bytes"), "{}", String::from_utf8_lossy(&out.stdout));
}

/// One rule (issue 21 item 6): `omg verify` refuses a body with a trailing newline exactly as the
/// library does — the same kind of error, so the same exit code — and says a newline is there.
#[test]
fn a_trailing_newline_is_refused_as_the_library_refuses_it_and_named() {
    let body = simulated_payment();
    for ending in ["\n", "\r\n", "\n\n"] {
        let with_newline = format!("{body}{ending}");
        let library = omg_core::notify::verify_notification(with_newline.as_bytes(), &Credentials::stage())
            .expect_err("every library refuses a body with a trailing newline");
        let out = verify(with_newline.as_bytes());
        let err = error_of(&out);
        assert_eq!(err["kind"], omg_core::boundary::error_payload(&library)["kind"], "{ending:?}: {err}");
        assert_ne!(out.status.code(), Some(0), "{ending:?}");
        let message = err["message"].as_str().unwrap();
        assert!(message.contains("ends with a newline") && message.contains("printf %s"), "{ending:?}: {message}");
    }
    // Without the newline the same body is genuine, and a refusal for another reason does not
    // mention a newline.
    assert_eq!(verify(body.as_bytes()).status.code(), Some(0));
    let tampered = body.replace("TradeAmt=1200", "TradeAmt=1");
    let err = error_of(&verify(tampered.as_bytes()));
    assert!(!err["message"].as_str().unwrap().contains("newline"), "{err}");
}
