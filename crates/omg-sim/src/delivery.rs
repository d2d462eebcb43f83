//! Server notifications (ReturnURL, PaymentInfoURL, PeriodReturnURL): POSTed in background
//! tasks, each attempt bounded by a timeout and logged; ReturnURL and PaymentInfoURL are re-sent
//! on the retry schedule until the merchant answers exactly `1|OK`, PeriodReturnURL is sent once
//! (as the real gateway does).
//!
//! The HTTP client is hyper-util's pooled client over plain TCP: axum already brings hyper, so
//! this adds no second HTTP stack, and receivers are on loopback, so no TLS is needed (an
//! `https://` URL is logged as a failed attempt that names the reason, unless `--forward` maps
//! its origin to a local one: see forwarding.rs).
//!
//! Each attempt that is not acknowledged is logged with the reason the real gateway would send
//! it again (reply_verdict.rs), and the last one with "giving up after N attempts". Any
//! notification can be sent again (`POST /_sim/resend`, `omg sim resend`).

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use omg_core::Fields;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;

use crate::config::RetrySchedule;
use crate::faults::lock;
use crate::forwarding::{forwarded, Forward};
use crate::reply_verdict::{cut, why_not_acknowledged, KEPT_REPLY_CHARS, LOG_LINE_CHARS};

/// The reply that stops re-sending: exactly these four bytes.
pub const OK_REPLY: &str = "1|OK";

/// Merchant replies longer than this are cut when logged (and cannot be `1|OK` anyway).
const MAX_REPLY_BYTES: usize = 64 * 1024;

