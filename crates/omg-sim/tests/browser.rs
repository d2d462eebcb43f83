//! The hosted payment page in a real headless Chromium, driven over the plain W3C WebDriver
//! protocol by chromedriver: open omg-core's auto-submitting checkout form of a real order, let
//! it post to the simulator, click `#pay`, and check that the merchant's ReturnURL receiver got
//! a correctly signed payment result and the browser landed on OrderResultURL; and the same with
//! an order carrying only public https URLs against a simulator started with `--forward`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`apt-get install -y chromium chromium-driver`;
//! CHROMIUM and CHROMEDRIVER override the paths). Without them the test FAILS with a message;
//! developers may skip it explicitly with OMG_SKIP_BROWSER=1.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{order, trade_no, Harness, Receiver};
use omg_core::notify::verify_notification;
use omg_core::order::Payment;
use omg_core::Credentials;
use serde_json::{json, Value};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

struct Driver {
    child: Child,
    base: String,
    agent: ureq::Agent,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            let _ = self.agent.delete(&format!("{}/session/{id}", self.base)).call();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(chromedriver: &str) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver}: {e}"));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let driver = Driver { child, base: format!("http://127.0.0.1:{port}"), agent, session: None };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let ready = driver
                .agent
                .get(&format!("{}/status", driver.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_json::<Value>().ok());
            if ready.as_ref().is_some_and(|v| v["value"]["ready"] == true) {
                return driver;
            }
            assert!(Instant::now() < deadline, "chromedriver did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn post(&self, path: &str, body: Value) -> Value {
        let mut response =
            self.agent.post(&format!("{}{path}", self.base)).send_json(&body).expect("chromedriver answers");
        let status = response.status().as_u16();
        let value: Value = response.body_mut().read_json().expect("chromedriver answers JSON");
        assert!(status < 400, "{path}: {value}");
        value["value"].clone()
    }

    fn get(&self, path: &str) -> Value {
        let mut response = self.agent.get(&format!("{}{path}", self.base)).call().expect("chromedriver answers");
        let value: Value = response.body_mut().read_json().expect("JSON");
        value["value"].clone()
    }

    fn new_session(&mut self, chromium: &str, profile: &std::path::Path) {
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ];
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": chromium, "args": args },
            "timeouts": { "pageLoad": 20000, "script": 20000, "implicit": 0 }
        }}});
        let value = self.post("/session", caps);
        self.session = Some(value["sessionId"].as_str().expect("sessionId").to_string());
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session.as_deref().expect("a session"))
    }

    fn navigate(&self, url: &str) {
        self.post(&self.session_path("/url"), json!({ "url": url }));
    }

    /// Waits (at most 20 s) for an element matching `css` and returns its id.
    fn find(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut response = self
                .agent
                .post(&format!("{}{}", self.base, self.session_path("/element")))
                .send_json(json!({ "using": "css selector", "value": css }))
                .expect("chromedriver answers");
            let ok = response.status().as_u16() == 200;
            let value: Value = response.body_mut().read_json().expect("JSON");
            if ok {
                return value["value"][ELEMENT_KEY].as_str().expect("element id").to_string();
            }
            assert!(
                Instant::now() < deadline,
                "no element {css} appeared; page is at {}",
                self.get(&self.session_path("/url"))
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn click(&self, element: &str) {
        self.post(&self.session_path(&format!("/element/{element}/click")), json!({}));
    }

    fn current_url(&self) -> String {
        self.get(&self.session_path("/url")).as_str().unwrap_or("").to_string()
    }
}

fn tool(env: &str, default: &str) -> String {
    std::env::var(env).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_string())
}

/// Chromium and chromedriver, or a failure that says how to get them (or skip on purpose).
fn browser_tools() -> (String, String) {
    let chromium = tool("CHROMIUM", "/usr/bin/chromium");
    let chromedriver = tool("CHROMEDRIVER", "/usr/bin/chromedriver");
    for path in [&chromium, &chromedriver] {
        assert!(
            std::path::Path::new(path).exists(),
            "{path} not found: install Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver), \
             or set CHROMIUM/CHROMEDRIVER, or skip this test explicitly with OMG_SKIP_BROWSER=1"
        );
    }
    (chromium, chromedriver)
}

