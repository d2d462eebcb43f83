//! `Client`: a merchant's credentials and gateway, the pure operations on them (checkout,
//! notification verification) and the server APIs.

use std::time::Duration;

use pyo3::prelude::*;

use crate::panics::guarded;
use pyo3::types::{PyDict, PyMapping};

use omg_core::client::{Client as CoreClient, ClientOptions};
use omg_core::order::values::Value;
use omg_core::{Config, Credentials, Environment, FieldError, Order};

use crate::checkout::Checkout;
use crate::convert::{self, mapping_to_fields, order_value, Body};
use crate::errors::{validation_error, IntoPy};
use crate::notification;
use crate::results::{CreditDetail, DoActionResult, PeriodActionResult, PeriodInfo, TradeInfo};

/// A merchant's connection to the OMG (funpoint) gateway.
///
/// `Client(merchant_id, hash_key, hash_iv, *, environment="stage", base_url=None,
/// credit_check_code=None, connect_timeout=None, read_timeout=None, retries=None)`:
/// `environment` is "stage", "production" or a base URL; `base_url` (e.g. omg-sim's
/// "http://127.0.0.1:PORT") is the same as `environment=base_url`. Timeouts are seconds; None
/// keeps the default. `retries` applies to the three queries only: captures, refunds and
/// cancellations are never sent twice. HashKey, HashIV and CreditCheckCode never appear in a
/// repr or an error. Safe to share between threads.
#[pyclass(frozen, module = "omg_payment")]
pub struct Client {
    inner: CoreClient,
}

/// A number of seconds as a Duration; a negative, infinite or NaN value is a ValidationError.
fn seconds(py: Python<'_>, name: &str, value: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value).map_err(|_| {
        validation_error(py, vec![FieldError::new(name, "range", format!("{name} must be a number of seconds above 0, not {value}"))])
    })
}

impl Client {
    fn config(&self) -> &Config {
        self.inner.config()
    }
}

