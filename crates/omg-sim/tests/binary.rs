//! The `omg-sim` binary: prints its base URL as the first line of stdout, serves, and takes
//! merchants from flags and from a TOML file named by OMG_SIM_MERCHANTS.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(args: &[&str], env: &[(&str, &str)]) -> (Running, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_omg-sim"));
    command.args(args).stdout(Stdio::piped()).stderr(Stdio::null());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("omg-sim starts");
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(20)).expect("a first line within 20 s");
    (running, line.trim().to_string())
}

fn get(url: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(10))).build().into();
    agent.get(url).call().unwrap().body_mut().read_to_string().unwrap()
}

#[test]
fn first_line_is_the_base_url_and_the_server_answers() {
    let (_sim, base) = start(&["--port", "0", "--quiet"], &[]);
    assert!(base.starts_with("http://127.0.0.1:"), "{base}");
    assert!(!base.ends_with(":0"));
    assert!(get(&format!("{base}/_sim/health")).contains("\"ok\":true"));
}

#[test]
fn merchants_come_from_flags_and_the_merchants_file() {
    let dir = std::env::temp_dir().join(format!("omg-sim-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("merchants.toml");
    std::fs::write(&file, "[[merchant]]\nMerchantID = \"2000132\"\nHashKey = \"5294y06JbISpM5x9\"\nHashIV = \"v77hoKGq4kWxNNIS\"\nCreditCheckCode = \"12345678\"\n").unwrap();
    let (_sim, base) = start(
        &["--quiet", "--merchant", "3000001:KEYKEYKEYKEYKEY1:IVIVIVIVIVIVIVI1"],
        &[("OMG_SIM_MERCHANTS", file.to_str().unwrap())],
    );
    let merchants = get(&format!("{base}/_sim/merchants"));
    for id in ["1000031", "2000132", "3000001"] {
        assert!(merchants.contains(&format!("\"merchant_id\":\"{id}\"")), "{id} in {merchants}");
    }
    assert!(!merchants.contains("5294y06JbISpM5x9"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_merchants_file_stops_the_binary_with_a_message() {
    let output =
        Command::new(env!("CARGO_BIN_EXE_omg-sim")).args(["--merchants", "/nonexistent/omg.toml"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read merchants file"));
    let output = Command::new(env!("CARGO_BIN_EXE_omg-sim")).args(["--merchant", "only-one-part"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}
