//! omg-core's one error enum as Python exceptions: one class per kind, all under `OmgError`, each
//! carrying the data of its kind as attributes. Messages come from omg-core and never hold keys.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyString, PyTuple, PyType};

use omg_core::boundary::exceptions::ERROR_CLASSES;
use omg_core::boundary::{error_payload, ValueType, FIELD_ERROR as FIELD_ERROR_DESC};
use omg_core::Error;

use crate::json::json_to_py;

// The classes; their docs and attributes come from the contract's exception classes (`register`).

create_exception!(omg_payment, OmgError, PyException);
create_exception!(omg_payment, ValidationError, OmgError);
create_exception!(omg_payment, SignatureError, OmgError);
create_exception!(omg_payment, GatewayError, OmgError);
create_exception!(omg_payment, TransportError, OmgError);
create_exception!(omg_payment, DecodeError, OmgError);

/// The `FieldError` named tuple type, created when the module is initialised.
static FIELD_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Creates `FieldError = namedtuple("FieldError", "field rule message")`, registers it in the
/// module, and gives each exception class the default values of its attributes (so an exception
/// raised from Python code still has them): the contract's exception classes
/// (`omg_core::boundary::exceptions`), each attribute the default of its payload field.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let namedtuple = py.import("collections")?.getattr("namedtuple")?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("module", "omg_payment")?;
    let field_error = namedtuple.call(("FieldError", ("field", "rule", "message")), Some(&kwargs))?;
    field_error.setattr("__doc__", FIELD_ERROR_DESC.doc)?;
    let field_error = field_error.cast_into::<PyType>()?;
    m.add("FieldError", &field_error)?;
    let _ = FIELD_ERROR.set(py, field_error.unbind());

    for class in &ERROR_CLASSES {
        let ty = class_of(py, class.kind);
        ty.setattr("__doc__", class.doc)?;
        for attribute in class.attributes {
            ty.setattr(attribute.name, default_of(py, attribute.ty()))?;
        }
        m.add(format!("{}Error", class.stem), ty)?;
    }
    Ok(())
}

/// The class of the errors of `kind` (`""`: the base class).
fn class_of<'py>(py: Python<'py>, kind: &str) -> Bound<'py, PyType> {
    match kind {
        "validation" => py.get_type::<ValidationError>(),
        "signature" => py.get_type::<SignatureError>(),
        "gateway" => py.get_type::<GatewayError>(),
        "transport" => py.get_type::<TransportError>(),
        "decode" => py.get_type::<DecodeError>(),
        _ => py.get_type::<OmgError>(),
    }
}

/// An attribute's value when the payload says nothing: empty, None or False.
fn default_of(py: Python<'_>, ty: ValueType) -> Py<PyAny> {
    match ty {
        ValueType::Bool => {
            false.into_pyobject(py).map(|b| b.to_owned().into_any().unbind()).unwrap_or_else(|_| py.None())
        }
        ValueType::Str => PyString::new(py, "").into_any().unbind(),
        ValueType::List(_) => PyList::empty(py).into_any().unbind(),
        _ => py.None(),
    }
}

/// The exception for an omg-core error: the class of its kind, its attributes read from the
/// error payload (`boundary::error_payload`) as the contract's exception classes say.
pub fn to_py_err(py: Python<'_>, error: Error) -> PyErr {
    let payload = error_payload(&error);
    let message = error.to_string();
    let kind = error.kind();
    let err = PyErr::from_type(class_of(py, kind), message);
    let Some(class) = ERROR_CLASSES.iter().find(|c| c.kind == kind) else { return err };
    let set = |e: &Bound<'_, PyAny>| -> PyResult<()> {
        for attribute in class.attributes {
            let value = payload.get(attribute.payload_field).unwrap_or(&serde_json::Value::Null);
            let value = match (attribute.ty(), value) {
                (ValueType::List(_), serde_json::Value::Array(items)) => {
                    let items = items.iter().map(|item| field_error_of(py, item)).collect::<PyResult<Vec<_>>>()?;
                    PyList::new(py, items)?.into_any()
                }
                (ValueType::Str, serde_json::Value::Null) => PyString::new(py, "").into_any(),
                (_, value) => json_to_py(py, value)?,
            };
            e.setattr(attribute.name, value)?;
        }
        Ok(())
    };
    // Setting an attribute on a fresh exception cannot fail in practice; if it ever does, that
    // failure is what the caller sees rather than a half-built exception.
    match with_attributes(py, err, set) {
        Ok(err) | Err(err) => err,
    }
}

/// A `FieldError` from its JSON view (`{"field", "rule", "message"}`).
fn field_error_of<'py>(py: Python<'py>, item: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    let text = |key: &str| item.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    field_error_tuple(py, [text("field"), text("rule"), text("message")])
}

fn with_attributes(py: Python<'_>, err: PyErr, set: impl FnOnce(&Bound<'_, PyAny>) -> PyResult<()>) -> PyResult<PyErr> {
    set(err.value(py).as_any())?;
    Ok(err)
}

pub fn field_error(py: Python<'_>, fe: omg_core::FieldError) -> PyResult<Bound<'_, PyAny>> {
    field_error_tuple(py, [fe.field, fe.rule, fe.message])
}

/// `FieldError(field, rule, message)`.
fn field_error_tuple(py: Python<'_>, items: [String; 3]) -> PyResult<Bound<'_, PyAny>> {
    let class = FIELD_ERROR
        .get(py)
        .ok_or_else(|| pyo3::exceptions::PyRuntimeError::new_err("omg_payment._native was not initialised"))?;
    class.bind(py).call1(PyTuple::new(py, items)?)
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
