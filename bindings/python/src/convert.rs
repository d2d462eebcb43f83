//! Conversions between Python objects and omg-core's types. Type errors name the argument and
//! the type received, so a wrong call reads as a plain Python mistake.

use std::borrow::Cow;

use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyInt, PyList, PyMapping, PyMemoryView, PyString, PyTuple};

use omg_core::fields::MAX_FIELDS;
use omg_core::notify::ParsedFields;
use omg_core::order::values::Value;
use omg_core::Fields;

use crate::errors::IntoPy;

/// Fields as a `dict`, in the order they were sent or received.
pub fn fields_to_dict<'py>(py: Python<'py>, fields: &Fields) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (k, v) in fields {
        dict.set_item(k, v)?;
    }
    Ok(dict)
}

/// The Python type name of `obj`, for error messages.
pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into())
}

/// The text of one field value: a `str` (borrowed, no copy), or an `int` when `numbers` allows
/// it (bool is refused: `True` is no field value).
fn field_text<'a>(what: &str, key: &str, value: &'a Bound<'_, PyAny>, numbers: bool) -> PyResult<Cow<'a, str>> {
    if let Some(s) = as_py_str(value) {
        return Ok(Cow::Borrowed(s.to_str()?));
    }
    if numbers && value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return Ok(Cow::Owned(value.extract::<i64>()?.to_string()));
    }
    let expected = if numbers { "str or int" } else { "str" };
    Err(PyTypeError::new_err(format!("{what}: the value of {key:?} must be {expected}, not {}", type_name(value))))
}

/// A mapping of field names to values (`dict`, or any `collections.abc.Mapping` such as
/// Starlette's `FormData`) as Fields, in iteration order.
pub fn mapping_to_fields(what: &str, obj: &Bound<'_, PyAny>, numbers: bool) -> PyResult<Fields> {
    let py = obj.py();
    // A dict is read in one pass, keys and values borrowed as UTF-8 (no Python string is made):
    // each field is copied once, into Fields. The raw body's caps hold (ParsedFields): the length
    // is checked before any field is converted.
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut fields = ParsedFields::new(dict.len()).py_err(py)?;
        for (key, value) in dict.iter() {
            let key = field_name(what, &key)?;
            let text = field_text(what, key, &value, numbers)?;
            fields.push(key, &text).py_err(py)?;
        }
        return Ok(fields.finish());
    }
    let mapping = obj.cast::<PyMapping>().map_err(|_| {
        PyTypeError::new_err(format!("{what} must be a mapping of field names to values, not {}", type_name(obj)))
    })?;
    let mut fields = ParsedFields::new(mapping.len()?).py_err(py)?;
    for item in mapping.items()?.iter() {
        let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
        let key = field_name(what, &key)?;
        let text = field_text(what, key, &value, numbers)?;
        fields.push(key, &text).py_err(py)?;
    }
    Ok(fields.finish())
}

/// The items of a `dict` for signing them where they are: the keys and values, held so their
/// UTF-8 can be borrowed by [`borrowed_pairs`]. `None` for any other mapping.
/// A dict of more than `MAX_FIELDS` entries is `None` too: [`mapping_to_fields`] refuses it
/// before copying anything.
pub fn dict_items<'py>(obj: &Bound<'py, PyAny>) -> Option<Vec<(Bound<'py, PyAny>, Bound<'py, PyAny>)>> {
    obj.cast::<PyDict>().ok().filter(|dict| dict.len() <= MAX_FIELDS).map(|dict| dict.iter().collect())
}

/// `items` as `(name, text)` pairs borrowed from the Python strings (a number is written out):
/// signing them costs no copy of a field. A dict's keys are unique, as a field set's must be.
pub fn borrowed_pairs<'a>(
    what: &str,
    items: &'a [(Bound<'_, PyAny>, Bound<'_, PyAny>)],
    numbers: bool,
) -> PyResult<Vec<(&'a str, Cow<'a, str>)>> {
    let mut pairs = Vec::with_capacity(items.len());
    for (key, value) in items {
        let key = field_name(what, key)?;
        pairs.push((key, field_text(what, key, value, numbers)?));
    }
    Ok(pairs)
}

fn field_name<'a>(what: &str, key: &'a Bound<'_, PyAny>) -> PyResult<&'a str> {
    as_py_str(key)
        .ok_or_else(|| PyTypeError::new_err(format!("{what}: field names must be str, not {}", type_name(key))))?
        .to_str()
}

