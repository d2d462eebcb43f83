//! The client's log events (omg-core's `log` target `omg_payment`: requests, replies, retries, an
//! unknown outcome; never a key or a body) handed to the JS layer, which gives them to the
//! client's `logger` (node/lib/logger.js; by default `console.warn` for warnings and
//! `NODE_DEBUG=omg_payment` for the rest).
//!
//! The events happen on a libuv pool thread, in the middle of a network call, where no JS can
//! run. So each call records its own events ([`record`], a thread-local list that only the call
//! running on that thread fills) and `network.rs` hands them to the call's JS callback on the main
//! thread, in order, just before its promise settles. Events of other targets are dropped: the
//! HTTP library's trace output shows request bodies.

use std::cell::RefCell;
use std::sync::Once;

use log::{Level, LevelFilter, Log, Metadata, Record};
use omg_core::client::LOG_TARGET;

/// One event: its level (`debug`, `info`, `warn`, `errors`) and its text.
pub type Event = (&'static str, String);

thread_local! {
    /// The events of the call running on this thread, while [`record`] runs it.
    static RECORDING: RefCell<Option<Vec<Event>>> = const { RefCell::new(None) };
}

/// Runs `work` (which must not unwind: the caller catches panics inside it) and returns its
/// result with the events it logged.
pub fn record<T>(work: impl FnOnce() -> T) -> (T, Vec<Event>) {
    install();
    RECORDING.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let result = work();
    let events = RECORDING.with(|r| r.borrow_mut().take()).unwrap_or_default();
    (result, events)
}

fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        if log::set_logger(&Recorder).is_ok() {
            log::set_max_level(LevelFilter::Debug);
        }
    });
}

struct Recorder;

impl Log for Recorder {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target() == LOG_TARGET && RECORDING.with(|r| r.borrow().is_some())
    }

    fn log(&self, record: &Record) {
        if record.target() != LOG_TARGET {
            return;
        }
        let level = match record.level() {
            Level::Error => "error",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Debug | Level::Trace => "debug",
        };
        RECORDING.with(|r| {
            if let Some(events) = r.borrow_mut().as_mut() {
                events.push((level, record.args().to_string()));
            }
        });
    }

    fn flush(&self) {}
}
