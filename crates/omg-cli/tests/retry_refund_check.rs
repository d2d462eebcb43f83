//! scripts/retry-refund-check.sh, run by `cargo test` so CI runs it (issue 21 item 2): a shell loop
//! that retries `omg refund` only on exit 5 ("certainly not sent") against an omg-sim that carries
//! the refund out and then answers a redirect, a 4xx or a 429 must refund exactly once.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn a_retry_loop_driven_by_the_exit_code_refunds_once_whatever_status_follows_the_refund() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut child = Command::new("bash")
        .arg("scripts/retry-refund-check.sh")
        .current_dir(root)
        .env("OMG", env!("CARGO_BIN_EXE_omg"))
        .env("STATUSES", "307 301 302 308 400 404 429 500 503")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    // The script bounds itself; this only keeps a broken machine from hanging the suite.
    let deadline = Instant::now() + Duration::from_secs(300);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("scripts/retry-refund-check.sh did not finish in 300 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{said}");
    // One line per status, each with exactly one refund and no second attempt.
    for status in ["307", "301", "302", "308", "400", "404", "429", "500", "503"] {
        let line = format!("HTTP {status} after the refund: 1 attempt(s), last exit 7, refunds in close data: 1 (ok)");
        assert!(said.contains(&line), "missing `{line}` in:\n{said}");
    }
}
