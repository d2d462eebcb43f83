//! omg-sim's control API (`/_sim/...`) as the `omg sim` commands reach it: which simulator
//! (`--sim URL`, else OMG_SIM_URL, else OMG_BASE_URL), the HTTP calls, and the JSON shown as
//! lines. Used by sim_control.rs, sim_trigger.rs, sim_scenarios.rs and sim_faults.rs, so none of
//! them imports another for these.

use omg_core::rules;
use std::time::Duration;

use omg_core::error::TransportError;
use omg_core::{Error, Result};
use serde_json::Value;

use crate::env::env_var;

#[derive(clap::Args, Debug, Clone)]
pub struct Target {
    /// The running omg-sim's base URL (default: OMG_SIM_URL, else OMG_BASE_URL).
    #[arg(long = "sim", value_name = "URL")]
    pub sim: Option<String>,
    /// Print the control API's JSON instead of lines.
    #[arg(long)]
    pub json: bool,
}

/// The control API's JSON, pretty-printed, for `--json`.
pub fn print_json(value: &Value) {
    outln!("{}", serde_json::to_string_pretty(value).unwrap_or_default());
}

/// A JSON value as plain text: strings unquoted, null as `-`.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    }
}

/// One delivery attempt of `/_sim/deliveries` as a line: `#id kind order attempt n/m -> url
/// status S: acknowledged` or `NOT ACKNOWLEDGED: <why>`.
pub fn attempt_line(a: &Value) -> String {
    let verdict = match a["not_acknowledged"].as_str() {
        None => "acknowledged".to_string(),
        Some(why) => format!("NOT ACKNOWLEDGED: {why}"),
    };
    let forwarded = a["forwarded_to"].as_str().map(|to| format!(" (forwarded to {to})")).unwrap_or_default();
    let gave_up = if a["gave_up"] == true { " - gave up" } else { "" };
    format!(
        "#{} {} {} attempt {}/{} -> {}{forwarded} status {}: {verdict}{gave_up}",
        text(&a["notification_id"]),
        text(&a["kind"]),
        text(&a["merchant_trade_no"]),
        text(&a["attempt"]),
        text(&a["max_attempts"]),
        text(&a["url"]),
        text(&a["status"]),
    )
}

/// Percent-encodes a query value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A running omg-sim: its control API, and its gateway paths as a browser reaches them.
pub struct Control {
    agent: ureq::Agent,
    base: String,
}

impl Control {
    pub fn new(target: &Target) -> Result<Control> {
        let base =
            target.sim.clone().or_else(|| env_var("OMG_SIM_URL")).or_else(|| env_var("OMG_BASE_URL")).ok_or_else(
                || {
                    Error::invalid(
                        "--sim",
                        rules::REQUIRED,
                        "which omg-sim? give --sim http://127.0.0.1:PORT (or set OMG_SIM_URL)",
                    )
                },
            )?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(15)))
            .build()
            .into();
        Ok(Control { agent, base: base.trim_end_matches('/').to_string() })
    }

    /// The simulator's base URL, no trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn get(&self, path: &str) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let response = self.call(&url, || self.agent.get(&url).call())?;
        answer(path, response)
    }

    pub fn post(&self, path: &str, body: Value) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let body = body.to_string();
        let response = self.call(&url, || self.agent.post(&url).content_type("application/json").send(&body))?;
        answer(path, response)
    }

    pub fn delete(&self, path: &str) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let response = self.call(&url, || self.agent.delete(&url).call())?;
        answer(path, response)
    }

    /// Makes one control-API call. A simulator started a moment ago (`omg sim &` and the next
    /// command at once) may not listen yet: a refused connection is tried again for up to
    /// `STARTING_SIM_WAIT` before it counts. The control API changes nothing before it answers,
    /// so a call that was refused never happened.
    fn call(
        &self,
        url: &str,
        send: impl Fn() -> std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<ureq::http::Response<ureq::Body>> {
        let deadline = std::time::Instant::now() + STARTING_SIM_WAIT;
        loop {
            match send() {
                Err(e) if refused(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                other => return other.map_err(|e| unreachable_sim(url, e)),
            }
        }
    }

    /// Posts a form as a browser does (`application/x-www-form-urlencoded`): (HTTP status, page).
    pub fn post_form(&self, url: &str, body: &str) -> Result<(u16, String)> {
        let mut response =
            self.call(url, || self.agent.post(url).content_type("application/x-www-form-urlencoded").send(body))?;
        let status = response.status().as_u16();
        let page = response.body_mut().read_to_string().map_err(|e| Error::Decode(format!("{url}: {e}")))?;
        Ok((status, page))
    }
}

/// How long a refused connection to the simulator is tried again: long enough for `omg sim &` to
/// start listening.
const STARTING_SIM_WAIT: Duration = Duration::from_secs(3);

fn refused(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Io(io) => io.kind() == std::io::ErrorKind::ConnectionRefused,
        ureq::Error::ConnectionFailed => true,
        _ => false,
    }
}

fn unreachable_sim(url: &str, e: ureq::Error) -> Error {
    Error::Transport(TransportError {
        message: format!("{url}: {e} (is omg-sim running there? start it with `omg sim --port PORT`)"),
        timeout: matches!(e, ureq::Error::Timeout(_)),
        status: None,
        outcome_unknown: false,
        reconcile_with: None,
    })
}

/// The control API's JSON; its `{"error": ...}` as a refusal (404 no such order, 409 not now).
fn answer(path: &str, mut response: ureq::http::Response<ureq::Body>) -> Result<Value> {
    let status = response.status().as_u16();
    let text = response.body_mut().read_to_string().map_err(|e| Error::Decode(format!("{path}: {e}")))?;
    let value: Value = serde_json::from_str(&text)
        .map_err(|_| Error::Decode(format!("{path} answered something that is not JSON: is this an omg-sim?")))?;
    match status {
        200 => Ok(value),
        400 => Err(Error::invalid("request", rules::FORMAT, value["error"].as_str().unwrap_or(&text).to_string())),
        _ => Err(Error::Gateway {
            rtn_code: None,
            rtn_msg: format!("omg-sim refused ({status}): {}", value["error"].as_str().unwrap_or(&text)),
        }),
    }
}
