//! `omg verify`: checks a notification body read from stdin; exit 0 valid, 1 forged.

use omg_core::mac::HashMethod;
use omg_core::notify;
use omg_core::{Error, Fields, Result};
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

pub fn run(args: &VerifyArgs) -> Result<()> {
    // The library's rule, exactly: the same size cap, the same bytes verified, nothing trimmed. A
    // trailing newline (what `echo` or an editor adds) is part of the body, as it would be for a
    // receiver, so it is refused as every library refuses it; the error says so.
    let body = read_stdin_capped(notify::MAX_BODY_BYTES)?;
    let merchant_id = Fields::parse_form(&body).ok().and_then(|f| f.get("MerchantID").map(str::to_string));
    let credentials = args.keys.credentials_for_body(merchant_id.as_deref())?;
    let method = if args.md5 { HashMethod::Md5 } else { HashMethod::Sha256 };
    let notification =
        notify::verify_notification_with(&body, &credentials, method).map_err(|e| name_the_newline(e, &body))?;
    let kind = notification.kind().as_str();
    if args.json {
        outln!(
            "{}",
            json!({"valid": true, "kind": kind, "dedupe_key": notification.dedupe_key(), "fields": fields_json(notification.raw())})
        );
    } else {
        out!(
            "valid: CheckMacValue matches\nkind: {kind}\ndedupe key: {}\nreply with: {}\nfields:\n{}",
            notification.dedupe_key(),
            notify::ack(),
            fields_text(notification.raw())
        );
    }
    Ok(())
}

/// Adds to a refusal of a body that ends in a line break why it most likely failed and how to
/// send it without one. The refusal itself (its kind, so the exit code) is the library's.
fn name_the_newline(error: Error, body: &[u8]) -> Error {
    if !body.ends_with(b"\n") {
        return error;
    }
    let hint = "the body ends with a newline, which the gateway never sends and every SDK refuses as part of the \
                body: pass it without one, e.g. printf %s \"$BODY\" | omg verify (echo adds a newline)";
    match error {
        Error::Signature(message) => Error::Signature(format!("{message}; {hint}")),
        Error::Decode(message) => Error::Decode(format!("{message}; {hint}")),
        Error::Validation(mut errors) => {
            for e in &mut errors {
                e.message = format!("{}; {hint}", e.message);
            }
            Error::Validation(errors)
        }
        other => other,
    }
}
