//! The shared state of one running simulator: configuration, clock, orders, deliveries, faults
//! and counters. Handlers get an `Arc<Sim>`; the order store sits behind one mutex that is never
//! held across an `.await` (each request's work under it is microseconds of bookkeeping).

use std::sync::{Arc, Mutex, MutexGuard};

use omg_core::Credentials;
use tokio::sync::watch;

use crate::clock::SimClock;
use crate::config::{Merchant, SimConfig};
use crate::delivery::{Deliverer, Notification};
use crate::faults::{lock, Faults};
use crate::log_time::log_time;
use crate::stats::Stats;
use crate::store::Store;

pub struct Sim {
    pub config: SimConfig,
    pub clock: SimClock,
    store: Mutex<Store>,
    pub deliverer: Arc<Deliverer>,
    pub faults: Faults,
    pub stats: Stats,
    /// `http://127.0.0.1:PORT`, known once the listener is bound.
    pub base_url: String,
}

impl Sim {
    pub fn new(config: SimConfig, base_url: String, shutdown: watch::Receiver<bool>) -> Self {
        let deliverer = Arc::new(Deliverer::new(
            config.retry.clone(),
            config.delivery_timeout,
            config.delivery_log_capacity,
            config.log,
            config.forwards.clone(),
            config.lowercase_escapes,
            shutdown,
        ));
        Sim {
            config,
            clock: SimClock::new(),
            store: Mutex::new(Store::default()),
            deliverer,
            faults: Faults::default(),
            stats: Stats::default(),
            base_url,
        }
    }

    /// Where the payer's browser is sent for `url` (OrderResultURL, ClientRedirectURL,
    /// ClientBackURL): the local origin when `--forward` maps its origin, else `url` itself.
    pub fn browser_url(&self, url: &str) -> String {
        crate::forwarding::forwarded(&self.config.forwards, url).unwrap_or_else(|| url.to_string())
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    /// The merchant with this MerchantID.
    pub fn merchant(&self, merchant_id: &str) -> Option<&Merchant> {
        self.config.merchants.iter().find(|m| m.id() == merchant_id)
    }

    /// The keys a request is signed with: the platform's when a PlatformID is given (a platform
    /// merchant signs for its sub-merchants), otherwise the merchant's own.
    pub fn signing_credentials(&self, merchant_id: &str, platform_id: Option<&str>) -> Option<&Credentials> {
        match platform_id.filter(|p| !p.is_empty()) {
            Some(platform) => self.merchant(platform).map(|m| &m.credentials),
            None => self.merchant(merchant_id).map(|m| &m.credentials),
        }
    }

    /// Starts delivering each notification in the background.
    pub fn notify_all(&self, notifications: Vec<Notification>) {
        for n in notifications {
            if !n.url.is_empty() {
                self.deliverer.send(n);
            }
        }
    }

    /// Forgets every order, the delivery log, faults, counters and the clock offset.
    pub fn reset(&self) {
        *self.store() = Store::default();
        self.deliverer.clear_log();
        self.faults.clear();
        self.stats.reset();
        self.clock.reset();
    }

    pub fn log(&self, line: impl FnOnce() -> String) {
        if self.config.log {
            eprintln!("{} omg-sim: {}", log_time(), line());
        }
    }
}
