//! The RtnCode catalogue, Code 39 barcodes, MerchantTradeNo generation: small pure functions.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use omg_core::codes::{self, CodeInfo};
use omg_core::{barcode, SystemClock};

use crate::error::IntoJs;

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
