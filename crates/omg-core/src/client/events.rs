//! What the client tells the application's log: each request sent, each reply, each retry with
//! its reason and delay, the final failure, and an unknown outcome — through the `log` facade,
//! target [`LOG_TARGET`], so nothing is printed unless the application installs a logger
//! (`env_logger`, Python's `logging` through the wheel, `NODE_DEBUG=omg_payment` in Node).
//!
//! No event ever holds a secret: only the API's name, the gateway URL (any `user:password@` part
//! masked), HTTP statuses, sizes, attempt numbers and the failure's own message — never a request
//! or reply body, HashKey, HashIV or CreditCheckCode.

use std::fmt::Arguments;
use std::sync::OnceLock;
use std::time::Duration;

use log::{Level, LevelFilter, Log, Metadata, Record};

use super::transport::Failure;
use crate::api::Api;

/// The `log` target (and the Python logger's name) of every client event.
pub const LOG_TARGET: &str = "omg_payment";

pub(crate) fn request_sent(api: Api, url: &str, attempt: u32) {
    log::debug!(target: LOG_TARGET, "{}: request sent to {} (attempt {attempt})", api.name(), masked(url));
}

pub(crate) fn reply_received(api: Api, status: u16, bytes: usize) {
    log::debug!(target: LOG_TARGET, "{}: reply HTTP {status}, {bytes} bytes", api.name());
}

pub(crate) fn attempt_failed(api: Api, attempt: u32, failure: &Failure) {
    let status = failure.status.map(|s| format!(" (HTTP {s})")).unwrap_or_default();
    log::debug!(target: LOG_TARGET, "{}: attempt {attempt} failed{status}: {}", api.name(), failure.message);
}

pub(crate) fn retrying(api: Api, next_attempt: u32, failure: &Failure, delay: Duration) {
    log::info!(
        target: LOG_TARGET,
        "{}: retrying in {} ms (attempt {next_attempt}) after: {}",
        api.name(),
        delay.as_millis(),
        failure.message
    );
}

/// The call failed for good; `message` is the error the caller receives. An unknown outcome of a
/// money-moving call is a warning: someone must reconcile it.
pub(crate) fn failed(api: Api, outcome_unknown: bool, message: &str) {
    let level = if outcome_unknown { Level::Warn } else { Level::Info };
    let what = if outcome_unknown { "outcome unknown" } else { "failed" };
    // `message` already starts with the API's name.
    let detail = message.strip_prefix(api.name()).and_then(|m| m.strip_prefix(": ")).unwrap_or(message);
    log::log!(target: LOG_TARGET, level, "{}: {what}: {detail}", api.name());
}

/// Prints the client's events (target [`LOG_TARGET`] only, debug and above) on stderr, each line
/// written by `line`. For hosts with no logging of their own: the `omg` command's `--verbose`,
/// Node's `NODE_DEBUG=omg_payment`. The first call in a process installs it (if no other logger
/// is installed); later calls do nothing. Other targets are never printed: the HTTP library's
/// trace output shows request bodies.
pub fn log_to_stderr(line: fn(Level, &Arguments) -> String) {
    static STDERR: OnceLock<StderrLog> = OnceLock::new();
    let logger = STDERR.get_or_init(|| StderrLog { line });
    if log::set_logger(logger).is_ok() {
        log::set_max_level(LevelFilter::Debug);
    }
}

struct StderrLog {
    line: fn(Level, &Arguments) -> String,
}

impl Log for StderrLog {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target() == LOG_TARGET
    }

    fn log(&self, record: &Record) {
        if self.enabled(record.metadata()) {
            eprintln!("{}", (self.line)(record.level(), record.args()));
        }
    }

    fn flush(&self) {}
}

/// `url` with a `user:password@` part replaced by `***@`: a base URL is configuration, and
/// configuration sometimes carries credentials.
fn masked(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let authority_end = url[scheme_end..].find(['/', '?', '#']).map_or(url.len(), |i| scheme_end + i);
    match url[scheme_end..authority_end].rfind('@') {
        Some(at) => format!("{}***{}", &url[..scheme_end], &url[scheme_end + at..]),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn user_info_in_a_url_is_masked() {
        assert_eq!(
            masked("http://127.0.0.1:8080/Cashier/QueryTradeInfo/V5"),
            "http://127.0.0.1:8080/Cashier/QueryTradeInfo/V5"
        );
        assert_eq!(masked("https://me:s3cret@gw.example/x?a=b@c"), "https://***@gw.example/x?a=b@c");
        assert_eq!(masked("not a url"), "not a url");
    }
}