#[pymethods]
impl Client {
    #[new]
    #[pyo3(signature = (merchant_id, hash_key, hash_iv, *, environment = "stage", base_url = None, credit_check_code = None, connect_timeout = None, read_timeout = None, retries = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        merchant_id: &str,
        hash_key: &str,
        hash_iv: &str,
        environment: &str,
        base_url: Option<&str>,
        credit_check_code: Option<&str>,
        connect_timeout: Option<f64>,
        read_timeout: Option<f64>,
        retries: Option<u32>,
    ) -> PyResult<Self> {
        if base_url.is_some() && environment != "stage" {
            return Err(validation_error(
                py,
                vec![FieldError::new("base_url", "conflict", "give either environment or base_url, not both")],
            ));
        }
        let environment = Environment::parse(base_url.unwrap_or(environment)).py_err(py)?;
        let mut credentials = Credentials::new(merchant_id, hash_key, hash_iv).py_err(py)?;
        if let Some(code) = credit_check_code {
            credentials = credentials.with_credit_check_code(code);
        }
        let mut options = ClientOptions::default();
        if let Some(s) = connect_timeout {
            options.connect_timeout = seconds(py, "connect_timeout", s)?;
        }
        if let Some(s) = read_timeout {
            options.read_timeout = seconds(py, "read_timeout", s)?;
        }
        if let Some(n) = retries {
            options.retry.max_retries = n;
        }
        let inner = CoreClient::new(Config { credentials, environment }, options).py_err(py)?;
        Ok(Client { inner })
    }

    /// The public stage merchant (1000031) on the stage gateway.
    #[staticmethod]
    fn stage() -> Self {
        Client { inner: CoreClient::stage() }
    }

    /// A client from OMG_MERCHANT_ID, OMG_HASH_KEY, OMG_HASH_IV, OMG_CREDIT_CHECK_CODE, OMG_ENV
    /// (stage | production), OMG_BASE_URL, OMG_CONNECT_TIMEOUT_MS, OMG_READ_TIMEOUT_MS and
    /// OMG_MAX_RETRIES. With no merchant variables outside production: the stage merchant.
    #[staticmethod]
    fn from_env(py: Python<'_>) -> PyResult<Self> {
        Ok(Client { inner: CoreClient::from_env().py_err(py)? })
    }

    /// The MerchantID.
    #[getter]
    fn merchant_id(&self) -> &str {
        self.config().credentials.merchant_id()
    }

    /// The gateway's base URL, e.g. https://payment-stage.funpoint.com.tw.
    #[getter]
    fn base_url(&self) -> &str {
        self.config().environment.base_url()
    }

    /// True when talking to the production gateway.
    #[getter]
    fn is_production(&self) -> bool {
        self.config().environment.is_production()
    }

    /// Signs an order for AioCheckOut/V5 (no network) and returns the form to send the payer's
    /// browser to the gateway.
    ///
    /// The six arguments every order needs are named; every other AioCheckOut field is a keyword
    /// argument named after its wire name in snake_case (`order_result_url`, `expire_date`,
    /// `store_expire_date`, `credit_installment=[3, 6]`, `need_extra_paid_info=True`,
    /// `period_type="M"`, `desc_1`, `custom_field1`, ...). `item_name` may be a list of item
    /// names. None means "not given". `extra` is a mapping of further fields sent as given.
    /// Raises ValidationError with every broken rule at once.
    #[pyo3(signature = (*, merchant_trade_no, total_amount, trade_desc, item_name, return_url, choose_payment, extra = None, **options))]
    #[allow(clippy::too_many_arguments)]
    fn checkout(
        &self,
        py: Python<'_>,
        merchant_trade_no: &Bound<'_, PyAny>,
        total_amount: &Bound<'_, PyAny>,
        trade_desc: &Bound<'_, PyAny>,
        item_name: &Bound<'_, PyAny>,
        return_url: &Bound<'_, PyAny>,
        choose_payment: &Bound<'_, PyAny>,
        extra: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Checkout> {
        let mut values: Vec<(String, Value)> = Vec::new();
        let named = [
            ("merchant_trade_no", merchant_trade_no),
            ("total_amount", total_amount),
            ("trade_desc", trade_desc),
            ("item_name", item_name),
            ("return_url", return_url),
            ("choose_payment", choose_payment),
        ];
        for (name, obj) in named {
            if let Some(v) = order_value(name, obj)? {
                values.push((name.to_string(), v));
            }
        }
        if let Some(options) = options {
            for (name, obj) in options.iter() {
                let name: String = name.extract()?;
                if let Some(v) = order_value(&name, &obj)? {
                    values.push((name, v));
                }
            }
        }
        let extra = match extra {
            Some(obj) if !obj.is_none() => mapping_to_fields("extra", obj, true)?.into_pairs(),
            _ => Vec::new(),
        };
        let inner = guarded(|| {
            let order = Order::from_named_values(values, extra).py_err(py)?;
            self.inner.checkout(&order).py_err(py)
        })?;
        Ok(Checkout { inner })
    }

    /// Verifies a notification and returns it typed: PaymentResult, PaymentCodeIssued or
    /// PeriodCharge. `body` is the raw request body (bytes or str: best, verified exactly as
    /// received) or a mapping of already parsed form fields. Raises SignatureError for a forged
    /// or altered body, DecodeError for an unreadable one (over 64 KiB, not UTF-8, bad
    /// escapes), ValidationError (MerchantID, merchant_mismatch) for another merchant's.
    fn verify_notification(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        guarded(|| {
            let verified = match convert::body(body)? {
                Body::Raw(bytes) => self.inner.verify_notification(&bytes),
                Body::Parsed(fields) => omg_core::Notification::from_fields(fields, &self.config().credentials),
            }
            .py_err(py)?;
            notification::to_python(py, verified)
        })
    }

    /// A correctly signed test notification body from this merchant's keys: `kind`
    /// ("payment_result", "atm_code_issued", "cvs_code_issued", "barcode_code_issued",
    /// "period_charge") gives realistic fields; `fields` (wire names, str or int values) are
    /// set on top. For your own notification handler's tests.
    #[pyo3(signature = (kind = "payment_result", fields = None))]
    fn sign_test_notification(&self, py: Python<'_>, kind: &str, fields: Option<&Bound<'_, PyMapping>>) -> PyResult<String> {
        let template = omg_core::notify::template::Template::parse(kind).py_err(py)?;
        let overrides = match fields {
            Some(f) => mapping_to_fields("fields", f.as_any(), true)?,
            None => omg_core::Fields::new(),
        };
        omg_core::notify::template::sign_test_notification(template, &overrides, &self.config().credentials).py_err(py)
    }

    // The server APIs. Each releases the GIL while it waits on the network, so other Python
    // threads (and AsyncClient's event loop) keep running.

    /// QueryTradeInfo/V5: the state of one order. Retried on network failures and HTTP 5xx.
    fn query_trade(&self, py: Python<'_>, merchant_trade_no: &str) -> PyResult<TradeInfo> {
        guarded(|| py.detach(|| self.inner.query_trade(merchant_trade_no)).map(TradeInfo::from).py_err(py))
    }

    /// QueryCreditCardPeriodInfo: a recurring schedule and its charges. Retried.
    fn query_period(&self, py: Python<'_>, merchant_trade_no: &str) -> PyResult<PeriodInfo> {
        guarded(|| py.detach(|| self.inner.query_period(merchant_trade_no)).map(PeriodInfo::from).py_err(py))
    }

    /// CreditCardPeriodAction Cancel: stops a recurring schedule for good. Never retried: on a
    /// TransportError with outcome_unknown, check query_period() before anything else.
    fn cancel_period(&self, py: Python<'_>, merchant_trade_no: &str) -> PyResult<PeriodActionResult> {
        guarded(|| py.detach(|| self.inner.cancel_period(merchant_trade_no)).map(PeriodActionResult::from).py_err(py))
    }

    /// DoAction C: captures `amount` (at most the authorised amount). Never retried: on a
    /// TransportError with outcome_unknown, check query_credit_detail() first.
    fn capture(&self, py: Python<'_>, merchant_trade_no: &str, trade_no: &str, amount: i64) -> PyResult<DoActionResult> {
        guarded(|| py.detach(|| self.inner.capture(merchant_trade_no, trade_no, amount)).map(DoActionResult::from).py_err(py))
    }

    /// DoAction R: refunds `amount` of a captured payment. Never retried.
    fn refund(&self, py: Python<'_>, merchant_trade_no: &str, trade_no: &str, amount: i64) -> PyResult<DoActionResult> {
        guarded(|| py.detach(|| self.inner.refund(merchant_trade_no, trade_no, amount)).map(DoActionResult::from).py_err(py))
    }

    /// DoAction E: takes back a capture that is still pending. Never retried.
    fn cancel_capture(&self, py: Python<'_>, merchant_trade_no: &str, trade_no: &str, amount: i64) -> PyResult<DoActionResult> {
        guarded(|| py.detach(|| self.inner.cancel_capture(merchant_trade_no, trade_no, amount)).map(DoActionResult::from).py_err(py))
    }

    /// DoAction N: abandons an authorisation that was not captured. Never retried.
    fn abandon(&self, py: Python<'_>, merchant_trade_no: &str, trade_no: &str, amount: i64) -> PyResult<DoActionResult> {
        guarded(|| py.detach(|| self.inner.abandon(merchant_trade_no, trade_no, amount)).map(DoActionResult::from).py_err(py))
    }

    /// QueryTrade/V2: a card payment's authorised, captured and refunded amounts, by its gwsr
    /// (`credit_refund_id`) and authorised amount. Needs the client's credit_check_code. Retried.
    fn query_credit_detail(&self, py: Python<'_>, credit_refund_id: &str, credit_amount: i64) -> PyResult<CreditDetail> {
        guarded(|| py.detach(|| self.inner.query_credit_detail(credit_refund_id, credit_amount)).map(CreditDetail::from).py_err(py))
    }

    fn __repr__(&self) -> String {
        format!("<Client merchant_id={:?} base_url={:?}>", self.config().credentials.merchant_id(), self.config().environment.base_url())
    }
}
