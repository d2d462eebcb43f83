//! Reading reply bodies: format detection, refusals, signatures. The same rules for every API.

use serde_json::Value;

use crate::config::Credentials;
use crate::error::{Error, Result};
use crate::fields::Fields;
use crate::mac::meaning::{check_meaning, Shape};
use crate::mac::{self, HashMethod};

use super::json;

/// True when `body` is JSON: its first character after any byte-order mark and whitespace is `{`.
/// Decided by content because some deployments label JSON `text/html`.
pub fn is_json(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// omg-sim side: an unsigned refusal, `RtnCode={code}&RtnMsg={msg}`, for a request the gateway
/// cannot answer in the API's own format (a bad CheckMacValue, a stale TimeStamp). The spec does
/// not document this body; every `parse_reply` turns it into `Error::Gateway`.
pub fn render_refusal(rtn_code: i64, rtn_msg: &str) -> String {
    let mut fields = Fields::new();
    fields.push("RtnCode", rtn_code.to_string());
    fields.push("RtnMsg", rtn_msg);
    render_raw(&fields)
}

/// Joins fields as a raw reply, `k=v&k=v`, values as they are: literal spaces and `+`, nothing
/// encoded (the gateway's QueryTradeInfo format). A value holding `&` cannot be read back
/// unambiguously; the real gateway has the same flaw, so it is not hidden here.
pub(crate) fn render_raw(fields: &Fields) -> String {
    let mut out = String::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// The reply as text: UTF-8 without a byte-order mark, not blank.
fn text(body: &[u8]) -> Result<&str> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = std::str::from_utf8(body)
        .map_err(|e| Error::Decode(format!("the reply is not valid UTF-8 (at byte {})", e.valid_up_to())))?;
    if text.trim().is_empty() {
        return Err(Error::Decode("the reply is empty".into()));
    }
    Ok(text)
}

/// The start of a reply, for error messages.
fn snippet(text: &str) -> String {
    const MAX: usize = 120;
    let trimmed = text.trim();
    match trimmed.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &trimmed[..at]),
        None => trimmed.to_string(),
    }
}

/// A refusal found in a reply that is not in the API's format: `{code}|{msg}` text, or a JSON or
/// `k=v` body with a RtnCode other than 1 / a RtnMsg. `None` when it is not recognisably one.
fn refusal_in(text: &str) -> Option<Error> {
    let trimmed = text.trim();
    if is_json(trimmed.as_bytes()) {
        let value: Value = serde_json::from_str(trimmed).ok()?;
        let code = json::int(&value, "RtnCode");
        let msg = json::text(&value, "RtnMsg");
        return match code {
            Some(1) => None,
            Some(code) => Some(gateway(Some(code), msg)),
            None if !msg.is_empty() => Some(gateway(None, msg)),
            None => None,
        };
    }
    if let Some((code, msg)) = trimmed.split_once('|') {
        if !trimmed.contains('=') {
            if let Ok(code) = code.trim().parse::<i64>() {
                return (code != crate::codes::SUCCESS).then(|| gateway(Some(code), msg.trim().to_string()));
            }
        }
    }
    fields_refusal(&Fields::parse_raw(trimmed).ok()?)
}

/// A refusal carried by `k=v` fields: a numeric RtnCode other than 1.
fn fields_refusal(fields: &Fields) -> Option<Error> {
    match fields.get("RtnCode")?.trim().parse::<i64>().ok()? {
        1 => None,
        code => Some(gateway(Some(code), fields.get("RtnMsg").unwrap_or("").to_string())),
    }
}

pub(crate) fn gateway(rtn_code: Option<i64>, rtn_msg: String) -> Error {
    Error::Gateway { rtn_code, rtn_msg }
}

/// A `k=v` reply, split and never decoded. A JSON or `{code}|{msg}` refusal becomes
/// `Error::Gateway`; HTML and other text without `=` are `Error::Decode`.
fn raw_fields(text: &str) -> Result<Fields> {
    // An HTML page (a proxy's error page, a login wall) holds `=` in its attributes; it is not a
    // reply, whatever a k=v split would make of it.
    if text.trim_start().starts_with('<') {
        return Err(Error::Decode(format!("expected a k=v reply, got HTML: {:?}", snippet(text))));
    }
    if is_json(text.as_bytes()) || !text.contains('=') {
        return Err(
            refusal_in(text).unwrap_or_else(|| Error::Decode(format!("expected a k=v reply, got {:?}", snippet(text))))
        );
    }
    Fields::parse_raw(text).map_err(|e| match e {
        Error::Decode(reason) => Error::Decode(format!("unreadable k=v reply: {reason}")),
        Error::Validation(errors) => Error::Decode(format!(
            "unreadable k=v reply: {}",
            errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ")
        )),
        other => other,
    })
}

