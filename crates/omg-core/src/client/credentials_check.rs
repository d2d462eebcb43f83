//! The credentials self-check (`omg doctor`, `Client::check_credentials`): a QueryTradeInfo for a
//! made-up order, signed with the configured keys. The gateway can only answer "order not found"
//! when it accepted the CheckMacValue, so that answer proves MerchantID, HashKey and HashIV belong
//! together; `10200073 CheckMacValue Error` proves they do not. Read-only: nothing is created.

use crate::error::{Error, Result};
use crate::trade_no::generate_merchant_trade_no;

use super::Client;

const ORDER_NOT_FOUND: i64 = 10200047;
const CHECK_MAC_VALUE_ERROR: i64 = 10200073;

/// The variables that hold the merchant's keys, named in every "wrong keys" message.
pub const KEY_VARIABLES: &str = "OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV";

/// What the gateway said about the configured keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialsCheck {
    /// The gateway accepted the signature (it answered about the made-up order).
    Accepted { merchant_id: String, base_url: String },
    /// The gateway refused the signature: the message says which variables to fix.
    Rejected { merchant_id: String, base_url: String, message: String },
}

impl CredentialsCheck {
    pub fn is_accepted(&self) -> bool {
        matches!(self, CredentialsCheck::Accepted { .. })
    }

    /// `Ok(true)` when accepted; wrong keys as the gateway's refusal (RtnCode 10200073) whose
    /// message names the variables to fix: what the language bindings return and raise.
    pub fn into_result(self) -> Result<bool> {
        match self {
            CredentialsCheck::Accepted { .. } => Ok(true),
            CredentialsCheck::Rejected { message, .. } => {
                Err(Error::Gateway { rtn_code: Some(CHECK_MAC_VALUE_ERROR), rtn_msg: message })
            }
        }
    }
}

/// The message for keys the gateway refused, naming the variables to fix.
pub fn wrong_keys_message(merchant_id: &str, base_url: &str) -> String {
    format!(
        "the gateway at {base_url} refused the CheckMacValue of merchant {merchant_id}: the keys are wrong for this \
         merchant or this gateway. Set {KEY_VARIABLES} to the values of the back office of the same environment \
         (stage keys never work in production; watch for spaces copied with the keys)"
    )
}

impl Client {
    /// Signs a QueryTradeInfo for a made-up order and tells accepted keys (the order is not
    /// found, or a signed reply verifies) from wrong ones (`10200073 CheckMacValue Error`, or a
    /// reply whose signature does not match the keys). Connection problems are the `Err`.
    pub fn check_credentials(&self) -> Result<CredentialsCheck> {
        let merchant_id = self.config.credentials.merchant_id().to_string();
        let base_url = self.config.environment.base_url().to_string();
        let made_up = generate_merchant_trade_no("ZZ", self.clock.as_ref())?;
        let rejected = |message: String| {
            Ok(CredentialsCheck::Rejected { merchant_id: merchant_id.clone(), base_url: base_url.clone(), message })
        };
        match self.query_trade(&made_up) {
            Ok(_) => Ok(CredentialsCheck::Accepted { merchant_id, base_url }),
            Err(Error::Gateway { rtn_code: Some(ORDER_NOT_FOUND), .. }) => Ok(CredentialsCheck::Accepted { merchant_id, base_url }),
            Err(Error::Gateway { rtn_code: Some(CHECK_MAC_VALUE_ERROR), .. }) => rejected(wrong_keys_message(&merchant_id, &base_url)),
            Err(Error::Signature(_)) => rejected(format!(
                "the gateway's reply is not signed with these keys: set {KEY_VARIABLES} to the values of the back office"
            )),
            Err(other) => Err(other),
        }
    }
}

impl Client {
    /// [`Client::check_credentials`] as the bindings answer it: true when the gateway accepts the
    /// keys, the gateway error (RtnCode 10200073) naming the `OMG_*` variables when it does not.
    pub fn credentials_accepted(&self) -> Result<bool> {
        self.check_credentials()?.into_result()
    }
}
