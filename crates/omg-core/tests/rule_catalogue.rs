//! The rule catalogue (crates/omg-core/src/rules.rs) is the only source of rule names:
//!
//! - a rule name outside it does not compile (`FieldError::new` and `Error::invalid` take a
//!   `rules::Rule`, which only rules.rs can make); this test also refuses the two ways around
//!   that: a `FieldError { rule: "...".into(), .. }` literal in Rust, a `{ "rule", "..." }` in C#;
//! - every rule in it is produced: referenced as `rules::NAME` by the code of a crate or a binding
//!   (test modules do not count);
//! - the docs list exactly the catalogue: the table of docs/errors.md and the list in each
//!   language's doc. `OMG_BLESS_DOCS=1 cargo test -p omg-core --test rule_catalogue` rewrites them.

use std::fs;
use std::path::{Path, PathBuf};

use omg_core::rules;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const LANGUAGE_DOCS: [&str; 4] = ["docs/python.md", "docs/node.md", "docs/php.md", "docs/dotnet.md"];
const MARK: &str = "<!-- rules: generated from crates/omg-core/src/rules.rs (tests/rule_catalogue.rs) -->";
const END: &str = "<!-- /rules -->";

/// (CONSTANT, name, first line of its doc comment), in the order of rules.rs.
fn catalogue() -> Vec<(String, String, String)> {
    let source = fs::read_to_string(Path::new(ROOT).join("crates/omg-core/src/rules.rs")).unwrap();
    let mut doc = Vec::new();
    let mut out = Vec::new();
    for line in source.lines() {
        let line = line.trim();
        if let Some(text) = line.strip_prefix("///") {
            doc.push(text.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("pub const ").filter(|r| r.contains(": Rule = Rule(\"")) {
            let constant = rest.split(':').next().unwrap().to_string();
            let name = rest.split('"').nth(1).unwrap().to_string();
            out.push((constant, name, doc.join(" ")));
            doc.clear();
        } else {
            doc.clear();
        }
    }
    out
}

fn sources(dir: &Path, ext: &str, into: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, ext, into);
        } else if path.extension().is_some_and(|e| e == ext) {
            into.push(path);
        }
    }
}

/// The code (test modules cut off) of every crate's and binding's src/.
fn rust_code() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for group in ["crates", "bindings"] {
        for entry in fs::read_dir(Path::new(ROOT).join(group)).unwrap() {
            let src = entry.unwrap().path().join("src");
            if src.is_dir() {
                sources(&src, "rs", &mut files);
            }
        }
    }
    files
        .into_iter()
        .filter(|p| !p.ends_with("omg-core/src/rules.rs"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap().to_string();
            (p, code)
        })
        .collect()
}

#[test]
fn the_catalogue_is_rules_all() {
    let names: Vec<String> = catalogue().into_iter().map(|(_, name, _)| name).collect();
    let all: Vec<String> = rules::ALL.iter().map(|r| r.name().to_string()).collect();
    assert_eq!(names, all, "rules::ALL lists every constant of rules.rs, in order");
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "a rule name twice");
}

#[test]
fn every_catalogued_rule_is_produced_somewhere() {
    let code = rust_code();
    let never: Vec<String> = catalogue()
        .into_iter()
        .filter(|(constant, _, _)| {
            let reference = format!("rules::{constant}");
            !code.iter().any(|(_, text)| {
                text.match_indices(&reference).any(|(i, _)| {
                    let after = text[i + reference.len()..].chars().next();
                    !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                })
            })
        })
        .map(|(constant, name, _)| format!("{constant} ({name})"))
        .collect();
    assert!(never.is_empty(), "catalogued rules no code produces: {never:?}");
}

#[test]
fn no_rule_name_is_written_outside_the_catalogue() {
    let mut found = Vec::new();
    for (path, text) in rust_code() {
        for (n, line) in text.lines().enumerate() {
            if line.contains("rule: \"") || line.contains("rule: String::from(\"") {
                found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    let names: Vec<String> = rules::ALL.iter().map(|r| r.name().to_string()).collect();
    let mut cs = Vec::new();
    sources(&Path::new(ROOT).join("dotnet/Omg.Payment"), "cs", &mut cs);
    for path in cs {
        for (n, line) in fs::read_to_string(&path).unwrap().lines().enumerate() {
            for (i, _) in line.match_indices("{ \"rule\", \"") {
                let name = line[i + 11..].split('"').next().unwrap();
                if !names.iter().any(|known| known == name) {
                    found.push(format!("{}:{}: rule {name:?} is not in the catalogue", path.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "rule names written outside the catalogue:\n{}", found.join("\n"));
}

/// The docs' list of rules as it must read: a table in docs/errors.md, one line in each language's.
fn expected_block(table: bool) -> Vec<String> {
    let mut lines = vec![MARK.to_string()];
    if table {
        lines.push("| rule | meaning |".into());
        lines.push("|---|---|".into());
        for (_, name, doc) in catalogue() {
            lines.push(format!("| `{name}` | {doc} |"));
        }
    } else {
        let names: Vec<String> = catalogue().into_iter().map(|(_, name, _)| format!("`{name}`")).collect();
        lines.push(format!("Rule names (docs/errors.md says what each means): {}.", names.join(", ")));
    }
    lines.push(END.to_string());
    lines
}

/// Checks (or with OMG_BLESS_DOCS=1 rewrites) the generated block of `doc`.
fn check_block(doc: &str, table: bool) -> Option<String> {
    let path = Path::new(ROOT).join(doc);
    let text = fs::read_to_string(&path).unwrap();
    let Some(start) = text.find(MARK) else { return Some(format!("{doc}: no {MARK} block")) };
    let Some(end) = text[start..].find(END).map(|i| start + i + END.len()) else {
        return Some(format!("{doc}: no {END} after the rules block"));
    };
    let want = expected_block(table).join("\n");
    if text[start..end] == want {
        return None;
    }
    if std::env::var_os("OMG_BLESS_DOCS").is_some() {
        fs::write(&path, format!("{}{want}{}", &text[..start], &text[end..])).unwrap();
        return None;
    }
    Some(format!("{doc}: the rules block differs from rules.rs (OMG_BLESS_DOCS=1 rewrites it)"))
}

#[test]
fn the_docs_list_exactly_the_catalogue() {
    let mut problems: Vec<String> = check_block("docs/errors.md", true).into_iter().collect();
    problems.extend(LANGUAGE_DOCS.iter().filter_map(|doc| check_block(doc, false)));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
