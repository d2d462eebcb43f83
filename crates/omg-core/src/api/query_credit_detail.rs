//! QueryTrade/V2: the detail of a card payment — authorised, captured and refunded amounts and
//! the state of each capture or refund (protocol.md §6). The query that reconciles a DoAction
//! whose outcome is unknown.
//!
//! The request carries CreditCheckCode, a fixed per-merchant number from the back office (not a
//! hash); it is taken from the credentials and never shown in errors. The reply is JSON without a
//! signature, every value a string.

use serde_json::Value;

use crate::config::Credentials;
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::rules;

use super::json::{self, ObjectWriter};
use super::reply::{gateway, json_object};
use super::request::{self, check_amount, signed, Reader};
use super::{Api, ApiRequest};

/// Records an error unless CreditRefundId (a card payment's `gwsr`) is a non-empty digit string.
fn check_credit_refund_id(value: &str, errors: &mut Vec<FieldError>) {
    if value.is_empty() {
        errors.push(FieldError::new(
            "CreditRefundId",
            rules::REQUIRED,
            "CreditRefundId (the payment's gwsr) is required",
        ));
    } else if !value.bytes().all(|b| b.is_ascii_digit()) {
        errors.push(FieldError::new(
            "CreditRefundId",
            rules::CHARSET,
            "CreditRefundId (the payment's gwsr) holds digits only",
        ));
    }
}

/// Builds the signed request: MerchantID, CreditRefundId (the `gwsr` of the card payment),
/// CreditAmount (the authorised amount), CreditCheckCode (from `credentials`; missing →
/// `Error::Validation` on `CreditCheckCode`, rule `required`), CheckMacValue.
pub fn request(credentials: &Credentials, credit_refund_id: &str, credit_amount: i64) -> Result<ApiRequest> {
    let mut errors: Vec<FieldError> = Vec::new();
    check_credit_refund_id(credit_refund_id, &mut errors);
    check_amount("CreditAmount", credit_amount, &mut errors);
    let check_code = credentials.credit_check_code().filter(|c| !c.is_empty());
    if check_code.is_none() {
        errors.push(FieldError::new(
            "CreditCheckCode",
            rules::REQUIRED,
            "QueryTrade/V2 needs the merchant's CreditCheckCode (back office, credit card settings)",
        ));
    }
    request::finish(errors)?;
    let mut fields = Fields::new();
    fields.push("MerchantID", credentials.merchant_id());
    fields.push("CreditRefundId", credit_refund_id);
    fields.push("CreditAmount", credit_amount.to_string());
    fields.push("CreditCheckCode", check_code.unwrap_or_default());
    signed(Api::QueryCreditDetail, fields, credentials)
}

/// A QueryTrade/V2 request as the gateway reads it. The CreditCheckCode has been checked against
/// the credentials and is not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryCreditDetailRequest {
    pub merchant_id: String,
    pub credit_refund_id: String,
    pub credit_amount: i64,
}

/// omg-sim side: verifies CheckMacValue and MerchantID, then reads the fields. CreditCheckCode
/// must equal the credentials' (rule `mismatch`; `required` when the credentials hold none, as
/// nothing could be compared).
pub fn parse_request(fields: &Fields, credentials: &Credentials) -> Result<QueryCreditDetailRequest> {
    request::verify_incoming(fields, credentials)?;
    let mut r = Reader::new(fields);
    let credit_refund_id = fields.get("CreditRefundId").unwrap_or("").to_string();
    check_credit_refund_id(&credit_refund_id, &mut r.errors);
    let credit_amount = r.number("CreditAmount");
    let sent_code = r.required("CreditCheckCode");
    match credentials.credit_check_code() {
        None => r.errors.push(FieldError::new(
            "CreditCheckCode",
            rules::REQUIRED,
            "the merchant's credentials hold no CreditCheckCode",
        )),
        Some(expected) if !sent_code.is_empty() && !same_bytes(expected.as_bytes(), sent_code.as_bytes()) => {
            r.errors.push(FieldError::new("CreditCheckCode", rules::MISMATCH, "CreditCheckCode is not the merchant's"))
        }
        Some(_) => {}
    }
    r.finish()?;
    Ok(QueryCreditDetailRequest { merchant_id: credentials.merchant_id().to_string(), credit_refund_id, credit_amount })
}

