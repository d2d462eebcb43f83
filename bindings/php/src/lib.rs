//! The PHP extension `omg_payment` (ext-php-rs): omg-core's protocol for PHP, in the namespace
//! `Omg\Payment`. It converts PHP values to and from omg-core's and maps errors onto exception
//! classes; it holds no protocol logic (that is omg-core's). Every entry point runs through
//! `guard::entry`, so a Rust panic is an exception, never a crash of PHP. docs/php.md.

// PHP argument names are camelCase (`$hashKey`): the Rust parameters carry them.
#![allow(non_snake_case)]

mod checkout;
mod client;
mod convert;
mod described;
mod error_attributes;
mod errors;
mod exit;
mod expect;
mod functions;
mod guard;
mod logging;
mod notification;
mod operations;
mod order;
mod receive;
mod view;

use ext_php_rs::prelude::*;

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    logging::install();
    let module = module
        .name("omg_payment")
        // The reply that stops the gateway from re-sending a notification: exactly "1|OK".
        .constant(("Omg\\Payment\\ACK", omg_core::notify::ACK, &[]))
        // The largest notification body accepted, in bytes.
        .constant(("Omg\\Payment\\MAX_NOTIFICATION_BYTES", omg_core::notify::MAX_BODY_BYTES as i64, &[]))
        .class::<errors::OmgException>()
        .class::<errors::ValidationException>()
        .class::<errors::SignatureException>()
        .class::<errors::GatewayException>()
        .class::<errors::TransportException>()
        .class::<errors::DecodeException>()
        .class::<client::Client>()
        .class::<checkout::Checkout>();
    let module = described::register(module);
    let module = notification::register(module);
    functions::register(module)
}

/// The extension's own allocator, for its Rust allocations only (PHP's are untouched). A call
/// copies every field into owned strings and frees them on return; with glibc's malloc that
/// churn was a fifth of `checkMacValue` (callgrind), as it was for Node (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
