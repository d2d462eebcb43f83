//! omg-core: the OMG 金流 (funpoint) AIO payment protocol in pure Rust.
//!
//! No sockets outside `client`, no global state, no printing. See docs/architecture.md.

pub mod error;
pub mod fields;
pub mod mac;

pub use error::{Error, FieldError, Result, TransportError};
pub use fields::Fields;
pub use mac::HashMethod;