/// A signed `k=v` reply, verified over the values exactly as received. A reply without
/// CheckMacValue is a refusal when it carries a RtnCode other than 1, otherwise a signature
/// error (an unsigned "success" is never trusted). A verified reply whose reading could differ
/// from what was signed is refused too ([`check_meaning`] with `shape`).
pub(crate) fn signed_raw(body: &[u8], credentials: &Credentials, shape: Shape) -> Result<Fields> {
    let fields = verified_raw(body, credentials)?;
    check_meaning(&fields, shape)?;
    Ok(fields)
}

/// [`signed_raw`] without the meaning check, for a caller that runs it with the fields' known
/// names found once (`check_meaning_known`).
pub(crate) fn verified_raw(body: &[u8], credentials: &Credentials) -> Result<Fields> {
    let text = text(body)?;
    // A reply that looks like one is verified from borrowed slices first (mac::body); any other
    // goes the ordinary way below, which reads the same fields when both can.
    if !text.trim_start().starts_with('<') && !is_json(text.as_bytes()) && text.contains('=') {
        let verified = mac::body::verify_raw(text, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256)?;
        if let Some(fields) = verified {
            return Ok(fields);
        }
    }
    let fields = raw_fields(text)?;
    if !fields.contains(mac::CHECK_MAC_VALUE) {
        return Err(
            fields_refusal(&fields).unwrap_or_else(|| Error::Signature("the reply carries no CheckMacValue".into()))
        );
    }
    mac::verify(&fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256)?;
    Ok(fields)
}

/// A signed `k=v` reply that may arrive form-encoded (CreditCardPeriodAction is documented as
/// `application/x-www-form-urlencoded`, and its Chinese RtnMsg may come percent-encoded): verified
/// over the raw values first, then over the form-decoded values; only when both fail is it a
/// signature error (the first one). The fields returned are those that verified, and they must
/// mean what was signed ([`check_meaning`] with `shape`) whichever reading verified.
pub(crate) fn signed_raw_or_form(body: &[u8], credentials: &Credentials, shape: Shape) -> Result<Fields> {
    let first = match signed_raw(body, credentials, shape) {
        Err(Error::Signature(reason)) => reason,
        other => return other,
    };
    let decoded = Fields::parse_form(text(body)?.trim().as_bytes()).ok().filter(|f| f.contains(mac::CHECK_MAC_VALUE));
    match decoded {
        Some(fields)
            if mac::verify(&fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256).is_ok() =>
        {
            check_meaning(&fields, shape)?;
            Ok(fields)
        }
        _ => Err(Error::Signature(first)),
    }
}

/// An unsigned `k=v` reply.
pub(crate) fn unsigned_raw(body: &[u8]) -> Result<Fields> {
    raw_fields(text(body)?)
}

/// RtnCode of a `k=v` reply: `Error::Decode` when missing or not a number, `Error::Gateway` when
/// not 1.
pub(crate) fn require_success(fields: &Fields) -> Result<i64> {
    let raw = fields.get("RtnCode").ok_or_else(|| Error::Decode("the reply carries no RtnCode".into()))?;
    let code: i64 = raw.trim().parse().map_err(|_| Error::Decode(format!("RtnCode {raw:?} is not a number")))?;
    if code != crate::codes::SUCCESS {
        return Err(gateway(Some(code), fields.get("RtnMsg").unwrap_or("").to_string()));
    }
    Ok(code)
}

/// A JSON object reply. A `k=v` or `{code}|{msg}` refusal becomes `Error::Gateway`; anything
/// else that is not a JSON object is `Error::Decode`.
pub(crate) fn json_object(body: &[u8]) -> Result<Value> {
    let text = text(body)?;
    if !is_json(text.as_bytes()) {
        return Err(refusal_in(text)
            .unwrap_or_else(|| Error::Decode(format!("expected a JSON reply, got {:?}", snippet(text)))));
    }
    let value: Value =
        serde_json::from_str(text.trim()).map_err(|e| Error::Decode(format!("unreadable JSON reply: {e}")))?;
    if !value.is_object() {
        return Err(Error::Decode("the JSON reply is not an object".into()));
    }
    Ok(value)
}
