//! Functions that need no client: CheckMacValue and its explanation, signed test notifications,
//! the RtnCode catalogue, MerchantTradeNo, Code 39 barcodes, the refusal reply.

use std::ffi::c_char;

use omg_core::boundary::Described;
use omg_core::mac::{self, HashMethod};
use omg_core::SystemClock;

use crate::convert::{packed_fields, packed_pairs, text};
use crate::errors::Failure;
use crate::guard::run;
use crate::output::OutString;
use crate::status::OmgStatus;

/// `method` of [`omg_check_mac_value`]: SHA-256 (EncryptType 1, every current API).
pub const OMG_HASH_SHA256: i32 = 0;
/// `method` of [`omg_check_mac_value`]: MD5 (legacy EncryptType 0 merchants only).
pub const OMG_HASH_MD5: i32 = 1;
/// The room [`omg_check_mac_value`] needs in `out_mac`: 64 hex digits and a NUL.
pub const OMG_MAC_BUFFER_BYTES: usize = 65;

/// The CheckMacValue of `fields` (packed as `key NUL value NUL key NUL value`; a CheckMacValue
/// among them is ignored), written as uppercase hex + NUL into `out_mac`, a caller-owned buffer
/// of `OMG_MAC_BUFFER_BYTES` (no allocation to free: this is the hot path of a shop).
///
/// # Safety
/// `fields`, `hash_key` and `hash_iv` point to their lengths' readable bytes; `out_mac` to
/// `OMG_MAC_BUFFER_BYTES` writable bytes; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_check_mac_value(
    fields: *const u8,
    fields_len: usize,
    hash_key: *const u8,
    hash_key_len: usize,
    hash_iv: *const u8,
    hash_iv_len: usize,
    method: i32,
    out_mac: *mut u8,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        if out_mac.is_null() {
            return Err(Failure::Argument("out_mac is NULL".into()));
        }
        let method = hash_method(method)?;
        let pairs = packed_pairs(text(fields, fields_len, "fields")?, "fields")?;
        let key = text(hash_key, hash_key_len, "hash_key")?;
        let iv = text(hash_iv, hash_iv_len, "hash_iv")?;
        let mac = mac::sign_pairs(pairs.into_iter(), key, iv, method)?;
        // SAFETY: the caller provides OMG_MAC_BUFFER_BYTES; a MAC is at most 64 bytes.
        let out = std::slice::from_raw_parts_mut(out_mac, OMG_MAC_BUFFER_BYTES);
        out[..mac.len()].copy_from_slice(mac.as_bytes());
        out[mac.len()] = 0;
        Ok(())
    })
}

/// `OMG_HASH_SHA256` or `OMG_HASH_MD5`.
fn hash_method(method: i32) -> Result<HashMethod, Failure> {
    match method {
        OMG_HASH_SHA256 => Ok(HashMethod::Sha256),
        OMG_HASH_MD5 => Ok(HashMethod::Md5),
        other => Err(Failure::Argument(format!("method must be OMG_HASH_SHA256 (0) or OMG_HASH_MD5 (1), not {other}"))),
    }
}

/// How the CheckMacValue of `fields` (packed as for [`omg_check_mac_value`]) is computed, HashKey
/// and HashIV masked: the `Explanation` view.
///
/// # Safety
/// `fields`, `hash_key` and `hash_iv` point to their lengths' readable bytes; `out_json` to a
/// writable pointer; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_explain(
    fields: *const u8,
    fields_len: usize,
    hash_key: *const u8,
    hash_key_len: usize,
    hash_iv: *const u8,
    hash_iv_len: usize,
    method: i32,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let method = hash_method(method)?;
        let fields = packed_fields(text(fields, fields_len, "fields")?, "fields")?;
        let key = text(hash_key, hash_key_len, "hash_key")?;
        let iv = text(hash_iv, hash_iv_len, "hash_iv")?;
        out.put(mac::explain(&fields, key, iv, method)?.to_json_text())
    })
}

/// What the RtnCode `code` means: the `CodeInfo` view (an unknown code has category `unknown`).
///
/// # Safety
/// `out_json` points to a writable pointer; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_describe_code(
    code: i64,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        out.put(omg_core::codes::describe(code).to_json_text())
    })
}

/// Every RtnCode the SDK knows: a JSON array of `CodeInfo` views.
///
/// # Safety
/// `out_json` points to a writable pointer; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_known_codes(out_json: *mut *mut c_char, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        out.put_json(serde_json::Value::Array(omg_core::codes::known().iter().map(Described::to_json).collect()))
    })
}

/// A signed test notification body from the given keys: exactly `fields` (packed as for
/// [`omg_check_mac_value`]), or with `kind` (length 0: none) that notification's realistic fields
/// with `fields` on top (MerchantID must then be among `fields`).
///
/// # Safety
/// Each text argument points to its length's readable bytes; `out_body` to a writable pointer;
/// `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_sign_test_notification(
    fields: *const u8,
    fields_len: usize,
    hash_key: *const u8,
    hash_key_len: usize,
    hash_iv: *const u8,
    hash_iv_len: usize,
    kind: *const u8,
    kind_len: usize,
    out_body: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_body, "out_body")?;
        let fields = packed_fields(text(fields, fields_len, "fields")?, "fields")?;
        let key = text(hash_key, hash_key_len, "hash_key")?;
        let iv = text(hash_iv, hash_iv_len, "hash_iv")?;
        let kind = text(kind, kind_len, "kind")?;
        let kind = (!kind.is_empty()).then_some(kind);
        out.put(omg_core::notify::template::sign_with_keys(kind, fields, key, iv)?)
    })
}

/// A new MerchantTradeNo: `prefix` + Taiwan time yyMMddHHmmss + random, 20 characters.
///
/// # Safety
/// `prefix` points to its length's readable bytes; `out_text` to a writable pointer; `out_error`
/// is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_generate_merchant_trade_no(
    prefix: *const u8,
    prefix_len: usize,
    out_text: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_text, "out_text")?;
        let prefix = text(prefix, prefix_len, "prefix")?;
        out.put(omg_core::generate_merchant_trade_no(prefix, &SystemClock)?)
    })
}

/// A Code 39 barcode as SVG: one segment, or several (packed, NUL-separated) stacked, as the
/// three BARCODE payment segments are printed.
///
/// # Safety
/// `segments` points to its length's readable bytes; `out_svg` to a writable pointer;
/// `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_barcode_svg(
    segments: *const u8,
    segments_len: usize,
    out_svg: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_svg, "out_svg")?;
        let segments: Vec<&str> = text(segments, segments_len, "segments")?.split('\0').collect();
        out.put(match segments.as_slice() {
            [one] => omg_core::barcode::svg(one)?,
            many => omg_core::barcode::stacked_svg(many)?,
        })
    })
}

/// A refusal for the gateway, `0|message` on one line (omg-core's `nack`).
///
/// # Safety
/// `message` points to its length's readable bytes; `out_text` to a writable pointer;
/// `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_nack(
    message: *const u8,
    message_len: usize,
    out_text: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_text, "out_text")?;
        out.put(omg_core::nack(text(message, message_len, "message")?))
    })
}
