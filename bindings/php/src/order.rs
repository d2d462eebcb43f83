//! An order array (`['merchantTradeNo' => ..., 'totalAmount' => 1200, 'choosePayment' => 'ATM',
//! ..., 'extra' => [...]]`, wire names in any casing) → omg-core's `Order`, through
//! `Order::from_named_values`, which knows the field names, the yes/no spellings and the list
//! separators.

use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use omg_core::order::values::Value;
use omg_core::Order;

use crate::convert::{self, type_error};
use crate::errors::IntoPhp;

/// The key of an order array holding further fields, sent as given.
const EXTRA: &str = "extra";

pub fn from_array(order: &ZendHashTable) -> PhpResult<Order> {
    let mut values: Vec<(String, Value)> = Vec::with_capacity(order.len());
    let mut extra = Vec::new();
    for entry in convert::entries("Argument #1 ($order)", order) {
        let (name, value) = entry?;
        let value = value.dereference();
        if name == EXTRA {
            match value.array() {
                Some(fields) => extra = convert::fields("Argument #1 ($order)['extra']", fields)?.into_pairs(),
                None if value.is_null() => {}
                None => return Err(type_error("Argument #1 ($order)['extra']", "of type array", value)),
            }
            continue;
        }
        if let Some(value) = order_value(&name, value, true)? {
            values.push((name, value));
        }
    }
    Order::from_named_values(values, extra).into_php()
}

/// One value: string, int, bool, or a list of strings and ints; None for null (not given).
fn order_value(name: &str, value: &Zval, list_allowed: bool) -> PhpResult<Option<Value>> {
    let argument = || format!("Argument #1 ($order)['{name}']");
    Ok(Some(if value.is_null() {
        return Ok(None);
    } else if let Some(n) = value.long() {
        Value::Number(n)
    } else if let Some(b) = value.bool() {
        Value::Flag(b)
    } else if let Some(text) = convert::utf8(name, value)? {
        Value::Text(text)
    } else if let (Some(items), true) = (value.array(), list_allowed) {
        let mut list = Vec::with_capacity(items.len());
        for item in convert::values(items) {
            match order_value(name, item.dereference(), false)? {
                Some(v @ (Value::Text(_) | Value::Number(_))) => list.push(v),
                _ => return Err(type_error(&argument(), "a list of strings and ints", item)),
            }
        }
        Value::List(list)
    } else {
        return Err(type_error(&argument(), "of type string|int|bool|array", value));
    }))
}
