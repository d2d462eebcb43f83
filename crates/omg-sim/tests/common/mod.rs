//! Shared by the integration tests: a simulator on loopback, a blocking HTTP client, a merchant
//! receiver written on plain std sockets (independent of the simulator's HTTP stack), and
//! helpers that build requests with omg-core so the real formats are what travels.
#![allow(dead_code)]

pub mod webdriver;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use omg_core::order::Payment;
use omg_core::{Credentials, Environment, FixedClock, Order};
use omg_sim::{SimConfig, SimHandle};
use serde_json::Value;

/// A simulator and a client pointed at it.
pub struct Harness {
    pub sim: SimHandle,
    pub agent: ureq::Agent,
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

impl Harness {
    pub fn start() -> Self {
        Self::with_config(SimConfig::default())
    }

    /// A simulator without the daily auto-close (on by default, as in production): for tests
    /// that capture or refund at whatever real time they run, which may fall in the 20:15–20:30
    /// Taiwan-time window when the gateway refuses DoAction, and that move the clock past 20:15
    /// expecting an authorisation to stay uncaptured.
    pub fn anytime() -> Self {
        Self::with_config(omg_sim::Simulator::builder().daily_auto_close(false).into_config())
    }

    pub fn with_config(config: SimConfig) -> Self {
        let sim = omg_sim::spawn_blocking_sim(config).expect("simulator starts");
        Harness { sim, agent: agent() }
    }

    pub fn url(&self, path: &str) -> String {
        self.sim.url(path)
    }

    /// POSTs a form body; (status, body).
    pub fn post_form(&self, path: &str, body: &str) -> (u16, String) {
        self.post(path, Some("application/x-www-form-urlencoded"), body)
    }

    /// POSTs a request built by omg-core's `api` (urlencoded, as its client does); the reply body
    /// (HTTP 200 expected).
    pub fn send(&self, request: &omg_core::api::ApiRequest) -> String {
        let (status, body) = self.post_form(request.path, &request.body());
        assert_eq!(status, 200, "{body}");
        body
    }

    /// POSTs `body` labelled `content_type` (no Content-Type header at all with None).
    pub fn post(&self, path: &str, content_type: Option<&str>, body: &str) -> (u16, String) {
        let mut request = self.agent.post(&self.url(path));
        if let Some(content_type) = content_type {
            request = request.header("Content-Type", content_type);
        }
        let mut response = request.send(body).expect("request completes");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body is text"))
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let mut response = self.agent.get(&self.url(path)).call().expect("request completes");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().expect("body is text"))
    }

