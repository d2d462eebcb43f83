//! omg-core: the OMG 金流 (funpoint) AIO payment protocol in pure Rust.
//!
//! No sockets outside `client`, no global state, no printing. See docs/architecture.md.
//! No `unsafe` outside `mac::vector` (vector code with scalar twins, docs/performance.md).
#![deny(unsafe_code)]

pub mod api;
pub mod barcode;
pub mod boundary;
pub mod checkout;
pub mod client;
pub mod clock;
pub mod codes;
pub mod config;
pub mod error;
pub mod fields;
pub mod html;
pub mod mac;
pub mod notify;
pub mod order;
pub mod rules;
pub mod server_apis;
pub mod taiwan_time;
pub mod trade_no;

pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use config::{Config, Credentials, Environment};
pub use error::{Error, FieldError, Result, TransportError};
// The description of every type that crosses a language boundary.
pub use boundary::{Described, TypeDesc};
pub use fields::Fields;
pub use mac::HashMethod;
// Orders and the signed checkout form.
pub use checkout::{checkout, Checkout};
pub use order::{Order, Payment};
pub use trade_no::generate_merchant_trade_no;
// Notifications and the server APIs.
pub use api::{Api, ApiRequest};
pub use notify::{ack, nack, sign_notification, verify_notification, Notification, NotificationKind, ACK};
// The gateway client and the settings every binding builds it from.
pub use client::{Client, ClientOptions, ClientSettings, RetryPolicy};

/// Hooks for the fuzz targets in fuzz/, compiled only with `--cfg fuzzing` (which `cargo fuzz`
/// and fuzz/.cargo/config.toml set): internals whose agreement a target checks.
#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing {
    /// The byte-class masks (`&`, `=`, `%`/`+`) of a 64-byte block from the vector code and from
    /// its scalar twin, in that order.
    pub fn vector_masks(block: &[u8; 64]) -> ([u64; 3], [u64; 3]) {
        let as_array = |m: crate::mac::vector::Masks| [m.amp, m.eq, m.escape];
        (as_array(crate::mac::vector::masks(block)), as_array(crate::mac::vector::masks_scalar(block)))
    }
}
