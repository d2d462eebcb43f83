//! `omg sign`: the CheckMacValue of fields read from stdin.

use omg_core::mac::{self, HashMethod};
use omg_core::rules;
use omg_core::{Error, Fields, Result};
use serde_json::{json, Value};

use crate::keys::{read_stdin, KeyArgs};

#[derive(clap::Args, Debug)]
pub struct SignArgs {
    /// Read a JSON object of strings instead of a form body, and print JSON.
    #[arg(long)]
    pub json: bool,
    /// Legacy EncryptType 0 (MD5) instead of SHA-256.
    #[arg(long)]
    pub md5: bool,
    /// Print the sorted pre-image and the encoded string (keys masked) as well.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub keys: KeyArgs,
}

/// Fields from stdin: a JSON object of strings, or a form body (`k=v&k=v`, form-encoded). One
/// trailing newline (as `echo` adds) is not part of the body.
pub fn read_fields(as_json: bool) -> Result<Fields> {
    let input = read_stdin()?;
    if as_json {
        let value: Value =
            serde_json::from_slice(&input).map_err(|e| Error::Decode(format!("standard input is not JSON: {e}")))?;
        let object = value.as_object().ok_or_else(|| Error::Decode("expected a JSON object of strings".into()))?;
        let mut pairs = Vec::with_capacity(object.len());
        for (k, v) in object {
            let v = v
                .as_str()
                .ok_or_else(|| Error::invalid(k.as_str(), rules::TYPE, format!("the value of {k} must be a string")))?;
            pairs.push((k.clone(), v.to_string()));
        }
        Fields::from_pairs(pairs)
    } else {
        let body = input.strip_suffix(b"\n").unwrap_or(&input);
        let body = body.strip_suffix(b"\r").unwrap_or(body);
        Fields::parse_form(body)
    }
}

pub fn run(args: &SignArgs) -> Result<()> {
    let fields = read_fields(args.json)?;
    let credentials = args.keys.credentials_for_body(fields.get("MerchantID"))?;
    let method = if args.md5 { HashMethod::Md5 } else { HashMethod::Sha256 };
    if args.explain {
        let e = mac::explain(&fields, credentials.hash_key(), credentials.hash_iv(), method)?;
        if args.json {
            outln!(
                "{}",
                json!({"CheckMacValue": e.check_mac_value, "method": method_name(method), "sorted_preimage": e.sorted_preimage, "encoded": e.encoded})
            );
        } else {
            outln!("1. sorted pre-image (HashKey/HashIV masked):\n   {}", e.sorted_preimage);
            outln!("2. url-encoded (.NET rules) and lowercased:\n   {}", e.encoded);
            outln!("3. {} of step 2 with the real keys, uppercase hex:\n   {}", method_name(method), e.check_mac_value);
        }
        return Ok(());
    }
    let value = mac::sign(&fields, credentials.hash_key(), credentials.hash_iv(), method)?;
    if args.json {
        outln!("{}", json!({ "CheckMacValue": value }));
    } else {
        outln!("{value}");
    }
    Ok(())
}

fn method_name(method: HashMethod) -> &'static str {
    match method {
        HashMethod::Sha256 => "SHA-256",
        HashMethod::Md5 => "MD5",
    }
}
