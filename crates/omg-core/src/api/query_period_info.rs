//! QueryCreditCardPeriodInfo: a recurring card schedule and its charges (protocol.md §6). The
//! way to recover a missed PeriodReturnURL notification, which the gateway sends only once.
//!
//! The reply is JSON without a signature. Numeric fields are read leniently (number or string):
//! real gateways write them both ways.

use serde_json::Value;

use crate::clock::Clock;
use crate::config::Credentials;
use crate::error::{Error, Result};
use crate::fields::Fields;

use super::json::{self, ObjectWriter};
use super::reply::{gateway, json_object};
use super::request::{self, push_platform_id, signed, Reader};
use super::{Api, ApiRequest};

/// RtnCode of a not-found order.
pub const NOT_FOUND: i64 = crate::codes::ORDER_NOT_FOUND;

/// Builds the signed request: MerchantID, MerchantTradeNo, TimeStamp, PlatformID when given
/// (a platform querying for its sub-merchant, V1.3.7 p.34), CheckMacValue.
pub fn request(
    credentials: &Credentials,
    merchant_trade_no: &str,
    platform_id: Option<&str>,
    clock: &dyn Clock,
) -> Result<ApiRequest> {
    let mut fields = request::order_fields(credentials, merchant_trade_no, platform_id)?;
    fields.push("TimeStamp", request::time_stamp(clock));
    push_platform_id(&mut fields, platform_id);
    signed(Api::QueryPeriodInfo, fields, credentials)
}

/// A QueryCreditCardPeriodInfo request as the gateway reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryPeriodInfoRequest {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    /// Unix seconds; check it with [`super::time_stamp_is_fresh`].
    pub time_stamp: i64,
    pub platform_id: Option<String>,
}

/// omg-sim side: verifies CheckMacValue and MerchantID, then reads the fields.
pub fn parse_request(fields: &Fields, credentials: &Credentials) -> Result<QueryPeriodInfoRequest> {
    request::verify_incoming(fields, credentials)?;
    let mut r = Reader::new(fields);
    let merchant_trade_no = r.trade_number("MerchantTradeNo").to_string();
    let time_stamp = r.number("TimeStamp");
    let platform_id = r.optional("PlatformID").map(String::from);
    r.finish()?;
    Ok(QueryPeriodInfoRequest {
        merchant_id: credentials.merchant_id().to_string(),
        merchant_trade_no,
        time_stamp,
        platform_id,
    })
}

/// ExecStatus: the state of the schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecStatus {
    /// `0`: cancelled (by the merchant or the gateway); can never be restarted.
    Cancelled,
    /// `1`: running.
    Running,
    /// `2`: finished, every period charged.
    Finished,
    /// Any other value, kept as received.
    Other(String),
}

impl ExecStatus {
    pub fn parse(value: &str) -> Self {
        match value.trim() {
            "0" => ExecStatus::Cancelled,
            "1" => ExecStatus::Running,
            "2" => ExecStatus::Finished,
            _ => ExecStatus::Other(value.to_string()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            ExecStatus::Cancelled => "0",
            ExecStatus::Running => "1",
            ExecStatus::Finished => "2",
            ExecStatus::Other(value) => value,
        }
    }
}

/// One charge of the schedule (the first one included).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecLogEntry {
    /// `None` when absent or not a whole number.
    pub rtn_code: Option<i64>,
    pub rtn_msg: String,
    pub amount: Option<i64>,
    pub gwsr: String,
    pub process_date: String,
    pub auth_code: String,
    pub trade_no: String,
}

/// A recurring schedule. Numbers are `None` when absent, null or not whole numbers; text is
/// empty when absent or null; `raw` is the JSON as received.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodInfo {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub trade_no: String,
    pub rtn_code: i64,
    /// `D`, `M` or `Y`.
    pub period_type: String,
    pub frequency: Option<i64>,
    pub exec_times: Option<i64>,
    pub period_amount: Option<i64>,
    /// The first authorisation's amount.
    pub amount: Option<i64>,
    pub gwsr: String,
    pub process_date: String,
    pub auth_code: String,
    pub card4no: String,
    pub card6no: String,
    pub total_success_times: Option<i64>,
    pub total_success_amount: Option<i64>,
    /// `None` when null or absent.
    pub exec_status: Option<ExecStatus>,
    pub exec_log: Vec<ExecLogEntry>,
    /// The JSON received. Ignored by `render_reply`.
    pub raw: Value,
}

impl Default for PeriodInfo {
    fn default() -> Self {
        PeriodInfo {
            merchant_id: String::new(),
            merchant_trade_no: String::new(),
            trade_no: String::new(),
            rtn_code: 1,
            period_type: String::new(),
            frequency: None,
            exec_times: None,
            period_amount: None,
            amount: None,
            gwsr: String::new(),
            process_date: String::new(),
            auth_code: String::new(),
            card4no: String::new(),
            card6no: String::new(),
            total_success_times: None,
            total_success_amount: None,
            exec_status: None,
            exec_log: Vec::new(),
            raw: Value::Null,
        }
    }
}

