//! An order object (`{ merchantTradeNo, totalAmount, choosePayment: "ATM", ..., extra }`, wire
//! names in any casing) → omg-core's `Order`, through `Order::from_named_values`, which knows the
//! field names, the yes/no spellings and the list separators.

use napi::bindgen_prelude::*;
use napi::ValueType;
use omg_core::order::values::Value;
use omg_core::Order;

use crate::convert::{fields_from_object, named, whole_number, Utf8Text};
use crate::errors::IntoJs;

/// The key of an order object holding further fields, sent as given.
const EXTRA: &str = "extra";

pub fn order_from_object(object: &Object) -> Result<Order> {
    let keys = Object::keys(object)?;
    let mut values: Vec<(String, Value)> = Vec::with_capacity(keys.len());
    let mut extra = Vec::new();
    for key in keys {
        let Some(value) = object.get::<Unknown>(&key)? else { continue };
        if key == EXTRA {
            if matches!(value.get_type()?, ValueType::Object) {
                extra = fields_from_object(&unsafe { value.cast::<Object>()? })?.into_pairs();
            } else if !matches!(value.get_type()?, ValueType::Null | ValueType::Undefined) {
                return Err(type_error(&key, "a plain object of fields"));
            }
            continue;
        }
        if let Some(value) = order_value(&key, &value)? {
            values.push((key, value));
        }
    }
    Order::from_named_values(values, extra).into_js()
}

/// One value: text, a whole number, true/false, or a flat list of text and whole numbers; `None`
/// for `null`/`undefined` (not given). Anything else is a TypeError: a programming error, as in
/// Python's binding. The protocol has no nesting, so a list item is read as a scalar and never
/// descended into: a self-referencing or 30,000-deep array is one TypeError, not a stack
/// overflow that kills the process.
fn order_value(name: &str, value: &Unknown) -> Result<Option<Value>> {
    Ok(Some(match value.get_type()? {
        ValueType::Null | ValueType::Undefined => return Ok(None),
        ValueType::Object if value.is_array()? => {
            let array: Object = unsafe { value.cast()? };
            let length = array.get_array_length()?;
            let mut list = Vec::with_capacity(length as usize);
            for index in 0..length {
                let item: Unknown = array.get_element(index)?;
                match scalar(name, &item)? {
                    Some(v @ (Value::Text(_) | Value::Number(_))) => list.push(v),
                    _ => return Err(type_error(name, "a flat list of strings and whole numbers")),
                }
            }
            Value::List(list)
        }
        _ => match scalar(name, value)? {
            Some(v) => v,
            None => return Err(type_error(name, "a string, a whole number, a boolean or a list")),
        },
    }))
}

/// A string, whole number or boolean; `None` for anything else (arrays and objects included).
fn scalar(name: &str, value: &Unknown) -> Result<Option<Value>> {
    Ok(Some(match value.get_type()? {
        ValueType::String => {
            Value::Text(unsafe { value.cast::<Utf8Text>() }.map_err(|e| named(&format!("order.{name}"), e))?.0)
        }
        ValueType::Boolean => Value::Flag(unsafe { value.cast::<bool>()? }),
        ValueType::Number => Value::Number(
            whole_number(unsafe { value.cast::<f64>()? }).ok_or_else(|| type_error(name, "a whole number"))?,
        ),
        _ => return Ok(None),
    }))
}

fn type_error(name: &str, expected: &str) -> Error {
    Error::new(Status::InvalidArg, format!("order.{name} must be {expected}"))
}
