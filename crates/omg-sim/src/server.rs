//! Starting and stopping a simulator: the builder, the accept loop, and the two handles (async
//! [`RunningSim`], blocking [`SimHandle`]).
//!
//! The accept loop is our own rather than `axum::serve` for two reasons a test can see: it counts
//! accepted TCP connections (`GET /_sim/stats` — proof that a client keeps its connection alive),
//! and it can close a connection without answering (the `drop_connection` fault), which an axum
//! handler cannot do.

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::Router;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

use crate::config::{Merchant, RetrySchedule, SimConfig};
use crate::faults;
use crate::sim::Sim;

/// How long a client may take to send its request headers before the connection is closed.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a client may take to send a request body once its headers are in. A body trickled
/// slower than this (a slow-loris) is answered 408 and the connection closed: it would otherwise
/// hold a task and a connection for as long as the client likes.
const BODY_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request body read (axum's own default limit): no gateway request comes near it.
const MAX_REQUEST_BYTES: usize = 2 * 1024 * 1024;
/// How long shutdown waits for requests in progress.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// Entry point: `Simulator::builder()...start("127.0.0.1:0").await`.
pub struct Simulator;

impl Simulator {
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder { config: SimConfig::default() }
    }
}

/// Collects a [`SimConfig`]. The public stage merchant 1000031 is always there unless
/// [`SimulatorBuilder::without_stage_merchant`] is called.
#[derive(Clone, Debug)]
pub struct SimulatorBuilder {
    config: SimConfig,
}

impl SimulatorBuilder {
    /// Adds a merchant (replacing one with the same MerchantID).
    pub fn merchant(mut self, merchant: Merchant) -> Self {
        self.config.merchants.retain(|m| m.id() != merchant.id());
        self.config.merchants.push(merchant);
        self
    }

    pub fn without_stage_merchant(mut self) -> Self {
        self.config.merchants.retain(|m| m.id() != omg_core::config::STAGE_MERCHANT_ID);
        self
    }

    /// Accelerated (default: re-sends after 0.2 s, 0.5 s, 1 s, ...) or realistic (four re-sends,
    /// 5–15 minutes apart) notification re-sends.
    pub fn accelerated(mut self, accelerated: bool) -> Self {
        self.config.retry = if accelerated { RetrySchedule::accelerated() } else { RetrySchedule::realistic() };
        self
    }

    pub fn retry(mut self, retry: RetrySchedule) -> Self {
        self.config.retry = retry;
        self
    }

    /// The longest one notification attempt may take (default 10 s).
    pub fn delivery_timeout(mut self, timeout: Duration) -> Self {
        self.config.delivery_timeout = timeout;
        self
    }

    /// Daily auto-close at 20:15 Taiwan time, DoAction refused 20:15–20:30. On by default; see
    /// [`SimConfig::daily_auto_close`].
    pub fn daily_auto_close(mut self, on: bool) -> Self {
        self.config.daily_auto_close = on;
        self
    }

    /// Captures only within 21 days of authorisation. On by default; see [`SimConfig::capture_limit`].
    pub fn capture_limit(mut self, on: bool) -> Self {
        self.config.capture_limit = on;
        self
    }

    /// Log requests and deliveries to stderr.
    pub fn log(mut self, log: bool) -> Self {
        self.config.log = log;
        self
    }

    /// Delivers server notifications for `forward`'s public origin to its local one.
    pub fn forward(mut self, forward: crate::forwarding::Forward) -> Self {
        self.config.forwards.push(forward);
        self
    }

    /// Notification bodies with lowercase `%xx` escapes; see [`SimConfig::lowercase_escapes`].
    pub fn lowercase_escapes(mut self, on: bool) -> Self {
        self.config.lowercase_escapes = on;
        self
    }

    pub fn config(&self) -> &SimConfig {
        &self.config
    }

    pub fn into_config(self) -> SimConfig {
        self.config
    }

    /// Binds `addr` (such as `127.0.0.1:0` for a free port) and starts serving on the current
    /// tokio runtime (which must be multi-threaded).
    pub async fn start(self, addr: &str) -> std::io::Result<RunningSim> {
        start(self.config, addr).await
    }
}

/// A simulator serving on the current runtime.
pub struct RunningSim {
    base_url: String,
    addr: SocketAddr,
    sim: Arc<Sim>,
    shutdown: watch::Sender<bool>,
    server: tokio::task::JoinHandle<()>,
}

