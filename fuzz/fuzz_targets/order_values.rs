//! Building and signing an order from arbitrary named values, as the bindings do: never panics,
//! and an order that validates signs into a checkout whose signature verifies.
//!
//! Input: records separated by 0x1E; each record is `name 0x1F kind value`, kind `t` text,
//! `n` number, `f` flag, `l` a list of 0x1D-separated texts, `x` an extra field.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omg_core::order::values::Value;
use omg_core::{checkout, mac, Credentials, Environment, FixedClock, HashMethod, Order};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut values = Vec::new();
    let mut extra = Vec::new();
    for record in text.split('\u{1E}') {
        let Some((name, rest)) = record.split_once('\u{1F}') else { continue };
        let mut chars = rest.chars();
        let kind = chars.next();
        let value = chars.as_str();
        match kind {
            Some('t') => values.push((name.to_string(), Value::Text(value.to_string()))),
            Some('n') => values.push((name.to_string(), Value::Number(value.parse().unwrap_or(value.len() as i64)))),
            Some('f') => values.push((name.to_string(), Value::Flag(value.is_empty()))),
            Some('l') => values.push((
                name.to_string(),
                Value::List(value.split('\u{1D}').map(|v| Value::Text(v.to_string())).collect()),
            )),
            Some('x') => extra.push((name.to_string(), value.to_string())),
            _ => {}
        }
    }
    let Ok(order) = Order::from_named_values(values, extra) else { return };
    let credentials = Credentials::stage();
    if let Ok(signed) = checkout(&order, &credentials, &Environment::Stage, &FixedClock(1_704_067_200)) {
        let method = HashMethod::from_encrypt_type(signed.fields.get("EncryptType"));
        mac::verify(&signed.fields, credentials.hash_key(), credentials.hash_iv(), method)
            .expect("a checkout verifies");
    }
});
