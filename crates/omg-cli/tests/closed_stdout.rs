//! `omg ... | head`: when the reader of stdout has gone, a command ends quietly with exit 0 — no
//! panic, no backtrace — as `cat` and `grep` do. The pipe's read end is closed before `omg` starts,
//! so its very first write fails with EPIPE.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::{start_sim, wait_bounded, OMG_VARIABLES};

/// Runs `omg` with stdout a pipe nobody reads; (exit code, stderr).
fn with_closed_stdout(args: &[&str], stdin: &[u8]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omg"));
    cmd.args(args).stdin(Stdio::piped()).stdout(writer).stderr(Stdio::piped()).env("RUST_BACKTRACE", "1");
    for var in OMG_VARIABLES {
        cmd.env_remove(var);
    }
    let mut child = cmd.spawn().expect("omg runs");
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        let _ = input.write_all(stdin);
    }
    let out = wait_bounded(child, Duration::from_secs(60));
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn assert_quiet_end(args: &[&str], stdin: &[u8]) {
    let (code, stderr) = with_closed_stdout(args, stdin);
    assert_eq!(code, Some(0), "omg {args:?} on a closed stdout: exit {code:?}, stderr:\n{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "omg {args:?}:\n{stderr}");
}

#[test]
fn commands_end_quietly_when_stdout_is_closed() {
    let sim = start_sim();
    let url = sim.base_url();
    // The issue's case: the delivery log as JSON into `head`.
    assert_quiet_end(&["sim", "deliveries", "--json", "--sim", url], b"");
    assert_quiet_end(&["sim", "orders", "--sim", url], b"");
    assert_quiet_end(&["sim", "faults", "list", "--sim", url], b"");
    assert_quiet_end(&["codes"], b"");
    assert_quiet_end(&["codes", "--json"], b"");
    assert_quiet_end(&["barcode", "1012187FA"], b"");
    assert_quiet_end(&["sign"], b"MerchantID=1000031&TotalAmount=100");
    assert_quiet_end(
        &[
            "checkout",
            "--amount",
            "100",
            "--item",
            "Mug",
            "--desc",
            "d",
            "--return-url",
            "http://127.0.0.1:9/r",
            "--html",
        ],
        b"",
    );
    assert_quiet_end(&["doctor", "--sim", url], b"");
    assert_quiet_end(&["sim", "trigger", "--list", "--sim", url], b"");
    assert_quiet_end(&["sim", "trigger", "card-paid", "--return-url", "http://127.0.0.1:9/r", "--sim", url], b"");
    let no = common::paid_order(url);
    assert_quiet_end(&["query", "trade", &no, "--sim", url], b"");
    assert_quiet_end(&["sim", "deliveries", "--order", &no, "--sim", url], b"");
}

#[test]
fn a_failure_keeps_its_exit_code_when_stdout_is_closed() {
    let sim = start_sim();
    // --json writes the error on stdout: the write fails, the exit code still says "refused".
    let (code, stderr) = with_closed_stdout(&["query", "trade", "NOSUCHORDER", "--json", "--sim", sim.base_url()], b"");
    assert_eq!(code, Some(4), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
