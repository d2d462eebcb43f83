//! No hand-written list of operations or settings outside the contract and the generated files:
//! the binding crates' sources and the language packages' own files are searched for the names
//! the contract gives the operations and the client settings, in every casing. A list is three or
//! more operation names, or three or more setting names, within six lines (a method table, an export list, a registration block, a
//! constructor's parameters); comments and docstrings do not count, and neither do the settings
//! named by one plain word (`environment`, `retries`), which read as the core fields they are
//! named after. Where a name must appear, it appears once, beside its implementation.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use omg_core::boundary::casing::{camel_case, pascal_case};
use omg_core::boundary::contract;
use omg_core::boundary::operations::Owner;
use omg_generate::{generate, GENERATED_DIRS};

const WINDOW: usize = 6;
const LIST: usize = 3;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

type Names = Vec<(String, [String; 3])>;

fn casings<'a>(names: impl Iterator<Item = &'a str>) -> Names {
    let mut seen = BTreeSet::new();
    names.filter(|n| seen.insert(*n)).map(|n| (n.to_string(), [n.to_string(), camel_case(n), pascal_case(n)])).collect()
}

/// The two sets of names to look for, each name with its casings: the operations, the settings.
fn name_sets() -> [Names; 2] {
    let c = contract();
    [
        casings(c.operations.iter().filter(|o| o.owner != Owner::Notification).map(|o| o.name)),
        casings(c.settings.iter().map(|s| s.name).filter(|n| n.contains('_'))),
    ]
}

/// The text without comments and docstrings, line structure kept.
fn code(text: &str, hash_comments: bool) -> Vec<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let block = [("/*", "*/"), ("\"\"\"", "\"\"\"")]
            .into_iter()
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, open, close)))
            .min_by_key(|(at, _, _)| *at);
        match block {
            Some((at, open, close)) => {
                out.push_str(&rest[..at]);
                let after = &rest[at + open.len()..];
                let end = after.find(close).map_or(after.len(), |e| e + close.len());
                out.extend(after[..end].chars().filter(|c| *c == '\n'));
                rest = &after[end..];
            }
            None => {
                out.push_str(rest);
                rest = "";
            }
        }
    }
    out.lines()
        .map(|line| {
            let mut line = line.split("//").next().unwrap_or("").to_string();
            if hash_comments && !line.trim_start().starts_with("#[") {
                line = line.split('#').next().unwrap_or("").to_string();
            }
            line
        })
        .collect()
}

fn word_in(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let after = line[at + word.len()..].chars().next();
        let part = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        !part(before) && !part(after)
    })
}

/// The first window of `lines` naming `LIST` or more contract names, with them.
fn first_list(lines: &[String], names: &Names) -> Option<(usize, Vec<String>)> {
    (0..lines.len()).find_map(|start| {
        let window = &lines[start..(start + WINDOW).min(lines.len())];
        let found: Vec<String> = names
            .iter()
            .filter(|(_, casings)| window.iter().any(|l| casings.iter().any(|c| word_in(l, c))))
            .map(|(name, _)| name.clone())
            .collect();
        (found.len() >= LIST).then_some((start + 1, found))
    })
}

fn sources() -> Vec<PathBuf> {
    let root = root();
    let generated: BTreeSet<PathBuf> = generate(&contract()).into_iter().map(|f| root.join(f.path)).collect();
    let mut out = Vec::new();
    let mut walk = vec![
        root.join("bindings/python/src"),
        root.join("bindings/node/src"),
        root.join("bindings/php/src"),
        root.join("bindings/ffi/src"),
        root.join("python/omg_payment"),
        root.join("node/lib"),
        root.join("dotnet/Omg.Payment"),
    ];
    for file in ["node/index.js", "node/index.mjs", "node/express.js", "node/express.mjs", "node/express.d.ts"] {
        out.push(root.join(file));
    }
    while let Some(dir) = walk.pop() {
        if GENERATED_DIRS.iter().any(|g| dir.ends_with(g)) {
            continue;
        }
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk.push(path);
            } else if ["rs", "py", "js", "mjs", "ts", "cs", "php"]
                .iter()
                .any(|e| path.extension().is_some_and(|x| x == *e))
            {
                out.push(path);
            }
        }
    }
    out.retain(|p| p.exists() && !generated.contains(p));
    out.sort();
    out
}

#[test]
fn no_hand_written_list_of_operations_or_settings() {
    let sets = name_sets();
    let mut lists = Vec::new();
    let files = sources();
    assert!(files.len() > 50, "found only {} source files", files.len());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let hash = path.extension().is_some_and(|e| e == "py");
        let lines = code(&text, hash);
        for names in &sets {
            if let Some((line, found)) = first_list(&lines, names) {
                lists.push(format!("{}:{line}: {}", path.strip_prefix(root()).unwrap().display(), found.join(", ")));
            }
        }
    }
    assert!(lists.is_empty(), "hand-written lists of contract names (generate them instead):\n{}", lists.join("\n"));
}

#[test]
fn the_search_finds_a_list_and_ignores_comments() {
    let [ops, settings] = name_sets();
    let table = "fn a() {}\nm.add(query_trade);\nm.add(queryPeriod);\nm.add(CancelPeriod);\n";
    assert_eq!(first_list(&code(table, false), &ops).map(|(line, _)| line), Some(1));
    let commented = "// query_trade, query_period, cancel_period\n/* capture\nrefund */\nx\n";
    assert_eq!(first_list(&code(commented, false), &ops), None);
    let constructor = "Client(merchant_id, hash_key, hash_iv)\n";
    assert!(first_list(&code(constructor, false), &settings).is_some());
    let signature = "check_mac_value(fields, hash_key, hash_iv)\n";
    assert_eq!(first_list(&code(signature, false), &ops), None);
}
