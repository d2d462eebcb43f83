//! Load figures for omg-sim over loopback (docs/performance.md, section "omg-sim"):
//!
//! 1. QueryTradeInfo/V5 requests per second from keep-alive clients (each reply checked for
//!    status 200; every 500th parsed and its CheckMacValue verified with omg-core);
//! 2. ReturnURL notifications delivered per second to a local receiver, each one verified, none
//!    lost.
//!
//! ```text
//! cargo run --release -p omg-sim --example load -- [--seconds 5] [--threads 4] [--notifications 5000]
//! ```
//!
//! `--serve N` instead prepares one paid order, writes a wrk script that queries it, prints the
//! wrk command line and serves for N seconds (the server's own capacity, with the load generator
//! in a separate, more efficient process).
//!
//! Bounded: the query phase stops after `--seconds` (at most 30) or 100,000 requests; the
//! notification phase sends at most 20,000 and gives up after 60 s.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::routing::post;
use axum::Router;
use omg_core::api::query_trade_info;
use omg_core::order::Payment;
use omg_core::{Credentials, Environment, FixedClock, Order};
use serde_json::{json, Value};

/// The allocator of the `omg-sim` binary (src/main.rs), so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const MAX_QUERIES: u64 = 100_000;

struct Args {
    seconds: u64,
    threads: usize,
    notifications: usize,
    /// Serve for this many seconds for an external load generator (wrk) instead of measuring.
    serve: Option<u64>,
}

