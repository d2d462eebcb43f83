//! Test support for the client tests: an embedded omg-sim, a client pointed at it, the control
//! API, and a tiny scripted HTTP server for what the simulator cannot produce (redirects, empty
//! replies). Only 127.0.0.1 is ever contacted; every wait is bounded.

pub mod gateway;
pub mod raw_server;

pub use gateway::{unique_trade_no, Gateway};
pub use raw_server::RawServer;
