//! `_receive_notification`: omg-core's receipt of one HTTP request carrying a notification
//! (omg_core::boundary::receive_notification), for the FastAPI helper (omg_payment/fastapi.py).
//! Converts only: the decisions (status, reply, the answer when the handler fails or the route
//! does not take the kind, and its log line) are omg-core's.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use omg_core::boundary::{receive_notification, Answer};

use crate::client::Client;
use crate::errors::to_py_err;
use crate::guard::guarded;
use crate::notification;

/// `{"status", "reply", "notification" (or None), "error" (the exception, or None),
/// "handler_failed": (status, reply), "unexpected": (status, reply, log line) or None}`.
#[pyfunction]
#[pyo3(signature = (client, method, content_type, body, max_bytes))]
pub fn _receive_notification<'py>(
    py: Python<'py>,
    client: &Client,
    method: &str,
    content_type: Option<&str>,
    body: &[u8],
    max_bytes: usize,
) -> PyResult<Bound<'py, PyDict>> {
    guarded(|| {
        let receipt = receive_notification(method, content_type, body, max_bytes, &client.config().credentials);
        let unexpected = receipt.unexpected().map(|(answer, line)| (answer.status, answer.reply, line));
        let failed = Answer::handler_failed();
        let out = PyDict::new(py);
        out.set_item("status", receipt.status)?;
        out.set_item("reply", &receipt.reply)?;
        match receipt.outcome {
            Ok(n) => {
                out.set_item("notification", notification::to_python(py, n)?)?;
                out.set_item("error", py.None())?;
            }
            Err(e) => {
                out.set_item("notification", py.None())?;
                out.set_item("error", to_py_err(py, e).value(py))?;
            }
        }
        out.set_item("handler_failed", (failed.status, failed.reply))?;
        out.set_item("unexpected", unexpected)?;
        Ok(out)
    })
}
