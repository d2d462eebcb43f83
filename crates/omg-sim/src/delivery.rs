//! Server notifications (ReturnURL, PaymentInfoURL, PeriodReturnURL): POSTed in background
//! tasks, each attempt bounded by a timeout and logged; ReturnURL and PaymentInfoURL are re-sent
//! on the retry schedule until the merchant answers exactly `1|OK`, PeriodReturnURL is sent once
//! (as the real gateway does).
//!
//! The HTTP client is hyper-util's pooled client over plain TCP: axum already brings hyper, so
//! this adds no second HTTP stack, and receivers are on loopback, so no TLS is needed (an
//! `https://` URL is logged as a failed attempt that names the reason).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use omg_core::Fields;
use serde::Serialize;
use tokio::sync::watch;

use crate::config::RetrySchedule;
use crate::faults::lock;

/// The reply that stops re-sending: exactly these four bytes.
pub const OK_REPLY: &str = "1|OK";

/// Merchant replies longer than this are cut when logged (and cannot be `1|OK` anyway).
const MAX_REPLY_BYTES: usize = 64 * 1024;

/// At most this many POSTs are on the wire at once: a burst of thousands of notifications
/// waits its turn instead of opening thousands of sockets.
const MAX_CONCURRENT_POSTS: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum NotifyKind {
    ReturnURL,
    PaymentInfoURL,
    PeriodReturnURL,
}

impl NotifyKind {
    /// Whether the gateway re-sends this notification until it gets `1|OK`.
    pub fn is_retried(&self) -> bool {
        !matches!(self, NotifyKind::PeriodReturnURL)
    }
}

/// One notification to deliver: already built and signed.
#[derive(Clone, Debug)]
pub struct Notification {
    pub kind: NotifyKind,
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub url: String,
    pub fields: Fields,
}

/// One delivery attempt, as `GET /_sim/deliveries` shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Attempt {
    /// Sequence number of this log entry.
    pub id: u64,
    /// The notification this attempt delivers (re-sends share it).
    pub notification_id: u64,
    pub kind: NotifyKind,
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub url: String,
    /// The form body sent.
    pub body: String,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// The HTTP status of the merchant's reply; None when no reply came (see `error`).
    pub status: Option<u16>,
    /// The reply body (cut at 64 KiB).
    pub reply: String,
    pub error: Option<String>,
    /// True when the reply was exactly `1|OK` (with a 2xx status).
    pub ok: bool,
    /// Real time the attempt started, Unix milliseconds.
    pub started_at_ms: u64,
    pub duration_ms: u64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct DeliveryCounters {
    pub notifications: u64,
    pub attempts: u64,
    /// Notifications answered `1|OK`.
    pub delivered: u64,
    /// Notifications whose attempts ran out without `1|OK` (or sent once and not acknowledged).
    pub failed: u64,
    /// Notifications still being attempted.
    pub in_flight: i64,
}

pub struct Deliverer {
    client: Client<HttpConnector, Full<Bytes>>,
    retry: RetrySchedule,
    timeout: Duration,
    log_to_stderr: bool,
    capacity: usize,
    log: Mutex<VecDeque<Attempt>>,
    next_notification: AtomicU64,
    next_attempt: AtomicU64,
    attempts: AtomicU64,
    delivered: AtomicU64,
    failed: AtomicU64,
    in_flight: AtomicI64,
    posts: tokio::sync::Semaphore,
    shutdown: watch::Receiver<bool>,
}

enum Outcome {
    Ok,
    Failed,
    ShuttingDown,
}

