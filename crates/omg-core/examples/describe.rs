//! Prints the boundary description (omg_core::boundary::types()):
//!
//! ```sh
//! cargo run -p omg-core --example describe            # JSON, for generators in other languages
//! cargo run -p omg-core --example describe -- pyi     # the described classes as .pyi
//! cargo run -p omg-core --example describe -- dts     # the described classes as TypeScript
//! ```

use omg_core::boundary::{render, types};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "json".into());
    match mode.as_str() {
        "json" => {
            println!("{}", serde_json::to_string_pretty(&render::description_json()).expect("JSON of static data"))
        }
        "pyi" => types().iter().for_each(|t| println!("{}", render::python_class(t))),
        "dts" => types().iter().for_each(|t| println!("{}", render::typescript_interface(t))),
        other => {
            eprintln!("describe: unknown mode {other:?} (json, pyi or dts)");
            std::process::exit(2);
        }
    }
}
