//! The typed results of the server APIs, one class per omg-core result type. Properties are
//! copies of omg-core's fields; `raw` is everything received (a new dict on each access).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use omg_core::api::do_action::DoActionResult as CoreDoAction;
use omg_core::api::period_action::PeriodActionResult as CorePeriodAction;
use omg_core::api::query_credit_detail::{CloseEntry as CoreCloseEntry, CreditDetail as CoreCreditDetail};
use omg_core::api::query_period_info::{ExecLogEntry as CoreExecLogEntry, PeriodInfo as CorePeriodInfo};
use omg_core::api::query_trade_info::TradeInfo as CoreTradeInfo;
use omg_core::Fields;

use crate::convert::{fields_to_dict, json_to_py, repr_opt};

/// Where `raw` comes from: the k=v fields of a text reply or the JSON of a JSON reply.
enum Raw {
    Fields(Fields),
    Json(serde_json::Value),
}

impl Raw {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Raw::Fields(f) => Ok(fields_to_dict(py, f)?.into_any()),
            Raw::Json(v) => json_to_py(py, v),
        }
    }
}

/// QueryTradeInfo/V5: the state of one order.
#[pyclass(frozen, module = "omg_payment")]
pub struct TradeInfo {
    /// MerchantID.
    #[pyo3(get)]
    merchant_id: String,
    /// MerchantTradeNo: your order number.
    #[pyo3(get)]
    merchant_trade_no: String,
    /// StoreID.
    #[pyo3(get)]
    store_id: String,
    /// TradeNo: the gateway's trade number (empty while the payer has not chosen a method).
    #[pyo3(get)]
    trade_no: String,
    /// TradeAmt as an int, or None when absent.
    #[pyo3(get)]
    trade_amt: Option<i64>,
    /// PaymentDate.
    #[pyo3(get)]
    payment_date: String,
    /// PaymentType, e.g. Credit_CreditCard.
    #[pyo3(get)]
    payment_type: String,
    /// HandlingCharge.
    #[pyo3(get)]
    handling_charge: String,
    /// PaymentTypeChargeFee (may be decimal).
    #[pyo3(get)]
    payment_type_charge_fee: String,
    /// TradeDate.
    #[pyo3(get)]
    trade_date: String,
    /// TradeStatus as sent: "0" not paid, "1" paid, "10200095" the payer never chose a method.
    #[pyo3(get)]
    trade_status: String,
    /// TradeStatus by name: "not_paid", "paid", "never_chose_payment" or "unknown".
    #[pyo3(get)]
    trade_status_name: &'static str,
    /// True when TradeStatus is 1.
    #[pyo3(get)]
    is_paid: bool,
    /// ItemName.
    #[pyo3(get)]
    item_name: String,
    /// CustomField1 to CustomField4.
    #[pyo3(get)]
    custom_fields: (String, String, String, String),
    extra: Fields,
    raw: Raw,
}

impl From<CoreTradeInfo> for TradeInfo {
    fn from(t: CoreTradeInfo) -> Self {
        let [c1, c2, c3, c4] = t.custom_fields;
        TradeInfo {
            trade_status: t.trade_status.as_str().to_string(),
            trade_status_name: t.trade_status.name(),
            is_paid: t.trade_status == omg_core::api::query_trade_info::TradeStatus::Paid,
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
            item_name: t.item_name,
            custom_fields: (c1, c2, c3, c4),
            extra: t.extra,
            raw: Raw::Fields(t.raw),
        }
    }
}

#[pymethods]
impl TradeInfo {
    /// The fields beyond the documented ones (e.g. NeedExtraPaidInfo's), as a dict.
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        fields_to_dict(py, &self.extra)
    }

    /// Every field received, as a dict, values exactly as sent (spaces and '+' kept).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.raw.to_py(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "<TradeInfo merchant_trade_no={:?} trade_status={:?} trade_amt={}>",
            self.merchant_trade_no, self.trade_status_name, repr_opt(self.trade_amt)
        )
    }
}

/// One charge in a recurring schedule's ExecLog.
#[pyclass(frozen, get_all, module = "omg_payment")]
pub struct ExecLogEntry {
    /// RtnCode of this charge (1 = charged).
    rtn_code: Option<i64>,
    /// RtnMsg of this charge.
    rtn_msg: String,
    /// The amount charged.
    amount: Option<i64>,
    /// The card authorisation number.
    gwsr: String,
    /// When the card was charged.
    process_date: String,
    /// The bank's authorisation code.
    auth_code: String,
    /// TradeNo of this charge.
    trade_no: String,
}

