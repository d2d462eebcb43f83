//! PHP's `exit` / `die` as the extension sees it. In PHP 8, `exit` inside a function that C code
//! called (the merchant's notification handler, a logger) does not stop the process there: the
//! engine sets a marker object as the pending exception ("unwind exit") and unwinds to the top of
//! the request, which then ends normally. The marker is not a `Throwable`: it has no methods and
//! must never be called, passed to PHP code or dropped (dropping it would cancel the exit).
//! `zend_is_unwind_exit()` / `zend_is_graceful_exit()` tell it apart; ext-php-rs does not bind
//! them, so they are declared here (ZEND_API, exported by every PHP binary: cli, fpm, apache).

use ext_php_rs::boxed::ZBox;
use ext_php_rs::ffi::zend_object;
use ext_php_rs::types::ZendObject;
use ext_php_rs::zend::ExecutorGlobals;

extern "C" {
    fn zend_is_unwind_exit(ex: *const zend_object) -> bool;
    fn zend_is_graceful_exit(ex: *const zend_object) -> bool;
}

/// Whether `object` (a pending exception) is the engine's exit marker rather than a throwable.
pub fn is_exit(object: &ZendObject) -> bool {
    let ptr: *const zend_object = object;
    // SAFETY: both only compare the object's class entry with the engine's marker classes.
    unsafe { zend_is_unwind_exit(ptr) || zend_is_graceful_exit(ptr) }
}

/// Whether the pending exception is the exit marker (the request is ending).
pub fn is_pending() -> bool {
    ExecutorGlobals::get().exception().is_some_and(is_exit)
}

/// Runs `body` (which calls PHP code) and returns the exit status that code asked for if it
/// exited: `exit(3)` sets it, while `exit;`, `die()` and `exit('text')` leave the engine's
/// `exit_status` as it was — which a long-lived server (php -S, a php-fpm worker) does not reset
/// between requests. So it reads 0 for those, as for a fresh script; the previous value is put
/// back when nothing exited.
pub fn with_status<T>(body: impl FnOnce() -> T) -> (T, i32) {
    let before = std::mem::replace(&mut ExecutorGlobals::get_mut().exit_status, 0);
    let result = body();
    let mut globals = ExecutorGlobals::get_mut();
    let status = globals.exit_status;
    if !globals.exception().is_some_and(is_exit) {
        globals.exit_status = before;
    }
    (result, status)
}

/// Puts a marker taken with `ExecutorGlobals::take_exception` back as the pending exception, so
/// the engine goes on unwinding and ends the request as the script asked. The engine's own
/// throwing does nothing more for a native function's frame (zend_throw_exception_internal
/// returns early there), so this is the same as never having taken it. An exception thrown
/// meanwhile is dropped: the exit wins, as the engine itself decides.
pub fn resume(marker: ZBox<ZendObject>) {
    drop(ExecutorGlobals::take_exception());
    ExecutorGlobals::get_mut().exception = marker.into_raw();
}