/// `obj` as a `str` (a subclass too). A plain `str`, what nearly every field is, is recognised by
/// its type pointer: the stable ABI's subclass check is a call into the interpreter
/// (`PyType_GetFlags`), paid twice per field of a signed dict.
fn as_py_str<'a, 'py>(obj: &'a Bound<'py, PyAny>) -> Option<&'a Bound<'py, PyString>> {
    obj.cast_exact::<PyString>().or_else(|_| obj.cast::<PyString>()).ok()
}

/// One keyword argument of an order as an omg-core value; `None` means "not given". A list or
/// tuple must be flat: its items are read as scalars and never descended into, so a
/// self-referencing or 30,000-deep list is one TypeError naming the argument, not a stack
/// overflow (the protocol has no nesting).
pub fn order_value(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<Value>> {
    if obj.is_none() {
        return Ok(None);
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for item in obj.try_iter()? {
            let item = item?;
            match scalar(name, &item)? {
                Some(v @ (Value::Text(_) | Value::Number(_))) => items.push(v),
                _ => {
                    return Err(PyTypeError::new_err(format!(
                        "{name}: list items must be str or int, not {}",
                        type_name(&item)
                    )))
                }
            }
        }
        return Ok(Some(Value::List(items)));
    }
    match scalar(name, obj)? {
        Some(v) => Ok(Some(v)),
        None => Err(PyTypeError::new_err(format!(
            "{name} must be str, int, bool, a list of str/int or None, not {}",
            type_name(obj)
        ))),
    }
}

/// A `str`, `bool` or `int` as a value; `None` for anything else. An int beyond 64 bits is an
/// error naming the argument.
fn scalar(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<Value>> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Some(Value::Text(s.extract()?)));
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Some(Value::Flag(obj.extract()?)));
    }
    if obj.is_instance_of::<PyInt>() {
        return Ok(Some(Value::Number(whole_number(name, obj)?)));
    }
    Ok(None)
}

/// An `int` as i64; one too large for 64 bits is an OverflowError that names the argument.
fn whole_number(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<i64> {
    obj.extract::<i64>().map_err(|_| {
        PyOverflowError::new_err(format!("{name} is {}: too large for an amount (at most {})", obj, i64::MAX))
    })
}

/// An amount argument of a server API: the types checkout's `total_amount` takes, an `int` or a
/// `str` of digits (`"1200"`); anything else is a TypeError naming the argument.
pub fn amount(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<i64> {
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(format!("{name} must be an int or a str of digits, not bool")));
    }
    if obj.is_instance_of::<PyInt>() {
        return whole_number(name, obj);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        let text: String = s.extract()?;
        let digits = text.trim();
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return digits.parse::<i64>().map_err(|_| {
                PyOverflowError::new_err(format!("{name} is {digits}: too large for an amount (at most {})", i64::MAX))
            });
        }
        return Err(PyTypeError::new_err(format!("{name} must be an int or a str of digits, not {text:?}")));
    }
    Err(PyTypeError::new_err(format!("{name} must be an int or a str of digits, not {}", type_name(obj))))
}

/// What a notification body can be: raw bytes (the best: verified exactly as received, borrowed
/// from the Python object when it is `bytes` or a `str`) or fields a framework has already parsed.
pub enum Body<'a> {
    Raw(Cow<'a, [u8]>),
    Parsed(Fields),
}

/// `bytes`, `bytearray`, `memoryview`, `str` (as its UTF-8) or a mapping.
pub fn body<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Body<'a>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Body::Raw(Cow::Borrowed(b.as_bytes())));
    }
    // A bytearray or memoryview can change while it is read: copied.
    if let Ok(b) = obj.cast::<PyByteArray>() {
        return Ok(Body::Raw(Cow::Owned(b.to_vec())));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        let bytes = obj.call_method0("tobytes")?;
        return Ok(Body::Raw(Cow::Owned(bytes.cast::<PyBytes>()?.as_bytes().to_vec())));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Body::Raw(Cow::Borrowed(s.to_str()?.as_bytes())));
    }
    if obj.cast::<PyMapping>().is_ok() {
        return Ok(Body::Parsed(mapping_to_fields("body", obj, false)?));
    }
    Err(PyTypeError::new_err(format!("body must be bytes, str or a mapping of form fields, not {}", type_name(obj))))
}