#[pymethods]
impl ExecLogEntry {
    fn __repr__(&self) -> String {
        format!("<ExecLogEntry rtn_code={} amount={} process_date={:?}>", repr_opt(self.rtn_code), repr_opt(self.amount), self.process_date)
    }
}

impl From<CoreExecLogEntry> for ExecLogEntry {
    fn from(e: CoreExecLogEntry) -> Self {
        ExecLogEntry {
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

/// QueryCreditCardPeriodInfo: a recurring schedule and its charges.
#[pyclass(frozen, module = "omg_payment")]
pub struct PeriodInfo {
    /// MerchantID.
    #[pyo3(get)]
    merchant_id: String,
    /// MerchantTradeNo.
    #[pyo3(get)]
    merchant_trade_no: String,
    /// TradeNo of the first charge.
    #[pyo3(get)]
    trade_no: String,
    /// RtnCode (1).
    #[pyo3(get)]
    rtn_code: i64,
    /// PeriodType: D, M or Y.
    #[pyo3(get)]
    period_type: String,
    /// Frequency.
    #[pyo3(get)]
    frequency: Option<i64>,
    /// ExecTimes: charges in all.
    #[pyo3(get)]
    exec_times: Option<i64>,
    /// PeriodAmount.
    #[pyo3(get)]
    period_amount: Option<i64>,
    /// amount: the first authorised amount.
    #[pyo3(get)]
    amount: Option<i64>,
    /// gwsr of the first charge.
    #[pyo3(get)]
    gwsr: String,
    /// process_date of the first charge.
    #[pyo3(get)]
    process_date: String,
    /// auth_code of the first charge.
    #[pyo3(get)]
    auth_code: String,
    /// card4no: last 4 card digits.
    #[pyo3(get)]
    card4no: String,
    /// card6no: first 6 card digits.
    #[pyo3(get)]
    card6no: String,
    /// TotalSuccessTimes.
    #[pyo3(get)]
    total_success_times: Option<i64>,
    /// TotalSuccessAmount.
    #[pyo3(get)]
    total_success_amount: Option<i64>,
    /// ExecStatus as sent ("0" cancelled, "1" running, "2" finished), or None.
    #[pyo3(get)]
    exec_status: Option<String>,
    /// ExecStatus by name: "cancelled", "running", "finished", "unknown", or None.
    #[pyo3(get)]
    exec_status_name: Option<&'static str>,
    exec_log: Vec<CoreExecLogEntry>,
    raw: Raw,
}

impl From<CorePeriodInfo> for PeriodInfo {
    fn from(p: CorePeriodInfo) -> Self {
        PeriodInfo {
            exec_status: p.exec_status.as_ref().map(|s| s.as_str().to_string()),
            exec_status_name: p.exec_status.as_ref().map(|s| s.name()),
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
            exec_log: p.exec_log,
            raw: Raw::Json(p.raw),
        }
    }
}

#[pymethods]
impl PeriodInfo {
    /// ExecLog: every charge so far, oldest first.
    #[getter]
    fn exec_log(&self) -> Vec<ExecLogEntry> {
        self.exec_log.iter().cloned().map(ExecLogEntry::from).collect()
    }

    /// The JSON received, as Python objects.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.raw.to_py(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "<PeriodInfo merchant_trade_no={:?} exec_status={} total_success_times={}>",
            self.merchant_trade_no, repr_opt(self.exec_status_name), repr_opt(self.total_success_times)
        )
    }
}

/// CreditCardPeriodAction: the schedule was cancelled.
#[pyclass(frozen, module = "omg_payment")]
pub struct PeriodActionResult {
    /// RtnCode (1).
    #[pyo3(get)]
    rtn_code: i64,
    /// RtnMsg.
    #[pyo3(get)]
    rtn_msg: String,
    /// MerchantID.
    #[pyo3(get)]
    merchant_id: String,
    /// MerchantTradeNo.
    #[pyo3(get)]
    merchant_trade_no: String,
    raw: Raw,
}

impl From<CorePeriodAction> for PeriodActionResult {
    fn from(r: CorePeriodAction) -> Self {
        PeriodActionResult {
            rtn_code: r.rtn_code,
            rtn_msg: r.rtn_msg,
            merchant_id: r.merchant_id,
            merchant_trade_no: r.merchant_trade_no,
            raw: Raw::Fields(r.raw),
        }
    }
}

#[pymethods]
impl PeriodActionResult {
    /// Every field received, as a dict.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.raw.to_py(py)
    }

    fn __repr__(&self) -> String {
        format!("<PeriodActionResult merchant_trade_no={:?} rtn_code={}>", self.merchant_trade_no, self.rtn_code)
    }
}

