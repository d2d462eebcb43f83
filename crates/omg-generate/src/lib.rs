//! omg-generate: every language's type surface and the glue each one used to repeat by hand,
//! written from omg-core's contract (`omg_core::boundary::contract()`).
//!
//! - `python`: `_native.pyi`, `options.py` (CheckoutOptions and the value sets), `async_client.py`;
//! - `typescript`: `node/index.d.ts` and `node/lib/operations.js` (the client's argument checks);
//! - `php`: `php/omg_payment.stub.php`;
//! - `csharp`: the classes of every record, `NativeMethods.cs`, the server-API methods of
//!   `OmgClient` and the exceptions' predicates;
//! - `rust`: each binding's method table for the server APIs.
//!
//! [`generate`] takes a [`Contract`] by value so a test can hand it an edited copy; [`stale`]
//! compares the files on disk byte for byte with what [`generate`] writes now (`make
//! check-generated`), which compares every signature (names, argument types, optionality, result
//! types), not just names.

use std::path::Path;

use omg_core::boundary::Contract;

pub mod csharp;
pub mod php;
pub mod python;
pub mod rust;
pub mod text;
pub mod typescript;

/// One generated file: its path from the repository root, and its contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

impl File {
    pub fn new(path: impl Into<String>, contents: String) -> File {
        File { path: path.into(), contents }
    }
}

/// Directories whose every file is generated: a file there that the generator no longer writes
/// is stale too (a record that left the contract leaves its class behind otherwise).
pub const GENERATED_DIRS: [&str; 1] = ["dotnet/Omg.Payment/Generated"];

/// Every generated file, in a stable order. Rust files come out as `rustfmt` (with the
/// repository's rustfmt.toml) writes them, so `cargo fmt --check` passes on them.
pub fn generate(contract: &Contract) -> Vec<File> {
    let mut files = Vec::new();
    files.extend(python::files(contract));
    files.extend(typescript::files(contract));
    files.extend(php::files(contract));
    files.extend(csharp::files(contract));
    files.extend(rust::files(contract).into_iter().map(|f| File { contents: rustfmt(&f.contents), ..f }));
    files
}

/// `source` formatted by rustfmt with the repository's settings; as it is when rustfmt fails (the
/// check then shows the difference).
fn rustfmt(source: &str) -> String {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rustfmt.toml");
    let child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout", "--config-path", config])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return source.to_string() };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(source.as_bytes());
    }
    match child.wait_with_output() {
        Ok(out) if out.status.success() => String::from_utf8(out.stdout).unwrap_or_else(|_| source.to_string()),
        _ => source.to_string(),
    }
}

/// What differs between `files` and the tree at `root`: one line per file, naming the first line
/// that differs, or a file the generator no longer writes. Empty when everything is current.
pub fn stale(root: &Path, files: &[File]) -> Vec<String> {
    let mut problems = Vec::new();
    for file in files {
        let on_disk = std::fs::read_to_string(root.join(&file.path)).unwrap_or_default();
        if on_disk != file.contents {
            problems.push(format!("{}: {}", file.path, first_difference(&on_disk, &file.contents)));
        }
    }
    for dir in GENERATED_DIRS {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for entry in entries.flatten() {
            let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if !files.iter().any(|f| f.path == path) {
                problems.push(format!("{path}: not generated any more (delete it)"));
            }
        }
    }
    problems
}

/// Writes `files` under `root` (and removes the stale files of [`GENERATED_DIRS`]); returns the
/// paths it changed.
pub fn write(root: &Path, files: &[File]) -> std::io::Result<Vec<String>> {
    let mut changed = Vec::new();
    for dir in GENERATED_DIRS {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
        for entry in entries.flatten() {
            let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if !files.iter().any(|f| f.path == path) {
                std::fs::remove_file(entry.path())?;
                changed.push(path);
            }
        }
    }
    for file in files {
        let path = root.join(&file.path);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(file.contents.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, &file.contents)?;
        changed.push(file.path.clone());
    }
    Ok(changed)
}

/// `line N: have "...", generated "..."` for the first line that differs.
fn first_difference(have: &str, want: &str) -> String {
    if have.is_empty() {
        return "missing".into();
    }
    let (mut a, mut b) = (have.lines(), want.lines());
    for n in 1.. {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => continue,
            (None, None) => return "differs in line endings".into(),
            (x, y) => {
                return format!("line {n}: on disk {:?}, generated {:?}", x.unwrap_or("<end>"), y.unwrap_or("<end>"));
            }
        }
    }
    unreachable!()
}
