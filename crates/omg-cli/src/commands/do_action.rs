//! `omg capture|refund|cancel-capture|abandon --trade-no T --amount N <merchant_trade_no>`:
//! DoAction. Money moves: never retried. When the outcome is unknown (exit 5, `outcome_unknown`
//! in JSON), check with `omg credit-detail` before doing anything else.

use omg_core::api::Action;
use omg_core::Result;
use serde_json::json;

use crate::gateway_args::GatewayArgs;
use crate::output::fields_json;

#[derive(clap::Args, Debug)]
pub struct DoActionArgs {
    /// The MerchantTradeNo of the card payment.
    pub merchant_trade_no: String,
    /// The gateway's TradeNo of the payment.
    #[arg(long)]
    pub trade_no: String,
    /// The amount (whole NTD).
    #[arg(long)]
    pub amount: i64,
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// What the command says it did.
fn done(action: Action) -> &'static str {
    match action {
        Action::Capture => "capture requested",
        Action::Refund => "refund requested",
        Action::CancelCapture => "pending capture cancelled",
        Action::Abandon => "authorisation abandoned",
    }
}

pub fn run(action: Action, args: &DoActionArgs) -> Result<()> {
    let client = args.gateway.client()?;
    let result = client.do_action(&args.merchant_trade_no, &args.trade_no, action, args.amount)?;
    if args.gateway.json {
        outln!(
            "{}",
            json!({
                "action": action.code(),
                "merchant_trade_no": result.merchant_trade_no,
                "trade_no": result.trade_no,
                "amount": args.amount,
                "rtn_code": result.rtn_code,
                "rtn_msg": result.rtn_msg,
                "fields": fields_json(&result.raw),
            })
        );
    } else {
        outln!(
            "{} for order {} (TradeNo {}), amount {}: RtnCode {} {}",
            done(action),
            args.merchant_trade_no,
            args.trade_no,
            args.amount,
            result.rtn_code,
            result.rtn_msg
        );
    }
    Ok(())
}