/// DoAction: a capture, refund, capture cancellation or abandonment was accepted.
#[pyclass(frozen, module = "omg_payment")]
pub struct DoActionResult {
    /// MerchantID.
    #[pyo3(get)]
    merchant_id: String,
    /// MerchantTradeNo.
    #[pyo3(get)]
    merchant_trade_no: String,
    /// TradeNo.
    #[pyo3(get)]
    trade_no: String,
    /// RtnCode (1).
    #[pyo3(get)]
    rtn_code: i64,
    /// RtnMsg.
    #[pyo3(get)]
    rtn_msg: String,
    raw: Raw,
}

impl From<CoreDoAction> for DoActionResult {
    fn from(r: CoreDoAction) -> Self {
        DoActionResult {
            merchant_id: r.merchant_id,
            merchant_trade_no: r.merchant_trade_no,
            trade_no: r.trade_no,
            rtn_code: r.rtn_code,
            rtn_msg: r.rtn_msg,
            raw: Raw::Fields(r.raw),
        }
    }
}

#[pymethods]
impl DoActionResult {
    /// Every field received, as a dict.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.raw.to_py(py)
    }

    fn __repr__(&self) -> String {
        format!("<DoActionResult merchant_trade_no={:?} trade_no={:?} rtn_code={}>", self.merchant_trade_no, self.trade_no, self.rtn_code)
    }
}

/// One capture or refund entry of a card payment (QueryTrade/V2 close_data).
#[pyclass(frozen, get_all, module = "omg_payment")]
pub struct CloseEntry {
    /// status as sent, e.g. 要關帳, 已關帳, 要退款, 已退款.
    status: String,
    /// status by name: "capture_pending", "captured", "refund_pending", "refunded", ... or "unknown".
    status_name: &'static str,
    /// sno: the entry's serial number.
    sno: String,
    /// amount of the entry.
    amount: Option<i64>,
    /// datetime of the entry.
    datetime: String,
}

#[pymethods]
impl CloseEntry {
    fn __repr__(&self) -> String {
        format!("<CloseEntry status_name={:?} amount={}>", self.status_name, repr_opt(self.amount))
    }
}

impl From<&CoreCloseEntry> for CloseEntry {
    fn from(e: &CoreCloseEntry) -> Self {
        CloseEntry {
            status: e.status.as_str().to_string(),
            status_name: e.status.name(),
            sno: e.sno.clone(),
            amount: e.amount,
            datetime: e.datetime.clone(),
        }
    }
}

/// QueryTrade/V2: a card payment's authorised, captured and refunded amounts.
#[pyclass(frozen, module = "omg_payment")]
pub struct CreditDetail {
    /// TradeID.
    #[pyo3(get)]
    trade_id: String,
    /// amount: the authorised amount.
    #[pyo3(get)]
    amount: Option<i64>,
    /// clsamt: the captured amount, after refunds.
    #[pyo3(get)]
    clsamt: Option<i64>,
    /// authtime as written by the gateway, e.g. "2016/5/12 下午 07:09:17".
    #[pyo3(get)]
    authtime: String,
    /// status as sent (a Chinese word such as 已授權, 要關帳, 已關帳, 要退款, 已退款).
    #[pyo3(get)]
    status: String,
    /// status by name: "authorised", "capture_pending", "captured", "refund_pending",
    /// "refunded" or "unknown".
    #[pyo3(get)]
    status_name: &'static str,
    close_data: Vec<CoreCloseEntry>,
    raw: Raw,
}

impl From<CoreCreditDetail> for CreditDetail {
    fn from(d: CoreCreditDetail) -> Self {
        CreditDetail {
            status: d.status.as_str().to_string(),
            status_name: d.status.name(),
            trade_id: d.trade_id,
            amount: d.amount,
            clsamt: d.clsamt,
            authtime: d.authtime,
            close_data: d.close_data,
            raw: Raw::Json(d.raw),
        }
    }
}

#[pymethods]
impl CreditDetail {
    /// close_data: the capture and refund entries, oldest first.
    #[getter]
    fn close_data(&self) -> Vec<CloseEntry> {
        self.close_data.iter().map(CloseEntry::from).collect()
    }

    /// The JSON received, as Python objects.
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.raw.to_py(py)
    }

    fn __repr__(&self) -> String {
        format!("<CreditDetail trade_id={:?} status_name={:?} amount={} clsamt={}>", self.trade_id, self.status_name, repr_opt(self.amount), repr_opt(self.clsamt))
    }
}