/// At most this many POSTs are on the wire at once: a burst of thousands of notifications
/// waits its turn instead of opening thousands of sockets.
const MAX_CONCURRENT_POSTS: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Where the attempt was actually posted when `--forward` rewrote `url`'s origin.
    pub forwarded_to: Option<String>,
    /// The HTTP status of the merchant's reply; None when no reply came (see `error`).
    pub status: Option<u16>,
    /// The reply body (cut at 2,000 characters).
    pub reply: String,
    pub error: Option<String>,
    /// True when the reply was exactly `1|OK` (with a 2xx status).
    pub ok: bool,
    /// Why the reply is not the acknowledgement (None when `ok`): the reason the real gateway
    /// would send the notification again.
    pub not_acknowledged: Option<String>,
    /// How many attempts this notification gets in all (1 for PeriodReturnURL).
    pub max_attempts: u32,
    /// True on the last attempt of a notification that was never acknowledged.
    pub gave_up: bool,
    /// The notification this one re-sends (`POST /_sim/resend`), if it is a re-send.
    pub resend_of: Option<u64>,
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
    forwards: Vec<Forward>,
    /// Write the body's `%xx` escapes in lowercase (SimConfig::lowercase_escapes).
    lowercase_escapes: bool,
    /// Every notification sent, by id, for re-sending (bounded like the log).
    sent: Mutex<HashMap<u64, Notification>>,
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
    pub fn new(
        retry: RetrySchedule,
        timeout: Duration,
        capacity: usize,
        log_to_stderr: bool,
        forwards: Vec<Forward>,
        lowercase_escapes: bool,
        shutdown: watch::Receiver<bool>,
    ) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        connector.set_connect_timeout(Some(timeout));
        let client = Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(30)).build(connector);
        Deliverer {
            client,
            forwards,
            lowercase_escapes,
            sent: Mutex::new(HashMap::new()),
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
    /// Returns the notification's id.
    pub fn send(self: &Arc<Self>, notification: Notification) -> u64 {
        self.start(notification, None)
    }

    /// Sends notification `id` again, as a new notification (its own attempts, its own id,
    /// `resend_of` = `id`); None when no notification has that id.
    pub fn resend(self: &Arc<Self>, id: u64) -> Option<u64> {
        let notification = lock(&self.sent).get(&id).cloned()?;
        Some(self.start(notification, Some(id)))
    }

    /// The id of the latest notification about `merchant_trade_no` (of `kind`, when given).
    pub fn latest(&self, merchant_trade_no: &str, kind: Option<NotifyKind>) -> Option<u64> {
        lock(&self.sent)
            .iter()
            .filter(|(_, n)| n.merchant_trade_no == merchant_trade_no && kind.map_or(true, |k| n.kind == k))
            .map(|(id, _)| *id)
            .max()
    }

    fn start(self: &Arc<Self>, notification: Notification, resend_of: Option<u64>) -> u64 {
        let id = self.next_notification.fetch_add(1, Ordering::Relaxed);
        {
            let mut sent = lock(&self.sent);
            if sent.len() >= self.capacity {
                if let Some(oldest) = sent.keys().min().copied() {
                    sent.remove(&oldest);
                }
            }
            sent.insert(id, notification.clone());
        }
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        let this = Arc::clone(self);
        tokio::spawn(async move {
            let outcome = this.deliver(id, notification, resend_of).await;
            match outcome {
                Outcome::Ok => this.delivered.fetch_add(1, Ordering::Relaxed),
                Outcome::Failed => this.failed.fetch_add(1, Ordering::Relaxed),
                Outcome::ShuttingDown => 0,
            };
            this.in_flight.fetch_sub(1, Ordering::Relaxed);
        });
        id
    }

    async fn deliver(&self, id: u64, n: Notification, resend_of: Option<u64>) -> Outcome {
        let body = n.fields.to_form_body();
        let body = if self.lowercase_escapes { lowercase_escapes(&body) } else { body };
        let target = forwarded(&self.forwards, &n.url);
        let max_attempts = if n.kind.is_retried() { self.retry.max_attempts() } else { 1 };
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
            let result = self.post_once(target.as_deref().unwrap_or(&n.url), &body).await;
            drop(permit);
            let (status, reply, error) = match result {
                Ok((status, reply)) => (Some(status), reply, None),
                Err(e) => (None, String::new(), Some(e)),
            };
            let not_acknowledged = why_not_acknowledged(status, &reply, error.as_deref());
            let ok = not_acknowledged.is_none();
            debug_assert_eq!(ok, matches!(status, Some(200..=299)) && reply == OK_REPLY);
            let retry_delay =
                if ok { None } else { self.retry.delay_after(attempt, random_unit()).filter(|_| n.kind.is_retried()) };
            let entry = Attempt {
                id: self.next_attempt.fetch_add(1, Ordering::Relaxed),
                notification_id: id,
                kind: n.kind,
                merchant_id: n.merchant_id.clone(),
                merchant_trade_no: n.merchant_trade_no.clone(),
                url: n.url.clone(),
                forwarded_to: target.clone(),
                body: body.clone(),
                attempt,
                status,
                reply: cut(&reply, KEPT_REPLY_CHARS),
                error,
                ok,
                not_acknowledged,
                max_attempts,
                gave_up: !ok && retry_delay.is_none(),
                resend_of,
                started_at_ms,
                duration_ms: started.elapsed().as_millis() as u64,
            };
            self.record(entry);
            if ok {
                return Outcome::Ok;
            }
            let Some(delay) = retry_delay else {
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
            let origin: String = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
            return Err(format!(
                "omg-sim delivers over plain http only: start it with --forward {origin}=http://127.0.0.1:PORT to deliver \
                 this callback to your local shop, or give the order an http:// URL"
            ));
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
            eprintln!("{} omg-sim: {}", crate::log_time::log_time(), log_line(&entry));
            if entry.gave_up {
                eprintln!(
                    "{} omg-sim: notify {:?} #{} to {}: giving up after {} attempt{} without 1|OK",
                    crate::log_time::log_time(),
                    entry.kind,
                    entry.notification_id,
                    entry.url,
                    entry.attempt,
                    if entry.attempt == 1 { "" } else { "s" },
                );
            }
        }
        let mut log = lock(&self.log);
        if log.len() >= self.capacity {
            log.pop_front();
        }
        log.push_back(entry);
    }

    /// The logged attempts, oldest first, optionally only those of one MerchantTradeNo.
    pub fn attempts(&self, merchant_trade_no: Option<&str>) -> Vec<Attempt> {
        lock(&self.log)
            .iter()
            .filter(|a| merchant_trade_no.map_or(true, |no| a.merchant_trade_no == no))
            .cloned()
            .collect()
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

    /// Forgets the log and the notifications kept for re-sending (counters of running
    /// deliveries keep counting).
    pub fn clear_log(&self) {
        lock(&self.log).clear();
        lock(&self.sent).clear();
    }
}

/// One attempt as a log line: which attempt of how many, where, and, when it was not
/// acknowledged, why; reply and body cut to a readable length.
fn log_line(a: &Attempt) -> String {
    let forwarded = a.forwarded_to.as_deref().map(|to| format!(" (forwarded to {to})")).unwrap_or_default();
    let resend = a.resend_of.map(|of| format!(" (re-send of #{of})")).unwrap_or_default();
    let status = a.status.map(|s| s.to_string()).unwrap_or_else(|| "-".into());
    let verdict = match &a.not_acknowledged {
        None => "acknowledged (1|OK)".to_string(),
        Some(why) => format!("NOT ACKNOWLEDGED: {why}"),
    };
    let reply = if a.status.is_some() { format!(" reply={:?}", cut(&a.reply, LOG_LINE_CHARS)) } else { String::new() };
    format!(
        "notify {:?} #{}{resend} attempt {}/{} -> {}{forwarded} status={status} {verdict}{reply} ({} ms) body={}",
        a.kind,
        a.notification_id,
        a.attempt,
        a.max_attempts,
        a.url,
        a.duration_ms,
        cut(&a.body, LOG_LINE_CHARS),
    )
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

/// `body` with the hex digits of every `%xx` escape in lowercase. In a form body every `%` starts
/// an escape (a literal `%` is itself written `%25`), so the two characters after each are hex.
fn lowercase_escapes(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut hex_left = 0;
    for c in body.chars() {
        if hex_left > 0 {
            out.push(c.to_ascii_lowercase());
            hex_left -= 1;
        } else {
            out.push(c);
            if c == '%' {
                hex_left = 2;
            }
        }
    }
    out
}

/// A number in 0..1 from the OS's random source (0.5 if it is unavailable).
fn random_unit() -> f64 {
    let mut bytes = [0u8; 4];
    match getrandom::getrandom(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX),
        Err(_) => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::lowercase_escapes;

    #[test]
    fn only_the_hex_digits_of_escapes_are_lowercased() {
        assert_eq!(lowercase_escapes("RtnMsg=%E4%BA%A4&Name=A+B%2BC%25D&X=Y"), "RtnMsg=%e4%ba%a4&Name=A+B%2bC%25D&X=Y");
        assert_eq!(lowercase_escapes("A=B"), "A=B");
    }
}
