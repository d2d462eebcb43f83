//! Where the CLI's merchant keys come from: flags first, then the OMG_* environment (which
//! falls back to the public stage merchant when nothing is set).

use omg_core::rules;
use omg_core::{Config, Credentials, Error, Result};

use crate::env::env_var;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct KeyArgs {
    /// MerchantID (default: $OMG_MERCHANT_ID, else the public stage merchant).
    #[arg(long, global = true)]
    pub merchant_id: Option<String>,
    /// HashKey (default: $OMG_HASH_KEY). Visible to other local users in the process list: prefer
    /// the variable or --hash-key-file / --credentials-file.
    #[arg(long, global = true)]
    pub hash_key: Option<String>,
    /// HashIV (default: $OMG_HASH_IV). Visible in the process list, like --hash-key.
    #[arg(long, global = true)]
    pub hash_iv: Option<String>,
    /// Read HashKey from this file (its first line; `-`: standard input).
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "hash_key")]
    pub hash_key_file: Option<String>,
    /// Read HashIV from this file (its first line; `-`: standard input).
    #[arg(long, global = true, value_name = "PATH", conflicts_with = "hash_iv")]
    pub hash_iv_file: Option<String>,
    /// Read the merchant from a file of `NAME=value` lines: OMG_MERCHANT_ID, OMG_HASH_KEY,
    /// OMG_HASH_IV, OMG_CREDIT_CHECK_CODE (`#` comments; `-`: standard input). Flags win over it.
    #[arg(long, global = true, value_name = "PATH")]
    pub credentials_file: Option<String>,
}

/// The keys given on the command line, files read: each `None` when not given (the `OMG_*`
/// environment, then the stage merchant, fill in).
#[derive(Default)]
pub struct GivenKeys {
    pub merchant_id: Option<String>,
    pub hash_key: Option<String>,
    pub hash_iv: Option<String>,
    pub credit_check_code: Option<String>,
}

impl KeyArgs {
    /// True when a key is to be read from standard input (`-`): a command that reads its input
    /// from stdin cannot take one from there too.
    pub fn reads_stdin(&self) -> bool {
        [&self.hash_key_file, &self.hash_iv_file, &self.credentials_file].iter().any(|f| f.as_deref() == Some("-"))
    }

    /// Reads the key files: a flag wins over its file, a file over the credentials file.
    pub fn given(&self) -> Result<GivenKeys> {
        let files = [&self.hash_key_file, &self.hash_iv_file, &self.credentials_file];
        if files.iter().filter(|f| f.as_deref() == Some("-")).count() > 1 {
            return Err(Error::invalid(
                "--hash-key-file",
                rules::CONFLICT,
                "only one key file can be standard input (-)",
            ));
        }
        let mut given = GivenKeys::default();
        if let Some(path) = &self.credentials_file {
            for (line_no, line) in read_text(path)?.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let Some((name, value)) = line.split_once('=') else {
                    return Err(Error::invalid(
                        "--credentials-file",
                        rules::FORMAT,
                        format!("{path} line {}: expected NAME=value", line_no + 1),
                    ));
                };
                let value = Some(value.trim().to_string());
                match name.trim() {
                    "OMG_MERCHANT_ID" => given.merchant_id = value,
                    "OMG_HASH_KEY" => given.hash_key = value,
                    "OMG_HASH_IV" => given.hash_iv = value,
                    "OMG_CREDIT_CHECK_CODE" => given.credit_check_code = value,
                    // The name only: the value may be a secret put on the wrong line.
                    other => {
                        return Err(Error::invalid(
                            "--credentials-file",
                            rules::FORMAT,
                            format!("{path} line {}: unknown name {other:?}", line_no + 1),
                        ))
                    }
                }
            }
        }
        if let Some(path) = &self.hash_key_file {
            given.hash_key = Some(first_line(path)?);
        }
        if let Some(path) = &self.hash_iv_file {
            given.hash_iv = Some(first_line(path)?);
        }
        for (slot, flag) in [
            (&mut given.merchant_id, &self.merchant_id),
            (&mut given.hash_key, &self.hash_key),
            (&mut given.hash_iv, &self.hash_iv),
        ] {
            if flag.is_some() {
                slot.clone_from(flag);
            }
        }
        Ok(given)
    }

    /// The keys for signing or verifying a body that names its own MerchantID: without
    /// --merchant-id or OMG_MERCHANT_ID the body's is taken, so checking a captured body needs only
    /// HashKey and HashIV (flags, files or OMG_HASH_KEY / OMG_HASH_IV). Nothing set at all: the
    /// stage merchant's keys. The rules (all three or none) are omg-core's `Config::from_lookup`.
    pub fn credentials_for_body(&self, body_merchant_id: Option<&str>) -> Result<Credentials> {
        let given = self.given()?;
        let merchant_id = given.merchant_id.or_else(|| env_var("OMG_MERCHANT_ID"));
        let hash_key = given.hash_key.or_else(|| env_var("OMG_HASH_KEY"));
        let hash_iv = given.hash_iv.or_else(|| env_var("OMG_HASH_IV"));
        let body_id = body_merchant_id.filter(|id| !id.is_empty()).map(str::to_string);
        // The MerchantID is not part of the signature: with keys given and no ID anywhere (fields
        // without MerchantID), any will do; the stage merchant's is the one used elsewhere.
        let id_for_keys = body_id.clone().unwrap_or_else(|| Credentials::stage().merchant_id().to_string());
        let keys_given = hash_key.is_some() || hash_iv.is_some();
        let credentials = Config::from_lookup(|name| match name {
            "OMG_MERCHANT_ID" => merchant_id.clone().or_else(|| Some(id_for_keys.clone()).filter(|_| keys_given)),
            "OMG_HASH_KEY" => hash_key.clone(),
            "OMG_HASH_IV" => hash_iv.clone(),
            _ => None,
        })?
        .credentials;
        match body_id {
            Some(id) if merchant_id.is_none() => Credentials::new(id, credentials.hash_key(), credentials.hash_iv()),
            _ => Ok(credentials),
        }
    }
}

/// The whole text of a key file, or of standard input for `-`. Errors name the path, never the
/// content.
fn read_text(path: &str) -> Result<String> {
    use std::io::Read;
    let mut text = String::new();
    let read = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text)).map(|_| ())
    };
    read.map_err(|e| Error::invalid("key file", rules::UNREADABLE, format!("cannot read {path}: {}", e.kind())))?;
    Ok(text)
}

/// The first line of a key file, trimmed: a key written with `echo` ends in a newline.
fn first_line(path: &str) -> Result<String> {
    let text = read_text(path)?;
    let key = text.lines().next().unwrap_or("").trim().to_string();
    if key.is_empty() {
        return Err(Error::invalid("key file", rules::REQUIRED, format!("{path} is empty")));
    }
    Ok(key)
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
