//! A signed order, ready for the payer's browser.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::convert::fields_to_dict;
use crate::errors::field_error;

/// A signed AioCheckOut/V5 order: post `fields` to `action_url` from the payer's browser, most
/// simply by answering the payer's request with `html()`.
#[pyclass(frozen, module = "omg_payment")]
pub struct Checkout {
    pub inner: omg_core::Checkout,
}

#[pymethods]
impl Checkout {
    /// The gateway's AioCheckOut/V5 URL.
    #[getter]
    fn action_url(&self) -> &str {
        &self.inner.action_url
    }

    /// Every field to post, in order, CheckMacValue last (a new dict on each access).
    #[getter]
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        fields_to_dict(py, &self.inner.fields)
    }

    /// What works but deserves a look, as FieldError(field, rule, message): in production, a
    /// plain-http browser URL (OrderResultURL, ClientBackURL, ClientRedirectURL; rule https),
    /// which only makes the payer's browser warn. Empty otherwise.
    #[getter]
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self.inner.warnings.iter().map(|w| field_error(py, w.clone())).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// A complete HTML page whose form posts the fields to the gateway as soon as it loads
    /// (every value HTML-escaped; a visible button for browsers without JavaScript).
    fn html(&self) -> String {
        self.inner.html()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Checkout action_url={:?} merchant_trade_no={:?}>",
            self.inner.action_url,
            self.inner.fields.get("MerchantTradeNo").unwrap_or("")
        )
    }
}
