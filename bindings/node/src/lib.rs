//! omg-payment's native module for Node.js. It converts omg-core's types and errors to and from
//! JavaScript and runs network calls on the libuv thread pool; it holds no protocol logic (that
//! is omg-core's). The npm package (node/) wraps it in the idiomatic JS API.

// napi-rs registers the #[napi] items with Node only outside `cfg(test)`, so a test build
// (`cargo clippy --all-targets`) sees every export as unused.
#![cfg_attr(test, allow(dead_code))]

mod checkout;
mod client;
mod convert;
mod described;
mod errors;
mod functions;
mod known_keys;
mod logging;
mod network;
mod notification;
mod operations;
mod order;
mod receive;

use napi_derive::napi;

/// Every error thrown by this module has a message starting with this: the JSON payload the JS
/// layer turns into `ValidationError`, `GatewayError`, ...
#[napi]
pub const ERROR_PAYLOAD_PREFIX: &str = errors::PAYLOAD_PREFIX;

/// The reply that stops the gateway from re-sending a notification.
#[napi]
pub const ACK: &str = omg_core::notify::ACK;

/// The largest notification body accepted, in bytes.
#[napi]
pub const MAX_NOTIFICATION_BYTES: u32 = omg_core::notify::MAX_BODY_BYTES as u32;

/// The most fields a notification (or an object of fields) may have: the JS layer compares an
/// object's key count with it and asks `checkFieldCount` for omg-core's error only when over, so
/// signing does not cross twice. Not re-exported by the package.
#[napi]
pub const MAX_NOTIFICATION_FIELDS: u32 = omg_core::fields::MAX_FIELDS as u32;

/// A refusal, `0|msg`, on one line.
#[napi]
pub fn nack(message: String) -> String {
    omg_core::notify::nack(&message)
}

/// The native module's own allocator. A verified notification holds every field as owned
/// strings, freed in batches when V8 collects the objects; with glibc's malloc that churn (and
/// the heap trimming after it) was half the time of `verifyNotification` (docs/performance.md).
/// Only this module's allocations use it; Node's own are untouched.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The Node-API version this module is built for, read by Node when it loads the module:
/// `NAPI_VERSION_EXPERIMENTAL`, so that Node runs the finalizers of our objects (a verified
/// notification's fields, a checkout's) directly from the garbage collector. With the default
/// version 8, Node defers every finalizer to a `SetImmediate`, so in a synchronous batch loop
/// (100,000 verifications, no `await`) nothing native was freed until the loop turned: about
/// 1.5 KB per notification (docs/node.md, "Memory"). Our finalizers only drop Rust values and
/// delete their reference, which Node allows from the collector.
#[no_mangle]
pub extern "C" fn node_api_module_get_api_version_v1() -> i32 {
    i32::MAX
}
