//! `Client`: a merchant's credentials and gateway, the pure operations on them (checkout,
//! notification verification) and the server APIs.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping};

use omg_core::order::values::Value;
use omg_core::{Clock, Config, Credentials, Environment, FieldError, Order, SystemClock};

use crate::checkout::Checkout;
use crate::convert::{self, mapping_to_fields, order_value, Body};
use crate::errors::{validation_error, IntoPy};
use crate::notification;

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
    config: Config,
    clock: Arc<dyn Clock>,
}

fn seconds(py: Python<'_>, name: &str, value: Option<f64>) -> PyResult<Option<std::time::Duration>> {
    value
        .map(|s| {
            std::time::Duration::try_from_secs_f64(s).map_err(|_| {
                validation_error(py, vec![FieldError::new(name, "range", format!("{name} must be a number of seconds ≥ 0, not {s}"))])
            })
        })
        .transpose()
}

impl Client {
    fn from_config(config: Config) -> Self {
        Client { config, clock: Arc::new(SystemClock) }
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
        let _ = (seconds(py, "connect_timeout", connect_timeout)?, seconds(py, "read_timeout", read_timeout)?, retries);
        Ok(Client::from_config(Config { credentials, environment }))
    }

    /// The public stage merchant (1000031) on the stage gateway.
    #[staticmethod]
    fn stage() -> Self {
        Client::from_config(Config::stage())
    }

    /// A client from OMG_MERCHANT_ID, OMG_HASH_KEY, OMG_HASH_IV, OMG_CREDIT_CHECK_CODE, OMG_ENV
    /// (stage | production), OMG_BASE_URL, OMG_CONNECT_TIMEOUT_MS, OMG_READ_TIMEOUT_MS and
    /// OMG_MAX_RETRIES. With no merchant variables outside production: the stage merchant.
    #[staticmethod]
    fn from_env(py: Python<'_>) -> PyResult<Self> {
        Ok(Client::from_config(Config::from_env().py_err(py)?))
    }

    /// The MerchantID.
    #[getter]
    fn merchant_id(&self) -> &str {
        self.config.credentials.merchant_id()
    }

    /// The gateway's base URL, e.g. https://payment-stage.funpoint.com.tw.
    #[getter]
    fn base_url(&self) -> &str {
        self.config.environment.base_url()
    }

    /// True when talking to the production gateway.
    #[getter]
    fn is_production(&self) -> bool {
        self.config.environment.is_production()
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
        let order = Order::from_named_values(values, extra).py_err(py)?;
        let inner =
            omg_core::checkout(&order, &self.config.credentials, &self.config.environment, self.clock.as_ref()).py_err(py)?;
        Ok(Checkout { inner })
    }

    /// Verifies a notification and returns it typed: PaymentResult, PaymentCodeIssued or
    /// PeriodCharge. `body` is the raw request body (bytes or str: best, verified exactly as
    /// received) or a mapping of already parsed form fields. Raises SignatureError for a forged
    /// or altered body, DecodeError for an unreadable one (over 64 KiB, not UTF-8, bad
    /// escapes), ValidationError (MerchantID, merchant_mismatch) for another merchant's.
    fn verify_notification(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let credentials = &self.config.credentials;
        let verified = match convert::body(body)? {
            Body::Raw(bytes) => omg_core::verify_notification(&bytes, credentials),
            Body::Parsed(fields) => omg_core::Notification::from_fields(fields, credentials),
        }
        .py_err(py)?;
        notification::to_python(py, verified)
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
        omg_core::notify::template::sign_test_notification(template, &overrides, &self.config.credentials).py_err(py)
    }

    fn __repr__(&self) -> String {
        format!("<Client merchant_id={:?} base_url={:?}>", self.config.credentials.merchant_id(), self.config.environment.base_url())
    }
}
