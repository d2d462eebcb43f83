//! The exception classes of `Omg\Payment` and the one mapping from omg-core's errors onto them.
//! Every class extends `OmgException`, which extends `\Exception`, so `catch (\Exception $e)` and
//! `catch (OmgException $e)` both see every error the SDK raises:
//!
//! | class | raised when | details |
//! |---|---|---|
//! | `ValidationException` | input breaks a rule | `getErrors()`: `[['field' =>, 'rule' =>, 'message' =>], ...]` |
//! | `SignatureException` | CheckMacValue missing or wrong | |
//! | `GatewayException` | the gateway refused | `getRtnCode()` (?int), `getRtnMsg()`, `isNotFound()`, `isDuplicate()`, `isAlreadyStopped()` |
//! | `TransportException` | the request did not complete | `isTimeout()`, `getStatus()` (?int), `isOutcomeUnknown()`, `getReconcileWith()` (?string) |
//! | `DecodeException` | unreadable bytes | |
//!
//! Nothing here decides anything about the protocol: each exception holds omg-core's error
//! payload, and its accessors (error_attributes.rs) are generated from the contract.

use ext_php_rs::class::RegisteredClass;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::PhpException;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use ext_php_rs::types::{ZendClassObject, Zval};
use ext_php_rs::zend::{ce, ExecutorGlobals};
use omg_core::boundary::casing::camel_case;
use omg_core::boundary::{error_payload, ValueType, ERROR_PAYLOAD};
use omg_core::Error;
use serde_json::Value;

use crate::view::json_to_zval;

/// The base class: every error of the SDK.
#[php_class]
#[php(name = "Omg\\Payment\\OmgException")]
#[php(extends(ce = ce::exception, stub = "\\Exception"))]
#[derive(Default)]
pub struct OmgException;

/// Input that breaks the protocol's rules; every broken rule at once.
#[php_class]
#[php(name = "Omg\\Payment\\ValidationException")]
#[php(extends(OmgException))]
#[derive(Default)]
pub struct ValidationException {
    pub(crate) payload: Value,
}

impl ValidationException {
    /// The fields in error, in order (`getFields()`).
    pub(crate) fn fields(&self) -> Vec<String> {
        let errors = self.payload["field_errors"].as_array().map(Vec::as_slice).unwrap_or_default();
        errors.iter().map(|e| e["field"].as_str().unwrap_or_default().to_string()).collect()
    }
}

/// A CheckMacValue that is missing or does not match: forged, tampered, other keys.
#[php_class]
#[php(name = "Omg\\Payment\\SignatureException")]
#[php(extends(OmgException))]
#[derive(Default)]
pub struct SignatureException;

/// The gateway understood the request and refused it.
#[php_class]
#[php(name = "Omg\\Payment\\GatewayException")]
#[php(extends(OmgException))]
#[derive(Default)]
pub struct GatewayException {
    pub(crate) payload: Value,
}

/// The request did not complete: connection, timeout, HTTP status, size cap.
#[php_class]
#[php(name = "Omg\\Payment\\TransportException")]
#[php(extends(OmgException))]
#[derive(Default)]
pub struct TransportException {
    pub(crate) payload: Value,
}

/// One attribute of an exception: the payload field `name` as PHP (null when absent; the field
/// errors as `[['field' =>, 'rule' =>, 'message' =>], ...]`). The accessors are generated
/// (error_attributes.rs) from the contract's exception classes.
pub fn attribute(payload: &Value, name: &str) -> PhpResult<Zval> {
    let value = payload.get(name).unwrap_or(&Value::Null);
    match (ERROR_PAYLOAD.field(name).map(|f| f.ty), value) {
        // A list of records (the field errors): arrays keyed in the record's field order.
        (Some(ValueType::List(item)), Value::Array(items)) => {
            let mut list = ZendHashTable::with_capacity(items.len() as u32);
            for record in items {
                let mut array = ZendHashTable::with_capacity(item.fields.len() as u32);
                for field in item.fields {
                    array.insert(camel_case(field.name).as_str(), json_to_zval(&record[field.name])?)?;
                }
                list.push(array)?;
            }
            Ok(list.into_zval(false)?)
        }
        _ => json_to_zval(value),
    }
}

