//! `omg doctor`: are the configured keys accepted by the gateway? Signs a QueryTradeInfo for a
//! made-up order (`Client::check_credentials`): "order not found" means the keys are right,
//! `CheckMacValue Error` that they are wrong, with the OMG_* variables to fix. Prints which
//! settings are in use — never HashKey, HashIV or CreditCheckCode.

use omg_core::client::CredentialsCheck;
use omg_core::{Error, Result};
use serde_json::json;

use crate::gateway_args::GatewayArgs;

#[derive(clap::Args, Debug)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// Which OMG_* variables are set (names only: their values may be secret).
fn variables_set() -> Vec<&'static str> {
    ["OMG_ENV", "OMG_BASE_URL", "OMG_MERCHANT_ID", "OMG_HASH_KEY", "OMG_HASH_IV", "OMG_CREDIT_CHECK_CODE"]
        .into_iter()
        .filter(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
        .collect()
}

pub fn run(args: &DoctorArgs) -> Result<()> {
    let check = args.gateway.client()?.check_credentials()?;
    let set = variables_set();
    match &check {
        CredentialsCheck::Accepted { merchant_id, base_url } => {
            if args.gateway.json {
                println!(
                    "{}",
                    json!({ "ok": true, "merchant_id": merchant_id, "base_url": base_url, "variables_set": set })
                );
            } else {
                println!("ok: the gateway at {base_url} accepts the keys of merchant {merchant_id}");
                println!("(OMG_* variables set: {})", if set.is_empty() { "none".to_string() } else { set.join(", ") });
            }
            Ok(())
        }
        CredentialsCheck::Rejected { message, .. } => {
            Err(Error::Gateway { rtn_code: Some(10200073), rtn_msg: message.clone() })
        }
    }
}
