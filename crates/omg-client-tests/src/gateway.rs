//! An omg-sim on its own thread, its control API, and clients pointed at it.

use std::sync::Arc;
use std::time::Duration;

use omg_core::client::{Client, ClientOptions, RetryPolicy};
use omg_core::order::Payment;
use omg_core::{Clock, Config, Credentials, Environment, Order};
use omg_sim::{Sim, SimHandle, STAGE_CREDIT_CHECK_CODE};
use serde_json::{json, Value};

/// The simulator's clock as an omg-core clock: requests carry a TimeStamp the simulator checks
/// against its own (movable) time.
struct SimTime(Arc<Sim>);

impl Clock for SimTime {
    fn now_unix(&self) -> i64 {
        self.0.clock.now_unix()
    }
}

pub struct Gateway {
    pub sim: SimHandle,
    /// Control-API agent that never keeps a connection: each control call is exactly one new TCP
    /// connection, so the simulator's connection counter can be read back exactly.
    control: ureq::Agent,
}

impl Default for Gateway {
    fn default() -> Self {
        Self::start()
    }
}

impl Gateway {
    pub fn start() -> Gateway {
        // Without the daily auto-close (on by default, as in production): these tests capture and
        // refund at whatever time they run, and the gateway refuses DoAction 20:15-20:30.
        let config = omg_sim::Simulator::builder().daily_auto_close(false).into_config();
        let sim = omg_sim::spawn_blocking_sim(config).expect("the simulator starts on 127.0.0.1");
        let control = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_idle_connections(0)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into();
        Gateway { sim, control }
    }

    pub fn base_url(&self) -> &str {
        self.sim.base_url()
    }

    /// The public stage merchant (with the simulator's CreditCheckCode) on this simulator.
    pub fn config(&self) -> Config {
        Config {
            credentials: Credentials::stage().with_credit_check_code(STAGE_CREDIT_CHECK_CODE),
            environment: Environment::Custom(self.base_url().to_string()),
        }
    }

    /// Short timeouts and fast retries, so failure tests finish in well under a second each.
    pub fn quick_options() -> ClientOptions {
        ClientOptions {
            connect_timeout: Duration::from_secs(2),
            read_timeout: Duration::from_secs(5),
            retry: RetryPolicy {
                max_retries: 3,
                initial_backoff: Duration::from_millis(10),
                max_backoff: Duration::from_millis(50),
            },
            ..ClientOptions::default()
        }
    }

    pub fn client(&self) -> Client {
        self.client_with(Self::quick_options())
    }

    pub fn client_with(&self, options: ClientOptions) -> Client {
        Client::new(self.config(), options)
            .expect("valid options")
            .with_clock(Arc::new(SimTime(Arc::clone(self.sim.sim()))))
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let url = self.sim.url(path);
        let result = match (method, body) {
            ("GET", _) => self.control.get(&url).call(),
            ("DELETE", _) => self.control.delete(&url).call(),
            (_, Some(body)) => {
                self.control.post(&url).header("Content-Type", "application/json").send(body.to_string())
            }
            (_, None) => self.control.post(&url).send_empty(),
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path} answered non-JSON: {text}")))
    }

    /// GET a control path, expecting 200.
    pub fn get(&self, path: &str) -> Value {
        let (status, value) = self.call("GET", path, None);
        assert_eq!(status, 200, "GET {path}: {value}");
        value
    }

    /// POST JSON to a control path, expecting 200.
    pub fn post(&self, path: &str, body: Value) -> Value {
        let (status, value) = self.call("POST", path, Some(body));
        assert_eq!(status, 200, "POST {path}: {value}");
        value
    }

    /// Installs a fault (`/_sim/faults`), e.g. `{"path": "...", "status": 503, "count": 2}`.
    pub fn fault(&self, spec: Value) {
        self.post("/_sim/faults", spec);
    }

    pub fn clear_faults(&self) {
        let (status, value) = self.call("DELETE", "/_sim/faults", None);
        assert_eq!(status, 200, "{value}");
    }

    /// `/_sim/stats`. Reading it opens one connection of its own (see `control`).
    pub fn stats(&self) -> Value {
        self.get("/_sim/stats")
    }

    /// How many requests reached `path` so far.
    pub fn requests_to(&self, path: &str) -> u64 {
        self.stats()["requests"][path].as_u64().unwrap_or(0)
    }

    /// The order as the control API shows it.
    pub fn order(&self, merchant_trade_no: &str) -> Value {
        self.get(&format!("/_sim/orders/{merchant_trade_no}"))
    }

    /// Signs `order` with the client's checkout and posts it as the payer's browser would.
    pub fn place(&self, client: &Client, order: &Order) {
        let checkout = client.checkout(order).expect("the order is valid");
        let mut response = self
            .control
            .post(&checkout.action_url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .send(checkout.fields.to_form_body())
            .expect("checkout completes");
        let page = response.body_mut().read_to_string().unwrap_or_default();
        assert_eq!(response.status().as_u16(), 200, "{page}");
        let created = self.order(&order.merchant_trade_no);
        assert_eq!(created["terms"]["merchant_trade_no"], json!(order.merchant_trade_no), "order not created: {page}");
    }

    /// The payer pays (`/_sim/pay`).
    pub fn pay(&self, merchant_trade_no: &str) -> Value {
        self.post("/_sim/pay", json!({ "merchant_trade_no": merchant_trade_no }))
    }

    /// A card order placed and paid; returns (MerchantTradeNo, TradeNo, gwsr).
    pub fn paid_card_order(&self, client: &Client, amount: i64) -> (String, String, String) {
        self.paid_order(client, amount, Payment::default())
    }

    /// An order with `payment` placed and paid by card; returns (MerchantTradeNo, TradeNo, gwsr).
    pub fn paid_order(&self, client: &Client, amount: i64, payment: Payment) -> (String, String, String) {
        let no = unique_trade_no("T");
        self.place(client, &order(&no, amount, payment));
        let paid = self.pay(&no);
        let trade_no = paid["order"]["trade_no"].as_str().expect("trade_no").to_string();
        let gwsr = paid["order"]["card"]["gwsr"].as_str().expect("a card payment has a gwsr").to_string();
        (no, trade_no, gwsr)
    }
}

/// An order whose notifications go nowhere useful (port 9 on loopback refuses): the client
/// tests look at replies, not at deliveries.
pub fn order(no: &str, amount: i64, payment: Payment) -> Order {
    Order::new(no, amount, "client test", "Mug", "http://127.0.0.1:9/return", payment)
}

/// A unique MerchantTradeNo (letters and digits, 20 characters).
pub fn unique_trade_no(prefix: &str) -> String {
    omg_core::generate_merchant_trade_no(prefix, &omg_core::SystemClock).expect("a one-letter prefix is valid")
}
