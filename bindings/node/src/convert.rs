//! JS values ↔ omg-core values: a plain object of fields ↔ `Fields`. Conversion only; every
//! protocol rule stays in omg-core.

use napi::bindgen_prelude::*;
use napi::ValueType;
use omg_core::notify::ParsedFields;
use omg_core::rules;
use omg_core::Fields;

use crate::errors::{invalid, IntoJs};

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
    // The raw body's caps hold for an object too: its size is checked before any value is read.
    let mut fields = ParsedFields::new(keys.len()).into_js()?;
    for key in keys {
        let value: Unknown =
            object.get(&key)?.ok_or_else(|| invalid(&key, rules::TYPE, format!("{key} has no value")))?;
        let text = match value.get_type()? {
            ValueType::String => unsafe { value.cast::<Utf8Text>() }.map_err(|e| named(&key, e))?.0,
            ValueType::Number => {
                let n = unsafe { value.cast::<f64>()? };
                match whole_number(n) {
                    Some(n) => n.to_string(),
                    None => {
                        return Err(invalid(
                            &key,
                            rules::TYPE,
                            format!("{key} must be text or a whole number, not {n}"),
                        ))
                    }
                }
            }
            ValueType::Null | ValueType::Undefined => continue,
            other => {
                return Err(invalid(
                    &key,
                    rules::TYPE,
                    format!("{key} must be text or a whole number, not {}", type_name(other)),
                ))
            }
        };
        fields.push(&key, &text).into_js()?;
    }
    Ok(fields.finish())
}

