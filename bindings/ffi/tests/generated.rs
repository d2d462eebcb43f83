//! The C header, generated from this crate by cbindgen and checked in, must match what the source
//! generates now. A difference fails the test; `OMG_BLESS=1 cargo test -p omg-payment-ffi --test
//! generated` rewrites it instead. (The C# classes and P/Invoke declarations are generated from
//! the contract: `make check-generated`.)

use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares `path` with `generated`, or writes it when blessing.
fn check(path: &Path, generated: &str) {
    if std::env::var_os("OMG_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, generated).unwrap();
        return;
    }
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{} is out of date with the source: run `OMG_BLESS=1 cargo test -p omg-payment-ffi --test generated` and commit the result",
        path.display()
    );
}

#[test]
fn the_c_header_matches_the_source() {
    let dir = crate_dir();
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).unwrap();
    let mut header = Vec::new();
    cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("cbindgen reads the crate")
        .write(&mut header);
    check(&dir.join("include/omg_payment.h"), &String::from_utf8(header).unwrap());
}

/// cbindgen does not see functions a macro writes: every exported symbol must be declared.
#[test]
fn the_header_declares_every_exported_function() {
    let dir = crate_dir();
    let header = std::fs::read_to_string(dir.join("include/omg_payment.h")).unwrap();
    let mut exported = 0;
    for entry in std::fs::read_dir(dir.join("src")).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in source.lines() {
            let Some(rest) = line.split("extern \"C\" fn ").nth(1) else {
                continue;
            };
            let name = rest.split('(').next().unwrap();
            exported += 1;
            assert!(header.contains(&format!(" {name}(")), "{name} is exported but not in include/omg_payment.h");
        }
    }
    assert!(exported >= 15, "found only {exported} exported functions");
}
