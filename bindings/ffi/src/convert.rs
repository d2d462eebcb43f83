//! Arguments coming in: UTF-8 pointer + length, packed field lists, JSON. Every check here
//! answers with a `Failure`, never reads past what the caller said it gave.

use omg_core::notify::{ParsedFields, MAX_BODY_BYTES};
use omg_core::{Error, Fields};

use crate::errors::Failure;

/// The largest input any entry point reads: 16 MiB. Longer inputs are refused (`OMG_ERR_DECODE`)
/// without being read; omg-core's own limits (64 KiB for a notification) are far below.
pub const OMG_MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// The bytes at `ptr..ptr+len`. `len == 0` is the empty input whatever `ptr` is; NULL with a
/// length is an argument error.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay unchanged during the call.
pub(crate) unsafe fn bytes<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a [u8], Failure> {
    if len > OMG_MAX_INPUT_BYTES {
        return Err(Failure::Core(Error::Decode(format!(
            "{name} is {len} bytes, over the {OMG_MAX_INPUT_BYTES}-byte limit of the C ABI"
        ))));
    }
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Failure::Argument(format!("{name} is NULL but its length is {len}")));
    }
    // SAFETY: non-NULL, and the caller guarantees `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// The UTF-8 text at `ptr..ptr+len` (see [`bytes`]); invalid UTF-8 is a decode error naming the
/// argument.
///
/// # Safety
/// As [`bytes`].
pub(crate) unsafe fn text<'a>(ptr: *const u8, len: usize, name: &str) -> Result<&'a str, Failure> {
    let raw = unsafe { bytes(ptr, len, name)? };
    std::str::from_utf8(raw)
        .map_err(|e| Failure::Core(Error::Decode(format!("{name} is not valid UTF-8 (at byte {})", e.valid_up_to()))))
}

/// Fields packed as `key NUL value NUL key NUL value` (no NUL at the end; the empty input is no
/// fields). Duplicate keys are omg-core's validation error.
/// The raw body's caps hold (`ParsedFields`: at most 1,024 fields, 64 KiB written as a form).
pub(crate) fn packed_fields(packed: &str, name: &str) -> Result<Fields, Failure> {
    let pairs = packed_pairs(packed, name)?;
    Ok(ParsedFields::collect(pairs.into_iter())?)
}

/// The `(key, value)` pairs of [`packed_fields`]' input, borrowed from it (for signing without
/// building a `Fields`; signing itself refuses two keys equal ignoring case).
pub(crate) fn packed_pairs<'a>(packed: &'a str, name: &str) -> Result<Vec<(&'a str, &'a str)>, Failure> {
    if packed.is_empty() {
        return Ok(Vec::new());
    }
    // More pairs than a message may have fields: refused before the text is split.
    let separators = packed.bytes().filter(|&b| b == 0).count();
    ParsedFields::new(separators.div_ceil(2))?;
    // The packed text is exactly as long as the fields written `k=v&k=v` (a NUL stands for each
    // `=` and `&`), so the raw body's byte cap is its length: `packed_fields` gets it from
    // ParsedFields, CheckMacValue (which signs the pairs without building Fields) here.
    if packed.len() > MAX_BODY_BYTES {
        return Err(Failure::Core(Error::Decode(format!(
            "{name} written as a form body are {} bytes, more than the {MAX_BODY_BYTES} bytes a notification body may be",
            packed.len()
        ))));
    }
    let parts: Vec<&str> = packed.split('\0').collect();
    let pairs = parts.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        return Err(Failure::Argument(format!(
            "{name} must be key/value pairs separated by NUL ({} parts is odd)",
            parts.len()
        )));
    }
    Ok(pairs.map(|kv| (kv[0], kv[1])).collect())
}

/// A JSON document.
pub(crate) fn json(text: &str, name: &str) -> Result<serde_json::Value, Failure> {
    serde_json::from_str(text).map_err(|e| Failure::Core(Error::Decode(format!("{name} is not valid JSON: {e}"))))
}
