//! omg-sim answers with the RtnCode numbers of omg-core's code catalogue (`omg_core::codes`),
//! named, never written out again in the simulator's source: a number changed or added in the
//! catalogue is the simulator's number too (issue 11). The simulator still reads and decides
//! everything else itself; only the numbers are shared.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a line without its `//` comment (a `//` inside a string would cut it early,
/// which only hides text from this check, never invents a hit).
fn code_of(line: &str) -> &str {
    line.split_once("//").map_or(line, |(code, _)| code)
}

#[test]
fn no_catalogued_return_code_is_written_as_a_number_in_the_simulator() {
    // 1 and 2 are ordinary numbers too (counts, indexes); every longer code is unmistakable.
    let catalogued: Vec<String> =
        omg_core::codes::known().iter().filter(|c| c.code > 2).map(|c| c.code.to_string()).collect();
    assert!(catalogued.iter().any(|c| c == "10200073"), "the catalogue lists CheckMacValue error");
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    assert!(files.len() > 10, "found the simulator's sources: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("source is UTF-8");
        for (i, line) in text.lines().enumerate() {
            for token in code_of(line).split(|c: char| !c.is_ascii_digit() && c != '_') {
                let number = token.replace('_', "");
                if catalogued.contains(&number) {
                    found.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "use the omg_core::codes constants instead of these numbers:\n{}", found.join("\n"));
}