/// Compares without an early exit: the code is a secret.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// The state of a card payment or of one capture/refund, mapped from the gateway's Chinese word.
/// The words are those V1.3.7 pp.50–51 lists, plus `要退款`/`已退款` of the V1.4.9 summary
/// (protocol.md §6); any other word is kept as `Other`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreditStatus {
    /// `已授權`: authorised, not captured.
    Authorised,
    /// `要關帳`: capture requested, not settled yet.
    CapturePending,
    /// `已關帳`: captured (settled).
    Captured,
    /// `要退款`: refund requested (V1.4.9 summary).
    RefundPending,
    /// `已退款`: refunded (V1.4.9 summary).
    Refunded,
    /// `已取消`: cancelled (an abandoned authorisation).
    Cancelled,
    /// `未授權`: not authorised.
    NotAuthorised,
    /// `銀行拒絕`: declined by the bank.
    Declined,
    /// `關帳中`: capture in progress.
    Capturing,
    /// `要取消`: cancellation requested.
    CancelPending,
    /// `取消中`: cancellation in progress.
    Cancelling,
    /// `銀行追回中`: the bank is charging back.
    ChargebackPending,
    /// `銀行已追回`: charged back.
    ChargedBack,
    /// `批次失敗`: the batch failed.
    BatchFailed,
    /// `不明`: unclear.
    Unclear,
    /// `操作取消`: operation cancelled.
    OperationCancelled,
    /// Any other word, kept as received.
    Other(String),
}

/// Every known word and its status, in the order of V1.3.7's list then V1.4.9's additions.
const WORDS: [(&str, CreditStatus); 16] = [
    ("已取消", CreditStatus::Cancelled),
    ("未授權", CreditStatus::NotAuthorised),
    ("已授權", CreditStatus::Authorised),
    ("銀行拒絕", CreditStatus::Declined),
    ("要關帳", CreditStatus::CapturePending),
    ("關帳中", CreditStatus::Capturing),
    ("已關帳", CreditStatus::Captured),
    ("要取消", CreditStatus::CancelPending),
    ("取消中", CreditStatus::Cancelling),
    ("銀行追回中", CreditStatus::ChargebackPending),
    ("銀行已追回", CreditStatus::ChargedBack),
    ("批次失敗", CreditStatus::BatchFailed),
    ("不明", CreditStatus::Unclear),
    ("操作取消", CreditStatus::OperationCancelled),
    ("要退款", CreditStatus::RefundPending),
    ("已退款", CreditStatus::Refunded),
];

impl CreditStatus {
    pub fn parse(value: &str) -> Self {
        WORDS
            .iter()
            .find(|(word, _)| *word == value)
            .map(|(_, status)| status.clone())
            .unwrap_or_else(|| CreditStatus::Other(value.to_string()))
    }

    /// The word exactly as the gateway writes it (for `Other`, as received).
    pub fn as_str(&self) -> &str {
        match self {
            CreditStatus::Other(value) => value,
            known => WORDS.iter().find(|(_, status)| status == known).map(|(word, _)| *word).unwrap_or(""),
        }
    }
}

impl Default for CreditStatus {
    fn default() -> Self {
        CreditStatus::Other(String::new())
    }
}

/// One capture or refund of the payment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CloseEntry {
    pub status: CreditStatus,
    pub sno: String,
    pub amount: Option<i64>,
    pub datetime: String,
}

