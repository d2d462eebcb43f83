//! CheckMacValue: sign a field set, explain a signature, sign a test notification.

use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use omg_core::mac::{self, HashMethod};
use omg_core::notify::template;

use crate::args;
use crate::exceptions::IntoPhp;
use crate::guard::entry;

/// `"sha256"` (default) or `"md5"` (legacy EncryptType 0 merchants), by omg-core's parser.
fn hash_method(name: Option<&str>) -> PhpResult<HashMethod> {
    name.map_or(Ok(HashMethod::Sha256), HashMethod::parse).into_php()
}

/// The CheckMacValue of `$fields` (a CheckMacValue among them is ignored).
#[php_function]
#[php(name = "Omg\\Payment\\checkMacValue")]
pub fn check_mac_value(
    fields: &ZendHashTable,
    hashKey: String,
    hashIv: String,
    method: Option<String>,
) -> PhpResult<String> {
    entry(|| {
        let method = hash_method(method.as_deref())?;
        // Signed from the pairs as read, without building a Fields (the array's keys are unique).
        let pairs = args::pairs("$fields", fields)?;
        mac::sign_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), &hashKey, &hashIv, method).into_php()
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
        let fields = args::fields("$fields", fields)?;
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
        let fields = args::fields("$fields", fields)?;
        template::sign_with_keys(kind.as_deref(), fields, &hashKey, &hashIv).into_php()
    })
}

pub fn register(module: ModuleBuilder) -> ModuleBuilder {
    module
        .function(wrap_function!(check_mac_value))
        .function(wrap_function!(explain))
        .function(wrap_function!(sign_test_notification))
}