/// Reads a reply: `Error::Gateway` for a RtnCode other than 1 (10200047 for an unknown order),
/// `Error::Decode` for an empty or non-JSON body or a missing RtnCode. JSON is recognised by
/// content, whatever the Content-Type said.
pub fn parse_reply(body: &[u8]) -> Result<PeriodInfo> {
    let raw = json_object(body)?;
    let rtn_code = match json::int(&raw, "RtnCode") {
        Some(code) => code,
        // A refusal that names its reason but no code (`{"RtnMsg":"error_Stop"}`), as the other
        // APIs read it: the gateway's refusal, its message kept.
        None if !json::text(&raw, "RtnMsg").is_empty() => return Err(gateway(None, json::text(&raw, "RtnMsg"))),
        None => return Err(Error::Decode("the reply carries no numeric RtnCode".into())),
    };
    if rtn_code != crate::codes::SUCCESS {
        return Err(gateway(Some(rtn_code), json::text(&raw, "RtnMsg")));
    }
    let exec_status = match raw.get("ExecStatus") {
        None | Some(Value::Null) => None,
        Some(_) => Some(ExecStatus::parse(&json::text(&raw, "ExecStatus"))),
    };
    let exec_log = match raw.get("ExecLog") {
        Some(Value::Array(entries)) => entries.iter().map(exec_log_entry).collect(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(Error::Decode("ExecLog is neither an array nor null".into())),
    };
    let text = |key: &str| json::text(&raw, key);
    let int = |key: &str| json::int(&raw, key);
    Ok(PeriodInfo {
        merchant_id: text("MerchantID"),
        merchant_trade_no: text("MerchantTradeNo"),
        trade_no: text("TradeNo"),
        rtn_code,
        period_type: text("PeriodType"),
        frequency: int("Frequency"),
        exec_times: int("ExecTimes"),
        period_amount: int("PeriodAmount"),
        amount: int("amount"),
        gwsr: text("gwsr"),
        process_date: text("process_date"),
        auth_code: text("auth_code"),
        card4no: text("card4no"),
        card6no: text("card6no"),
        total_success_times: int("TotalSuccessTimes"),
        total_success_amount: int("TotalSuccessAmount"),
        exec_status,
        exec_log,
        raw,
    })
}

fn exec_log_entry(entry: &Value) -> ExecLogEntry {
    ExecLogEntry {
        rtn_code: json::int(entry, "RtnCode"),
        rtn_msg: json::text(entry, "RtnMsg"),
        amount: json::int(entry, "amount"),
        gwsr: json::text(entry, "gwsr"),
        process_date: json::text(entry, "process_date"),
        auth_code: json::text(entry, "auth_code"),
        trade_no: json::text(entry, "TradeNo"),
    }
}

/// gwsr is a number on the wire when it looks like one, as in the gateway's published samples.
fn write_gwsr(w: &mut ObjectWriter, gwsr: &str) {
    match gwsr.parse::<i64>() {
        Ok(n) if !gwsr.starts_with('0') || gwsr == "0" => w.number("gwsr", n),
        _ => w.string("gwsr", gwsr),
    };
}

/// omg-sim side: the JSON reply for `info`, keys in the order of protocol.md §6. RtnCode,
/// amounts, counts and a numeric gwsr are JSON numbers (null when `None`); ExecStatus is a
/// string (null when `None`); the rest are strings. `info.raw` is not used.
pub fn render_reply(info: &PeriodInfo) -> String {
    let log = json::array(info.exec_log.iter().map(|e| {
        let mut w = ObjectWriter::new();
        w.number_or_null("RtnCode", e.rtn_code).string("RtnMsg", &e.rtn_msg).number_or_null("amount", e.amount);
        write_gwsr(&mut w, &e.gwsr);
        w.string("process_date", &e.process_date).string("auth_code", &e.auth_code).string("TradeNo", &e.trade_no);
        w.finish()
    }));
    let mut w = ObjectWriter::new();
    w.string("MerchantID", &info.merchant_id)
        .string("MerchantTradeNo", &info.merchant_trade_no)
        .string("TradeNo", &info.trade_no)
        .number("RtnCode", info.rtn_code)
        .string("PeriodType", &info.period_type)
        .number_or_null("Frequency", info.frequency)
        .number_or_null("ExecTimes", info.exec_times)
        .number_or_null("PeriodAmount", info.period_amount)
        .number_or_null("amount", info.amount);
    write_gwsr(&mut w, &info.gwsr);
    w.string("process_date", &info.process_date)
        .string("auth_code", &info.auth_code)
        .string("card4no", &info.card4no)
        .string("card6no", &info.card6no)
        .number_or_null("TotalSuccessTimes", info.total_success_times)
        .number_or_null("TotalSuccessAmount", info.total_success_amount);
    match &info.exec_status {
        Some(status) => w.string("ExecStatus", status.as_str()),
        None => w.null("ExecStatus"),
    };
    w.json("ExecLog", &log);
    w.finish()
}

/// omg-sim side: the reply for an order the gateway does not know, the documented shape
/// `{"RtnCode":10200047, "ExecStatus":null, "ExecLog":null, ...}` with the other keys empty.
pub fn render_not_found(merchant_id: &str, merchant_trade_no: &str) -> String {
    let mut w = ObjectWriter::new();
    w.string("MerchantID", merchant_id)
        .string("MerchantTradeNo", merchant_trade_no)
        .string("TradeNo", "")
        .number("RtnCode", NOT_FOUND)
        .string("PeriodType", "")
        .number("Frequency", 0)
        .number("ExecTimes", 0)
        .number("PeriodAmount", 0)
        .number("amount", 0)
        .number("gwsr", 0)
        .string("process_date", "")
        .string("auth_code", "")
        .string("card4no", "")
        .string("card6no", "")
        .number("TotalSuccessTimes", 0)
        .number("TotalSuccessAmount", 0)
        .null("ExecStatus")
        .null("ExecLog");
    w.finish()
}