/// The detail of a card payment. Numbers are `None` when absent or not whole numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CreditDetail {
    pub trade_id: String,
    /// The authorised amount.
    pub amount: Option<i64>,
    /// The captured amount (after refunds).
    pub clsamt: Option<i64>,
    /// As written by the gateway, e.g. `2016/5/12 下午 07:09:17`.
    pub authtime: String,
    pub status: CreditStatus,
    pub close_data: Vec<CloseEntry>,
    /// The JSON received. Ignored by `render_reply`.
    pub raw: Value,
}

/// Reads a reply: a non-empty RtnMsg (`error_Stop`, `error_nopay`, `error`) is `Error::Gateway`
/// (with no RtnCode: this API has none); an empty or non-JSON body, or a success without an
/// RtnValue object, is `Error::Decode`.
pub fn parse_reply(body: &[u8]) -> Result<CreditDetail> {
    let raw = json_object(body)?;
    let rtn_msg = json::text(&raw, "RtnMsg");
    if !rtn_msg.trim().is_empty() {
        return Err(gateway(None, rtn_msg));
    }
    // RtnValue is typed "String — JSON" (V1.3.7 p.49) although the sample shows an object:
    // both are accepted.
    let from_string: Value;
    let value = match raw.get("RtnValue") {
        Some(v @ Value::Object(_)) => v,
        Some(Value::String(text)) => {
            from_string = serde_json::from_str(text.trim())
                .map_err(|e| Error::Decode(format!("RtnValue is a string but not JSON: {e}")))?;
            if !from_string.is_object() {
                return Err(Error::Decode("RtnValue is a JSON string but not an object".into()));
            }
            &from_string
        }
        _ => return Err(Error::Decode("the QueryTrade/V2 reply carries no RtnValue object".into())),
    };
    let close_data = match value.get("close_data") {
        Some(Value::Array(entries)) => entries
            .iter()
            .map(|e| CloseEntry {
                status: CreditStatus::parse(&json::text(e, "status")),
                sno: json::text(e, "sno"),
                amount: json::int(e, "amount"),
                datetime: json::text(e, "datetime"),
            })
            .collect(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(Error::Decode("close_data is neither an array nor null".into())),
    };
    let detail = CreditDetail {
        trade_id: json::text(value, "TradeID"),
        amount: json::int(value, "amount"),
        clsamt: json::int(value, "clsamt"),
        authtime: json::text(value, "authtime"),
        status: CreditStatus::parse(&json::text(value, "status")),
        close_data,
        raw: Value::Null,
    };
    Ok(CreditDetail { raw, ..detail })
}

fn number_text(n: Option<i64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// omg-sim side: the JSON reply for `detail`, every value a string (a `None` amount is `""`),
/// keys in the documented order: `{"RtnMsg":"","RtnValue":{"TradeID","amount","clsamt",
/// "authtime","status","close_data":[{"status","sno","amount","datetime"}]}}`. `detail.raw` is
/// not used.
pub fn render_reply(detail: &CreditDetail) -> String {
    let close_data = json::array(detail.close_data.iter().map(|e| {
        ObjectWriter::new()
            .string("status", e.status.as_str())
            .string("sno", &e.sno)
            .string("amount", &number_text(e.amount))
            .string("datetime", &e.datetime)
            .finish()
    }));
    let value = ObjectWriter::new()
        .string("TradeID", &detail.trade_id)
        .string("amount", &number_text(detail.amount))
        .string("clsamt", &number_text(detail.clsamt))
        .string("authtime", &detail.authtime)
        .string("status", detail.status.as_str())
        .json("close_data", &close_data)
        .finish();
    ObjectWriter::new().string("RtnMsg", "").json("RtnValue", &value).finish()
}

/// omg-sim side: a refusal, `{"RtnMsg":"error_nopay","RtnValue":null}`. The spec documents the
/// RtnMsg words, not the rest of the body; null RtnValue is this project's choice.
pub fn render_error(rtn_msg: &str) -> String {
    ObjectWriter::new().string("RtnMsg", rtn_msg).null("RtnValue").finish()
}
