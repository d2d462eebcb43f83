//! Values described by omg-core's boundary (`omg_core::boundary::types()`) as JS values, built
//! from the description alone: no field is named here. A described type becomes a plain object
//! whose keys are its fields in camelCase (the boundary casing rule), in the described order;
//! absent values (JSON null) are left out and read as `undefined`.
//!
//! - [`Described`]: a whole value (the results of the server APIs, the client settings, the
//!   error payload), built when it crosses.
//! - [`DescribedField`]: one field, for the lazy getters of a notification (notification.rs).
//! - [`described_types`]: the description itself, from which the JS layer defines those getters.

use std::ptr;

use napi::bindgen_prelude::*;
use napi::{check_status, sys};
use napi_derive::napi;
use omg_core::boundary::{self, casing::camel_case, TypeDesc, ValueType};
use serde_json::Value;

/// A described value on its way to JS: a plain object with the described fields in camelCase.
pub struct Described {
    desc: &'static TypeDesc,
    json: Value,
}

impl Described {
    pub fn of<T: boundary::Described>(value: &T) -> Self {
        Described { desc: T::desc(), json: value.to_json() }
    }

    /// For `ApiCall`'s conversion of an owned result.
    pub fn from_owned<T: boundary::Described>(value: T) -> Self {
        Described::of(&value)
    }

    /// The value as JSON with camelCase keys, following the description (nested described
    /// types included): what a thrown error's payload carries.
    pub fn into_camel_json(self) -> Value {
        camel_json(self.desc, self.json)
    }
}

impl TypeName for Described {
    fn type_name() -> &'static str {
        "object"
    }
    fn value_type() -> napi::ValueType {
        napi::ValueType::Object
    }
}

impl ToNapiValue for Described {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        unsafe { object(env, val.desc, val.json) }
    }
}

/// One field of a described value: its type and its JSON, converted as that type.
pub struct DescribedField {
    pub ty: &'static ValueType,
    pub json: Value,
}

impl TypeName for DescribedField {
    fn type_name() -> &'static str {
        "unknown"
    }
    fn value_type() -> napi::ValueType {
        napi::ValueType::Unknown
    }
}

impl ToNapiValue for DescribedField {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        unsafe { value(env, val.ty, val.json) }
    }
}

/// The JSON view `json` of a `desc` value as a JS object.
unsafe fn object(env: sys::napi_env, desc: &'static TypeDesc, json: Value) -> Result<sys::napi_value> {
    let Value::Object(mut map) = json else {
        return Err(Error::from_reason(format!("omg-payment: the view of {} is not an object (a bug)", desc.name)));
    };
    let mut object = ptr::null_mut();
    check_status!(unsafe { sys::napi_create_object(env, &mut object) })?;
    for field in desc.fields {
        let json = map.remove(field.name).unwrap_or(Value::Null);
        if json.is_null() {
            continue;
        }
        let key = camel_case(field.name);
        let value = unsafe { value(env, &field.ty, json)? };
        let key = unsafe { <&str>::to_napi_value(env, key.as_str())? };
        check_status!(unsafe { sys::napi_set_property(env, object, key, value) })?;
    }
    Ok(object)
}

/// One JSON value of type `ty` as JS: null is `undefined` (except inside `Json`, received as
/// is), a `StrMap`'s `[key, value]` pairs an object in their order, lists arrays.
unsafe fn value(env: sys::napi_env, ty: &'static ValueType, json: Value) -> Result<sys::napi_value> {
    match (ty, json) {
        (ValueType::Json, json) => unsafe { Value::to_napi_value(env, json) },
        (_, Value::Null) => {
            let mut undefined = ptr::null_mut();
            check_status!(unsafe { sys::napi_get_undefined(env, &mut undefined) })?;
            Ok(undefined)
        }
        (ValueType::StrMap, Value::Array(pairs)) => {
            let mut object = ptr::null_mut();
            check_status!(unsafe { sys::napi_create_object(env, &mut object) })?;
            for pair in pairs {
                if let Value::Array(mut kv) = pair {
                    if let (Some(Value::String(v)), Some(Value::String(k))) = (kv.pop(), kv.pop()) {
                        let key = unsafe { <&str>::to_napi_value(env, k.as_str())? };
                        let value = unsafe { <&str>::to_napi_value(env, v.as_str())? };
                        check_status!(unsafe { sys::napi_set_property(env, object, key, value) })?;
                    }
                }
            }
            Ok(object)
        }
        (ValueType::List(item), Value::Array(items)) => unsafe {
            array(env, items, |env, json| object(env, item, json))
        },
        (ValueType::StrList | ValueType::OptStrList | ValueType::ListOfOptStr, Value::Array(items)) => unsafe {
            array(env, items, |env, json| value(env, &ValueType::OptStr, json))
        },
        (_, json) => unsafe { Value::to_napi_value(env, json) },
    }
}

unsafe fn array(
    env: sys::napi_env,
    items: Vec<Value>,
    each: impl Fn(sys::napi_env, Value) -> Result<sys::napi_value>,
) -> Result<sys::napi_value> {
    let mut array = ptr::null_mut();
    check_status!(unsafe { sys::napi_create_array_with_length(env, items.len(), &mut array) })?;
    for (index, json) in items.into_iter().enumerate() {
        let value = each(env, json)?;
        check_status!(unsafe { sys::napi_set_element(env, array, index as u32, value) })?;
    }
    Ok(array)
}

/// `json`, a `desc` value, with camelCase keys (nested described types too).
fn camel_json(desc: &'static TypeDesc, json: Value) -> Value {
    let Value::Object(mut map) = json else { return json };
    let mut out = serde_json::Map::with_capacity(desc.fields.len());
    for field in desc.fields {
        let value = map.remove(field.name).unwrap_or(Value::Null);
        let value = match (&field.ty, value) {
            (ValueType::List(item), Value::Array(items)) => {
                Value::Array(items.into_iter().map(|v| camel_json(item, v)).collect())
            }
            (_, value) => value,
        };
        out.insert(camel_case(field.name), value);
    }
    Value::Object(out)
}

/// One described field as the JS layer sees it.
#[napi(object)]
pub struct DescribedFieldName {
    /// The property name: the snake_case name by the boundary casing rule (camelCase).
    pub js_name: String,
    /// The snake_case name of the description.
    pub name: String,
    /// `str`, `opt_str`, `int`, ..., `str_map`, `list` (`ValueType::name`).
    pub value_type: String,
}

/// One described type as the JS layer sees it.
#[napi(object)]
pub struct DescribedType {
    pub name: String,
    pub fields: Vec<DescribedFieldName>,
}

/// Every type that crosses the boundary (`omg_core::boundary::types()`), with the JS name of
/// each field: the JS layer defines the notification classes' getters from it.
#[napi(catch_unwind)]
pub fn described_types() -> Vec<DescribedType> {
    boundary::types()
        .iter()
        .map(|desc| DescribedType {
            name: desc.name.to_string(),
            fields: desc
                .fields
                .iter()
                .map(|f| DescribedFieldName {
                    js_name: camel_case(f.name),
                    name: f.name.to_string(),
                    value_type: f.ty.name().to_string(),
                })
                .collect(),
        })
        .collect()
}
