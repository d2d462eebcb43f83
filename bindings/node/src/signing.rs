//! CheckMacValue: sign a field set, explain a signature.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use omg_core::mac::{self, HashMethod};
use omg_core::notify::template;

use crate::convert::{fields_from_joined, fields_from_object, JoinedText, Utf8Text};
use crate::error::{invalid, IntoJs};

/// `"sha256"` (default) or `"md5"` (legacy EncryptType 0 merchants).
pub fn hash_method(name: Option<&str>) -> Result<HashMethod> {
    match name.map(str::to_ascii_lowercase).as_deref() {
        None | Some("sha256") => Ok(HashMethod::Sha256),
        Some("md5") => Ok(HashMethod::Md5),
        Some(other) => Err(invalid("method", "one_of", format!("method must be \"sha256\" or \"md5\", not {other:?}"))),
    }
}

fn method_name(method: HashMethod) -> &'static str {
    match method {
        HashMethod::Sha256 => "sha256",
        HashMethod::Md5 => "md5",
    }
}

/// The CheckMacValue of `fields` (a CheckMacValue among them is ignored).
#[napi(catch_unwind)]
pub fn check_mac_value(fields: Object, hash_key: String, hash_iv: String, method: Option<String>) -> Result<String> {
    let method = hash_method(method.as_deref())?;
    let fields = fields_from_object(&fields)?;
    mac::sign(&fields, &hash_key, &hash_iv, method).into_js()
}

/// The CheckMacValue of `count` fields given as their keys and their values, each list joined
/// with NUL by the JS layer. Two flat strings cross the boundary instead of two per field, which
/// is most of the cost of a call. `null` when a list does not split into `count` items (a key or
/// value held a NUL): the JS layer then calls `check_mac_value` with the object.
#[napi(catch_unwind)]
pub fn check_mac_value_packed(keys: JoinedText, values: JoinedText, count: u32, hash_key: Utf8Text, hash_iv: Utf8Text, method: Option<String>) -> Result<Option<String>> {
    let method = hash_method(method.as_deref())?;
    let Some(fields) = fields_from_joined(&keys, &values, count as usize) else {
        return Ok(None);
    };
    mac::sign(&fields, &hash_key.0, &hash_iv.0, method).map(Some).into_js()
}

#[napi(object)]
pub struct Explanation {
    /// `HashKey=****&k=v&...&HashIV=****`, raw values, sorted case-insensitively.
    pub sorted_preimage: String,
    /// The .NET url-encoded, lowercased pre-image.
    pub encoded: String,
    /// `sha256` or `md5`.
    pub method: String,
    pub check_mac_value: String,
}

/// How a CheckMacValue is computed, HashKey and HashIV masked as `****`.
#[napi(catch_unwind)]
pub fn explain(fields: Object, hash_key: String, hash_iv: String, method: Option<String>) -> Result<Explanation> {
    let method = hash_method(method.as_deref())?;
    let fields = fields_from_object(&fields)?;
    let e = mac::explain(&fields, &hash_key, &hash_iv, method).into_js()?;
    Ok(Explanation {
        sorted_preimage: e.sorted_preimage,
        encoded: e.encoded,
        method: method_name(e.method).to_string(),
        check_mac_value: e.check_mac_value,
    })
}

/// The lowercased .NET url-encoding of one string (the encoding step of CheckMacValue).
#[napi(catch_unwind)]
pub fn encode_lower(text: String) -> String {
    mac::encode_lower(&text)
}

/// Signs `fields` (a CheckMacValue among them is replaced) and returns the form body a gateway
/// would POST. With `kind`, `fields` are set on top of that notification's realistic fields
/// (MerchantID from `fields`).
#[napi(catch_unwind)]
pub fn sign_test_notification(fields: Object, hash_key: String, hash_iv: String, kind: Option<String>) -> Result<String> {
    let fields = fields_from_object(&fields)?;
    template::sign_with_keys(kind.as_deref(), fields, &hash_key, &hash_iv).into_js()
}
