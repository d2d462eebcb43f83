//! `omg sim orders | deliveries | resend | trigger | advance | faults`: drive a running omg-sim
//! from a shell through its control API (`/_sim/...`), as `stripe trigger` and `stripe events
//! resend` drive Stripe's test mode. Which simulator: `--sim URL`, else OMG_SIM_URL, else
//! OMG_BASE_URL — the same pointer every network command reads (gateway_args.rs).
//!
//! `trigger` is sim_trigger.rs (its scenarios, which create their own orders, sim_scenarios.rs),
//! `faults` sim_faults.rs.

use omg_core::{rules, Error, Result};
use serde_json::{json, Value};

use super::sim_api::{attempt_line, encode, print_json, text, Control, Target};
use super::sim_faults::{self, FaultAction};
use super::sim_trigger;
use super::sim_trigger_args::TriggerArgs;

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
