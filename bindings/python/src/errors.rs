//! omg-core's one error enum as Python exceptions: one class per kind, all under `OmgError`, each
//! carrying the data of its kind as attributes. Messages come from omg-core and never hold keys.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple, PyType};

use omg_core::Error;

create_exception!(omg_payment, OmgError, PyException, "The base class of every error omg-payment raises.");
create_exception!(
    omg_payment,
    ValidationError,
    OmgError,
    "Input that breaks the protocol's rules. `.errors` lists every broken rule as FieldError(field, rule, message)."
);
create_exception!(
    omg_payment,
    SignatureError,
    OmgError,
    "A CheckMacValue that is missing or does not match: a forged, altered or wrongly keyed message."
);
create_exception!(
    omg_payment,
    GatewayError,
    OmgError,
    "The gateway understood the request and refused it. `.rtn_code` (int or None) and `.rtn_msg` say why."
);
create_exception!(
    omg_payment,
    TransportError,
    OmgError,
    "The request did not complete. `.timeout`, `.status` (HTTP status or None) `.outcome_unknown` (a capture, refund or cancellation that may have reached the gateway: reconcile with a query, never resend) and `.reconcile_with` (the name of that query, or None)."
);
create_exception!(
    omg_payment,
    DecodeError,
    OmgError,
    "Bytes that cannot be read as the expected format: not UTF-8, a bad percent-escape, an unreadable reply."
);

/// The `FieldError` named tuple type, created when the module is initialised.
static FIELD_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Creates `FieldError = namedtuple("FieldError", "field rule message")`, registers it in the
/// module, and gives the exception classes the default values of their attributes (so an
/// exception raised from Python code still has them).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let namedtuple = py.import("collections")?.getattr("namedtuple")?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("module", "omg_payment")?;
    let field_error = namedtuple.call(("FieldError", ("field", "rule", "message")), Some(&kwargs))?;
    field_error.setattr(
        "__doc__",
        "One broken rule: `field` (the wire name, e.g. TotalAmount), `rule` (a stable name such as \
         required, max_length, range, one_of, format), `message` (a sentence for people).",
    )?;
    let field_error = field_error.cast_into::<PyType>()?;
    m.add("FieldError", &field_error)?;
    let _ = FIELD_ERROR.set(py, field_error.unbind());

    let validation = py.get_type::<ValidationError>();
    validation.setattr("errors", PyList::empty(py))?;
    let gateway = py.get_type::<GatewayError>();
    gateway.setattr("rtn_code", py.None())?;
    gateway.setattr("rtn_msg", "")?;
    let transport = py.get_type::<TransportError>();
    transport.setattr("timeout", false)?;
    transport.setattr("status", py.None())?;
    transport.setattr("outcome_unknown", false)?;
    transport.setattr("reconcile_with", py.None())?;
    for (name, class) in [
        ("OmgError", py.get_type::<OmgError>()),
        ("ValidationError", py.get_type::<ValidationError>()),
        ("SignatureError", py.get_type::<SignatureError>()),
        ("GatewayError", py.get_type::<GatewayError>()),
        ("TransportError", py.get_type::<TransportError>()),
        ("DecodeError", py.get_type::<DecodeError>()),
    ] {
        m.add(name, class)?;
    }
    Ok(())
}

/// The exception for an omg-core error, with its attributes set.
pub fn to_py_err(py: Python<'_>, error: Error) -> PyErr {
    let message = error.to_string();
    let result = match error {
        Error::Validation(errors) => with_attributes(py, PyErr::new::<ValidationError, _>(message), |e| {
            let items = errors.into_iter().map(|fe| field_error(py, fe)).collect::<PyResult<Vec<_>>>()?;
            e.setattr("errors", PyList::new(py, items)?)
        }),
        Error::Signature(_) => Ok(PyErr::new::<SignatureError, _>(message)),
        Error::Gateway { rtn_code, rtn_msg } => with_attributes(py, PyErr::new::<GatewayError, _>(message), |e| {
            e.setattr("rtn_code", rtn_code)?;
            e.setattr("rtn_msg", rtn_msg)
        }),
        Error::Transport(t) => with_attributes(py, PyErr::new::<TransportError, _>(message), |e| {
            e.setattr("timeout", t.timeout)?;
            e.setattr("status", t.status)?;
            e.setattr("outcome_unknown", t.outcome_unknown)?;
            e.setattr("reconcile_with", t.reconcile_with.map(|api| api.name()))
        }),
        Error::Decode(_) => Ok(PyErr::new::<DecodeError, _>(message)),
    };
    // Setting an attribute on a fresh exception cannot fail in practice; if it ever does, that
    // failure is what the caller sees rather than a half-built exception.
    result.unwrap_or_else(|e| e)
}

fn with_attributes(py: Python<'_>, err: PyErr, set: impl FnOnce(&Bound<'_, PyAny>) -> PyResult<()>) -> PyResult<PyErr> {
    set(err.value(py).as_any())?;
    Ok(err)
}

pub fn field_error(py: Python<'_>, fe: omg_core::FieldError) -> PyResult<Bound<'_, PyAny>> {
    let class = FIELD_ERROR
        .get(py)
        .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("omg_payment._native was not initialised"))?;
    class.bind(py).call1(PyTuple::new(py, [fe.field, fe.rule, fe.message])?)
}

/// Converts omg-core results for `?` in functions that hold the interpreter.
pub trait IntoPy<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, e))
    }
}
