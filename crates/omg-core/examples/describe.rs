//! Prints the boundary description (omg_core::boundary::types()) as JSON, for readers outside
//! Rust. The languages' type surfaces are written by crates/omg-generate (`make generate`).
//!
//! ```sh
//! cargo run -p omg-core --example describe
//! ```

use omg_core::boundary::render;

fn main() {
    println!("{}", serde_json::to_string_pretty(&render::description_json()).expect("JSON of static data"));
}
