//! The form-body and raw-reply parsers: never panic, and a parsed form body encodes and parses
//! back to the same fields.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omg_core::Fields;

fuzz_target!(|data: &[u8]| {
    if let Ok(fields) = Fields::parse_form(data) {
        let again = Fields::parse_form(fields.to_form_body().as_bytes()).expect("an encoded body parses");
        assert_eq!(again, fields);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Fields::parse_raw(text);
    }
});
