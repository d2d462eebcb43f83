//! One HTTP POST to the gateway over a keep-alive `ureq` agent, and what a failure means: could
//! the request have reached the gateway, and is it worth trying again?
//!
//! Nothing here knows the protocol: bodies in, bytes out. The caller (`Client`) decides with
//! [`Failure::retryable`] and [`Failure::maybe_sent`] whether to retry and whether the outcome of
//! a money-moving call is unknown.

use std::io::ErrorKind;

use ureq::http::header::LOCATION;
use ureq::{Agent, Timeout};

use super::options::ClientOptions;

const USER_AGENT: &str = concat!("omg-payment-rust/", env!("CARGO_PKG_VERSION"));

/// Why one attempt failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    /// What happened, for humans. Never holds a key: nothing secret reaches this layer except
    /// inside the signed body, which is never quoted.
    pub message: String,
    /// A connect or read timeout.
    pub timeout: bool,
    /// The HTTP status, when the gateway answered with one that is not a success.
    pub status: Option<u16>,
    /// The request may have reached the gateway (so a money-moving call's outcome is unknown):
    /// true for every failure once a connection was made — any HTTP status, an unreadable or
    /// empty reply, a read timeout, a dropped connection. False only when the connection was never
    /// made (refused, name not found, connect timeout, bad URL, TLS handshake).
    pub maybe_sent: bool,
    /// A transient failure: sending the same query again may work (connection errors, timeouts,
    /// HTTP 5xx, an empty reply). Redirects, 4xx and oversize replies are not: they would fail
    /// the same way again.
    pub retryable: bool,
}

/// The HTTP side of a client: one `ureq` agent (a pool of keep-alive connections) and the reply
/// size cap.
#[derive(Clone)]
pub(crate) struct Transport {
    agent: Agent,
    max_reply_bytes: usize,
}

impl Transport {
    pub fn new(options: &ClientOptions) -> Self {
        let config = Agent::config_builder()
            // Status codes are ours to interpret (a 5xx is retryable, a 3xx is not followed).
            .http_status_as_error(false)
            // A redirect turns the gateway's POST into a GET elsewhere, or hands a signed body to
            // another host: never follow one, report it.
            .max_redirects(0)
            .user_agent(USER_AGENT)
            .timeout_resolve(Some(options.connect_timeout))
            .timeout_connect(Some(options.connect_timeout))
            .timeout_send_request(Some(options.read_timeout))
            .timeout_send_body(Some(options.read_timeout))
            .timeout_recv_response(Some(options.read_timeout))
            .timeout_recv_body(Some(options.read_timeout))
            .build();
        Transport { agent: Agent::new_with_config(config), max_reply_bytes: options.max_reply_bytes }
    }

    /// POSTs `body` as `application/x-www-form-urlencoded` to `url` and returns the status and
    /// the body of a 2xx reply, read whole (never truncated) and not empty.
    pub fn post_form(&self, url: &str, body: &str) -> Result<(u16, Vec<u8>), Failure> {
        let mut response = self
            .agent
            .post(url)
            .content_type("application/x-www-form-urlencoded")
            .send(body.as_bytes())
            .map_err(|e| from_ureq(&e))?;
        let status = response.status().as_u16();
        let reply = response.body_mut().with_config().limit(self.max_reply_bytes as u64).read_to_vec();
        if !(200..=299).contains(&status) {
            return Err(status_failure(status, response.headers().get(LOCATION).and_then(|v| v.to_str().ok())));
        }
        let reply = reply.map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(limit) => Failure {
                message: format!("the reply is larger than the {limit}-byte cap (max_reply_bytes); it was not read"),
                timeout: false,
                status: None,
                maybe_sent: true,
                retryable: false,
            },
            other => from_ureq(&other),
        })?;
        if reply.iter().all(u8::is_ascii_whitespace) {
            return Err(Failure {
                message: format!("the gateway answered HTTP {status} with an empty reply"),
                timeout: false,
                status: None,
                maybe_sent: true,
                retryable: true,
            });
        }
        Ok((status, reply))
    }
}

/// A reply with a status other than 2xx. Whatever the status, an HTTP server read the request and
/// answered it: a redirect or a 4xx (429 included) may come from a proxy or load balancer in front
/// of a gateway that has already acted, so for a money-moving call the outcome is unknown
/// (`maybe_sent`). Only 5xx is worth asking again (a query); a redirect or a 4xx would come back the
/// same.
fn status_failure(status: u16, location: Option<&str>) -> Failure {
    let message = match (status, location) {
        (300..=399, location) => {
            let target = location.filter(|l| !l.is_empty()).map(|l| format!(" to {l}")).unwrap_or_default();
            format!("HTTP {status} redirect{target}: redirects are never followed (check the base URL)")
        }
        _ => format!("HTTP {status} from the gateway"),
    };
    Failure {
        message,
        timeout: false,
        status: Some(status),
        maybe_sent: true,
        retryable: (500..=599).contains(&status),
    }
}

/// Classifies a `ureq` error. Only failures that certainly happen before a byte of the request
/// leaves (name resolution, connecting, TLS handshake, a bad URL) count as not sent; anything
/// else may have reached the gateway.
fn from_ureq(error: &ureq::Error) -> Failure {
    use ureq::Error as E;
    let (message, timeout, maybe_sent, retryable) = match error {
        E::Timeout(Timeout::Resolve | Timeout::Connect) => ("connect timeout".to_string(), true, false, true),
        E::Timeout(_) => ("read timeout: no complete reply in time".to_string(), true, true, true),
        E::Io(io) if io.kind() == ErrorKind::TimedOut || io.kind() == ErrorKind::WouldBlock => {
            ("read timeout: no complete reply in time".to_string(), true, true, true)
        }
        E::Io(io) if matches!(io.kind(), ErrorKind::ConnectionRefused | ErrorKind::AddrNotAvailable) => {
            (format!("cannot connect: {io}"), false, false, true)
        }
        E::Io(io) => (format!("connection failed: {io}"), false, true, true),
        E::HostNotFound => ("cannot connect: host not found".to_string(), false, false, true),
        E::ConnectionFailed => ("cannot connect".to_string(), false, false, true),
        E::BadUri(uri) => (format!("bad gateway URL: {uri}"), false, false, false),
        E::Tls(reason) => (format!("TLS: {reason}"), false, false, false),
        // Usually a failed handshake (nothing sent), but rustls reports failures mid-stream the
        // same way: assume the worst.
        E::Rustls(e) => (format!("TLS: {e}"), false, true, false),
        E::Protocol(p) => (format!("the gateway broke the HTTP protocol: {p}"), false, true, true),
        other => (other.to_string(), false, true, false),
    };
    Failure { message, timeout, status: None, maybe_sent, retryable }
}