    pub fn control_get(&self, path: &str) -> Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).expect("control API answers JSON")
    }

    /// POSTs JSON to the control API; (status, JSON).
    pub fn control(&self, path: &str, json: Value) -> (u16, Value) {
        let mut response = self
            .agent
            .post(&self.url(path))
            .header("Content-Type", "application/json")
            .send(json.to_string())
            .expect("request completes");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().expect("body is text");
        (status, serde_json::from_str(&body).unwrap_or_else(|_| panic!("{path} answered non-JSON: {body}")))
    }

    /// POSTs JSON to the control API and expects 200.
    pub fn control_ok(&self, path: &str, json: Value) -> Value {
        let (status, value) = self.control(path, json);
        assert_eq!(status, 200, "{path}: {value}");
        value
    }

    /// The simulator's current time, as a clock for building requests (TimeStamp).
    pub fn clock(&self) -> FixedClock {
        FixedClock(self.control_get("/_sim/clock")["now_unix"].as_i64().expect("now_unix"))
    }

    /// Seconds from the simulator's now to the next `hh:mm` Taiwan time.
    pub fn seconds_until(&self, hour: u32, minute: u32) -> i64 {
        let now = self.clock().0;
        let t = omg_core::taiwan_time::TaiwanDateTime::from_unix(now);
        let mut at = omg_core::taiwan_time::TaiwanDateTime { hour, minute, second: 0, ..t }.to_unix();
        if at <= now {
            at += 86_400;
        }
        at - now
    }

    pub fn environment(&self) -> Environment {
        Environment::Custom(self.sim.base_url().to_string())
    }

    /// Signs `order` with omg-core's checkout and posts it as the payer's browser would.
    pub fn checkout(&self, order: &Order) -> (u16, String) {
        self.checkout_as(order, &Credentials::stage())
    }

    pub fn checkout_as(&self, order: &Order, credentials: &Credentials) -> (u16, String) {
        let checkout =
            omg_core::checkout(order, credentials, &self.environment(), &self.clock()).expect("order is valid");
        assert_eq!(checkout.action_url, self.url("/Cashier/AioCheckOut/V5"));
        self.post_form("/Cashier/AioCheckOut/V5", &checkout.fields.to_form_body())
    }

    /// The order as the control API shows it.
    pub fn order(&self, merchant_trade_no: &str) -> Value {
        self.control_get(&format!("/_sim/orders/{merchant_trade_no}"))
    }

    pub fn trade_no(&self, merchant_trade_no: &str) -> String {
        self.order(merchant_trade_no)["trade_no"].as_str().expect("trade_no").to_string()
    }

    /// Every delivery attempt logged for an order.
    pub fn deliveries(&self, merchant_trade_no: &str) -> Vec<Value> {
        self.control_get(&format!("/_sim/deliveries?merchant_trade_no={merchant_trade_no}"))["attempts"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Polls the delivery log until `done` holds (at most 10 s).
    pub fn wait_deliveries(&self, merchant_trade_no: &str, done: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let attempts = self.deliveries(merchant_trade_no);
            if done(&attempts) {
                return attempts;
            }
            assert!(Instant::now() < deadline, "deliveries never reached the expected state: {attempts:#?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// The public stage merchant with omg-sim's CreditCheckCode (for QueryTrade/V2).
pub fn stage() -> Credentials {
    Credentials::stage().with_credit_check_code(omg_sim::STAGE_CREDIT_CHECK_CODE)
}

/// A unique MerchantTradeNo per call (letters and digits, ≤ 20).
pub fn trade_no(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    let mut s = format!("{prefix}{n}T{nanos}");
    s.truncate(20);
    s
}

/// An order to the receiver's `/return` (ReturnURL) and `/result` (OrderResultURL).
pub fn order(no: &str, amount: i64, receiver: &Receiver, payment: Payment) -> Order {
    let mut order = Order::new(no, amount, "omg-sim test", "T-shirt#Mug", receiver.url("/return"), payment);
    order.order_result_url = Some(receiver.url("/result"));
    order
}

/// One request the receiver got.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub body: String,
}

/// A merchant server on 127.0.0.1: records every POST and answers each with the next queued
/// reply (then the default one). Plain std sockets, one thread per connection, `Connection: close`.
#[derive(Clone)]
pub struct Receiver {
    port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    replies: Arc<Mutex<VecDeque<String>>>,
    default_reply: Arc<Mutex<String>>,
}

impl Receiver {
    /// Answers `1|OK` to everything.
    pub fn start() -> Self {
        Self::with_replies(&[], "1|OK")
    }

    pub fn with_replies(replies: &[&str], default_reply: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind receiver");
        let port = listener.local_addr().unwrap().port();
        let receiver = Receiver {
            port,
            received: Arc::default(),
            replies: Arc::new(Mutex::new(replies.iter().map(|s| s.to_string()).collect())),
            default_reply: Arc::new(Mutex::new(default_reply.to_string())),
        };
        let r = receiver.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let r = r.clone();
                std::thread::spawn(move || r.serve(stream));
            }
        });
        receiver
    }

    fn serve(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
        let mut reader = BufReader::new(match stream.try_clone() {
            Ok(s) => s,
            Err(_) => return,
        });
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let mut length = 0usize;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
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
        self.received.lock().unwrap().push(Received { path, body: String::from_utf8_lossy(&body).into_owned() });
        let reply =
            self.replies.lock().unwrap().pop_front().unwrap_or_else(|| self.default_reply.lock().unwrap().clone());
        let mut stream = stream;
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            reply.len(),
            reply
        );
        let _ = stream.flush();
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }

    pub fn set_default_reply(&self, reply: &str) {
        *self.default_reply.lock().unwrap() = reply.to_string();
    }

    /// Bodies received on `path`, oldest first.
    pub fn bodies(&self, path: &str) -> Vec<String> {
        self.received.lock().unwrap().iter().filter(|r| r.path == path).map(|r| r.body.clone()).collect()
    }

    /// Waits (at most 10 s) until `path` received at least `n` bodies.
    pub fn wait_for(&self, path: &str, n: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let bodies = self.bodies(path);
            if bodies.len() >= n {
                return bodies;
            }
            assert!(Instant::now() < deadline, "{path} received {} of {n} notifications", bodies.len());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Reads the hidden inputs of the auto-submitting form in `html`: (action, fields in order).
/// Unescapes the five entities omg-core's `html::escape` writes.
pub fn form_of(html: &str) -> Option<(String, Vec<(String, String)>)> {
    let form_start = html.find("<form id=\"omg-sim-post\"")?;
    let form = &html[form_start..];
    let action = attribute(form, "action")?;
    let mut fields = Vec::new();
    for input in form.split("<input ").skip(1) {
        let tag = &input[..input.find('>')?];
        if attribute(tag, "type").as_deref() != Some("hidden") {
            continue;
        }
        fields.push((attribute(tag, "name")?, attribute(tag, "value")?));
    }
    Some((action, fields))
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!("{name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// The auto-submitted form's fields as omg-core Fields (to verify the signature).
pub fn form_fields(html: &str) -> (String, omg_core::Fields) {
    let (action, pairs) = form_of(html).unwrap_or_else(|| panic!("no auto-submit form in {html}"));
    (action, omg_core::Fields::from_pairs(pairs).expect("distinct field names"))
}