impl fmt::Debug for RunningSim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunningSim").field("base_url", &self.base_url).finish()
    }
}

impl RunningSim {
    /// `http://127.0.0.1:PORT`, no trailing slash: the base URL to give a client.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The simulator's state, for embedders that want to look inside without HTTP.
    pub fn sim(&self) -> &Arc<Sim> {
        &self.sim
    }

    /// Stops accepting, lets requests in progress finish (at most 2 s), and stops re-sends.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.server.await;
    }
}

async fn start(config: SimConfig, addr: &str) -> std::io::Result<RunningSim> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let base_url = format!("http://{addr}");
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let sim = Arc::new(Sim::new(config, base_url.clone(), shutdown_rx.clone()));
    let router = crate::routes::router(Arc::clone(&sim));
    let scheduler = tokio::spawn(crate::scheduler::run(Arc::clone(&sim), shutdown_rx.clone()));
    let server = tokio::spawn(accept_loop(listener, router, Arc::clone(&sim), shutdown_rx, scheduler));
    sim.log(|| format!("listening on {base_url}"));
    Ok(RunningSim { base_url, addr, sim, shutdown: shutdown_tx, server })
}

async fn accept_loop(
    listener: TcpListener,
    router: Router,
    sim: Arc<Sim>,
    mut shutdown: watch::Receiver<bool>,
    scheduler: tokio::task::JoinHandle<()>,
) {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    sim.stats.connection_accepted();
                    let _ = stream.set_nodelay(true);
                    let router = router.clone();
                    let sim = Arc::clone(&sim);
                    let service = hyper::service::service_fn(move |req| handle(Arc::clone(&sim), router.clone(), req));
                    let connection = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(HEADER_READ_TIMEOUT)
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service);
                    let connection = graceful.watch(connection);
                    tokio::spawn(async move {
                        let _ = connection.await;
                    });
                }
                // Out of file descriptors and the like: wait a little instead of spinning.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            _ = shutdown.changed() => break,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
    scheduler.abort();
}

/// The error that makes hyper close a connection without answering (the `drop_connection` fault).
#[derive(Debug)]
struct DroppedOnPurpose;

impl fmt::Display for DroppedOnPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for DroppedOnPurpose {}

/// One request: count it, apply the path's fault, run the router, corrupt the reply if asked.
async fn handle(sim: Arc<Sim>, router: Router, req: Request<Incoming>) -> Result<Response<Body>, DroppedOnPurpose> {
    // The URI shares its bytes with the request (a clone is a reference count, not a copy).
    let uri = req.uri().clone();
    let path = uri.path();
    sim.stats.request(path);
    let fault = sim.faults.take(path);
    if let Some(f) = &fault {
        sim.log(|| format!("fault on {path}: {f:?}"));
        if f.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(f.delay_ms)).await;
        }
        if f.drop_connection {
            return Err(DroppedOnPurpose);
        }
        if let Some(status) = f.status {
            return Ok(status_reply(status, None));
        }
    }
    let method = req.method().clone();
    let req = match read_body(req).await {
        Ok(req) => req,
        Err(refusal) => return Ok(refusal),
    };
    let response = match router.oneshot(req).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    sim.log(|| format!("{method} {path} -> {}", response.status().as_u16()));
    if fault.as_ref().is_some_and(|f| f.apply_then_drop) {
        sim.log(|| format!("fault on {path}: the request took effect; its reply is dropped"));
        return Err(DroppedOnPurpose);
    }
    if let Some(status) = fault.as_ref().and_then(|f| f.apply_then_status) {
        sim.log(|| format!("fault on {path}: the request took effect; HTTP {status} replaces its reply"));
        return Ok(status_reply(status, Some(&format!("{}/", sim.base_url))));
    }
    match fault {
        Some(f) if f.malformed_body || f.wrong_signature => Ok(corrupt(response, f.malformed_body).await),
        _ => Ok(response),
    }
}

/// An injected status with a short text body; a 3xx with `location` carries it as its Location.
fn status_reply(status: u16, location: Option<&str>) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = format!("{} (injected fault)", status.canonical_reason().unwrap_or("error"));
    let mut reply = Response::builder().status(status).header("content-type", "text/plain; charset=utf-8");
    if let Some(location) = location.filter(|_| status.is_redirection()) {
        reply = reply.header("location", location);
    }
    reply.body(Body::from(text)).unwrap_or_default()
}

