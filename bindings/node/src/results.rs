//! The typed results of the server APIs as plain JS objects: named properties in camelCase and
//! `raw`, everything the gateway sent. Absent numbers are left out (read as `undefined`).

use napi_derive::napi;
use omg_core::api::do_action::DoActionResult;
use omg_core::api::period_action::PeriodActionResult;
use omg_core::api::query_credit_detail::{CloseEntry, CreditDetail};
use omg_core::api::query_period_info::{ExecLogEntry, PeriodInfo};
use omg_core::api::query_trade_info::TradeInfo;
use serde_json::Value;

use crate::convert::OrderedFields;

/// QueryTradeInfo/V5.
#[napi(object, object_from_js = false)]
pub struct JsTradeInfo {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub store_id: String,
    pub trade_no: String,
    pub trade_amt: Option<i64>,
    pub payment_date: String,
    pub payment_type: String,
    pub handling_charge: String,
    pub payment_type_charge_fee: String,
    pub trade_date: String,
    /// The wire value: `0` not paid, `1` paid, `10200095` never chose a method, or as received.
    pub trade_status: String,
    /// `not_paid`, `paid`, `never_chose_payment` or `unknown`.
    pub trade_status_name: String,
    pub is_paid: bool,
    pub item_name: String,
    /// CustomField1–4.
    pub custom_fields: Vec<String>,
    /// The fields beyond the known ones (NeedExtraPaidInfo fields such as gwsr), in order.
    pub extra: OrderedFields,
    /// Every field received, in order, CheckMacValue included.
    pub raw: OrderedFields,
}

impl From<TradeInfo> for JsTradeInfo {
    fn from(t: TradeInfo) -> Self {
        let is_paid = t.is_paid();
        JsTradeInfo {
            merchant_id: t.merchant_id,
            merchant_trade_no: t.merchant_trade_no,
            store_id: t.store_id,
            trade_no: t.trade_no,
            trade_amt: t.trade_amt,
            payment_date: t.payment_date,
            payment_type: t.payment_type,
            handling_charge: t.handling_charge,
            payment_type_charge_fee: t.payment_type_charge_fee,
            trade_date: t.trade_date,
            trade_status: t.trade_status.as_str().to_string(),
            trade_status_name: t.trade_status.name().to_string(),
            is_paid,
            item_name: t.item_name,
            custom_fields: t.custom_fields.to_vec(),
            extra: OrderedFields(t.extra),
            raw: OrderedFields(t.raw),
        }
    }
}

/// One charge of a recurring schedule.
#[napi(object, object_from_js = false)]
pub struct JsExecLogEntry {
    pub rtn_code: Option<i64>,
    pub rtn_msg: String,
    pub amount: Option<i64>,
    pub gwsr: String,
    pub process_date: String,
    pub auth_code: String,
    pub trade_no: String,
}

impl From<ExecLogEntry> for JsExecLogEntry {
    fn from(e: ExecLogEntry) -> Self {
        JsExecLogEntry {
            rtn_code: e.rtn_code,
            rtn_msg: e.rtn_msg,
            amount: e.amount,
            gwsr: e.gwsr,
            process_date: e.process_date,
            auth_code: e.auth_code,
            trade_no: e.trade_no,
        }
    }
}

/// QueryCreditCardPeriodInfo.
#[napi(object, object_from_js = false)]
pub struct JsPeriodInfo {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub trade_no: String,
    pub rtn_code: i64,
    pub period_type: String,
    pub frequency: Option<i64>,
    pub exec_times: Option<i64>,
    pub period_amount: Option<i64>,
    pub amount: Option<i64>,
    pub gwsr: String,
    pub process_date: String,
    pub auth_code: String,
    #[napi(js_name = "card4no")]
    pub card4no: String,
    #[napi(js_name = "card6no")]
    pub card6no: String,
    pub total_success_times: Option<i64>,
    pub total_success_amount: Option<i64>,
    /// `0` cancelled, `1` running, `2` finished, or as received; absent when the reply had none.
    pub exec_status: Option<String>,
    /// `cancelled`, `running`, `finished` or `unknown`; absent with `execStatus`.
    pub exec_status_name: Option<String>,
    pub exec_log: Vec<JsExecLogEntry>,
    /// The JSON received.
    pub raw: Value,
}

