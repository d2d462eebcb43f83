//! JS values ↔ omg-core values: a plain object of fields ↔ `Fields`. Conversion only; every
//! protocol rule stays in omg-core.

use napi::bindgen_prelude::*;
use napi::ValueType;
use omg_core::Fields;

use crate::error::{invalid, IntoJs};

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JS number that is a whole number JS represents exactly, or None.
pub fn whole_number(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER).then_some(n as i64)
}

/// The fields of a plain object `{ Name: "value" }`, in the object's own order. Values must be
/// strings or whole numbers (written in decimal); `null` and `undefined` values are skipped, as
/// a field that is not sent. Anything else is a validation error of rule `type` naming the field.
pub fn fields_from_object(object: &Object) -> Result<Fields> {
    let keys = Object::keys(object)?;
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(keys.len());
    for key in keys {
        let value: Unknown = object.get(&key)?.ok_or_else(|| invalid(&key, "type", format!("{key} has no value")))?;
        let text = match value.get_type()? {
            ValueType::String => unsafe { value.cast::<String>()? },
            ValueType::Number => {
                let n = unsafe { value.cast::<f64>()? };
                match whole_number(n) {
                    Some(n) => n.to_string(),
                    None => return Err(invalid(&key, "type", format!("{key} must be text or a whole number, not {n}"))),
                }
            }
            ValueType::Null | ValueType::Undefined => continue,
            other => return Err(invalid(&key, "type", format!("{key} must be text or a whole number, not {}", type_name(other)))),
        };
        pairs.push((key, text));
    }
    Fields::from_pairs(pairs).into_js()
}

fn type_name(t: ValueType) -> &'static str {
    match t {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external value",
        _ => "an unknown value",
    }
}

/// `Fields` as a plain JS object with the fields in order (JS objects keep the insertion order of
/// non-numeric keys; gateway field names are never numeric).
pub struct OrderedFields(pub Fields);

impl TypeName for OrderedFields {
    fn type_name() -> &'static str {
        "Record<string, string>"
    }
    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for OrderedFields {
    unsafe fn to_napi_value(env: napi::sys::napi_env, val: Self) -> Result<napi::sys::napi_value> {
        let env = Env::from_raw(env);
        let mut object = Object::new(&env)?;
        for (k, v) in val.0.iter() {
            object.set(k, v)?;
        }
        unsafe { Object::to_napi_value(env.raw(), object) }
    }
}
