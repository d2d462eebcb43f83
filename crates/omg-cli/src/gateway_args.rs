//! The flags every network command shares: which gateway, which merchant, JSON or not. Flags win
//! over the `OMG_*` environment, variable by variable; the rules themselves (stage merchant when
//! nothing is set, production needs its own keys and https) are omg-core's `Config::from_lookup`.
//!
//! One way points every command at omg-sim: `--sim URL` or `OMG_SIM_URL`, read here by the
//! network commands and by `omg sim orders|trigger|...` alike (docs/cli.md, "Pointing at omg-sim").

use omg_core::client::{Client, ClientOptions};
use omg_core::{rules, Config, Error, Result};

use crate::env::env_var;
use crate::keys::{GivenKeys, KeyArgs};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct GatewayArgs {
    /// Gateway base URL, such as omg-sim's http://127.0.0.1:PORT (default: $OMG_BASE_URL, else the
    /// host of --env).
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
    /// A running omg-sim's base URL (default: $OMG_SIM_URL, which wins over $OMG_BASE_URL): the
    /// same pointer `omg sim orders|trigger|...` use.
    #[arg(long = "sim", global = true, value_name = "URL", conflicts_with = "base_url")]
    pub sim: Option<String>,
    /// Which gateway: stage or production (default: $OMG_ENV, else stage).
    #[arg(long = "env", global = true, value_name = "stage|production")]
    pub environment: Option<String>,
    /// CreditCheckCode, needed by credit-detail (default: $OMG_CREDIT_CHECK_CODE).
    #[arg(long, global = true)]
    pub credit_check_code: Option<String>,
    /// PlatformID: act as a platform for the sub-merchant named by --merchant-id (signed with the
    /// platform's keys), on query, period cancel and do-action (default: $OMG_PLATFORM_ID).
    #[arg(long, global = true, value_name = "ID")]
    pub platform_id: Option<String>,
    #[command(flatten)]
    pub keys: KeyArgs,
    /// Print JSON for scripts (errors too, on stdout).
    #[arg(long, global = true)]
    pub json: bool,
}

impl GatewayArgs {
    /// The value of an `OMG_*` variable as given by a flag or a key file, if it was.
    fn flag(&self, name: &str, keys: &GivenKeys) -> Option<String> {
        match name {
            "OMG_ENV" => self.environment.clone(),
            "OMG_BASE_URL" => self.base_url.clone(),
            "OMG_MERCHANT_ID" => keys.merchant_id.clone(),
            "OMG_HASH_KEY" => keys.hash_key.clone(),
            "OMG_HASH_IV" => keys.hash_iv.clone(),
            "OMG_CREDIT_CHECK_CODE" => self.credit_check_code.clone().or_else(|| keys.credit_check_code.clone()),
            _ => None,
        }
    }

    pub fn config(&self) -> Result<Config> {
        let keys = self.keys.given()?;
        let simulator = self.simulator();
        let environment = self.environment.clone().or_else(|| env_var("OMG_ENV"));
        if simulator.is_some()
            && self.base_url.is_none()
            && environment.is_some_and(|e| !e.trim().eq_ignore_ascii_case("stage"))
        {
            return Err(Error::invalid(
                "OMG_SIM_URL",
                rules::CONFLICT,
                "OMG_SIM_URL (or --sim) points every omg command at omg-sim: unset it to talk to production",
            ));
        }
        Config::from_lookup(|name| match name {
            "OMG_BASE_URL" if self.base_url.is_none() => simulator.clone().or_else(|| env_var(name)),
            _ => self.flag(name, &keys).or_else(|| std::env::var(name).ok()),
        })
    }

    /// The simulator named by `--sim` or `OMG_SIM_URL`, if any.
    fn simulator(&self) -> Option<String> {
        self.sim.clone().or_else(|| env_var("OMG_SIM_URL"))
    }

    /// A client for these flags; timeouts and retries from `OMG_CONNECT_TIMEOUT_MS`,
    /// `OMG_READ_TIMEOUT_MS`, `OMG_MAX_RETRIES`.
    pub fn client(&self) -> Result<Client> {
        let client = Client::new(self.config()?, ClientOptions::from_env()?)?;
        let platform_id =
            self.platform_id.clone().or_else(|| std::env::var("OMG_PLATFORM_ID").ok()).unwrap_or_default();
        Ok(client.with_platform_id(platform_id))
    }
}