/// Bytes that cannot be read: not UTF-8, bad escapes, bad JSON, too large.
#[php_class]
#[php(name = "Omg\\Payment\\DecodeException")]
#[php(extends(OmgException))]
#[derive(Default)]
pub struct DecodeException;

const DEBUG_BACKTRACE_IGNORE_ARGS: i32 = 2;

// Exported by the PHP binary (ZEND_API), like every symbol ext-php-rs binds.
extern "C" {
    fn zend_get_executed_filename() -> *const std::os::raw::c_char;
    fn zend_get_executed_lineno() -> u32;
    fn zend_fetch_debug_backtrace(return_value: *mut Zval, skip_last: i32, options: i32, limit: i32);
}

/// The file and line of the PHP code that called into the extension.
fn where_called() -> (String, i64) {
    // SAFETY: both read the executor's current user frame; they are called during a PHP call.
    unsafe {
        let file = zend_get_executed_filename();
        let file =
            if file.is_null() { String::new() } else { std::ffi::CStr::from_ptr(file).to_string_lossy().into_owned() };
        (file, i64::from(zend_get_executed_lineno()))
    }
}

/// Throws an exception of class `T` carrying `state`, and returns a placeholder for the caller's
/// `Err`: ext-php-rs throws nothing more while an exception is pending.
fn throw_with<T: RegisteredClass>(state: T, message: &str) -> PhpException {
    // A NUL would make the engine refuse the message; show it instead.
    let message = message.replace('\0', "\\0");
    if ExecutorGlobals::has_exception() {
        // Something is already on its way up (an exception, or an `exit`, whose marker must not
        // be touched): the engine keeps that one, so this error is not thrown, and nothing here
        // may write into the pending object.
        return PhpException::new(message, 0, ce::exception());
    }
    PhpException::new(message.clone(), 0, T::get_metadata().ce()).throw();
    {
        let mut globals = ExecutorGlobals::get_mut();
        // SAFETY: the pending exception is a live object owned by the engine; it is the one just
        // thrown, of class T (or, had throwing failed, some other class, which from_zend_obj_mut
        // rejects).
        if let Some(object) = unsafe { globals.exception.as_mut() } {
            if let Some(this) = ZendClassObject::<T>::from_zend_obj_mut(object) {
                this.initialize(state);
            }
            // The engine fills these in its own exception constructor, which a class backed by a
            // Rust struct does not run: set them the same way, from the calling PHP code, with
            // Exception's scope (they are protected).
            let saved = globals.fake_scope;
            globals.fake_scope = std::ptr::from_ref(ce::exception()).cast_mut();
            let (file, line) = where_called();
            let mut trace = Zval::new();
            // SAFETY: the engine writes the backtrace array into `trace`. Frame #0 is the call of
            // the extension's function, as in the traces of PHP's own internal functions.
            unsafe { zend_fetch_debug_backtrace(&mut trace, 0, DEBUG_BACKTRACE_IGNORE_ARGS, 0) };
            let _ = object.set_property("file", file);
            let _ = object.set_property("line", line);
            let _ = object.set_property("trace", trace);
            globals.fake_scope = saved;
        }
    }
    PhpException::new(message, 0, ce::exception())
}

/// omg-core's error as the exception of its kind, holding its payload (`boundary::error_payload`).
pub fn to_php(error: Error) -> PhpException {
    let message = error.to_string();
    let payload = error_payload(&error);
    match error {
        Error::Validation(_) => throw_with(ValidationException { payload }, &message),
        Error::Signature(_) => throw_with(SignatureException, &message),
        Error::Gateway { .. } => throw_with(GatewayException { payload }, &message),
        Error::Transport(_) => throw_with(TransportException { payload }, &message),
        Error::Decode(_) => throw_with(DecodeException, &message),
    }
}

/// A panic caught at an entry point (see guard.rs).
pub fn internal(detail: &str) -> PhpException {
    throw_with(OmgException, &format!("omg_payment internal error (a bug, please report it): {detail}"))
}

/// `Result<T, omg_core::Error>` → `PhpResult<T>`.
pub trait IntoPhp<T> {
    fn into_php(self) -> PhpResult<T>;
}

impl<T> IntoPhp<T> for omg_core::Result<T> {
    fn into_php(self) -> PhpResult<T> {
        self.map_err(to_php)
    }
}