/// Reads the whole request body within [`BODY_READ_TIMEOUT`] and at most [`MAX_REQUEST_BYTES`];
/// the request with its body in memory, or the refusal to send (408 / 413, connection closed).
async fn read_body(req: Request<Incoming>) -> Result<Request<Body>, Response<Body>> {
    let (parts, body) = req.into_parts();
    let limited = http_body_util::Limited::new(body, MAX_REQUEST_BYTES);
    let (status, text) = match tokio::time::timeout(BODY_READ_TIMEOUT, limited.collect()).await {
        Ok(Ok(collected)) => return Ok(Request::from_parts(parts, Body::from(collected.to_bytes()))),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            (StatusCode::PAYLOAD_TOO_LARGE, "request body too large")
        }
        Ok(Err(_)) => (StatusCode::BAD_REQUEST, "unreadable request body"),
        Err(_) => (StatusCode::REQUEST_TIMEOUT, "request body not received in time"),
    };
    Err(Response::builder()
        .status(status)
        .header("content-type", "text/plain; charset=utf-8")
        .header("connection", "close")
        .body(Body::from(text))
        .unwrap_or_default())
}

async fn corrupt(response: Response<Body>, malformed: bool) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let bytes = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Default::default(),
    };
    let changed = if malformed { faults::malform(&bytes) } else { faults::break_signature(&bytes) };
    parts.headers.remove(hyper::header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(changed))
}

/// A simulator on its own thread with its own (single-threaded) tokio runtime, for synchronous code:
/// tests without an async runtime, the `omg demo` command, language bindings.
///
/// ```no_run
/// let sim = omg_sim::spawn_blocking_sim(omg_sim::SimConfig::default()).unwrap();
/// println!("gateway at {}", sim.base_url());
/// // ... point a client at sim.base_url() ...
/// sim.shutdown(); // or just drop it
/// ```
pub fn spawn_blocking_sim(config: SimConfig) -> std::io::Result<SimHandle> {
    spawn_blocking_sim_on(config, "127.0.0.1:0")
}

/// [`spawn_blocking_sim`] on a chosen address.
pub fn spawn_blocking_sim_on(config: SimConfig, addr: &str) -> std::io::Result<SimHandle> {
    // One thread runs everything (connections, deliveries, the scheduler): every request is a
    // few microseconds of work that never blocks, and without a second worker to hand tasks to
    // a request costs 6–22 % less CPU (docs/performance.md, "omg-sim").
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let addr = addr.to_string();
    let thread = std::thread::Builder::new().name("omg-sim-main".into()).spawn(move || {
        runtime.block_on(async move {
            match start(config, &addr).await {
                Ok(running) => {
                    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
                    let info = (running.base_url.clone(), running.addr, Arc::clone(&running.sim), stop_tx);
                    if ready_tx.send(Ok(info)).is_err() {
                        running.shutdown().await;
                        return;
                    }
                    // Runs until the handle asks to stop (or is dropped, which closes the channel).
                    let _ = stop_rx.await;
                    running.shutdown().await;
                }
                Err(e) => {
                    let _ = ready_tx.send(Err(e));
                }
            }
        });
    })?;
    match ready_rx.recv() {
        Ok(Ok((base_url, addr, sim, stop))) => {
            Ok(SimHandle { base_url, addr, sim, stop: Some(stop), thread: Some(thread) })
        }
        Ok(Err(e)) => {
            let _ = thread.join();
            Err(e)
        }
        Err(_) => {
            let _ = thread.join();
            Err(std::io::Error::other("omg-sim thread ended before it started serving"))
        }
    }
}

/// A simulator running on its own thread; dropping it stops it.
pub struct SimHandle {
    base_url: String,
    addr: SocketAddr,
    sim: Arc<Sim>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl fmt::Debug for SimHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimHandle").field("base_url", &self.base_url).finish()
    }
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `base_url` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The simulator's state, for embedders that want to look inside without HTTP.
    pub fn sim(&self) -> &Arc<Sim> {
        &self.sim
    }

    /// Stops the simulator and waits for its thread (at most a few seconds).
    pub fn shutdown(mut self) {
        self.stop_and_join();
    }

    fn stop_and_join(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.stop_and_join();
    }
}
