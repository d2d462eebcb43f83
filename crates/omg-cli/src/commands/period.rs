//! `omg period cancel <no>`: CreditCardPeriodAction `Cancel`. Irreversible — a cancelled schedule
//! can never be restarted — so it asks first, unless `--yes`; with no terminal to ask on and no
//! `--yes`, it refuses. Never retried: an unknown outcome is checked with `omg query period`.

use omg_core::rules;
use std::io::{BufRead, IsTerminal, Write};

use omg_core::{Error, Result};
use serde_json::json;

use crate::gateway_args::GatewayArgs;

#[derive(clap::Args, Debug)]
pub struct PeriodArgs {
    #[command(subcommand)]
    pub what: PeriodWhat,
}

#[derive(clap::Subcommand, Debug)]
pub enum PeriodWhat {
    /// Stop a recurring schedule for good (CreditCardPeriodAction Cancel).
    Cancel(CancelArgs),
}

#[derive(clap::Args, Debug)]
pub struct CancelArgs {
    /// The MerchantTradeNo of the recurring order.
    pub merchant_trade_no: String,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

impl PeriodArgs {
    pub fn wants_json(&self) -> bool {
        match &self.what {
            PeriodWhat::Cancel(a) => a.gateway.json,
        }
    }
}

pub fn run(args: &PeriodArgs) -> Result<()> {
    let PeriodWhat::Cancel(a) = &args.what;
    let client = a.gateway.client()?;
    if !a.yes {
        confirm(&a.merchant_trade_no)?;
    }
    let result = client.cancel_period(&a.merchant_trade_no)?;
    if a.gateway.json {
        outln!(
            "{}",
            json!({"cancelled": true, "merchant_trade_no": result.merchant_trade_no, "rtn_code": result.rtn_code, "rtn_msg": result.rtn_msg})
        );
    } else {
        outln!("schedule {} cancelled (RtnCode {} {})", result.merchant_trade_no, result.rtn_code, result.rtn_msg);
    }
    Ok(())
}

/// Asks on the terminal; anything but `y`/`yes` sends nothing.
fn confirm(merchant_trade_no: &str) -> Result<()> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Error::invalid(
            "--yes",
            rules::REQUIRED,
            "cancelling a schedule is irreversible and there is no terminal to ask for confirmation: pass --yes",
        ));
    }
    eprint!("Cancel the recurring schedule {merchant_trade_no}? A cancelled schedule can never be restarted. [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer).map_err(|e| Error::Decode(format!("cannot read the answer: {e}")))?;
    match answer.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err(Error::invalid("confirmation", rules::DECLINED, "not confirmed: nothing was sent")),
    }
}
