//! `Client`: a merchant's credentials and gateway and the pure operations on them (checkout,
//! notification verification, test notifications). The server APIs are in operations.rs, generated
//! from the contract.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyMapping, PyString};

use omg_core::boundary::Described;
use omg_core::client::{Client as CoreClient, ClientSettings as CoreClientSettings};
use omg_core::notify::Endpoint;
use omg_core::order::values::Value;
use omg_core::{Config, Order};

use crate::checkout::Checkout;
use crate::convert::{self, mapping_to_fields, order_value, Body};
use crate::errors::IntoPy;
use crate::guard::guarded;
use crate::json::json_to_py;
use crate::logging;
use crate::notification;
use crate::results::ClientSettings;

/// A merchant's connection to the OMG (funpoint) gateway.
///
/// `Client(merchant_id=None, hash_key=None, hash_iv=None, *, environment=None, base_url=None,
/// credit_check_code=None, connect_timeout=None, read_timeout=None, retries=None,
/// initial_backoff=None, max_backoff=None, max_reply_bytes=None, platform_id=None)`: omg-core's
/// client settings (docs/client.md), the same names and rules in every language. No credentials
/// at all means the public stage merchant (not in production). `environment` is "stage",
/// "production" or a base URL; `base_url` (e.g. omg-sim's "http://127.0.0.1:PORT") goes only
/// with no environment or "stage". Durations are seconds; None keeps the default. `retries`
/// applies to the three queries only: captures, refunds and cancellations are never sent twice.
/// Every broken rule is one ValidationError naming the setting. HashKey, HashIV and
/// CreditCheckCode never appear in a repr, an error or `settings`. Safe to share between threads.
#[pyclass(frozen, module = "omg_payment")]
pub struct Client {
    inner: CoreClient,
}

/// A setting's value as the text omg-core reads: a `str`, `int` or `float` (bool is refused:
/// `True` is no setting value). None means "not given".
fn setting_text(name: &str, value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(s.to_cow()?.into_owned()));
    }
    if (value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>()) || value.is_instance_of::<PyFloat>() {
        // str(): the shortest text that reads back as the same number ("2.5", "30").
        return Ok(Some(value.str()?.to_cow()?.into_owned()));
    }
    Err(PyTypeError::new_err(format!("{name} must be str, int or float, not {}", convert::type_name(value))))
}

impl Client {
    pub(crate) fn config(&self) -> &Config {
        self.inner.config()
    }

    /// The core client, for the generated network operations (operations.rs).
    pub(crate) fn core(&self) -> &CoreClient {
        &self.inner
    }

    /// `Client(...)` (its signature is generated from the contract's settings in operations.rs):
    /// the positional credentials and the keyword settings, as text, read by omg-core's
    /// `ClientSettings::from_named`.
    pub(crate) fn from_settings<'a, 'py>(
        py: Python<'py>,
        positional: impl IntoIterator<Item = (&'static str, Option<&'a Bound<'py, PyAny>>)>,
        settings: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Self>
    where
        'py: 'a,
    {
        let mut named: Vec<(String, String)> = Vec::new();
        for (name, value) in positional {
            if let Some(text) = value.map(|v| setting_text(name, v)).transpose()?.flatten() {
                named.push((name.to_string(), text));
            }
        }
        for (name, value) in settings.into_iter().flat_map(|s| s.iter()) {
            let name: String = name.extract()?;
            if let Some(text) = setting_text(&name, &value)? {
                named.push((name, text));
            }
        }
        let inner =
            guarded(|| CoreClientSettings::from_named(named).and_then(CoreClientSettings::into_client).py_err(py))?;
        Client::with_log_bridge(py, inner)
    }

    /// Every constructor ends here: the first client installs the log bridge (logging.rs).
    fn with_log_bridge(py: Python<'_>, inner: CoreClient) -> PyResult<Self> {
        logging::ensure_installed(py)?;
        Ok(Client { inner })
    }

    fn effective_settings(&self) -> CoreClientSettings {
        CoreClientSettings {
            config: self.inner.config().clone(),
            options: *self.inner.options(),
            platform_id: self.inner.platform_id().map(str::to_owned),
        }
    }

    /// One field of the effective settings, as Python (a property of the client: `merchant_id`,
    /// ...; generated in operations.rs).
    pub(crate) fn setting(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        let value = self.effective_settings().field_json(name).unwrap_or_default();
        Ok(json_to_py(py, &value)?.unbind())
    }
}

#[pymethods]
impl Client {
    /// The public stage merchant (1000031) on the stage gateway.
    #[staticmethod]
    fn stage(py: Python<'_>) -> PyResult<Self> {
        Client::with_log_bridge(py, CoreClient::stage())
    }

    /// A client from OMG_MERCHANT_ID, OMG_HASH_KEY, OMG_HASH_IV, OMG_CREDIT_CHECK_CODE, OMG_ENV
    /// (stage | production), OMG_BASE_URL, OMG_CONNECT_TIMEOUT_MS, OMG_READ_TIMEOUT_MS and
    /// OMG_MAX_RETRIES. With no merchant variables outside production: the stage merchant.
    #[staticmethod]
    fn from_env(py: Python<'_>) -> PyResult<Self> {
        Client::with_log_bridge(py, CoreClient::from_env().py_err(py)?)
    }

    /// The effective settings: what was given, defaults filled in, durations in seconds. Never
    /// a key.
    #[getter]
    fn settings(&self) -> ClientSettings {
        ClientSettings::from(self.effective_settings())
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
    /// `endpoint` ("return_url", "payment_info_url", "period_return_url", or the gateway's names
    /// such as "ReturnURL") says which URL received it, so the kind is certain instead of
    /// inferred from RtnCode and the fields.
    #[pyo3(signature = (body, endpoint = None))]
    fn verify_notification(
        &self,
        py: Python<'_>,
        body: &Bound<'_, PyAny>,
        endpoint: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        guarded(|| {
            let endpoint = endpoint.map(Endpoint::parse).transpose().py_err(py)?;
            let verified = match convert::body(body)? {
                Body::Raw(bytes) => self.inner.verify_notification(&bytes),
                Body::Parsed(fields) => omg_core::Notification::from_fields(fields, &self.config().credentials),
            }
            .py_err(py)?;
            let verified = match endpoint {
                Some(endpoint) => verified.received_at(endpoint),
                None => verified,
            };
            notification::to_python(py, verified)
        })
    }

    /// A correctly signed test notification body from this merchant's keys: `kind`
    /// ("payment_result", "atm_code_issued", "cvs_code_issued", "barcode_code_issued",
    /// "period_charge") gives realistic fields; `fields` (wire names, str or int values) are
    /// set on top. For your own notification handler's tests.
    #[pyo3(signature = (kind = "payment_result", fields = None))]
    fn sign_test_notification(
        &self,
        py: Python<'_>,
        kind: &str,
        fields: Option<&Bound<'_, PyMapping>>,
    ) -> PyResult<String> {
        let template = omg_core::notify::template::Template::parse(kind).py_err(py)?;
        let overrides = match fields {
            Some(f) => mapping_to_fields("fields", f.as_any(), true)?,
            None => omg_core::Fields::new(),
        };
        omg_core::notify::template::sign_test_notification(template, &overrides, &self.config().credentials).py_err(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Client merchant_id={:?} base_url={:?}>",
            self.config().credentials.merchant_id(),
            self.config().environment.base_url()
        )
    }
}
