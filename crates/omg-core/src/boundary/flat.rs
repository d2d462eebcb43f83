//! The flat view of a described value: its fields in the described order, each in its type's
//! binary form, with no names and no escaping. What a binding that reads every field at once
//! through a C ABI (.NET) takes instead of the JSON view: reading JSON text into dictionaries
//! cost the Mono runtime as much as the whole verification (docs/performance.md, "Fifth pass").
//!
//! The layout, by [`super::ValueType`] (every number little-endian):
//!
//! | type | bytes |
//! |---|---|
//! | `Str` | `u32` length, then that many bytes of UTF-8 |
//! | `OptStr` | as `Str`, or the length `u32::MAX` (nothing follows) for absent |
//! | `Int` | `i64` |
//! | `OptInt` | one byte `0` (absent) or `1` followed by an `i64` |
//! | `Float` | `f64` |
//! | `Bool` | one byte, `0` or `1` |
//! | `StrMap` | `u32` count, then count × (key `Str`, value `Str`) |
//! | `StrList` | `u32` count, then count × `Str` |
//! | `OptStrList` | as `StrList`, or the count `u32::MAX` for absent |
//! | `ListOfOptStr` | `u32` count, then count × `OptStr` |
//! | `Json` | the compact JSON text as a `Str` |
//! | `List(T)` | `u32` count, then each item's fields in `T`'s described order |
//!
//! `describe!` writes [`super::Described::write_flat`] with these functions, field by field, so
//! the flat view and the description cannot disagree; `tests/boundary_description.rs` reads every
//! sample's flat view back by its description and compares it with the JSON view.

use serde_json::Value;

use super::Described;
use crate::fields::Fields;

/// The length of an absent `OptStr` and the count of an absent `OptStrList`.
pub const ABSENT: u32 = u32::MAX;

/// A length or count. Nothing that crosses is near 4 GiB (a message is at most 64 KiB); were one
/// larger, the saturated length would no longer match the bytes and the reader would refuse the
/// view as malformed, never read it as another value.
fn len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n.min(ABSENT as usize - 1) as u32).to_le_bytes());
}

pub fn str(out: &mut Vec<u8>, v: &str) {
    len(out, v.len());
    out.extend_from_slice(v.as_bytes());
}
pub fn opt_str(out: &mut Vec<u8>, v: Option<&str>) {
    match v {
        Some(v) => str(out, v),
        None => out.extend_from_slice(&ABSENT.to_le_bytes()),
    }
}
pub fn int(out: &mut Vec<u8>, v: i64) {
    out.extend_from_slice(&v.to_le_bytes());
}
pub fn opt_int(out: &mut Vec<u8>, v: Option<i64>) {
    match v {
        Some(v) => {
            out.push(1);
            int(out, v);
        }
        None => out.push(0),
    }
}
pub fn float(out: &mut Vec<u8>, v: f64) {
    out.extend_from_slice(&v.to_le_bytes());
}
pub fn bool(out: &mut Vec<u8>, v: bool) {
    out.push(v as u8);
}
pub fn str_map(out: &mut Vec<u8>, v: &Fields) {
    len(out, v.len());
    for (k, v) in v.iter() {
        str(out, k);
        str(out, v);
    }
}
pub fn str_list<S: AsRef<str>>(out: &mut Vec<u8>, v: &[S]) {
    len(out, v.len());
    for s in v {
        str(out, s.as_ref());
    }
}
pub fn opt_str_list<S: AsRef<str>>(out: &mut Vec<u8>, v: Option<&[S]>) {
    match v {
        Some(v) => str_list(out, v),
        None => out.extend_from_slice(&ABSENT.to_le_bytes()),
    }
}
pub fn list_of_opt_str(out: &mut Vec<u8>, v: &[Option<&str>]) {
    len(out, v.len());
    for s in v {
        opt_str(out, *s);
    }
}
pub fn json(out: &mut Vec<u8>, v: &Value) {
    str(out, &v.to_string());
}
pub fn list<T: Described>(out: &mut Vec<u8>, v: &[T]) {
    len(out, v.len());
    for item in v {
        item.write_flat(out);
    }
}
