//! `omg sim orders | deliveries | resend | trigger | advance | faults`: drive a running omg-sim
//! from a shell through its control API (`/_sim/...`), as `stripe trigger` and `stripe events
//! resend` drive Stripe's test mode. Which simulator: `--sim URL`, else OMG_SIM_URL, else
//! OMG_BASE_URL — the same pointer every network command reads (gateway_args.rs).
//!
//! `trigger` is sim_trigger.rs (its scenarios, which create their own orders, sim_scenarios.rs),
//! `faults` sim_faults.rs.

use omg_core::rules;
use std::time::Duration;

use omg_core::error::TransportError;
use omg_core::{Error, Result};
use serde_json::{json, Value};

use super::sim_faults::{self, FaultAction};
use super::sim_trigger::{self, TriggerArgs};
use crate::gateway_args::env_var;

#[derive(clap::Args, Debug, Clone)]
pub struct Target {
    /// The running omg-sim's base URL (default: OMG_SIM_URL, else OMG_BASE_URL).
    #[arg(long = "sim", value_name = "URL")]
    pub sim: Option<String>,
    /// Print the control API's JSON instead of lines.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum SimAction {
    /// List the simulator's orders.
    Orders {
        #[command(flatten)]
        target: Target,
    },
    /// The notification delivery log: one line per attempt, with why it was not acknowledged.
    Deliveries {
        /// Only this MerchantTradeNo's notifications.
        #[arg(long = "order", value_name = "MERCHANT_TRADE_NO")]
        order: Option<String>,
        #[command(flatten)]
        target: Target,
    },
    /// Deliver a notification again: by id (from `omg sim deliveries`), or the latest of an order.
    Resend {
        /// The notification id (`#N` in the delivery log).
        id: Option<u64>,
        /// The latest notification about this MerchantTradeNo instead.
        #[arg(long = "order", value_name = "MERCHANT_TRADE_NO", conflicts_with = "id")]
        order: Option<String>,
        /// With --order: ReturnURL, PaymentInfoURL or PeriodReturnURL.
        #[arg(long)]
        kind: Option<String>,
        #[command(flatten)]
        target: Target,
    },
    /// Make something happen, as the payer or the gateway would: a scenario that creates its own
    /// order (card-paid, ...), or an event on an existing order (pay NO, ...). --list lists them.
    Trigger(Box<TriggerArgs>),
    /// Make the gateway's APIs misbehave: add, list or clear faults (delay, status, drop, ...).
    Faults {
        #[command(subcommand)]
        action: FaultAction,
    },
    /// Move the simulator's clock forward and run what fell due (recurring charges,
    /// settlement, code expiry).
    Advance {
        /// How far: seconds.
        #[arg(long, conflicts_with_all = ["hours", "days"])]
        seconds: Option<i64>,
        #[arg(long, conflicts_with = "days")]
        hours: Option<i64>,
        #[arg(long)]
        days: Option<i64>,
        #[command(flatten)]
        target: Target,
    },
}

impl SimAction {
    fn target(&self) -> &Target {
        match self {
            SimAction::Orders { target }
            | SimAction::Deliveries { target, .. }
            | SimAction::Resend { target, .. }
            | SimAction::Advance { target, .. } => target,
            SimAction::Trigger(args) => &args.target,
            SimAction::Faults { action } => action.target(),
        }
    }
}

/// Whether the action's output is JSON (errors are then JSON too).
pub fn wants_json(action: &SimAction) -> bool {
    action.target().json
}

pub fn run(action: &SimAction) -> Result<()> {
    let control = Control::new(action.target())?;
    let value = match action {
        SimAction::Trigger(args) => return sim_trigger::run(&control, args),
        SimAction::Faults { action } => return sim_faults::run(&control, action),
        SimAction::Orders { .. } => control.get("/_sim/orders")?,
        SimAction::Deliveries { order, .. } => {
            let query = order.as_deref().map(|no| format!("?merchant_trade_no={}", encode(no))).unwrap_or_default();
            control.get(&format!("/_sim/deliveries{query}"))?
        }
        SimAction::Resend { id, order, kind, .. } => {
            let body = match (id, order) {
                (Some(id), _) => json!({ "notification_id": id }),
                (None, Some(no)) => json!({ "merchant_trade_no": no, "kind": kind }),
                (None, None) => {
                    return Err(Error::invalid(
                        "id",
                        rules::REQUIRED,
                        "give a notification id (see `omg sim deliveries`) or --order",
                    ))
                }
            };
            control.post("/_sim/resend", body)?
        }
        SimAction::Advance { seconds, hours, days, .. } => {
            let seconds = match (seconds, hours, days) {
                (Some(s), _, _) => *s,
                (_, Some(h), _) => h * 3600,
                (_, _, Some(d)) => d * 86_400,
                _ => return Err(Error::invalid("--seconds", rules::REQUIRED, "give --seconds, --hours or --days")),
            };
            control.post("/_sim/advance", json!({ "seconds": seconds }))?
        }
    };
    if action.target().json {
        print_json(&value);
    } else {
        for line in lines(action, &value) {
            outln!("{line}");
        }
    }
    Ok(())
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

/// Human-readable lines for one answer.
fn lines(action: &SimAction, value: &Value) -> Vec<String> {
    match action {
        SimAction::Orders { .. } => {
            let orders = value["orders"].as_array().cloned().unwrap_or_default();
            if orders.is_empty() {
                return vec!["no orders".into()];
            }
            orders
                .iter()
                .map(|o| {
                    format!(
                        "{}  {}  NT${}  {}  TradeNo {}",
                        text(&o["terms"]["merchant_trade_no"]),
                        text(&o["status"]),
                        text(&o["terms"]["total_amount"]),
                        text(&o["terms"]["choose_payment"]),
                        text(&o["trade_no"])
                    )
                })
                .collect()
        }
        SimAction::Deliveries { .. } => {
            let attempts = value["attempts"].as_array().cloned().unwrap_or_default();
            let mut out: Vec<String> = attempts.iter().map(attempt_line).collect();
            if out.is_empty() {
                out.push("no deliveries".into());
            }
            out
        }
        SimAction::Resend { .. } => {
            vec![format!("re-sent #{} as #{}", text(&value["resend_of"]), text(&value["notification_id"]))]
        }
        SimAction::Advance { .. } => {
            vec![format!("clock now {} (Taiwan time); ran {}", text(&value["taiwan_time"]), text(&value["ran"]))]
        }
        SimAction::Trigger(_) | SimAction::Faults { .. } => Vec::new(),
    }
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
    fn new(target: &Target) -> Result<Control> {
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
