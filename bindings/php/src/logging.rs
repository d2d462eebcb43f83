//! Where the extension's log lines go. By default PHP's own `error_log()` (the SAPI's error log:
//! php-fpm's log, Apache's, `php -S`'s terminal), warnings and errors only, each line starting
//! with `omg_payment:`. An application may set a PSR-3-shaped logger instead (any object with
//! `warning()` and `error()` methods; `info()` is used when it has one): `$client->setLogger()`,
//! or the `$logger` argument of `handleNotification`. No Composer package is needed for that.
//!
//! Two sources: the notification helper's refusals and failures (receive.rs), and the client's
//! events, which omg-core writes to the `log` facade (target `omg_payment`: retries, a call that
//! failed for good, an unknown outcome). Those are caught here while the call runs and written
//! when it returns, before any exception is thrown, through the logger of the client that made
//! the call. Neither source ever holds a secret (omg-core's events are written to be safe;
//! the helper logs reasons, order numbers and amounts, never a key or a body).

use std::cell::RefCell;

use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::ExecutorGlobals;
use log::{Level, LevelFilter, Log, Metadata, Record};
use omg_core::client::LOG_TARGET;

use crate::convert::type_error;
use crate::exit;

/// A logger set by the application, or none (then `error_log`).
#[derive(Default)]
pub struct Logger(Option<Zval>);

impl Logger {
    /// The `$logger` argument: null (none), or an object with `warning()` and `error()` methods;
    /// anything else is a TypeError naming `argument`.
    pub fn from_arg(argument: &str, value: Option<&Zval>) -> PhpResult<Self> {
        let Some(value) = value.map(Zval::dereference).filter(|v| !v.is_null()) else {
            return Ok(Logger(None));
        };
        let usable = value.object().is_some_and(|o| has_method(o, "warning") && has_method(o, "error"));
        if !usable {
            return Err(type_error(argument, "null or a logger with warning() and error() methods (PSR-3)", value));
        }
        Ok(Logger(Some(value.shallow_clone())))
    }

    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }

    /// This logger, or `fallback` when none is set.
    pub fn or<'a>(&'a self, fallback: &'a Logger) -> &'a Logger {
        if self.is_set() {
            self
        } else {
            fallback
        }
    }

    /// Writes one line. Called only while no exception is pending (PHP runs no code then).
    pub fn write(&self, level: Level, message: &str) {
        let Some(logger) = self.0.as_ref().and_then(Zval::object) else {
            if level <= Level::Warn {
                error_log(&format!("omg_payment: {}: {message}", level_name(level)));
            }
            return;
        };
        let method = match level {
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "info",
            Level::Debug | Level::Trace => "debug",
        };
        if !has_method(logger, method) {
            return; // a logger without info(): only warnings and errors reach it
        }
        let _ = logger.try_call_method(method, vec![&message]);
        // A logger that throws must not change what the SDK does: its exception is reported and
        // dropped. One that ends the request (exit) does end it.
        if ExecutorGlobals::has_exception() && !exit::is_pending() {
            let class = ExecutorGlobals::take_exception()
                .and_then(|e| e.get_class_name().ok())
                .unwrap_or_else(|| "an exception".into());
            error_log(&format!("omg_payment: the logger threw {class}; the line was: {message}"));
        }
    }

    /// Writes the client events omg-core logged during the call that just returned.
    pub fn write_client_events(&self) {
        for (level, message) in take_client_events() {
            self.write(level, &message);
        }
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "info",
        Level::Debug | Level::Trace => "debug",
    }
}

fn has_method(object: &ext_php_rs::types::ZendObject, name: &str) -> bool {
    object.get_class_entry().function_table.get(name).is_some()
}

/// PHP's `error_log($line)`.
fn error_log(line: &str) {
    if let Ok(f) = ZendCallable::try_from_name("error_log") {
        let _ = f.try_call(vec![&line]);
    }
}

// --- omg-core's client events ------------------------------------------------------------------

thread_local! {
    /// Events of the call in progress on this (the PHP) thread.
    static CLIENT_EVENTS: RefCell<Vec<(Level, String)>> = const { RefCell::new(Vec::new()) };
}

/// Catches omg-core's events (target `omg_payment`, info and above) for [`Logger::write_client_events`].
struct Capture;

impl Log for Capture {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target() == LOG_TARGET && metadata.level() <= Level::Info
    }

    fn log(&self, record: &Record) {
        if self.enabled(record.metadata()) {
            let line = record.args().to_string();
            CLIENT_EVENTS.with(|events| events.borrow_mut().push((record.level(), line)));
        }
    }

    fn flush(&self) {}
}

fn take_client_events() -> Vec<(Level, String)> {
    CLIENT_EVENTS.with(|events| std::mem::take(&mut *events.borrow_mut()))
}

/// Installs the capture of omg-core's events, once per process (the extension's own copy of the
/// `log` facade: no other library in PHP shares it).
pub fn install() {
    static CAPTURE: Capture = Capture;
    if log::set_logger(&CAPTURE).is_ok() {
        log::set_max_level(LevelFilter::Info);
    }
}
