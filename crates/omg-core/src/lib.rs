//! omg-core: the OMG 金流 (funpoint) AIO payment protocol in pure Rust.
//!
//! No sockets outside `client`, no global state, no printing. See docs/architecture.md.

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
pub mod taiwan_time;
pub mod trade_no;

pub use clock::{Clock, FixedClock, ManualClock, SystemClock};
pub use config::{Config, Credentials, Environment};
pub use error::{Error, FieldError, Result, TransportError};
pub use fields::Fields;
pub use mac::HashMethod;
// Re-exports of order/checkout/trade_no/html (added by their author):
pub use checkout::{checkout, Checkout};
pub use order::{Order, Payment};
pub use trade_no::generate_merchant_trade_no;
// Re-exports of notify/api (added by their author):
pub use api::{Api, ApiRequest};
pub use notify::{ack, nack, sign_notification, verify_notification, Notification, NotificationKind, ACK};
// Re-exports of client (added by its author):
pub use client::{Client, ClientOptions, RetryPolicy};