#[test]
#[cfg_attr(omg_skip_browser, ignore = "OMG_SKIP_BROWSER=1: the headless Chromium test is skipped on request")]
fn payer_clicks_pay_in_headless_chromium_and_the_merchant_gets_a_signed_result() {
    let (chromium, chromedriver) = browser_tools();
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("BR");
    let mut o = order(&no, 1980, &receiver, Payment::default());
    o.item_name = "手機殼 <5吋> & \"Case\"#USB 線".into();
    let credentials = Credentials::stage();
    let checkout = omg_core::checkout(&o, &credentials, &h.environment(), &h.clock()).unwrap();
    let dir = std::env::temp_dir().join(format!("omg-sim-browser-{}-{no}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("checkout.html");
    std::fs::write(&page, checkout.html()).unwrap();

    let mut driver = Driver::start(&chromedriver);
    driver.new_session(&chromium, &dir.join("profile"));
    // omg-core's form auto-submits to the simulator's AioCheckOut/V5; the payment page follows.
    driver.navigate(&format!("file://{}", page.display()));
    let pay = driver.find("#pay");
    assert!(driver.current_url().starts_with(&h.url("/Cashier/AioCheckOut/V5")), "{}", driver.current_url());
    driver.find("#decline");
    driver.click(&pay);

    // The server notification, verified with the merchant's keys.
    let body = receiver.wait_for("/return", 1).remove(0);
    let n = verify_notification(body.as_bytes(), &credentials).expect("ReturnURL is correctly signed");
    assert!(n.is_paid());
    n.expect_amount(1980).unwrap();
    assert_eq!(n.get("MerchantTradeNo"), Some(no.as_str()));
    // The browser was sent on to OrderResultURL with the same result.
    let browser_post = receiver.wait_for("/result", 1).remove(0);
    let r = verify_notification(browser_post.as_bytes(), &credentials).expect("OrderResultURL post is signed");
    assert_eq!(r.dedupe_key(), n.dedupe_key());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !driver.current_url().starts_with(&receiver.url("/result")) {
        assert!(Instant::now() < deadline, "the browser ended at {}", driver.current_url());
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(driver);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A shop configured with nothing but its public https URLs, against omg-sim started with
/// `--forward`: the payer's browser is sent back to the local shop (OrderResultURL), and the
/// server notification is delivered there too.
#[test]
#[cfg_attr(omg_skip_browser, ignore = "OMG_SKIP_BROWSER=1: the headless Chromium test is skipped on request")]
fn with_forward_the_browser_returns_to_the_local_shop_from_a_public_order() {
    let (chromium, chromedriver) = browser_tools();
    let receiver = Receiver::start();
    let public = "https://shop.example.com";
    let config = omg_sim::SimConfig {
        forwards: vec![omg_sim::Forward::parse(&format!("{public}={}", receiver.url(""))).unwrap()],
        ..Default::default()
    };
    let h = Harness::with_config(config);
    let no = trade_no("BF");
    let mut o = order(&no, 750, &receiver, Payment::default());
    o.return_url = format!("{public}/return");
    o.order_result_url = Some(format!("{public}/result"));
    let credentials = Credentials::stage();
    let checkout = omg_core::checkout(&o, &credentials, &h.environment(), &h.clock()).unwrap();
    let dir = std::env::temp_dir().join(format!("omg-sim-browser-{}-{no}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("checkout.html");
    std::fs::write(&page, checkout.html()).unwrap();

    let mut driver = Driver::start(&chromedriver);
    driver.new_session(&chromium, &dir.join("profile"));
    driver.navigate(&format!("file://{}", page.display()));
    let pay = driver.find("#pay");
    driver.click(&pay);

    let n = verify_notification(receiver.wait_for("/return", 1).remove(0).as_bytes(), &credentials)
        .expect("ReturnURL is signed");
    assert!(n.is_paid());
    let r = verify_notification(receiver.wait_for("/result", 1).remove(0).as_bytes(), &credentials)
        .expect("OrderResultURL post is signed");
    assert_eq!(r.dedupe_key(), n.dedupe_key());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !driver.current_url().starts_with(&receiver.url("/result")) {
        assert!(Instant::now() < deadline, "the browser ended at {}", driver.current_url());
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(driver);
    let _ = std::fs::remove_dir_all(&dir);
}
