//! An order object (`{ merchantTradeNo, totalAmount, choosePayment: "ATM", ... }`, any casing of
//! the wire names) → omg-core's `Order`, through `order::input`, which knows the field names.

use napi::bindgen_prelude::*;
use omg_core::order::input::{order_from_input, InputValue};
use omg_core::Order;

use crate::convert::input_value;
use crate::error::IntoJs;

pub fn order_from_object(object: &Object) -> Result<Order> {
    let keys = Object::keys(object)?;
    let mut entries: Vec<(String, InputValue)> = Vec::with_capacity(keys.len());
    for key in keys {
        let Some(value) = object.get::<Unknown>(&key)? else { continue };
        if let Some(value) = input_value(&value)? {
            entries.push((key, value));
        }
    }
    order_from_input(entries).into_js()
}
