//! The exception classes of `Omg\Payment` and the one mapping from omg-core's errors onto them.
//! Every class extends `OmgException`, which extends `\Exception`, so `catch (\Exception $e)` and
//! `catch (OmgException $e)` both see every error the SDK raises:
//!
//! | class | raised when | details |
//! |---|---|---|
//! | `ValidationException` | input breaks a rule | `getErrors()`: `[['field' =>, 'rule' =>, 'message' =>], ...]` |
//! | `SignatureException` | CheckMacValue missing or wrong | |
//! | `GatewayException` | the gateway refused | `getRtnCode()` (?int), `getRtnMsg()` |
//! | `TransportException` | the request did not complete | `isTimeout()`, `getStatus()` (?int), `isOutcomeUnknown()`, `getReconcileWith()` (?string) |
//! | `DecodeException` | unreadable bytes | |
//!
//! Nothing here decides anything about the protocol: it writes down what omg-core said.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::class::RegisteredClass;
use ext_php_rs::exception::PhpException;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendClassObject, ZendHashTable, Zval};
use ext_php_rs::zend::{ce, ExecutorGlobals};
use omg_core::{Error, FieldError};

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
    errors: Vec<FieldError>,
}

#[php_impl]
impl ValidationException {
    /// Every broken rule: `[['field' => 'TotalAmount', 'rule' => 'min', 'message' => '...'], ...]`,
    /// `field` being the wire name.
    pub fn get_errors(&self) -> Vec<ZBox<ZendHashTable>> {
        self.errors
            .iter()
            .map(|e| {
                let mut entry = ZendHashTable::new();
                let _ = entry.insert("field", e.field.as_str());
                let _ = entry.insert("rule", e.rule.as_str());
                let _ = entry.insert("message", e.message.as_str());
                entry
            })
            .collect()
    }

    /// The wire names of the fields in error, in order.
    pub fn get_fields(&self) -> Vec<String> {
        self.errors.iter().map(|e| e.field.clone()).collect()
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
    rtn_code: Option<i64>,
    rtn_msg: String,
}

#[php_impl]
impl GatewayException {
    /// The gateway's RtnCode, when it sent one.
    pub fn get_rtn_code(&self) -> Option<i64> {
        self.rtn_code
    }
    /// The gateway's RtnMsg, verbatim.
    pub fn get_rtn_msg(&self) -> String {
        self.rtn_msg.clone()
    }
}

/// The request did not complete: connection, timeout, HTTP status, size cap.
#[php_class]
#[php(name = "Omg\\Payment\\TransportException")]
#[php(extends(OmgException))]
#[derive(Default)]
pub struct TransportException {
    timeout: bool,
    status: Option<u16>,
    outcome_unknown: bool,
    reconcile_with: Option<&'static str>,
}

#[php_impl]
impl TransportException {
    /// The request timed out (connect or read).
    pub fn is_timeout(&self) -> bool {
        self.timeout
    }
    /// The HTTP status, when the gateway answered with a non-success one.
    pub fn get_status(&self) -> Option<i64> {
        self.status.map(i64::from)
    }
    /// A capture, refund or cancellation may have reached the gateway: check with
    /// queryCreditDetail / queryPeriod, never send it again blindly.
    pub fn is_outcome_unknown(&self) -> bool {
        self.outcome_unknown
    }
    /// With an unknown outcome: the query that tells what happened (`QueryTrade/V2`,
    /// `QueryCreditCardPeriodInfo`), else null.
    pub fn get_reconcile_with(&self) -> Option<String> {
        self.reconcile_with.map(str::to_string)
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

/// omg-core's error as the exception of its kind.
pub fn to_php(error: Error) -> PhpException {
    let message = error.to_string();
    #[allow(unreachable_patterns)]
    match error {
        Error::Validation(errors) => throw_with(ValidationException { errors }, &message),
        Error::Signature(_) => throw_with(SignatureException, &message),
        Error::Gateway { rtn_code, rtn_msg } => throw_with(GatewayException { rtn_code, rtn_msg }, &message),
        Error::Transport(t) => throw_with(
            TransportException {
                timeout: t.timeout,
                status: t.status,
                outcome_unknown: t.outcome_unknown,
                reconcile_with: t.reconcile_with.map(|api| api.name()),
            },
            &message,
        ),
        Error::Decode(_) => throw_with(DecodeException, &message),
        _ => throw_with(OmgException, &message),
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
