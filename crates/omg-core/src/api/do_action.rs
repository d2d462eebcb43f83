//! DoAction: capture, refund, cancel a capture or abandon a card authorisation (protocol.md §6).
//!
//! Money-moving and not idempotent: never send it again once it may have reached the gateway;
//! reconcile an unknown outcome with QueryTrade/V2. The reply is raw `k=v` and NOT signed.

use crate::config::Credentials;
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::rules;

use super::reply::{render_raw, require_success, unsigned_raw};
use super::request::{self, check_amount, check_platform_id, check_trade_number, push_platform_id, signed, Reader};
use super::{Api, ApiRequest};

/// What DoAction does to a card payment. See the state table in protocol.md §6: C moves an
/// authorisation to capture-pending, E takes a pending capture back, R refunds (partially while
/// capture-pending, fully or partially once captured), N abandons an uncaptured authorisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// `C`: capture (關帳), amount ≤ authorised.
    Capture,
    /// `R`: refund (退刷), amount ≤ captured − refunded.
    Refund,
    /// `E`: cancel a pending capture (取消).
    CancelCapture,
    /// `N`: abandon the authorisation (放棄).
    Abandon,
}

impl Action {
    /// The one-letter wire code.
    pub fn code(&self) -> &'static str {
        match self {
            Action::Capture => "C",
            Action::Refund => "R",
            Action::CancelCapture => "E",
            Action::Abandon => "N",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        match code {
            "C" => Some(Action::Capture),
            "R" => Some(Action::Refund),
            "E" => Some(Action::CancelCapture),
            "N" => Some(Action::Abandon),
            _ => None,
        }
    }
}

/// Builds the signed request: MerchantID, MerchantTradeNo, TradeNo, Action, TotalAmount,
/// PlatformID when given, CheckMacValue (DoAction carries no TimeStamp).
pub fn request(
    credentials: &Credentials,
    merchant_trade_no: &str,
    trade_no: &str,
    action: Action,
    total_amount: i64,
    platform_id: Option<&str>,
) -> Result<ApiRequest> {
    let mut errors: Vec<FieldError> = Vec::new();
    check_trade_number("MerchantTradeNo", merchant_trade_no, &mut errors);
    check_trade_number("TradeNo", trade_no, &mut errors);
    check_amount("TotalAmount", total_amount, &mut errors);
    check_platform_id(platform_id.unwrap_or(""), &mut errors);
    request::finish(errors)?;
    let mut fields = Fields::new();
    fields.push("MerchantID", credentials.merchant_id());
    fields.push("MerchantTradeNo", merchant_trade_no);
    fields.push("TradeNo", trade_no);
    fields.push("Action", action.code());
    fields.push("TotalAmount", total_amount.to_string());
    push_platform_id(&mut fields, platform_id);
    signed(Api::DoAction, fields, credentials)
}

/// A DoAction request as the gateway reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoActionRequest {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub trade_no: String,
    pub action: Action,
    pub total_amount: i64,
    pub platform_id: Option<String>,
}

/// omg-sim side: verifies CheckMacValue and MerchantID, then reads the fields: Action one of
/// `C R E N` (rule `one_of`), TotalAmount a whole number ≥ 1.
pub fn parse_request(fields: &Fields, credentials: &Credentials) -> Result<DoActionRequest> {
    request::verify_incoming(fields, credentials)?;
    let mut r = Reader::new(fields);
    let merchant_trade_no = r.trade_number("MerchantTradeNo").to_string();
    let trade_no = r.trade_number("TradeNo").to_string();
    let code = r.required("Action");
    let action = Action::from_code(code);
    if action.is_none() && !code.is_empty() {
        r.errors.push(FieldError::new("Action", rules::ONE_OF, format!("Action must be C, R, E or N, not {code:?}")));
    }
    let total_amount = r.number("TotalAmount");
    if r.errors.iter().all(|e| e.field != "TotalAmount") {
        check_amount("TotalAmount", total_amount, &mut r.errors);
    }
    let platform_id = r.optional("PlatformID").map(String::from);
    r.finish()?;
    // Present whenever `finish` passed; the check only avoids a placeholder value.
    let action = action.ok_or_else(|| Error::invalid("Action", rules::REQUIRED, "Action is required"))?;
    Ok(DoActionRequest {
        merchant_id: credentials.merchant_id().to_string(),
        merchant_trade_no,
        trade_no,
        action,
        total_amount,
        platform_id,
    })
}

/// The reply: the action was accepted (RtnCode 1).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DoActionResult {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub trade_no: String,
    pub rtn_code: i64,
    pub rtn_msg: String,
    /// Every field received. Ignored by `render_reply`.
    pub raw: Fields,
}

/// Reads a reply (unsigned): `Error::Gateway` for a RtnCode other than 1 (RtnMsg such as
/// `error_overDAY`), `Error::Decode` for a missing or non-numeric RtnCode or an unreadable body.
pub fn parse_reply(body: &[u8]) -> Result<DoActionResult> {
    let raw = unsigned_raw(body)?;
    let rtn_code = require_success(&raw)?;
    let text = |name: &str| raw.get(name).unwrap_or("").to_string();
    Ok(DoActionResult {
        merchant_id: text("MerchantID"),
        merchant_trade_no: text("MerchantTradeNo"),
        trade_no: text("TradeNo"),
        rtn_code,
        rtn_msg: text("RtnMsg"),
        raw,
    })
}

/// omg-sim side: the reply body, `MerchantID`, `MerchantTradeNo`, `TradeNo`, `RtnCode`, `RtnMsg`,
/// unsigned, values not encoded. Use it for refusals too (RtnCode ≠ 1). `result.raw` is not used.
pub fn render_reply(result: &DoActionResult) -> String {
    let mut fields = Fields::new();
    fields.push("MerchantID", result.merchant_id.as_str());
    fields.push("MerchantTradeNo", result.merchant_trade_no.as_str());
    fields.push("TradeNo", result.trade_no.as_str());
    fields.push("RtnCode", result.rtn_code.to_string());
    fields.push("RtnMsg", result.rtn_msg.as_str());
    render_raw(&fields)
}
