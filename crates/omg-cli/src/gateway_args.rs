//! The flags every network command shares: which gateway, which merchant, JSON or not. Flags win
//! over the `OMG_*` environment, variable by variable; the rules themselves (stage merchant when
//! nothing is set, production needs its own keys and https) are omg-core's `Config::from_lookup`.

use omg_core::client::{Client, ClientOptions};
use omg_core::{Config, Result};

use crate::keys::{GivenKeys, KeyArgs};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct GatewayArgs {
    /// Gateway base URL, such as omg-sim's http://127.0.0.1:PORT (default: $OMG_BASE_URL, else the
    /// host of --env).
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
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
        Config::from_lookup(|name| self.flag(name, &keys).or_else(|| std::env::var(name).ok()))
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
