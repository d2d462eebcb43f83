//! `omg credit-detail --gwsr G --amount N`: QueryTrade/V2, a card payment's authorised,
//! captured and refunded amounts. Needs the CreditCheckCode (--credit-check-code or
//! $OMG_CREDIT_CHECK_CODE). The query that tells what an unknown DoAction did.

use omg_core::api::query_credit_detail::{CreditDetail, CreditStatus};
use omg_core::Result;
use serde_json::{json, Value};

use crate::gateway_args::GatewayArgs;

#[derive(clap::Args, Debug)]
pub struct CreditDetailArgs {
    /// The payment's gwsr (CreditRefundId), from the payment notification or QueryTradeInfo.
    #[arg(long)]
    pub gwsr: String,
    /// The authorised amount (CreditAmount).
    #[arg(long)]
    pub amount: i64,
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

pub fn run(args: &CreditDetailArgs) -> Result<()> {
    let detail = args.gateway.client()?.query_credit_detail(&args.gwsr, args.amount)?;
    if args.gateway.json {
        outln!("{}", detail_json(&detail));
    } else {
        out!("{}", detail_text(&detail));
    }
    Ok(())
}

/// The English meaning of the gateway's Chinese status word.
pub fn status_name(status: &CreditStatus) -> &str {
    match status {
        CreditStatus::Authorised => "authorised",
        CreditStatus::CapturePending => "capture pending",
        CreditStatus::Captured => "captured",
        CreditStatus::RefundPending => "refund pending",
        CreditStatus::Refunded => "refunded",
        CreditStatus::Other(_) => "other",
        // The other documented words: their stable name with spaces.
        known => match known.name() {
            "not_authorised" => "not authorised",
            "cancel_pending" => "cancel pending",
            "chargeback_pending" => "chargeback pending",
            "charged_back" => "charged back",
            "batch_failed" => "batch failed",
            "operation_cancelled" => "operation cancelled",
            name => name,
        },
    }
}

pub fn detail_json(detail: &CreditDetail) -> Value {
    json!({
        "trade_id": detail.trade_id,
        "amount": detail.amount,
        "clsamt": detail.clsamt,
        "authtime": detail.authtime,
        "status": detail.status.as_str(),
        "close_data": detail.close_data.iter().map(|e| json!({
            "status": e.status.as_str(), "sno": e.sno, "amount": e.amount, "datetime": e.datetime,
        })).collect::<Vec<_>>(),
        "reply": detail.raw,
    })
}

fn detail_text(detail: &CreditDetail) -> String {
    let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "?".into());
    let mut out = format!(
        "card payment {}: {} ({}), authorised {} at {}, captured {}\n",
        detail.trade_id,
        detail.status.as_str(),
        status_name(&detail.status),
        n(detail.amount),
        detail.authtime,
        n(detail.clsamt)
    );
    for e in &detail.close_data {
        out.push_str(&format!(
            "  #{}  {} ({})  amount {}  {}\n",
            e.sno,
            e.status.as_str(),
            status_name(&e.status),
            n(e.amount),
            e.datetime
        ));
    }
    out
}
