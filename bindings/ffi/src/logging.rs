//! The client's log events (omg-core's `log` target `omg_payment`: requests, retries, an unknown
//! outcome) handed to the caller through one callback per process, which the .NET package
//! forwards to its `TraceSource` or the application's logger. Nothing is logged until a callback
//! is set. Events never hold a secret (omg-core's `client/events.rs` says what they hold).

use std::ffi::c_char;
use std::sync::{Once, RwLock};

use log::{LevelFilter, Log, Metadata, Record};
use omg_core::client::LOG_TARGET;

use crate::errors::Failure;
use crate::guard::run;
use crate::status::OmgStatus;

/// `level` of an [`OmgLogCallback`] call: an error.
pub const OMG_LOG_ERROR: i32 = 1;
/// `level`: a warning (a money-moving call whose outcome is unknown).
pub const OMG_LOG_WARN: i32 = 2;
/// `level`: information (a retry, a call that failed for good).
pub const OMG_LOG_INFO: i32 = 3;
/// `level`: detail (each request sent, each reply received).
pub const OMG_LOG_DEBUG: i32 = 4;
/// `level`: more detail (not used by omg-core today).
pub const OMG_LOG_TRACE: i32 = 5;

/// Receives one log event: its level (`OMG_LOG_ERROR` … `OMG_LOG_TRACE`) and its text, UTF-8,
/// `message_len` bytes, valid only during the call. Called on the thread that made the library
/// call; it must return normally (no exception or longjmp through the library).
pub type OmgLogCallback = Option<unsafe extern "C" fn(level: i32, message: *const u8, message_len: usize)>;

static CALLBACK: RwLock<OmgLogCallback> = RwLock::new(None);

/// The `log` implementation of this library: events of omg-core's target, to the callback.
struct Bridge;

impl Log for Bridge {
    fn enabled(&self, metadata: &Metadata) -> bool {
        metadata.target() == LOG_TARGET
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let Some(callback) = *CALLBACK.read().unwrap_or_else(|poisoned| poisoned.into_inner()) else {
            return;
        };
        let text = record.args().to_string();
        // SAFETY: the callback was given by the caller for exactly this signature; the text lives
        // until it returns.
        unsafe { callback(record.level() as i32, text.as_ptr(), text.len()) };
    }

    fn flush(&self) {}
}

static BRIDGE: Bridge = Bridge;

/// Sends the client's log events to `callback` from now on, for every client of the process;
/// NULL stops them. Setting it again replaces the previous one.
///
/// # Safety
/// `callback` is NULL or a function of the `OmgLogCallback` signature that stays callable until
/// it is replaced; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_set_log_callback(callback: OmgLogCallback, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || {
        static INSTALL: Once = Once::new();
        let mut installed = true;
        INSTALL.call_once(|| installed = log::set_logger(&BRIDGE).is_ok());
        if !installed {
            return Err(Failure::Internal("another logger is installed in this library".into()));
        }
        *CALLBACK.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = callback;
        log::set_max_level(if callback.is_some() { LevelFilter::Trace } else { LevelFilter::Off });
        Ok(())
    })
}
