//! `omg verify`: checks a notification body read from stdin; exit 0 valid, 1 invalid.

use omg_core::mac::{self, HashMethod};
use omg_core::{Fields, Result};
use serde_json::json;

use crate::keys::{read_stdin, KeyArgs};
use crate::output::{fields_json, fields_text};

#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    #[arg(long)]
    pub json: bool,
    /// Legacy EncryptType 0 (MD5).
    #[arg(long)]
    pub md5: bool,
    #[command(flatten)]
    pub keys: KeyArgs,
}

pub fn run(args: &VerifyArgs) -> Result<()> {
    let input = read_stdin()?;
    let body = input.strip_suffix(b"\n").unwrap_or(&input);
    let fields = Fields::parse_form(body)?;
    let credentials = args.keys.credentials()?;
    let method = if args.md5 { HashMethod::Md5 } else { HashMethod::Sha256 };
    mac::verify(&fields, credentials.hash_key(), credentials.hash_iv(), method)?;
    if args.json {
        println!("{}", json!({"valid": true, "fields": fields_json(&fields)}));
    } else {
        print!("valid: CheckMacValue matches\nfields:\n{}", fields_text(&fields));
    }
    Ok(())
}
