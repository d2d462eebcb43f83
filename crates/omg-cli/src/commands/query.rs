//! `omg query trade <no>` (QueryTradeInfo/V5) and `omg query period <no>`
//! (QueryCreditCardPeriodInfo). Both are safe to repeat and retried on transient failures.

use omg_core::api::query_period_info::{ExecStatus, PeriodInfo};
use omg_core::api::query_trade_info::{TradeInfo, TradeStatus};
use omg_core::Result;
use serde_json::{json, Value};

use crate::gateway_args::GatewayArgs;
use crate::output::{fields_json, fields_text};

#[derive(clap::Args, Debug)]
pub struct QueryArgs {
    #[command(subcommand)]
    pub what: QueryWhat,
}

#[derive(clap::Subcommand, Debug)]
pub enum QueryWhat {
    /// The state of an order (QueryTradeInfo/V5).
    Trade(QueryOneArgs),
    /// A recurring schedule and its charges (QueryCreditCardPeriodInfo).
    Period(QueryOneArgs),
}

#[derive(clap::Args, Debug)]
pub struct QueryOneArgs {
    /// The MerchantTradeNo.
    pub merchant_trade_no: String,
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

impl QueryArgs {
    pub fn wants_json(&self) -> bool {
        match &self.what {
            QueryWhat::Trade(a) | QueryWhat::Period(a) => a.gateway.json,
        }
    }
}

pub fn run(args: &QueryArgs) -> Result<()> {
    match &args.what {
        QueryWhat::Trade(a) => {
            let info = a.gateway.client()?.query_trade(&a.merchant_trade_no)?;
            if a.gateway.json {
                outln!("{}", trade_json(&info));
            } else {
                out!("{}", trade_text(&info));
            }
        }
        QueryWhat::Period(a) => {
            let info = a.gateway.client()?.query_period(&a.merchant_trade_no)?;
            if a.gateway.json {
                outln!("{}", period_json(&info));
            } else {
                out!("{}", period_text(&info));
            }
        }
    }
    Ok(())
}

pub fn trade_status_name(status: &TradeStatus) -> &str {
    match status {
        TradeStatus::Paid => "paid",
        TradeStatus::NotPaid => "not paid",
        TradeStatus::NeverChosePayment => "no payment method chosen",
        TradeStatus::Other(_) => "unknown status",
    }
}

pub fn trade_json(info: &TradeInfo) -> Value {
    json!({
        "merchant_trade_no": info.merchant_trade_no,
        "trade_no": info.trade_no,
        "trade_amt": info.trade_amt,
        "trade_status": info.trade_status.as_str(),
        "paid": info.is_paid(),
        "payment_type": info.payment_type,
        "payment_date": info.payment_date,
        "fields": fields_json(&info.raw),
    })
}

fn trade_text(info: &TradeInfo) -> String {
    format!(
        "order {}: {} (TradeStatus {})\n{}",
        info.merchant_trade_no,
        trade_status_name(&info.trade_status),
        info.trade_status.as_str(),
        fields_text(&info.raw)
    )
}

pub fn exec_status_name(status: Option<&ExecStatus>) -> &str {
    match status {
        Some(ExecStatus::Running) => "running",
        Some(ExecStatus::Finished) => "finished",
        Some(ExecStatus::Cancelled) => "cancelled",
        Some(ExecStatus::Other(_)) => "unknown status",
        None => "no schedule",
    }
}

pub fn period_json(info: &PeriodInfo) -> Value {
    json!({
        "merchant_trade_no": info.merchant_trade_no,
        "trade_no": info.trade_no,
        "exec_status": info.exec_status.as_ref().map(|s| s.as_str()),
        "period_type": info.period_type,
        "frequency": info.frequency,
        "exec_times": info.exec_times,
        "period_amount": info.period_amount,
        "total_success_times": info.total_success_times,
        "total_success_amount": info.total_success_amount,
        "reply": info.raw,
    })
}

fn period_text(info: &PeriodInfo) -> String {
    let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_else(|| "?".into());
    let unit = match info.period_type.as_str() {
        "D" => "day(s)",
        "M" => "month(s)",
        "Y" => "year(s)",
        other => other,
    };
    let mut out = format!(
        "schedule {}: {} (ExecStatus {}); {} every {} {unit}; {} of {} charges succeeded, {} charged\n",
        info.merchant_trade_no,
        exec_status_name(info.exec_status.as_ref()),
        info.exec_status.as_ref().map(|s| s.as_str()).unwrap_or("null"),
        n(info.period_amount),
        n(info.frequency),
        n(info.total_success_times),
        n(info.exec_times),
        n(info.total_success_amount),
    );
    for (i, entry) in info.exec_log.iter().enumerate() {
        out.push_str(&format!(
            "  {:>3}. {}  RtnCode {}  {}  amount {}  gwsr {}\n",
            i + 1,
            entry.process_date,
            n(entry.rtn_code),
            entry.rtn_msg,
            n(entry.amount),
            entry.gwsr
        ));
    }
    out
}
