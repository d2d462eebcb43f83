//! Files generated from this crate and checked in must match what the source generates now:
//! the C header (cbindgen) and the C# classes of the boundary types. A difference fails the test;
//! `OMG_BLESS=1 cargo test -p omg-payment-ffi --test generated` rewrites the files instead.

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

#[test]
fn the_csharp_classes_match_the_boundary_description() {
    let dir = crate_dir().join("../../dotnet/Omg.Payment/Generated");
    let files = omg_payment_ffi::csharp::files();
    for (name, contents) in &files {
        check(&dir.join(name), contents);
    }
    // A class whose type left the description must go too.
    if std::env::var_os("OMG_BLESS").is_none() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(files.iter().any(|(n, _)| *n == name), "Generated/{name} is not generated any more: delete it");
        }
    }
}
