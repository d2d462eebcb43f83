//! `omg verify`: checks a notification body read from stdin; exit 0 valid, 1 forged.

use omg_core::mac::HashMethod;
use omg_core::notify::{self, Notification};
use omg_core::{Credentials, Fields, Result};
use serde_json::json;

use crate::keys::{read_stdin_capped, KeyArgs};
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

/// The keys to verify with. Without --merchant-id or OMG_MERCHANT_ID the body's own MerchantID is
/// taken, so that checking a captured body needs only the keys; the signature is what is checked.
fn credentials_for(args: &VerifyArgs, fields: &Fields) -> Result<Credentials> {
    let credentials = args.keys.credentials()?;
    let id_given = args.keys.given()?.merchant_id.is_some() || std::env::var_os("OMG_MERCHANT_ID").is_some();
    match fields.get("MerchantID") {
        Some(id) if !id_given && !id.is_empty() => Credentials::new(id, credentials.hash_key(), credentials.hash_iv()),
        _ => Ok(credentials),
    }
}

pub fn run(args: &VerifyArgs) -> Result<()> {
    // One byte over the cap for the trailing newline a shell adds.
    let input = read_stdin_capped(notify::MAX_BODY_BYTES + 1)?;
    let body = input.strip_suffix(b"\n").unwrap_or(&input);
    let fields = Fields::parse_form(body)?;
    let credentials = credentials_for(args, &fields)?;
    let method = if args.md5 { HashMethod::Md5 } else { HashMethod::Sha256 };
    let notification = Notification::from_fields_with(fields, &credentials, method)?;
    let kind = notification.kind().as_str();
    if args.json {
        println!(
            "{}",
            json!({"valid": true, "kind": kind, "dedupe_key": notification.dedupe_key(), "fields": fields_json(notification.raw())})
        );
    } else {
        print!(
            "valid: CheckMacValue matches\nkind: {kind}\ndedupe key: {}\nreply with: {}\nfields:\n{}",
            notification.dedupe_key(),
            notify::ack(),
            fields_text(notification.raw())
        );
    }
    Ok(())
}
