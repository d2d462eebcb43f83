//! Where the CLI's merchant keys come from: flags first, then the OMG_* environment (which
//! falls back to the public stage merchant when nothing is set).

use omg_core::{Config, Credentials, Error, Result};

#[derive(clap::Args, Debug, Clone, Default)]
pub struct KeyArgs {
    /// MerchantID (default: $OMG_MERCHANT_ID, else the public stage merchant).
    #[arg(long, global = true)]
    pub merchant_id: Option<String>,
    /// HashKey (default: $OMG_HASH_KEY).
    #[arg(long, global = true)]
    pub hash_key: Option<String>,
    /// HashIV (default: $OMG_HASH_IV).
    #[arg(long, global = true)]
    pub hash_iv: Option<String>,
}

impl KeyArgs {
    pub fn credentials(&self) -> Result<Credentials> {
        let from_env = Config::from_env()?.credentials;
        if self.merchant_id.is_none() && self.hash_key.is_none() && self.hash_iv.is_none() {
            return Ok(from_env);
        }
        let key = self.hash_key.clone().unwrap_or_else(|| from_env.hash_key().to_string());
        let iv = self.hash_iv.clone().unwrap_or_else(|| from_env.hash_iv().to_string());
        let id = self.merchant_id.clone().unwrap_or_else(|| from_env.merchant_id().to_string());
        let credentials = Credentials::new(id, key, iv)?;
        Ok(match from_env.credit_check_code() {
            Some(code) => credentials.with_credit_check_code(code),
            None => credentials,
        })
    }
}

/// Reads all of stdin as bytes.
pub fn read_stdin() -> Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    std::io::stdin().read_to_end(&mut buf).map_err(|e| Error::Decode(format!("cannot read standard input: {e}")))?;
    Ok(buf)
}

/// Reads stdin, refusing (without reading on) more than `limit` bytes: what `omg verify` reads
/// is a notification, capped like the bindings cap it (`omg_core::notify::MAX_BODY_BYTES`).
pub fn read_stdin_capped(limit: usize) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    std::io::stdin()
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Error::Decode(format!("cannot read standard input: {e}")))?;
    if buf.len() > limit {
        return Err(Error::Decode(format!("the input is more than {limit} bytes: no notification is that large")));
    }
    Ok(buf)
}
