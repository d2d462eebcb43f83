//! The RtnCode catalogue, Code 39 barcodes, MerchantTradeNo generation, replies: small pure
//! functions.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use omg_core::codes::{self, CodeInfo};
use omg_core::{barcode, SystemClock};

use crate::args;
use crate::exceptions::IntoPhp;
use crate::guard::entry;

/// `['code' => int, 'zh' => ..., 'en' => ..., 'category' => ..., 'confirmed' => bool]`.
fn description(c: &CodeInfo) -> PhpResult<ZBox<ZendHashTable>> {
    let mut entry = ZendHashTable::new();
    entry.insert("code", c.code)?;
    entry.insert("zh", c.zh)?;
    entry.insert("en", c.en)?;
    entry.insert("category", c.category.as_str())?;
    entry.insert("confirmed", c.confirmed)?;
    Ok(entry)
}

/// What a RtnCode means (unknown codes say so: category `unknown`).
#[php_function]
#[php(name = "Omg\\Payment\\describeCode")]
pub fn describe_code(code: i64) -> PhpResult<ZBox<ZendHashTable>> {
    entry(|| description(&codes::describe(code)))
}

/// Every RtnCode the SDK knows.
#[php_function]
#[php(name = "Omg\\Payment\\knownCodes")]
pub fn known_codes() -> PhpResult<Vec<ZBox<ZendHashTable>>> {
    entry(|| codes::known().iter().map(description).collect())
}

/// Code 39 SVG of one segment, or of several stacked top to bottom (a BARCODE payment slip's three).
#[php_function]
#[php(name = "Omg\\Payment\\barcodeSvg")]
pub fn barcode_svg(segments: &Zval) -> PhpResult<String> {
    entry(|| {
        let list: Vec<String> = match segments.dereference().array() {
            Some(list) => args::values(list)
                .enumerate()
                .map(|(i, v)| match args::utf8("segments", v)? {
                    Some(text) => Ok(text),
                    None => Err(args::type_error(&format!("Argument #1 ($segments)[{i}]"), "of type string", v)),
                })
                .collect::<PhpResult<_>>()?,
            None => match args::utf8("segments", segments)? {
                Some(text) => vec![text],
                None => return Err(args::type_error("Argument #1 ($segments)", "of type string|array", segments)),
            },
        };
        let refs: Vec<&str> = list.iter().map(String::as_str).collect();
        barcode::stacked_svg(&refs).into_php()
    })
}

/// A fresh MerchantTradeNo: prefix, Taiwan-time stamp, random base-36, 20 characters.
#[php_function]
#[php(name = "Omg\\Payment\\generateMerchantTradeNo")]
pub fn generate_merchant_trade_no(prefix: Option<String>) -> PhpResult<String> {
    entry(|| omg_core::generate_merchant_trade_no(prefix.as_deref().unwrap_or("A"), &SystemClock).into_php())
}

/// A refusal, `0|message`, on one line.
#[php_function]
#[php(name = "Omg\\Payment\\nack")]
pub fn nack(message: String) -> PhpResult<String> {
    entry(|| Ok(omg_core::notify::nack(&message)))
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module
        .function(wrap_function!(describe_code))
        .function(wrap_function!(known_codes))
        .function(wrap_function!(barcode_svg))
        .function(wrap_function!(generate_merchant_trade_no))
        .function(wrap_function!(nack))
}
