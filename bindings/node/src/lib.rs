//! omg-payment's native module for Node.js. It converts omg-core's types and errors to and from
//! JavaScript and runs network calls on the libuv thread pool; it holds no protocol logic (that
//! is omg-core's). The npm package (node/) wraps it in the idiomatic JS API.

mod checkout;
mod client;
mod codes;
mod convert;
mod described;
mod error;
mod log_bridge;
mod network;
mod notification;
mod order;
mod signing;

use napi_derive::napi;

/// Every error thrown by this module has a message starting with this: the JSON payload the JS
/// layer turns into `ValidationError`, `GatewayError`, ...
#[napi]
pub const ERROR_PAYLOAD_PREFIX: &str = error::PAYLOAD_PREFIX;

/// The reply that stops the gateway from re-sending a notification.
#[napi]
pub const ACK: &str = omg_core::notify::ACK;

/// The largest notification body accepted, in bytes.
#[napi]
pub const MAX_NOTIFICATION_BYTES: u32 = omg_core::notify::MAX_BODY_BYTES as u32;

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
