//! Headless Chromium driven over the plain W3C WebDriver protocol by chromedriver, for the tests
//! of pages (the payment page, the back office).
//!
//! Needs Debian's `chromium` and `chromium-driver` (`apt-get install -y chromium chromium-driver`;
//! CHROMIUM and CHROMEDRIVER override the paths). Without them a test FAILS with a message;
//! developers may skip them explicitly with OMG_SKIP_BROWSER=1 (at build time).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Driver {
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
    pub fn start(chromedriver: &str) -> Driver {
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

    pub fn post(&self, path: &str, body: Value) -> Value {
        let mut response =
            self.agent.post(&format!("{}{path}", self.base)).send_json(&body).expect("chromedriver answers");
        let status = response.status().as_u16();
        let value: Value = response.body_mut().read_json().expect("chromedriver answers JSON");
        assert!(status < 400, "{path}: {value}");
        value["value"].clone()
    }

    pub fn get(&self, path: &str) -> Value {
        let mut response = self.agent.get(&format!("{}{path}", self.base)).call().expect("chromedriver answers");
        let value: Value = response.body_mut().read_json().expect("JSON");
        value["value"].clone()
    }

    pub fn new_session(&mut self, chromium: &str, profile: &std::path::Path) {
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

    pub fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session.as_deref().expect("a session"))
    }

    pub fn navigate(&self, url: &str) {
        self.post(&self.session_path("/url"), json!({ "url": url }));
    }

    /// Waits (at most 20 s) for an element matching `css` and returns its id.
    pub fn find(&self, css: &str) -> String {
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

    pub fn click(&self, element: &str) {
        self.post(&self.session_path(&format!("/element/{element}/click")), json!({}));
    }

    /// Types `text` into an input (after emptying it).
    pub fn type_into(&self, element: &str, text: &str) {
        self.post(&self.session_path(&format!("/element/{element}/clear")), json!({}));
        self.post(&self.session_path(&format!("/element/{element}/value")), json!({ "text": text }));
    }

    /// The rendered text of every element matching `css` now (empty while the page reloads).
    pub fn texts(&self, css: &str) -> Vec<String> {
        let mut response = self
            .agent
            .post(&format!("{}{}", self.base, self.session_path("/elements")))
            .send_json(json!({ "using": "css selector", "value": css }))
            .expect("chromedriver answers");
        let found: Value = response.body_mut().read_json().expect("JSON");
        let ids: Vec<String> = found["value"]
            .as_array()
            .map(|list| list.iter().filter_map(|e| e[ELEMENT_KEY].as_str().map(String::from)).collect())
            .unwrap_or_default();
        // An element may go stale if the page reloads meanwhile: its text is then skipped.
        ids.iter()
            .filter_map(|id| {
                let mut r = self
                    .agent
                    .get(&format!("{}{}", self.base, self.session_path(&format!("/element/{id}/text"))))
                    .call()
                    .ok()?;
                let v: Value = r.body_mut().read_json().ok()?;
                v["value"].as_str().map(String::from)
            })
            .collect()
    }

    /// Waits (at most 20 s) until the texts of `css` satisfy `done`; returns them.
    pub fn wait_texts(&self, css: &str, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let texts = self.texts(css);
            if done(&texts) {
                return texts;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never showed what was expected; it shows {texts:#?}; the page is at {}",
                self.current_url()
            );
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    pub fn current_url(&self) -> String {
        self.get(&self.session_path("/url")).as_str().unwrap_or("").to_string()
    }
}

fn tool(env: &str, default: &str) -> String {
    std::env::var(env).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_string())
}

/// Chromium and chromedriver, or a failure that says how to get them (or skip on purpose).
pub fn browser_tools() -> (String, String) {
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
