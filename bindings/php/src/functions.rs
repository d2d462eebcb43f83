//! The module's functions: CheckMacValue (sign a field set, explain a signature), signed test
//! notifications, the RtnCode catalogue, Code 39 barcodes, MerchantTradeNo generation, replies.
//! Their table is operations.rs's `register_functions`, generated from the contract.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use omg_core::codes::{self, CodeInfo};
use omg_core::mac::{self, HashMethod};
use omg_core::notify::template;
use omg_core::{barcode, SystemClock};

use crate::convert;
use crate::errors::IntoPhp;
use crate::guard::entry;

/// `"sha256"` (default) or `"md5"` (legacy EncryptType 0 merchants), by omg-core's parser.
fn hash_method(name: Option<&str>) -> PhpResult<HashMethod> {
    name.map_or(Ok(HashMethod::Sha256), HashMethod::parse).into_php()
}

/// The CheckMacValue of `$fields` (a CheckMacValue among them is ignored).
#[php_function]
#[php(name = "Omg\\Payment\\checkMacValue")]
pub fn check_mac_value(fields: &ZendHashTable, hashKey: &str, hashIv: &str, method: Option<&str>) -> PhpResult<String> {
    entry(|| {
        let method = hash_method(method)?;
        // Signed from the pairs as read, without building a Fields (the array's keys are unique),
        // and from the arguments' own text: nothing is copied.
        let entries = convert::Entries::read(fields)?;
        let pairs = entries.pairs("$fields")?;
        mac::sign_pairs(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), hashKey, hashIv, method).into_php()
    })
}

/// How a CheckMacValue is computed, HashKey and HashIV masked as `****`:
/// `['sortedPreimage' => ..., 'encoded' => ..., 'method' => 'sha256', 'checkMacValue' => ...]`.
#[php_function]
#[php(name = "Omg\\Payment\\explain")]
pub fn explain(
    fields: &ZendHashTable,
    hashKey: String,
    hashIv: String,
    method: Option<String>,
) -> PhpResult<Vec<(String, String)>> {
    entry(|| {
        let method = hash_method(method.as_deref())?;
        let fields = convert::fields("$fields", fields)?;
        let e = mac::explain(&fields, &hashKey, &hashIv, method).into_php()?;
        let method = e.method.as_str();
        Ok(vec![
            ("sortedPreimage".into(), e.sorted_preimage),
            ("encoded".into(), e.encoded),
            ("method".into(), method.into()),
            ("checkMacValue".into(), e.check_mac_value),
        ])
    })
}

/// Signs `$fields` (a CheckMacValue among them is replaced) and returns the form body a gateway
/// would POST. With `$kind` (`payment_result`, `atm_code_issued`, `cvs_code_issued`,
/// `barcode_code_issued`, `period_charge`), `$fields` are set on top of that notification's
/// realistic fields.
#[php_function]
#[php(name = "Omg\\Payment\\signTestNotification")]
pub fn sign_test_notification(
    fields: &ZendHashTable,
    hashKey: String,
    hashIv: String,
    kind: Option<String>,
) -> PhpResult<String> {
    entry(|| {
        let fields = convert::fields("$fields", fields)?;
        template::sign_with_keys(kind.as_deref(), fields, &hashKey, &hashIv).into_php()
    })
}

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
            Some(list) => convert::values(list)
                .enumerate()
                .map(|(i, v)| match convert::utf8("segments", v)? {
                    Some(text) => Ok(text),
                    None => Err(convert::type_error(&format!("Argument #1 ($segments)[{i}]"), "of type string", v)),
                })
                .collect::<PhpResult<_>>()?,
            None => match convert::utf8("segments", segments)? {
                Some(text) => vec![text],
                None => return Err(convert::type_error("Argument #1 ($segments)", "of type string|array", segments)),
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

/// Adds the module's functions to the module: the table generated from the contract
/// (operations.rs).
pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    crate::operations::register_functions!(module)
}
