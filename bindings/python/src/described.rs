//! Python classes built from omg-core's boundary description (`omg_core::boundary::types()`).
//!
//! A described class stores its core value untouched. Its attributes are [`Field`] descriptors
//! installed on the class when the module loads, one per described field: reading one asks core
//! for that field alone (`Described::field_json`) and converts it by its described type, so
//! nothing is converted until it is read and nothing here names a field. Removing a field in
//! core removes the attribute (and fails the stub checks); adding one adds it.
//!
//! Python types by described type: `str`, `int`, `float`, `bool` (or `None` where optional);
//! ordered string maps are `dict`; lists of text are `tuple` (fixed-length groups such as
//! CustomField1–4); lists of described objects are `list` of that class; JSON is plain Python.

use pyo3::exceptions::{PyAttributeError, PyImportError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString, PyTuple, PyType};
use serde_json::{Map, Value};

use omg_core::boundary::{Described, FieldDesc, TypeDesc, ValueType};

use crate::json::json_to_py;

/// Where a described object's fields are read from: a core value, or the JSON object of an item
/// of a described list (`PeriodInfo.exec_log`, `CreditDetail.close_data`).
pub trait FieldSource: Send + Sync + 'static {
    /// The JSON of the field `name`, or `None` when the type has no such field.
    fn field(&self, name: &str) -> Option<Value>;
}

impl<T: Described + Send + Sync + 'static> FieldSource for T {
    fn field(&self, name: &str) -> Option<Value> {
        self.field_json(name)
    }
}

/// An item of a described list, already JSON.
pub struct JsonObject(pub Map<String, Value>);

impl FieldSource for JsonObject {
    fn field(&self, name: &str) -> Option<Value> {
        self.0.get(name).cloned()
    }
}

/// Reads the field `name` of a Python object of one described class; a TypeError when the
/// object is not of that class.
pub type Reader = fn(&Bound<'_, PyAny>, &str) -> PyResult<Option<Value>>;

/// Makes the Python object of the described type called `name` (a class name) from the JSON
/// object of a list item.
pub type Maker = fn(Python<'_>, &str, Map<String, Value>) -> PyResult<Py<PyAny>>;

// One described field of a class, as a read-only attribute (a data descriptor, like
// `property`): converted from core each time it is read. No doc comment on purpose: a class doc
// would hide each field's own `__doc__` (the getter below).
#[pyclass(frozen, module = "omg_payment", name = "field")]
pub struct Field {
    class: &'static str,
    field: &'static FieldDesc,
    read: Reader,
    make: Maker,
}

#[pymethods]
impl Field {
    fn __get__(
        slf: &Bound<'_, Self>,
        instance: &Bound<'_, PyAny>,
        _owner: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        // Read on the class itself (`TradeInfo.trade_amt`): the descriptor, as for a property.
        if instance.is_none() {
            return Ok(slf.clone().into_any().unbind());
        }
        let this = slf.get();
        let value = (this.read)(instance, this.field.name)?;
        Ok(to_python(instance.py(), this.class, this.field, value, this.make)?.unbind())
    }

    fn __set__(&self, _instance: &Bound<'_, PyAny>, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(self.read_only())
    }

    fn __delete__(&self, _instance: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(self.read_only())
    }

    /// The field's doc sentence, from the description.
    #[getter(__doc__)]
    fn doc(&self) -> &'static str {
        self.field.doc
    }

    fn __repr__(&self) -> String {
        format!("<field {}.{}>", self.class, self.field.name)
    }
}

impl Field {
    fn read_only(&self) -> PyErr {
        PyAttributeError::new_err(format!("{}.{} is read-only", self.class, self.field.name))
    }
}

/// Gives the Python class `class` (called `name`) one attribute per field of `fields`, each read
/// by `read`.
pub fn install(
    class: &Bound<'_, PyType>,
    name: &'static str,
    fields: impl IntoIterator<Item = &'static FieldDesc>,
    read: Reader,
    make: Maker,
) -> PyResult<()> {
    for field in fields {
        class.setattr(field.name, Py::new(class.py(), Field { class: name, field, read, make })?)?;
    }
    Ok(())
}

/// Declares one Python class per described core type (`TradeInfo(CoreTradeInfo)`), plus the
/// module's [`Maker`] (`make`) and `register`, which adds the classes and their attributes.
macro_rules! described_classes {
    ($($class:ident($core:ty)),* $(,)?) => {
        $(
            /// Its doc and attributes come from omg-core's description of the same name.
            #[pyclass(frozen, module = "omg_payment")]
            pub struct $class {
                desc: &'static omg_core::boundary::TypeDesc,
                source: Box<dyn $crate::described::FieldSource>,
            }

            impl From<$core> for $class {
                fn from(value: $core) -> Self {
                    $class { desc: <$core as omg_core::boundary::Described>::desc(), source: Box::new(value) }
                }
            }

            impl $class {
                fn read(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Option<serde_json::Value>> {
                    Ok(obj.cast::<Self>()?.get().source.field(name))
                }
            }

            #[pymethods]
            impl $class {
                fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                    $crate::described::repr(slf.as_any(), slf.get().desc)
                }
            }
        )*

        /// The Python object of an item of a described list: `name` is the item's class.
        pub fn make(py: Python<'_>, name: &str, item: serde_json::Map<String, serde_json::Value>) -> PyResult<Py<PyAny>> {
            $(
                if name == stringify!($class) {
                    let desc = <$core as omg_core::boundary::Described>::desc();
                    let source = Box::new($crate::described::JsonObject(item));
                    return Ok(Py::new(py, $class { desc, source })?.into_any());
                }
            )*
            Err(pyo3::exceptions::PyTypeError::new_err(format!("no Python class for the described type {name}")))
        }

        /// Adds every class to the module, each with the doc and the attributes of its description.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(
                let desc = <$core as omg_core::boundary::Described>::desc();
                $crate::described::check_name(desc, stringify!($class))?;
                m.add_class::<$class>()?;
                let class = m.py().get_type::<$class>();
                class.setattr("__doc__", desc.doc)?;
                $crate::described::install(&class, desc.name, desc.fields, $class::read, make)?;
            )*
            Ok(())
        }
    };
}

