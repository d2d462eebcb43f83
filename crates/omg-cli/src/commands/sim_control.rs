//! `omg sim orders | deliveries | resend | trigger | advance`: drive a running omg-sim from a
//! shell through its control API (`/_sim/...`), as `stripe trigger` and `stripe events resend`
//! drive Stripe's test mode. Which simulator: `--sim URL`, else OMG_SIM_URL, else OMG_BASE_URL.

use omg_core::rules;
use std::time::Duration;

use omg_core::error::TransportError;
use omg_core::{Error, Result};
use serde_json::{json, Value};

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
    /// Make something happen to an order, as the payer or the gateway would.
    Trigger {
        #[arg(value_enum)]
        event: Event,
        /// The order's MerchantTradeNo (for pay-code, or --code).
        order: Option<String>,
        /// choose / pay / decline: the method the payer picks for an ALL order (Credit, ATM, CVS,
        /// BARCODE...).
        #[arg(long)]
        method: Option<String>,
        /// choose / pay: the bank (ATM: FIRST, CHINATRUST, ...) or store chain (CVS: CVS, FAMILY,
        /// IBON) the payer picks for a code order without one (default: the first).
        #[arg(long)]
        sub_payment: Option<String>,
        /// pay: the number of installments the payer picks.
        #[arg(long)]
        installments: Option<u32>,
        /// pay-code: the ATM account, CVS code or Barcode2 the payer pays.
        #[arg(long)]
        code: Option<String>,
        /// fail-charges: how many of the next recurring charges fail.
        #[arg(long, default_value_t = 1)]
        count: u32,
        #[command(flatten)]
        target: Target,
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

/// What `omg sim trigger` can make happen.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// The payer picks on the payment page: a method for an ALL order, the bank or store of an
    /// ATM/CVS/BARCODE order without ChooseSubPayment (its code is issued then).
    Choose,
    /// The payer pays (a card order is authorised; an ATM/CVS/BARCODE order's code is paid, issued
    /// first with the default bank or store if the payer had not picked one).
    Pay,
    /// The payer's card is declined.
    Decline,
    /// The back office's "simulate paid": a ReturnURL with SimulatePaid=1.
    SimulatePaid,
    /// An issued ATM/CVS/BARCODE code is paid (by order, or by --code).
    PayCode,
    /// An issued code expires unpaid.
    Expire,
    /// The next --count recurring charges of the order fail.
    FailCharges,
}

impl SimAction {
    fn target(&self) -> &Target {
        match self {
            SimAction::Orders { target }
            | SimAction::Deliveries { target, .. }
            | SimAction::Resend { target, .. }
            | SimAction::Trigger { target, .. }
            | SimAction::Advance { target, .. } => target,
        }
    }
}

/// Whether the action's output is JSON (errors are then JSON too).
pub fn wants_json(action: &SimAction) -> bool {
    action.target().json
}

pub fn run(action: &SimAction) -> Result<()> {
    let control = Control::new(action.target())?;
    let json_out = action.target().json;
    let value = match action {
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
        SimAction::Trigger { event, order, method, sub_payment, installments, code, count, .. } => {
            let (path, body) = trigger_request(
                *event,
                order.as_deref(),
                (method.as_deref(), sub_payment.as_deref()),
                *installments,
                code.as_deref(),
                *count,
            )?;
            control.post(path, body)?
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
    if json_out {
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        for line in lines(action, &value) {
            println!("{line}");
        }
    }
    Ok(())
}

/// The control-API call of a trigger: (path, JSON body).
fn trigger_request(
    event: Event,
    order: Option<&str>,
    (method, sub_payment): (Option<&str>, Option<&str>),
    installments: Option<u32>,
    code: Option<&str>,
    count: u32,
) -> Result<(&'static str, Value)> {
    let need_order =
        || order.ok_or_else(|| Error::invalid("order", rules::REQUIRED, "give the order's MerchantTradeNo"));
    Ok(match event {
        Event::Choose => (
            "/_sim/choose",
            json!({ "merchant_trade_no": need_order()?, "method": method, "sub_payment": sub_payment }),
        ),
        Event::Pay => (
            "/_sim/pay",
            json!({
                "merchant_trade_no": need_order()?, "method": method, "sub_payment": sub_payment,
                "installments": installments
            }),
        ),
        Event::Decline => ("/_sim/decline", json!({ "merchant_trade_no": need_order()?, "method": method })),
        Event::SimulatePaid => ("/_sim/simulate", json!({ "merchant_trade_no": need_order()? })),
        Event::PayCode => match code {
            Some(code) => ("/_sim/pay-code", json!({ "code": code })),
            None => ("/_sim/pay-code", json!({ "merchant_trade_no": need_order()? })),
        },
        Event::Expire => ("/_sim/expire", json!({ "merchant_trade_no": need_order()? })),
        Event::FailCharges => ("/_sim/fail-charges", json!({ "merchant_trade_no": need_order()?, "count": count })),
    })
}

/// Human-readable lines for one answer.
fn lines(action: &SimAction, value: &Value) -> Vec<String> {
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    };
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
            let mut out: Vec<String> = attempts
                .iter()
                .map(|a| {
                    let verdict = match a["not_acknowledged"].as_str() {
                        None => "acknowledged".to_string(),
                        Some(why) => format!("NOT ACKNOWLEDGED: {why}"),
                    };
                    let forwarded =
                        a["forwarded_to"].as_str().map(|to| format!(" (forwarded to {to})")).unwrap_or_default();
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
                })
                .collect();
            if out.is_empty() {
                out.push("no deliveries".into());
            }
            out
        }
        SimAction::Resend { .. } => {
            vec![format!("re-sent #{} as #{}", text(&value["resend_of"]), text(&value["notification_id"]))]
        }
        SimAction::Trigger { event, .. } => {
            let order = &value["order"];
            vec![format!(
                "{:?}: order {} is now {}",
                event,
                text(&order["terms"]["merchant_trade_no"]),
                text(&order["status"])
            )]
        }
        SimAction::Advance { .. } => {
            vec![format!("clock now {} (Taiwan time); ran {}", text(&value["taiwan_time"]), text(&value["ran"]))]
        }
    }
}

fn encode(text: &str) -> String {
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

struct Control {
    agent: ureq::Agent,
    base: String,
}

impl Control {
    fn new(target: &Target) -> Result<Control> {
        let base = target
            .sim
            .clone()
            .or_else(|| std::env::var("OMG_SIM_URL").ok().filter(|v| !v.is_empty()))
            .or_else(|| std::env::var("OMG_BASE_URL").ok().filter(|v| !v.is_empty()))
            .ok_or_else(|| {
                Error::invalid(
                    "--sim",
                    rules::REQUIRED,
                    "which omg-sim? give --sim http://127.0.0.1:PORT (or set OMG_SIM_URL)",
                )
            })?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(15)))
            .build()
            .into();
        Ok(Control { agent, base: base.trim_end_matches('/').to_string() })
    }

    fn get(&self, path: &str) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let response = self.agent.get(&url).call().map_err(|e| unreachable_sim(&url, e))?;
        answer(path, response)
    }

    fn post(&self, path: &str, body: Value) -> Result<Value> {
        let url = format!("{}{path}", self.base);
        let response = self
            .agent
            .post(&url)
            .content_type("application/json")
            .send(body.to_string())
            .map_err(|e| unreachable_sim(&url, e))?;
        answer(path, response)
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
