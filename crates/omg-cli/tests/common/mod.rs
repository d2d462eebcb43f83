//! What the tests of a running simulator share: the `omg` binary run as a user runs it, an
//! omg-sim on 127.0.0.1, and a merchant's notification receiver on 127.0.0.1 that records every
//! POST and answers `1|OK`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use omg_sim::SimHandle;
use serde_json::Value;

/// The `OMG_*` variables a developer may have set: removed, so only what a test gives counts.
pub const OMG_VARIABLES: [&str; 10] = [
    "OMG_MERCHANT_ID",
    "OMG_HASH_KEY",
    "OMG_HASH_IV",
    "OMG_ENV",
    "OMG_BASE_URL",
    "OMG_SIM_URL",
    "OMG_CREDIT_CHECK_CODE",
    "OMG_MAX_RETRIES",
    "OMG_PLATFORM_ID",
    "OMG_SIM_MERCHANTS",
];

/// `omg` with no OMG_* variables but `env`, short timeouts, stdin empty; killed after 60 s.
pub fn omg_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omg"));
    cmd.args(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in OMG_VARIABLES {
        cmd.env_remove(var);
    }
    cmd.env("OMG_CONNECT_TIMEOUT_MS", "2000").env("OMG_READ_TIMEOUT_MS", "5000").env("OMG_MAX_RETRIES", "0");
    for (k, v) in env {
        cmd.env(k, v);
    }
    wait_bounded(cmd.spawn().expect("omg runs"), Duration::from_secs(60))
}

pub fn omg(args: &[&str]) -> Output {
    omg_with(args, &[])
}

pub fn wait_bounded(mut child: Child, limit: Duration) -> Output {
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("omg did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("output")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit 0, or a failure showing what the command said.
pub fn succeeded(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stdout: {}\nstderr: {}", stdout(o), stderr(o));
    stdout(o)
}

pub fn json_out(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|_| panic!("not JSON: {} / {}", stdout(o), stderr(o)))
}

/// An omg-sim on 127.0.0.1 (free port), quiet, without the daily auto-close (tests act at any
/// time of day).
pub fn start_sim() -> SimHandle {
    let config = omg_sim::Simulator::builder().daily_auto_close(false).log(false).into_config();
    omg_sim::spawn_blocking_sim(config).expect("simulator starts")
}

/// A paid card order on the simulator at `sim`, created by `omg sim trigger card-paid`; its
/// MerchantTradeNo.
pub fn paid_order(sim: &str) -> String {
    let out = omg(&["sim", "trigger", "card-paid", "--sim", sim, "--return-url", "http://127.0.0.1:9/r", "--json"]);
    succeeded(&out);
    json_out(&out)["merchant_trade_no"].as_str().expect("the order number").to_string()
}

/// One POST the receiver got.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub body: Vec<u8>,
}

/// A merchant's notification endpoint on 127.0.0.1: records every POST, answers `1|OK`.
pub struct Receiver {
    pub base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    pub fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || serve(stream, &log));
            }
        });
        Receiver { base_url, received }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Waits (at most 20 s) until `count` POSTs to `path` arrived; returns them.
    pub fn wait_for(&self, path: &str, count: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got: Vec<Received> = self.received.lock().unwrap().iter().filter(|r| r.path == path).cloned().collect();
            if got.len() >= count {
                return got;
            }
            assert!(Instant::now() < deadline, "{count} POST(s) to {path} expected, got {}", got.len());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn count(&self, path: &str) -> usize {
        self.received.lock().unwrap().iter().filter(|r| r.path == path).count()
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Received>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("").to_string();
        let mut length = 0;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        log.lock().unwrap().push(Received { path, body });
        let reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\n1|OK";
        if (&stream).write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}
