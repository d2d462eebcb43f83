//! CreditCardPeriodAction: cancel a recurring card schedule (protocol.md §6). Irreversible, and
//! not idempotent: when the outcome is unknown, ask QueryCreditCardPeriodInfo (ExecStatus `0` =
//! cancelled) instead of sending it again.
//!
//! The reply is raw `k=v` signed with CheckMacValue — the error reply too (RtnCode 10200083 with
//! empty MerchantID and MerchantTradeNo): it is verified first, then RtnCode is judged.

use crate::clock::Clock;
use crate::config::Credentials;
use crate::error::{FieldError, Result};
use crate::fields::Fields;
use crate::mac::meaning::Shape;
use crate::mac::{self, HashMethod};
use crate::rules;

use super::reply::{render_raw, require_success, signed_raw_or_form};
use super::request::{self, push_platform_id, signed, Reader};
use super::{Api, ApiRequest};

/// The only Action the API knows.
pub const ACTION_CANCEL: &str = "Cancel";

/// Builds the signed request: MerchantID, MerchantTradeNo, Action `Cancel`, TimeStamp,
/// PlatformID when given (a platform cancelling for its sub-merchant, V1.3.7 p.39),
/// CheckMacValue.
pub fn request(
    credentials: &Credentials,
    merchant_trade_no: &str,
    platform_id: Option<&str>,
    clock: &dyn Clock,
) -> Result<ApiRequest> {
    let mut fields = request::order_fields(credentials, merchant_trade_no, platform_id)?;
    fields.push("Action", ACTION_CANCEL);
    fields.push("TimeStamp", request::time_stamp(clock));
    push_platform_id(&mut fields, platform_id);
    signed(Api::PeriodAction, fields, credentials)
}

/// A CreditCardPeriodAction request as the gateway reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodActionRequest {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    /// Always `Cancel` (anything else is refused by `parse_request`).
    pub action: String,
    /// Unix seconds; check it with [`super::time_stamp_is_fresh`].
    pub time_stamp: i64,
    pub platform_id: Option<String>,
}

/// omg-sim side: verifies CheckMacValue and MerchantID, then reads the fields. Action must be
/// `Cancel` (rule `one_of`).
pub fn parse_request(fields: &Fields, credentials: &Credentials) -> Result<PeriodActionRequest> {
    request::verify_incoming(fields, credentials)?;
    let mut r = Reader::new(fields);
    let merchant_trade_no = r.trade_number("MerchantTradeNo").to_string();
    let action = r.required("Action").to_string();
    if !action.is_empty() && action != ACTION_CANCEL {
        r.errors.push(FieldError::new(
            "Action",
            rules::ONE_OF,
            format!("Action must be {ACTION_CANCEL}, not {action:?}"),
        ));
    }
    let time_stamp = r.number("TimeStamp");
    let platform_id = r.optional("PlatformID").map(String::from);
    r.finish()?;
    Ok(PeriodActionRequest {
        merchant_id: credentials.merchant_id().to_string(),
        merchant_trade_no,
        action,
        time_stamp,
        platform_id,
    })
}

/// The reply: the schedule was cancelled (RtnCode 1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodActionResult {
    pub rtn_code: i64,
    pub rtn_msg: String,
    pub merchant_id: String,
    pub merchant_trade_no: String,
    /// Every field received. Ignored by `render_reply`.
    pub raw: Fields,
}

/// Verifies and reads a reply — over the raw values, then over the form-decoded values (the
/// reply may arrive percent-encoded, `RtnMsg=%E5%81%9C%E7%94%A8%E6%88%90%E5%8A%9F` for
/// `停用成功`): `Error::Signature` first (even for an error reply), then
/// `Error::Gateway` for a RtnCode other than 1, `Error::Decode` for a missing or non-numeric
/// RtnCode or an unreadable body.
pub fn parse_reply(body: &[u8], credentials: &Credentials) -> Result<PeriodActionResult> {
    let raw = signed_raw_or_form(body, credentials, Shape::PeriodActionReply)?;
    let rtn_code = require_success(&raw)?;
    let text = |name: &str| raw.get(name).unwrap_or("").to_string();
    Ok(PeriodActionResult {
        rtn_code,
        rtn_msg: text("RtnMsg"),
        merchant_id: text("MerchantID"),
        merchant_trade_no: text("MerchantTradeNo"),
        raw,
    })
}

/// omg-sim side: the signed reply body, `RtnCode`, `RtnMsg`, `MerchantID`, `MerchantTradeNo`,
/// `CheckMacValue`, values not encoded. Use it for refusals too (e.g. RtnCode 10200083 with empty
/// ids). `result.raw` is not used.
pub fn render_reply(result: &PeriodActionResult, credentials: &Credentials) -> Result<String> {
    let mut fields = Fields::new();
    fields.push("RtnCode", result.rtn_code.to_string());
    fields.push("RtnMsg", result.rtn_msg.as_str());
    fields.push("MerchantID", result.merchant_id.as_str());
    fields.push("MerchantTradeNo", result.merchant_trade_no.as_str());
    mac::sign_in_place(&mut fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256)?;
    Ok(render_raw(&fields))
}
