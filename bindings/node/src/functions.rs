//! The module's functions: CheckMacValue (sign a field set, packed or as an object; explain a
//! signature), signed test notifications, the RtnCode catalogue, Code 39 barcodes,
//! MerchantTradeNo generation.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use omg_core::codes::{self, CodeInfo};
use omg_core::mac::{self, HashMethod};
use omg_core::notify::{template, ParsedFields};
use omg_core::{barcode, SystemClock};

use crate::convert::{fields_from_object, JoinedText};
use crate::errors::IntoJs;

/// `"sha256"` (default) or `"md5"` (legacy EncryptType 0 merchants), by omg-core's parser.
pub fn hash_method(name: Option<&str>) -> Result<HashMethod> {
    name.map_or(Ok(HashMethod::Sha256), HashMethod::parse).into_js()
}

/// The CheckMacValue of `fields` (a CheckMacValue among them is ignored).
#[napi(catch_unwind)]
pub fn check_mac_value(fields: Object, hash_key: String, hash_iv: String, method: Option<String>) -> Result<String> {
    let method = hash_method(method.as_deref())?;
    let fields = fields_from_object(&fields)?;
    mac::sign(&fields, &hash_key, &hash_iv, method).into_js()
}

/// The CheckMacValue of `count` fields given as one text the JS layer joined with NUL: the
/// `count` keys, the `count` values, then HashKey and HashIV. One string crosses the boundary
/// instead of two per field, which is most of the cost of a call. `null` when the text does not
/// split into those `2 * count + 2` items (a key or value held a NUL): the JS layer then calls
/// `check_mac_value` with the object.
#[napi(catch_unwind)]
pub fn check_mac_value_packed(packed: JoinedText, count: u32, method: Option<String>) -> Result<Option<String>> {
    let method = hash_method(method.as_deref())?;
    let count = count as usize;
    if packed.len() != 2 * count + 2 {
        return Ok(None);
    }
    let (keys, values) = ((0..count).map(|i| packed.item(i)), (count..2 * count).map(|i| packed.item(i)));
    let (hash_key, hash_iv) = (packed.item(2 * count), packed.item(2 * count + 1));
    // Signed from slices of the text: no string per field. No duplicate check beyond signing's
    // own: the keys come from one JS object, so no two are equal, and two equal ignoring case
    // (the only duplicates an object can hold) are refused by signing, naming the field. Signing
    // holds the pairs to a message's caps (1,024 fields, 64 KiB) as a converted object is held.
    mac::sign_pairs(keys.zip(values), hash_key, hash_iv, method).map(Some).into_js()
}

/// Refuses a field count over the cap of a notification body (`DecodeError`), the way converting
/// an object of that many fields would: the JS layer asks before it packs an object's fields.
#[napi(catch_unwind)]
pub fn check_field_count(count: u32) -> Result<()> {
    ParsedFields::new(count as usize).map(|_| ()).into_js()
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
        method: e.method.as_str().to_string(),
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
pub fn sign_test_notification(
    fields: Object,
    hash_key: String,
    hash_iv: String,
    kind: Option<String>,
) -> Result<String> {
    let fields = fields_from_object(&fields)?;
    template::sign_with_keys(kind.as_deref(), fields, &hash_key, &hash_iv).into_js()
}

/// What a RtnCode means.
#[napi(object)]
pub struct CodeDescription {
    pub code: i64,
    pub zh: String,
    pub en: String,
    /// `success`, `code_issued`, `signature`, `not_found`, ..., `unknown`.
    pub category: String,
    /// False for codes only a secondary summary reports, and for unknown codes.
    pub confirmed: bool,
}

impl From<CodeInfo> for CodeDescription {
    fn from(c: CodeInfo) -> Self {
        CodeDescription {
            code: c.code,
            zh: c.zh.to_string(),
            en: c.en.to_string(),
            category: c.category.as_str().to_string(),
            confirmed: c.confirmed,
        }
    }
}

#[napi(catch_unwind)]
pub fn describe_code(code: i64) -> CodeDescription {
    codes::describe(code).into()
}

#[napi(catch_unwind)]
pub fn known_codes() -> Vec<CodeDescription> {
    codes::known().iter().copied().map(CodeDescription::from).collect()
}

/// Code 39 SVG of one or several segments (several: stacked top to bottom, as a BARCODE payment
/// slip prints its three).
#[napi(catch_unwind)]
pub fn barcode_svg(segments: Vec<String>) -> Result<String> {
    let refs: Vec<&str> = segments.iter().map(String::as_str).collect();
    barcode::stacked_svg(&refs).into_js()
}

/// A fresh MerchantTradeNo: prefix, Taiwan-time stamp, random base-36, 20 characters.
#[napi(catch_unwind)]
pub fn generate_merchant_trade_no(prefix: String) -> Result<String> {
    omg_core::generate_merchant_trade_no(&prefix, &SystemClock).into_js()
}