impl Deliverer {
    pub fn new(retry: RetrySchedule, timeout: Duration, capacity: usize, log_to_stderr: bool, shutdown: watch::Receiver<bool>) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(timeout));
        let client = Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(30)).build(connector);
        Deliverer {
            client,
            retry,
            timeout,
            log_to_stderr,
            capacity: capacity.max(1),
            log: Mutex::new(VecDeque::new()),
            next_notification: AtomicU64::new(1),
            next_attempt: AtomicU64::new(1),
            attempts: AtomicU64::new(0),
            delivered: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            in_flight: AtomicI64::new(0),
            posts: tokio::sync::Semaphore::new(MAX_CONCURRENT_POSTS),
            shutdown,
        }
    }

    /// Starts delivering in a background task (must be called inside the simulator's runtime).
    pub fn send(self: &Arc<Self>, notification: Notification) {
        let id = self.next_notification.fetch_add(1, Ordering::Relaxed);
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        let this = Arc::clone(self);
        tokio::spawn(async move {
            let outcome = this.deliver(id, notification).await;
            match outcome {
                Outcome::Ok => this.delivered.fetch_add(1, Ordering::Relaxed),
                Outcome::Failed => this.failed.fetch_add(1, Ordering::Relaxed),
                Outcome::ShuttingDown => 0,
            };
            this.in_flight.fetch_sub(1, Ordering::Relaxed);
        });
    }

    async fn deliver(&self, id: u64, n: Notification) -> Outcome {
        let body = n.fields.to_form_body();
        let mut attempt = 1u32;
        loop {
            if *self.shutdown.borrow() {
                return Outcome::ShuttingDown;
            }
            // The permit is held for one attempt only (never while waiting to re-send).
            let Ok(permit) = self.posts.acquire().await else {
                return Outcome::ShuttingDown;
            };
            let started = Instant::now();
            let started_at_ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0);
            let result = self.post_once(&n.url, &body).await;
            drop(permit);
            let (status, reply, error) = match result {
                Ok((status, reply)) => (Some(status), reply, None),
                Err(e) => (None, String::new(), Some(e)),
            };
            let ok = matches!(status, Some(200..=299)) && reply == OK_REPLY;
            let entry = Attempt {
                id: self.next_attempt.fetch_add(1, Ordering::Relaxed),
                notification_id: id,
                kind: n.kind,
                merchant_id: n.merchant_id.clone(),
                merchant_trade_no: n.merchant_trade_no.clone(),
                url: n.url.clone(),
                body: body.clone(),
                attempt,
                status,
                reply,
                error,
                ok,
                started_at_ms,
                duration_ms: started.elapsed().as_millis() as u64,
            };
            self.record(entry);
            if ok {
                return Outcome::Ok;
            }
            if !n.kind.is_retried() {
                return Outcome::Failed;
            }
            let Some(delay) = self.retry.delay_after(attempt, random_unit()) else {
                return Outcome::Failed;
            };
            let mut shutdown = self.shutdown.clone();
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = shutdown.changed() => return Outcome::ShuttingDown,
            }
            attempt += 1;
        }
    }

    /// One POST, bounded by the timeout: (status, reply body) or why there was none.
    async fn post_once(&self, url: &str, body: &str) -> Result<(u16, String), String> {
        if url.starts_with("https://") {
            return Err("omg-sim delivers over plain http only: give it an http:// URL (production URLs must be https, the simulator's need not)".into());
        }
        let uri: hyper::Uri = url.parse().map_err(|_| format!("not a valid URL: {url}"))?;
        if uri.scheme_str() != Some("http") {
            return Err(format!("not an http URL: {url}"));
        }
        let request = hyper::Request::post(uri)
            .header(hyper::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(hyper::header::USER_AGENT, "omg-sim")
            .body(Full::new(Bytes::from(body.to_string())))
            .map_err(|e| format!("cannot build the request: {e}"))?;
        let exchange = async {
            let response = self.client.request(request).await.map_err(|e| describe_client_error(&e))?;
            let status = response.status().as_u16();
            let bytes = Limited::new(response.into_body(), MAX_REPLY_BYTES)
                .collect()
                .await
                .map_err(|e| format!("reading the reply failed: {e}"))?
                .to_bytes();
            Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
        };
        match tokio::time::timeout(self.timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(format!("timed out after {} ms", self.timeout.as_millis())),
        }
    }

    fn record(&self, entry: Attempt) {
        self.attempts.fetch_add(1, Ordering::Relaxed);
        if self.log_to_stderr {
            eprintln!(
                "{} omg-sim: notify {:?} #{} attempt {} -> {} status={} reply={:?}{} ({} ms) body={}",
                crate::sim::log_time(),
                entry.kind,
                entry.notification_id,
                entry.attempt,
                entry.url,
                entry.status.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
                entry.reply,
                entry.error.as_deref().map(|e| format!(" error={e}")).unwrap_or_default(),
                entry.duration_ms,
                entry.body,
            );
        }
        let mut log = lock(&self.log);
        if log.len() >= self.capacity {
            log.pop_front();
        }
        log.push_back(entry);
    }

    /// The logged attempts, oldest first, optionally only those of one MerchantTradeNo.
    pub fn attempts(&self, merchant_trade_no: Option<&str>) -> Vec<Attempt> {
        lock(&self.log).iter().filter(|a| merchant_trade_no.map_or(true, |no| a.merchant_trade_no == no)).cloned().collect()
    }

    pub fn counters(&self) -> DeliveryCounters {
        DeliveryCounters {
            notifications: self.next_notification.load(Ordering::Relaxed) - 1,
            attempts: self.attempts.load(Ordering::Relaxed),
            delivered: self.delivered.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            in_flight: self.in_flight.load(Ordering::Relaxed),
        }
    }

    /// Forgets the log (counters of running deliveries keep counting).
    pub fn clear_log(&self) {
        lock(&self.log).clear();
    }
}

fn describe_client_error(e: &hyper_util::client::legacy::Error) -> String {
    use std::error::Error as _;
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// A number in 0..1 from the OS's random source (0.5 if it is unavailable).
fn random_unit() -> f64 {
    let mut bytes = [0u8; 4];
    match getrandom::getrandom(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX),
        Err(_) => 0.5,
    }
}
