//! An order as JSON (`{"MerchantTradeNo": "...", "TotalAmount": 100, "CreditInstallment": [3, 6],
//! "extra": [["Name", "value"]]}`) → omg-core's `Order`, through `Order::from_named_values`,
//! which knows the names, the yes/no spellings and the list separators.

use omg_core::order::values::Value;
use omg_core::rules;
use omg_core::{Error, FieldError, Order};
use serde_json::Value as Json;

use crate::errors::Failure;

/// The key holding fields sent as given, as `[name, value]` pairs.
const EXTRA: &str = "extra";

pub(crate) fn order_from_json(order: &Json) -> Result<Order, Failure> {
    let Json::Object(members) = order else {
        return Err(Failure::Core(Error::Decode("order must be a JSON object".into())));
    };
    let mut values = Vec::with_capacity(members.len());
    let mut extra = Vec::new();
    let mut errors = Vec::new();
    for (name, value) in members {
        if name == EXTRA {
            match pairs(value) {
                Some(p) => extra = p,
                None => errors.push(FieldError::new(
                    EXTRA,
                    rules::FORMAT,
                    "extra must be a list of [name, value] text pairs",
                )),
            }
            continue;
        }
        match order_value(value) {
            Ok(Some(v)) => values.push((name.as_str(), v)),
            Ok(None) => {}
            Err(expected) => {
                errors.push(FieldError::new(name.as_str(), rules::FORMAT, format!("{name} must be {expected}")))
            }
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Core(Error::Validation(errors)));
    }
    Ok(Order::from_named_values(values, extra)?)
}

/// One value: text, a whole number, true/false, or a list of text and whole numbers; `None` for
/// null (not given). Otherwise what was expected.
fn order_value(value: &Json) -> Result<Option<Value>, &'static str> {
    Ok(Some(match value {
        Json::Null => return Ok(None),
        Json::String(s) => Value::Text(s.clone()),
        Json::Bool(b) => Value::Flag(*b),
        Json::Number(n) => Value::Number(n.as_i64().ok_or("a whole number")?),
        Json::Array(items) => Value::List(
            items
                .iter()
                .map(|item| match item {
                    Json::String(s) => Ok(Value::Text(s.clone())),
                    Json::Number(n) => n.as_i64().map(Value::Number).ok_or("a list of text and whole numbers"),
                    _ => Err("a list of text and whole numbers"),
                })
                .collect::<Result<_, _>>()?,
        ),
        Json::Object(_) => return Err("text, a whole number, a boolean or a list"),
    }))
}

/// `[["k", "v"], ...]` as pairs.
fn pairs(value: &Json) -> Option<Vec<(String, String)>> {
    value
        .as_array()?
        .iter()
        .map(|pair| match pair.as_array()?.as_slice() {
            [Json::String(k), Json::String(v)] => Some((k.clone(), v.clone())),
            _ => None,
        })
        .collect()
}
