//! `omg doctor`: are the configured keys accepted by the gateway? Signs a QueryTradeInfo for a
//! made-up order (`Client::check_credentials`): "order not found" means the keys are right,
//! `CheckMacValue Error` that they are wrong, with the OMG_* variables to fix. Prints which
//! settings are in use — never HashKey, HashIV or CreditCheckCode.

use omg_core::client::CredentialsCheck;
use omg_core::{Error, Result};
use serde_json::json;

use crate::exit;
use crate::gateway_args::GatewayArgs;
use crate::output::error_json;

#[derive(clap::Args, Debug)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub gateway: GatewayArgs,
}

/// Which OMG_* variables are set (names only: their values may be secret).
fn variables_set() -> Vec<&'static str> {
    [
        "OMG_ENV",
        "OMG_BASE_URL",
        "OMG_SIM_URL",
        "OMG_MERCHANT_ID",
        "OMG_HASH_KEY",
        "OMG_HASH_IV",
        "OMG_CREDIT_CHECK_CODE",
    ]
    .into_iter()
    .filter(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
    .collect()
}

fn variables_line(set: &[&str]) -> String {
    format!("(OMG_* variables set: {})", if set.is_empty() { "none".to_string() } else { set.join(", ") })
}

/// Runs the check; the exit code. A refusal is reported here, in the check's own words (which
/// variables to fix, once), not as the generic gateway error, whose hint is to run `omg doctor`.
pub fn run(args: &DoctorArgs) -> Result<i32> {
    let check = args.gateway.client()?.check_credentials()?;
    let set = variables_set();
    let json = args.gateway.json;
    match &check {
        CredentialsCheck::Accepted { merchant_id, base_url } => {
            if json {
                outln!(
                    "{}",
                    json!({ "ok": true, "merchant_id": merchant_id, "base_url": base_url, "variables_set": set })
                );
            } else {
                outln!("ok: the gateway at {base_url} accepts the keys of merchant {merchant_id}");
                outln!("{}", variables_line(&set));
            }
            Ok(exit::OK)
        }
        CredentialsCheck::Rejected { merchant_id, base_url, message } => {
            let error = Error::Gateway { rtn_code: Some(10200073), rtn_msg: message.clone() };
            if json {
                let mut v = error_json(&error);
                v["message"] = json!(message);
                v["ok"] = json!(false);
                v["merchant_id"] = json!(merchant_id);
                v["base_url"] = json!(base_url);
                v["variables_set"] = json!(set);
                outln!("{v}");
            } else {
                eprintln!("omg doctor: {message}");
                eprintln!("{}", variables_line(&set));
            }
            Ok(exit::code_for(&error))
        }
    }
}