pub(crate) use described_classes;

/// A Python class has the name of its description, or the module does not load.
pub fn check_name(desc: &TypeDesc, class: &str) -> PyResult<()> {
    if desc.name == class {
        Ok(())
    } else {
        Err(PyImportError::new_err(format!(
            "the Python class {class} holds omg-core's {}: give it that name",
            desc.name
        )))
    }
}

/// A field's JSON as the Python object of its described type.
fn to_python<'py>(
    py: Python<'py>,
    class: &str,
    field: &FieldDesc,
    value: Option<Value>,
    make: Maker,
) -> PyResult<Bound<'py, PyAny>> {
    let Some(value) = value else {
        return Err(PyAttributeError::new_err(format!("{class} has no field {}", field.name)));
    };
    value_to_python(py, &field.ty, value, make)?.map_err(|value| {
        // Core holds every JSON view to its description (a Rust test), so this is a core bug;
        // still an exception naming the field, never a panic.
        PyTypeError::new_err(format!("{class}.{}: {value} is not a {}", field.name, field.ty.name()))
    })
}

/// The conversion by described type; `Ok(Err(value))` hands back a value that does not fit.
fn value_to_python<'py>(
    py: Python<'py>,
    ty: &ValueType,
    value: Value,
    make: Maker,
) -> PyResult<Result<Bound<'py, PyAny>, Value>> {
    use ValueType as T;
    Ok(Ok(match (ty, value) {
        (T::Json, value) => json_to_py(py, &value)?,
        (ty, Value::Null) if ty.is_optional() => py.None().into_bound(py),
        (T::Str | T::OptStr, Value::String(s)) => PyString::new(py, &s).into_any(),
        (T::Int | T::OptInt, Value::Number(n)) if n.is_i64() => {
            n.as_i64().unwrap_or_default().into_pyobject(py)?.into_any()
        }
        (T::Float, Value::Number(n)) => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
        (T::Bool, Value::Bool(b)) => PyBool::new(py, b).to_owned().into_any(),
        (T::StrMap, Value::Array(pairs)) => {
            let dict = PyDict::new(py);
            for pair in pairs {
                match pair {
                    Value::Array(kv) if matches!(&kv[..], [Value::String(_), Value::String(_)]) => {
                        dict.set_item(text(&kv[0]), text(&kv[1]))?;
                    }
                    other => return Ok(Err(other)),
                }
            }
            dict.into_any()
        }
        (T::StrList | T::OptStrList | T::ListOfOptStr, Value::Array(items)) => {
            let may_be_absent = matches!(ty, T::ListOfOptStr);
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => out.push(PyString::new(py, &s).into_any()),
                    Value::Null if may_be_absent => out.push(py.None().into_bound(py)),
                    other => return Ok(Err(other)),
                }
            }
            PyTuple::new(py, out)?.into_any()
        }
        (T::List(item), Value::Array(items)) => {
            let list = PyList::empty(py);
            for value in items {
                match value {
                    Value::Object(map) => list.append(make(py, item.name, map)?)?,
                    other => return Ok(Err(other)),
                }
            }
            list.into_any()
        }
        (_, value) => return Ok(Err(value)),
    }))
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// `<Class name=value ...>`: the class and its scalar fields that hold something (text and
/// numbers; maps, lists and `raw` are left out), read through the class's attributes.
pub fn repr(obj: &Bound<'_, PyAny>, desc: &TypeDesc) -> PyResult<String> {
    let mut out = format!("<{}", desc.name);
    for field in desc.fields {
        use ValueType as T;
        if !matches!(field.ty, T::Str | T::OptStr | T::Int | T::OptInt | T::Float | T::Bool) {
            continue;
        }
        let value = obj.getattr(field.name)?;
        if value.is_none() || (value.is_instance_of::<PyString>() && value.len()? == 0) {
            continue;
        }
        out.push_str(&format!(" {}={}", field.name, value.repr()?));
    }
    out.push('>');
    Ok(out)
}