impl From<PeriodInfo> for JsPeriodInfo {
    fn from(p: PeriodInfo) -> Self {
        JsPeriodInfo {
            merchant_id: p.merchant_id,
            merchant_trade_no: p.merchant_trade_no,
            trade_no: p.trade_no,
            rtn_code: p.rtn_code,
            period_type: p.period_type,
            frequency: p.frequency,
            exec_times: p.exec_times,
            period_amount: p.period_amount,
            amount: p.amount,
            gwsr: p.gwsr,
            process_date: p.process_date,
            auth_code: p.auth_code,
            card4no: p.card4no,
            card6no: p.card6no,
            total_success_times: p.total_success_times,
            total_success_amount: p.total_success_amount,
            exec_status: p.exec_status.as_ref().map(|s| s.as_str().to_string()),
            exec_status_name: p.exec_status.as_ref().map(|s| s.name().to_string()),
            exec_log: p.exec_log.into_iter().map(JsExecLogEntry::from).collect(),
            raw: p.raw,
        }
    }
}

/// CreditCardPeriodAction.
#[napi(object, object_from_js = false)]
pub struct JsPeriodActionResult {
    pub rtn_code: i64,
    pub rtn_msg: String,
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub raw: OrderedFields,
}

impl From<PeriodActionResult> for JsPeriodActionResult {
    fn from(r: PeriodActionResult) -> Self {
        JsPeriodActionResult { rtn_code: r.rtn_code, rtn_msg: r.rtn_msg, merchant_id: r.merchant_id, merchant_trade_no: r.merchant_trade_no, raw: OrderedFields(r.raw) }
    }
}

/// DoAction.
#[napi(object, object_from_js = false)]
pub struct JsDoActionResult {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub trade_no: String,
    pub rtn_code: i64,
    pub rtn_msg: String,
    pub raw: OrderedFields,
}

impl From<DoActionResult> for JsDoActionResult {
    fn from(r: DoActionResult) -> Self {
        JsDoActionResult {
            merchant_id: r.merchant_id,
            merchant_trade_no: r.merchant_trade_no,
            trade_no: r.trade_no,
            rtn_code: r.rtn_code,
            rtn_msg: r.rtn_msg,
            raw: OrderedFields(r.raw),
        }
    }
}

/// One capture or refund of a card payment.
#[napi(object, object_from_js = false)]
pub struct JsCloseEntry {
    /// The gateway's word, as received (`已關帳`, ...).
    pub status: String,
    /// `authorised`, `capture_pending`, `captured`, `refund_pending`, `refunded` or `unknown`.
    pub status_name: String,
    pub sno: String,
    pub amount: Option<i64>,
    pub datetime: String,
}

impl From<CloseEntry> for JsCloseEntry {
    fn from(e: CloseEntry) -> Self {
        JsCloseEntry { status: e.status.as_str().to_string(), status_name: e.status.name().to_string(), sno: e.sno, amount: e.amount, datetime: e.datetime }
    }
}

/// QueryTrade/V2.
#[napi(object, object_from_js = false)]
pub struct JsCreditDetail {
    pub trade_id: String,
    /// The authorised amount.
    pub amount: Option<i64>,
    /// The captured amount (after refunds).
    pub clsamt: Option<i64>,
    /// As written by the gateway, e.g. `2016/5/12 下午 07:09:17`.
    pub authtime: String,
    /// The gateway's word, as received.
    pub status: String,
    /// `authorised`, `capture_pending`, `captured`, `refund_pending`, `refunded` or `unknown`.
    pub status_name: String,
    pub close_data: Vec<JsCloseEntry>,
    pub raw: Value,
}

impl From<CreditDetail> for JsCreditDetail {
    fn from(d: CreditDetail) -> Self {
        JsCreditDetail {
            trade_id: d.trade_id,
            amount: d.amount,
            clsamt: d.clsamt,
            authtime: d.authtime,
            status: d.status.as_str().to_string(),
            status_name: d.status.name().to_string(),
            close_data: d.close_data.into_iter().map(JsCloseEntry::from).collect(),
            raw: d.raw,
        }
    }
}
