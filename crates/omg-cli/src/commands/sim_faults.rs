//! `omg sim faults add | list | clear`: make the gateway's APIs misbehave on a running omg-sim,
//! with the vocabulary of its HTTP API (`/_sim/faults`, docs/simulator.md): each flag is a field of
//! the fault's JSON (`--delay-ms` is `delay_ms`, ...), and the API is named by its path or by a
//! short name (`do-action`, `query-trade`: `omg_sim::api_names`), which the simulator resolves.

use omg_core::{Error, Result};
use serde_json::{json, Map, Value};

use super::sim_api::{print_json, text, Control, Target};

#[derive(clap::Subcommand, Debug, Clone)]
pub enum FaultAction {
    /// Add a fault for one API (replacing an earlier one for the same API).
    Add(Box<FaultArgs>),
    /// The active faults, with how many requests each still applies to.
    List {
        #[command(flatten)]
        target: Target,
    },
    /// Clear every fault.
    Clear {
        #[command(flatten)]
        target: Target,
    },
}

#[derive(clap::Args, Debug, Clone)]
pub struct FaultArgs {
    /// The API: checkout, query-trade, query-period, period-action, do-action, credit-detail, a
    /// path (/CreditDetail/DoAction), or '*' for every gateway path.
    #[arg(value_name = "API")]
    pub path: String,
    /// Wait this long before answering (at most 120000).
    #[arg(long, value_name = "MS")]
    pub delay_ms: Option<u64>,
    /// Answer this HTTP status (200-599) with a short text body instead of the real reply.
    #[arg(long)]
    pub status: Option<u16>,
    /// Close the connection without answering.
    #[arg(long)]
    pub drop_connection: bool,
    /// Run the real handler (a refund happens), then close the connection without its reply.
    #[arg(long)]
    pub apply_then_drop: bool,
    /// Run the real handler, then answer this HTTP status (300-599) instead of its reply.
    #[arg(long, value_name = "STATUS")]
    pub apply_then_status: Option<u16>,
    /// Answer half of the real reply followed by bytes that are not UTF-8.
    #[arg(long)]
    pub malformed_body: bool,
    /// Answer the real reply with its CheckMacValue changed (signed replies).
    #[arg(long)]
    pub wrong_signature: bool,
    /// Apply to the next N requests only (default: until cleared).
    #[arg(long)]
    pub count: Option<u32>,
    #[command(flatten)]
    pub target: Target,
}

impl FaultAction {
    pub fn target(&self) -> &Target {
        match self {
            FaultAction::Add(args) => &args.target,
            FaultAction::List { target } | FaultAction::Clear { target } => target,
        }
    }
}

impl FaultArgs {
    /// The fault as the HTTP API takes it: only the fields given (the simulator checks the
    /// combination and names what is wrong).
    fn spec(&self) -> Value {
        let mut spec = Map::new();
        spec.insert("path".into(), json!(self.path));
        let mut put = |name: &str, value: Value| {
            spec.insert(name.into(), value);
        };
        if let Some(ms) = self.delay_ms {
            put("delay_ms", json!(ms));
        }
        if let Some(status) = self.status {
            put("status", json!(status));
        }
        for (name, on) in [
            ("drop_connection", self.drop_connection),
            ("apply_then_drop", self.apply_then_drop),
            ("malformed_body", self.malformed_body),
            ("wrong_signature", self.wrong_signature),
        ] {
            if on {
                put(name, json!(true));
            }
        }
        if let Some(status) = self.apply_then_status {
            put("apply_then_status", json!(status));
        }
        if let Some(count) = self.count {
            put("count", json!(count));
        }
        Value::Object(spec)
    }
}

pub fn run(control: &Control, action: &FaultAction) -> Result<()> {
    let value = match action {
        FaultAction::Add(args) => control.post("/_sim/faults", args.spec())?,
        FaultAction::List { .. } => control.get("/_sim/faults")?,
        FaultAction::Clear { .. } => control.delete("/_sim/faults")?,
    };
    if action.target().json {
        print_json(&value);
        return Ok(());
    }
    let faults = value["faults"].as_array().ok_or_else(|| Error::Decode("/_sim/faults: no faults list".into()))?;
    if let FaultAction::Add(args) = action {
        let added = faults.iter().find(|f| f["path"] == json!(omg_sim::fault_path(&args.path).unwrap_or_default()));
        if let Some(fault) = added {
            outln!("added: {}", fault_line(fault));
        }
        return Ok(());
    }
    if faults.is_empty() {
        outln!("{}", if matches!(action, FaultAction::Clear { .. }) { "faults cleared" } else { "no faults" });
    }
    for fault in faults {
        outln!("{}", fault_line(fault));
    }
    Ok(())
}

/// One fault as a line: `do-action (/CreditDetail/DoAction): apply_then_status 307, next 1 request`.
fn fault_line(fault: &Value) -> String {
    let path = text(&fault["path"]);
    let name = omg_sim::api_name(&path).map(|short| format!("{short} ({path})")).unwrap_or(path);
    let mut effects = Vec::new();
    if let Some(ms) = fault["delay_ms"].as_u64().filter(|ms| *ms > 0) {
        effects.push(format!("delay_ms {ms}"));
    }
    for field in ["status", "apply_then_status"] {
        if let Some(status) = fault[field].as_u64() {
            effects.push(format!("{field} {status}"));
        }
    }
    for flag in ["drop_connection", "apply_then_drop", "malformed_body", "wrong_signature"] {
        if fault[flag] == true {
            effects.push(flag.to_string());
        }
    }
    let scope = match fault["count"].as_u64() {
        Some(1) => "the next request".to_string(),
        Some(n) => format!("the next {n} requests"),
        None => "until cleared".to_string(),
    };
    format!("{name}: {}, {scope}", effects.join(", "))
}
