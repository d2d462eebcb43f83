//! The module-level functions: signing and explaining CheckMacValue, return codes, barcodes,
//! test notifications, order numbers. Each converts its arguments, calls omg-core, converts back.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

use omg_core::codes;
use omg_core::mac::{self, HashMethod};
use omg_core::notify::template;

use crate::convert::{borrowed_pairs, dict_items, mapping_to_fields, type_name};
use crate::errors::IntoPy;
use crate::guard::guarded;

/// "sha256" (every current API) or "md5" (legacy EncryptType 0 merchants), by omg-core's parser.
pub fn hash_method(py: Python<'_>, method: &str) -> PyResult<HashMethod> {
    HashMethod::parse(method).py_err(py)
}

/// The CheckMacValue of `fields` (a mapping of wire names to str or int values; a
/// CheckMacValue among them is ignored), as 64 (SHA-256) or 32 (MD5) uppercase hex digits.
#[pyfunction]
#[pyo3(signature = (fields, hash_key, hash_iv, *, method = "sha256"))]
pub fn check_mac_value(
    py: Python<'_>,
    fields: &Bound<'_, PyAny>,
    hash_key: &str,
    hash_iv: &str,
    method: &str,
) -> PyResult<String> {
    let method = hash_method(py, method)?;
    // Microseconds of work: releasing the interpreter would cost more than it frees.
    if let Some(items) = dict_items(fields) {
        // A dict (the usual case) is signed from its own strings, with no copy per field, under
        // the caps a copied mapping gets (signing refuses more than 1,024 fields or 64 KiB).
        let pairs = borrowed_pairs("fields", &items, true)?;
        return guarded(|| {
            mac::sign_pairs(pairs.iter().map(|(k, v)| (*k, v.as_ref())), hash_key, hash_iv, method).py_err(py)
        });
    }
    let fields = mapping_to_fields("fields", fields, true)?;
    guarded(|| mac::sign(&fields, hash_key, hash_iv, method).py_err(py))
}

/// How a CheckMacValue is computed, for debugging a "CheckMacValue Error": the sorted
/// pre-image and the encoded string, with HashKey and HashIV masked as ****.
#[pyclass(frozen, get_all, module = "omg_payment")]
pub struct Explanation {
    /// `HashKey=****&k=v&...&HashIV=****`, raw values, sorted case-insensitively.
    sorted_preimage: String,
    /// The .NET-style url-encoded, lowercased pre-image that is hashed (keys masked).
    encoded: String,
    /// "sha256" or "md5".
    method: &'static str,
    /// The resulting CheckMacValue (computed with the real keys).
    check_mac_value: String,
}

#[pymethods]
impl Explanation {
    fn __repr__(&self) -> String {
        format!("<Explanation check_mac_value={:?} sorted_preimage={:?}>", self.check_mac_value, self.sorted_preimage)
    }
}

/// Explains the CheckMacValue of `fields` step by step, keys masked.
#[pyfunction]
#[pyo3(signature = (fields, hash_key, hash_iv, *, method = "sha256"))]
pub fn explain(
    py: Python<'_>,
    fields: &Bound<'_, PyAny>,
    hash_key: &str,
    hash_iv: &str,
    method: &str,
) -> PyResult<Explanation> {
    let fields = mapping_to_fields("fields", fields, true)?;
    let e = mac::explain(&fields, hash_key, hash_iv, hash_method(py, method)?).py_err(py)?;
    Ok(Explanation {
        sorted_preimage: e.sorted_preimage,
        encoded: e.encoded,
        method: e.method.as_str(),
        check_mac_value: e.check_mac_value,
    })
}

/// What a RtnCode means.
#[pyclass(frozen, get_all, module = "omg_payment")]
pub struct CodeInfo {
    /// The code.
    code: i64,
    /// Its meaning in Chinese.
    zh: &'static str,
    /// Its meaning in English.
    en: &'static str,
    /// A stable category: success, code_issued, signature, not_found, duplicate, invalid_input,
    /// not_paid, unavailable, already_stopped or unknown.
    category: &'static str,
    /// False for codes only a secondary summary reports (and for unknown codes).
    confirmed: bool,
}

#[pymethods]
impl CodeInfo {
    fn __repr__(&self) -> String {
        format!("<CodeInfo code={} category={:?} en={:?}>", self.code, self.category, self.en)
    }
}

impl From<codes::CodeInfo> for CodeInfo {
    fn from(c: codes::CodeInfo) -> Self {
        CodeInfo { code: c.code, zh: c.zh, en: c.en, category: c.category.as_str(), confirmed: c.confirmed }
    }
}

/// What the RtnCode `code` means. An unknown code comes back with category "unknown", never a
/// guess.
#[pyfunction]
pub fn describe_code(code: i64) -> CodeInfo {
    codes::describe(code).into()
}

/// Every RtnCode the SDK knows.
#[pyfunction]
pub fn known_codes() -> Vec<CodeInfo> {
    codes::known().iter().copied().map(CodeInfo::from).collect()
}

/// A Code 39 barcode as an SVG image: one segment (a str), or the three BARCODE segments (a
/// sequence of str, e.g. `notification.barcodes`) stacked top to bottom.
#[pyfunction]
pub fn barcode_svg(py: Python<'_>, segments: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = segments.cast::<PyString>() {
        return omg_core::barcode::svg(&s.extract::<String>()?).py_err(py);
    }
    if segments.is_instance_of::<PyList>() || segments.is_instance_of::<PyTuple>() {
        let list: Vec<String> =
            segments.extract().map_err(|_| PyTypeError::new_err("barcode_svg: every segment must be a str"))?;
        let refs: Vec<&str> = list.iter().map(String::as_str).collect();
        return omg_core::barcode::stacked_svg(&refs).py_err(py);
    }
    Err(PyTypeError::new_err(format!("barcode_svg takes a str or a list of str, not {}", type_name(segments))))
}

/// Signs a test notification and returns the form body the gateway would POST.
///
/// Without `kind`, exactly `fields` are signed. With `kind` ("payment_result",
/// "atm_code_issued", "cvs_code_issued", "barcode_code_issued", "period_charge") the
/// realistic fields of that notification come first and `fields` (wire names) are set on top;
/// MerchantID must then be among `fields`.
#[pyfunction]
#[pyo3(signature = (fields, hash_key, hash_iv, *, kind = None))]
pub fn sign_test_notification(
    py: Python<'_>,
    fields: &Bound<'_, PyAny>,
    hash_key: &str,
    hash_iv: &str,
    kind: Option<&str>,
) -> PyResult<String> {
    let fields = mapping_to_fields("fields", fields, true)?;
    template::sign_with_keys(kind, fields, hash_key, hash_iv).py_err(py)
}

/// A fresh MerchantTradeNo: `prefix` (1–2 letters), the Taiwan time as yyMMddHHmmss and random
/// characters, 20 characters in all; never repeated within this process.
#[pyfunction]
#[pyo3(signature = (prefix = "A"))]
pub fn generate_merchant_trade_no(py: Python<'_>, prefix: &str) -> PyResult<String> {
    omg_core::generate_merchant_trade_no(prefix, &omg_core::SystemClock).py_err(py)
}

/// The refusal reply `0|message`: the gateway will send the notification again later.
#[pyfunction]
pub fn nack(message: &str) -> String {
    omg_core::nack(message)
}