/// An argument error about one field: its name first.
pub fn named(name: &str, error: Error) -> Error {
    Error::new(Status::InvalidArg, format!("{name}: {}", error.reason))
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

/// A JS string's UTF-8 text, converted in one pass. napi-rs's `String` asks V8 for the UTF-8
/// length first and then writes it, walking the string twice; for the packed fields of
/// `check_mac_value_packed` that second walk is a tenth of the call. The UTF-16 length, which
/// V8 knows without walking, bounds the UTF-8 length (at most 3 bytes per unit).
///
/// A string holding a lone surrogate (half of a UTF-16 pair) has no UTF-8 form; V8 would write
/// U+FFFD in its place, and a different text than the one given would be signed or sent. So when
/// the UTF-8 holds U+FFFD, the UTF-16 units are read and a lone surrogate is an `InvalidArg`
/// error (a TypeError in JS). Strings without U+FFFD, nearly all, pay nothing for this.
pub struct Utf8Text(pub String);

impl TypeName for Utf8Text {
    fn type_name() -> &'static str {
        "string"
    }
    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl FromNapiValue for Utf8Text {
    unsafe fn from_napi_value(env: napi::sys::napi_env, value: napi::sys::napi_value) -> Result<Self> {
        use napi::sys;
        let units = unsafe { utf16_length(env, value) }?;
        let capacity = units * 3 + 1;
        let mut bytes: Vec<u8> = Vec::with_capacity(capacity);
        let mut written = 0usize;
        // SAFETY: V8 writes at most `capacity` bytes (NUL included) into the buffer and reports
        // how many before the NUL; only those are marked initialised.
        let status =
            unsafe { sys::napi_get_value_string_utf8(env, value, bytes.as_mut_ptr().cast(), capacity, &mut written) };
        if status != sys::Status::napi_ok || written >= capacity {
            return Err(Error::new(Status::StringExpected, "expected a string"));
        }
        unsafe { bytes.set_len(written) };
        let text =
            String::from_utf8(bytes).map_err(|_| Error::new(Status::InvalidArg, "the string is not valid UTF-8"))?;
        if text.contains('\u{FFFD}')
            && char::decode_utf16(unsafe { utf16_units(env, value, units) }?).any(|c| c.is_err())
        {
            return Err(lone_surrogate());
        }
        Ok(Utf8Text(text))
    }
}

/// The length of a JS string in UTF-16 units, which V8 knows without walking the string.
///
/// # Safety
/// `env` and `value` must be a live napi environment and value.
unsafe fn utf16_length(env: napi::sys::napi_env, value: napi::sys::napi_value) -> Result<usize> {
    use napi::sys;
    let mut units = 0usize;
    // SAFETY: a null buffer asks for the length only.
    let status = unsafe { sys::napi_get_value_string_utf16(env, value, std::ptr::null_mut(), 0, &mut units) };
    if status != sys::Status::napi_ok {
        return Err(Error::new(Status::StringExpected, "expected a string"));
    }
    Ok(units)
}

/// The `units` UTF-16 code units of a JS string (a plain copy on V8's side).
///
/// # Safety
/// `env` and `value` must be a live napi environment and a string value of `units` units.
unsafe fn utf16_units(env: napi::sys::napi_env, value: napi::sys::napi_value, units: usize) -> Result<Vec<u16>> {
    use napi::sys;
    let mut buffer: Vec<u16> = Vec::with_capacity(units + 1);
    let mut copied = 0usize;
    // SAFETY: the buffer has room for `units + 1` units, the string and its terminating NUL;
    // V8 reports how many units it wrote before the NUL, and only those are marked initialised
    // (no zero-filling first: it was a measurable share of `checkMacValue`).
    let status = unsafe { sys::napi_get_value_string_utf16(env, value, buffer.as_mut_ptr(), units + 1, &mut copied) };
    if status != sys::Status::napi_ok || copied > units {
        return Err(Error::new(Status::StringExpected, "expected a string"));
    }
    unsafe { buffer.set_len(copied) };
    Ok(buffer)
}

/// The error for a string holding an unpaired UTF-16 half (a TypeError in JS).
fn lone_surrogate() -> Error {
    Error::new(
        Status::InvalidArg,
        "the string holds a lone surrogate (an unpaired UTF-16 half), which has no UTF-8 form",
    )
}

/// A list of strings joined with NUL by the JS layer (`Array.prototype.join('\0')`, which makes a
/// flat string: a string built with `+` is a rope V8 must flatten first, a third of
/// `checkMacValue`), read in one pass: V8 copies its UTF-16 units (a plain copy, where its own
/// UTF-8 writer is a per-character loop), and one loop writes the UTF-8, notes where each NUL
/// separator is, and refuses a lone surrogate (an `InvalidArg` error, a TypeError in JS).
pub struct JoinedText {
    text: String,
    /// Byte offsets of the NULs in `text`.
    separators: Vec<usize>,
}

impl TypeName for JoinedText {
    fn type_name() -> &'static str {
        "string"
    }
    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl FromNapiValue for JoinedText {
    unsafe fn from_napi_value(env: napi::sys::napi_env, value: napi::sys::napi_value) -> Result<Self> {
        let units = unsafe { utf16_length(env, value) }?;
        utf16_to_joined(&unsafe { utf16_units(env, value, units) }?)
    }
}

/// UTF-16 units → UTF-8 and the offsets of its NULs; a lone surrogate is an error.
///
/// Eight units at a time while all eight are ASCII, NULs included (one OR of the eight, one
/// narrowing of the eight into bytes, both vector instructions), so that the short items of a
/// field set do not break the fast path; other units one at a time. A unit at a time, this loop
/// cost as much as hashing the pre-image.
fn utf16_to_joined(units: &[u16]) -> Result<JoinedText> {
    let mut bytes: Vec<u8> = Vec::with_capacity(units.len() * 3);
    let mut separators = Vec::with_capacity(64);
    let mut i = 0;
    while i < units.len() {
        if let Some(eight) = units.get(i..i + 8).and_then(|s| <&[u16; 8]>::try_from(s).ok()) {
            if eight.iter().fold(0, |all, &unit| all | unit) < 0x80 {
                if eight.contains(&0) {
                    let at = bytes.len();
                    separators.extend(eight.iter().enumerate().filter(|(_, &unit)| unit == 0).map(|(k, _)| at + k));
                }
                bytes.extend_from_slice(&eight.map(|unit| unit as u8));
                i += 8;
                continue;
            }
        }
        let unit = units[i];
        i += 1;
        let c = match unit {
            0 => {
                separators.push(bytes.len());
                bytes.push(0);
                continue;
            }
            1..=0x7F => {
                bytes.push(unit as u8);
                continue;
            }
            0xD800..=0xDBFF if i < units.len() && (0xDC00..=0xDFFF).contains(&units[i]) => {
                let low = units[i];
                i += 1;
                0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
            }
            0xD800..=0xDFFF => return Err(lone_surrogate()),
            _ => u32::from(unit),
        };
        // `c` is a scalar value (surrogates were handled above), so it has a UTF-8 form.
        let c = char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut utf8 = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
    }
    // SAFETY: only whole characters were written (ASCII bytes, NULs and `char::encode_utf8` of
    // scalar values), so the bytes are UTF-8; checking them again was a fiftieth of a call.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok(JoinedText { text, separators })
}

impl JoinedText {
    /// How many items the text holds (one more than its NULs).
    pub fn len(&self) -> usize {
        self.separators.len() + 1
    }

    /// Item `index` (under [`JoinedText::len`]), the text between two NULs.
    pub fn item(&self, index: usize) -> &str {
        let start = if index == 0 { 0 } else { self.separators[index - 1] + 1 };
        let end = self.separators.get(index).copied().unwrap_or(self.text.len());
        &self.text[start..end]
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