fn args() -> Args {
    let mut args = Args { seconds: 5, threads: 4, notifications: 5000, serve: None };
    let list: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < list.len() {
        let value = list.get(i + 1).and_then(|v| v.parse::<u64>().ok());
        match (list[i].as_str(), value) {
            ("--seconds", Some(v)) => args.seconds = v.clamp(1, 30),
            ("--threads", Some(v)) => args.threads = v.clamp(1, 64) as usize,
            ("--notifications", Some(v)) => args.notifications = v.clamp(1, 20_000) as usize,
            ("--serve", Some(v)) => args.serve = Some(v.clamp(1, 120)),
            (other, _) => {
                eprintln!("unknown or incomplete argument {other}; use --seconds N --threads N --notifications N");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    args
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

fn control(agent: &ureq::Agent, base: &str, path: &str, body: Value) -> Value {
    let mut response = agent
        .post(&format!("{base}{path}"))
        .header("Content-Type", "application/json")
        .send(body.to_string())
        .expect("control API answers");
    response.body_mut().read_json().expect("JSON")
}

fn sim_clock(agent: &ureq::Agent, base: &str) -> FixedClock {
    let mut response = agent.get(&format!("{base}/_sim/clock")).call().expect("clock");
    let value: Value = response.body_mut().read_json().expect("JSON");
    FixedClock(value["now_unix"].as_i64().expect("now_unix"))
}

/// Signs an order with omg-core and posts it to AioCheckOut/V5.
fn create_order(agent: &ureq::Agent, base: &str, no: &str, return_url: &str) {
    let credentials = Credentials::stage();
    let order = Order::new(no, 100, "load test", "item", return_url, Payment::default());
    let checkout =
        omg_core::checkout(&order, &credentials, &Environment::Custom(base.to_string()), &sim_clock(agent, base))
            .expect("valid order");
    let mut response = agent
        .post(&checkout.action_url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(checkout.fields.to_form_body())
        .expect("checkout answers");
    assert_eq!(response.status().as_u16(), 200);
    let page = response.body_mut().read_to_string().expect("page");
    assert!(page.contains("id=\"pay\""), "order {no} was refused: {page}");
}

fn queries(base: &str, args: &Args, return_url: &str) {
    let setup = agent();
    create_order(&setup, base, "LOADQUERY1", return_url);
    control(&setup, base, "/_sim/pay", json!({ "merchant_trade_no": "LOADQUERY1" }));
    let clock = sim_clock(&setup, base);
    let stats_before: Value = setup.get(&format!("{base}/_sim/stats")).call().unwrap().body_mut().read_json().unwrap();

    let sent = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let started = Instant::now();
    let handles: Vec<_> = (0..args.threads)
        .map(|_| {
            let (sent, failed, base) = (Arc::clone(&sent), Arc::clone(&failed), base.to_string());
            std::thread::spawn(move || {
                let credentials = Credentials::stage();
                let request = query_trade_info::request(&credentials, "LOADQUERY1", None, &clock).unwrap();
                let (url, body) = (format!("{base}{}", request.path), request.body());
                let client = agent();
                let mut n = 0u64;
                while Instant::now() < deadline && sent.fetch_add(1, Ordering::Relaxed) < MAX_QUERIES {
                    let ok =
                        match client.post(&url).header("Content-Type", "application/x-www-form-urlencoded").send(&body)
                        {
                            Ok(mut response) if response.status().as_u16() == 200 => {
                                match response.body_mut().read_to_vec() {
                                    Ok(reply) if n % 500 == 0 => {
                                        query_trade_info::parse_reply(&reply, &credentials).is_ok_and(|i| i.is_paid())
                                    }
                                    Ok(_) => true,
                                    Err(_) => false,
                                }
                            }
                            _ => false,
                        };
                    if !ok {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                    n += 1;
                }
                n
            })
        })
        .collect();
    let done: u64 = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
    let elapsed = started.elapsed().as_secs_f64();
    let stats_after: Value = setup.get(&format!("{base}/_sim/stats")).call().unwrap().body_mut().read_json().unwrap();
    let connections = stats_after["connections_accepted"].as_u64().unwrap_or(0)
        - stats_before["connections_accepted"].as_u64().unwrap_or(0);
    println!(
        "QueryTradeInfo/V5: {done} requests in {elapsed:.2} s = {:.0} requests/s ({} threads, keep-alive, {} new TCP connections, {} failed)",
        done as f64 / elapsed,
        args.threads,
        connections,
        failed.load(Ordering::Relaxed)
    );
}

/// A merchant receiver on its own runtime: verifies every notification, answers `1|OK`.
struct Receiver {
    url: String,
    /// MerchantTradeNos of verified paid notifications.
    seen: Arc<Mutex<HashSet<String>>>,
    /// Notifications that failed verification.
    bad: Arc<AtomicU64>,
}

fn start_receiver() -> Receiver {
    let seen: Arc<Mutex<HashSet<String>>> = Arc::default();
    let bad = Arc::new(AtomicU64::new(0));
    let (seen2, bad2) = (Arc::clone(&seen), Arc::clone(&bad));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/return", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        runtime.block_on(async move {
            let app = Router::new().route(
                "/return",
                post(move |body: Bytes| {
                    let (seen, bad) = (Arc::clone(&seen2), Arc::clone(&bad2));
                    async move {
                        match omg_core::notify::verify_notification(&body, &Credentials::stage()) {
                            Ok(n) if n.is_paid() => {
                                seen.lock().unwrap().insert(n.get("MerchantTradeNo").unwrap_or("").to_string());
                            }
                            _ => {
                                bad.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        "1|OK"
                    }
                }),
            );
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            let _ = axum::serve(listener, app).await;
        });
    });
    Receiver { url, seen, bad }
}

fn attempts_so_far(agent: &ureq::Agent, base: &str) -> u64 {
    let stats: Value = agent.get(&format!("{base}/_sim/stats")).call().unwrap().body_mut().read_json().unwrap();
    stats["deliveries"]["attempts"].as_u64().unwrap_or(0)
}

fn notifications(base: &str, args: &Args, receiver: &Receiver) {
    let (url, seen, bad) = (receiver.url.clone(), Arc::clone(&receiver.seen), Arc::clone(&receiver.bad));
    let setup = agent();
    // Only this phase's orders count (the query phase's order notifies the same receiver).
    let mine = |seen: &HashSet<String>, prefix: &str| seen.iter().filter(|no| no.starts_with(prefix)).count();
    let prefix = format!("N{}", std::process::id() % 10_000);
    let numbers: Vec<String> = (0..args.notifications).map(|i| format!("{prefix}X{i}")).collect();
    for no in &numbers {
        create_order(&setup, base, no, &url);
    }
    let attempts_before = attempts_so_far(&setup, base);
    let started = Instant::now();
    let chunks: Vec<Vec<String>> = numbers.chunks(numbers.len().div_ceil(args.threads)).map(|c| c.to_vec()).collect();
    let stop = Arc::new(AtomicBool::new(false));
    let payers: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let base = base.to_string();
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let client = agent();
                for no in chunk {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    control(&client, &base, "/_sim/pay", json!({ "merchant_trade_no": no }));
                }
            })
        })
        .collect();
    for p in payers {
        let _ = p.join();
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while mine(&seen.lock().unwrap(), &prefix) < numbers.len() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let got = mine(&seen.lock().unwrap(), &prefix);
    let attempts = attempts_so_far(&setup, base) - attempts_before;
    println!(
        "ReturnURL notifications: {got} of {} delivered and verified in {elapsed:.2} s = {:.0} notifications/s ({} lost, {} failed verification, {} attempts in all)",
        numbers.len(),
        got as f64 / elapsed,
        numbers.len() - got,
        bad.load(Ordering::Relaxed),
        attempts
    );
}

/// `--serve N`: one paid order, a wrk script that queries it (written to the given path's
/// directory as omg-sim-query.lua), then N seconds of serving.
fn serve_for_wrk(base: &str, seconds: u64) {
    let setup = agent();
    create_order(&setup, base, "LOADQUERY1", "http://127.0.0.1:9/unused");
    control(&setup, base, "/_sim/pay", json!({ "merchant_trade_no": "LOADQUERY1" }));
    let request =
        query_trade_info::request(&Credentials::stage(), "LOADQUERY1", None, &sim_clock(&setup, base)).unwrap();
    // The request wrk repeats is answered once here first: a signed reply for the paid order, or
    // nothing is measured (a refusal also answers 200 and would be counted as served).
    let url = format!("{base}{}", request.path);
    let mut response = setup
        .post(&url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(request.body())
        .expect("QueryTradeInfo answers");
    let reply = response.body_mut().read_to_vec().expect("QueryTradeInfo reply");
    let info = query_trade_info::parse_reply(&reply, &Credentials::stage()).expect("a verified QueryTradeInfo reply");
    assert!(info.is_paid(), "the query's order is not paid: {}", String::from_utf8_lossy(&reply));
    let script = format!(
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\nwrk.body = \"{}\"\n",
        request.body()
    );
    let path = std::env::temp_dir().join("omg-sim-query.lua");
    std::fs::write(&path, script).expect("write the wrk script");
    println!("wrk -t2 -c8 -d{}s -s {} {url}", seconds.saturating_sub(2).max(1), path.display());
    std::thread::sleep(Duration::from_secs(seconds));
    let stats: Value = setup.get(&format!("{base}/_sim/stats")).call().unwrap().body_mut().read_json().unwrap();
    println!(
        "served {} QueryTradeInfo requests on {} connections",
        stats["requests"]["/Cashier/QueryTradeInfo/V5"], stats["connections_accepted"]
    );
}

fn main() {
    let args = args();
    let config = omg_sim::SimConfig { delivery_log_capacity: 1000, ..omg_sim::SimConfig::default() };
    let sim = omg_sim::spawn_blocking_sim(config).expect("simulator starts");
    if let Some(seconds) = args.serve {
        serve_for_wrk(sim.base_url(), seconds);
        sim.shutdown();
        return;
    }
    println!(
        "omg-sim at {} ({} cores available)",
        sim.base_url(),
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    );
    let receiver = start_receiver();
    queries(sim.base_url(), &args, &receiver.url);
    notifications(sim.base_url(), &args, &receiver);
    sim.shutdown();
}
