//! The foreign type surfaces against the boundary description: every described class in
//! `python/omg_payment/_native.pyi` and `node/index.d.ts` declares exactly the described fields
//! (snake_case in Python, camelCase in TypeScript), no more, no fewer. Removing a field from the
//! description, or adding one, fails here until the stubs (and the bindings behind them) follow;
//! the message names the property and the line to add or remove.
//!
//! A described field may be declared as a property or attribute, or as a method without
//! arguments (`Checkout.html()`). Methods with arguments (`get(name)`) are not fields.
//! Inherited members count (`PaymentResult extends Notification`).
//!
//! The next languages (PHP stubs, C# classes) add a `Surface` below.

use std::collections::{BTreeMap, BTreeSet};

use omg_core::boundary::casing::camel_case;
use omg_core::boundary::render::{python_property, typescript_property};
use omg_core::boundary::{types, FieldDesc, TypeDesc};

/// One language's declared type surface.
struct Surface {
    language: &'static str,
    /// The stub file, relative to the repository root.
    path: &'static str,
    /// The field name in this language.
    case: fn(&str) -> String,
    /// The declaration to add for a missing field.
    declare: fn(&FieldDesc) -> String,
    parse: fn(&str) -> BTreeMap<String, Class>,
    /// Described types that are not a class in this language, each with the reason.
    not_classes: &'static [(&'static str, &'static str)],
}

#[derive(Default, Debug)]
struct Class {
    bases: Vec<String>,
    /// Properties and attributes.
    properties: BTreeSet<String>,
    /// Methods without arguments.
    getters: BTreeSet<String>,
}

const SURFACES: [Surface; 2] = [
    Surface {
        language: "python",
        path: "python/omg_payment/_native.pyi",
        case: |s| s.to_string(),
        declare: python_property,
        parse: parse_pyi,
        not_classes: &[("ErrorPayload", "raised as OmgError subclasses whose attributes are the payload's fields")],
    },
    Surface {
        language: "node",
        path: "node/index.d.ts",
        case: camel_case,
        declare: typescript_property,
        parse: parse_dts,
        not_classes: &[("ErrorPayload", "thrown as OmgError subclasses whose properties are the payload's fields")],
    },
];

fn read(path: &str) -> String {
    let full = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {full}: {e}"))
}

/// Every member of `class`, its bases' included.
fn members<'a>(classes: &'a BTreeMap<String, Class>, name: &str, into: &mut (BTreeSet<&'a str>, BTreeSet<&'a str>)) {
    if let Some(class) = classes.get(name) {
        into.0.extend(class.properties.iter().map(String::as_str));
        into.1.extend(class.getters.iter().map(String::as_str));
        for base in &class.bases {
            members(classes, base, into);
        }
    }
}

/// The drift of one surface, one message per problem.
fn drift(surface: &Surface, text: &str) -> Vec<String> {
    let classes = (surface.parse)(text);
    let mut problems = Vec::new();
    let place = format!("{} ({})", surface.path, surface.language);
    for desc in types() {
        if let Some((_, why)) = surface.not_classes.iter().find(|(name, _)| *name == desc.name) {
            if classes.contains_key(desc.name) {
                problems.push(format!(
                    "{place}: {} is now declared as a class; remove it from `not_classes` ({why}) in crates/omg-core/tests/stub_drift.rs so it is checked",
                    desc.name
                ));
            }
            continue;
        }
        if !classes.contains_key(desc.name) {
            problems.push(format!(
                "{place}: no class {} (described in omg_core::boundary). Fix: declare it with its {} fields",
                desc.name,
                desc.fields.len()
            ));
            continue;
        }
        problems.extend(class_drift(surface, &place, desc, &classes));
    }
    problems
}

fn class_drift(surface: &Surface, place: &str, desc: &TypeDesc, classes: &BTreeMap<String, Class>) -> Vec<String> {
    let mut declared = (BTreeSet::new(), BTreeSet::new());
    members(classes, desc.name, &mut declared);
    let (properties, getters) = declared;
    let mut problems = Vec::new();
    let described: BTreeSet<String> = desc.fields.iter().map(|f| (surface.case)(f.name)).collect();
    for field in desc.fields {
        let name = (surface.case)(field.name);
        if !properties.contains(name.as_str()) && !getters.contains(name.as_str()) {
            problems.push(format!(
                "{place}: {}.{name} is described but not declared. Fix: add to class {} (and to the binding)\n{}",
                desc.name,
                desc.name,
                (surface.declare)(field)
            ));
        }
    }
    for extra in properties.iter().filter(|p| !described.contains(**p)) {
        problems.push(format!(
            "{place}: {}.{extra} is declared but not described. Fix: describe it in crates/omg-core/src/boundary/ (describe!), or remove it from the stub and the binding",
            desc.name
        ));
    }
    problems
}

#[test]
fn every_foreign_stub_declares_exactly_the_described_fields() {
    let mut problems = Vec::new();
    for surface in &SURFACES {
        problems.extend(drift(surface, &read(surface.path)));
    }
    assert!(
        problems.is_empty(),
        "the type stubs drifted from omg_core::boundary::types():\n\n{}",
        problems.join("\n\n")
    );
}

/// The check fails when a field is removed from (or added to) the description: simulated by
/// checking each stub against a description without one field, and with one field more.
#[test]
fn a_removed_or_added_field_is_reported_by_name() {
    for surface in &SURFACES {
        let text = read(surface.path);
        let classes = (surface.parse)(&text);
        let desc = omg_core::boundary::TRADE_INFO.clone_without("trade_amt");
        let problems = class_drift(surface, surface.path, &desc, &classes);
        let name = (surface.case)("trade_amt");
        assert!(
            problems.len() == 1 && problems[0].contains(&format!("TradeInfo.{name} is declared but not described")),
            "{problems:?}"
        );

        let added = omg_core::boundary::TRADE_INFO.clone_with(FieldDesc {
            name: "settled_at",
            ty: omg_core::boundary::ValueType::OptStr,
            doc: "d",
        });
        let problems = class_drift(surface, surface.path, &added, &classes);
        let name = (surface.case)("settled_at");
        assert!(
            problems.len() == 1 && problems[0].contains(&format!("TradeInfo.{name} is described but not declared")),
            "{problems:?}"
        );
    }
}

/// Test-only copies of a description with one field less or more.
trait Edited {
    fn clone_without(&self, field: &str) -> TypeDesc;
    fn clone_with(&self, field: FieldDesc) -> TypeDesc;
}

impl Edited for TypeDesc {
    fn clone_without(&self, field: &str) -> TypeDesc {
        let fields: Vec<FieldDesc> = self.fields.iter().filter(|f| f.name != field).copied().collect();
        TypeDesc { name: self.name, doc: self.doc, fields: Vec::leak(fields) }
    }
    fn clone_with(&self, field: FieldDesc) -> TypeDesc {
        let mut fields: Vec<FieldDesc> = self.fields.to_vec();
        fields.push(field);
        TypeDesc { name: self.name, doc: self.doc, fields: Vec::leak(fields) }
    }
}

// ---------------------------------------------------------------------------------------------
// Readers of the two stub formats: enough of each to list classes and their members.

/// `.pyi`: `class Name(Base):` blocks; `@property` + `def x(self)`, `x: T` attributes, and
/// `def x(self) -> T` methods without arguments. Docstrings are skipped.
fn parse_pyi(text: &str) -> BTreeMap<String, Class> {
    let mut classes = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut in_docstring = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if in_docstring {
            in_docstring = !trimmed.contains("\"\"\"");
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("\"\"\"") {
            in_docstring = !rest.contains("\"\"\"");
            continue;
        }
        if !line.starts_with(' ') && !trimmed.is_empty() {
            current = None;
            if let Some(rest) = line.strip_prefix("class ") {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                let bases = rest
                    .split_once('(')
                    .and_then(|(_, b)| b.split_once(')'))
                    .map(|(b, _)| b.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                    .unwrap_or_default();
                classes.insert(name.clone(), Class { bases, ..Class::default() });
                current = Some(name);
            }
            continue;
        }
        let Some(class) = current.as_ref().and_then(|c| classes.get_mut(c)) else { continue };
        if let Some(def) = trimmed.strip_prefix("def ") {
            let name: String = def.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if name.starts_with("__") {
                continue;
            }
            if def[name.len()..].starts_with("(self)") {
                class.getters.insert(name);
            }
        } else if line.starts_with("    ")
            && !line.starts_with("     ")
            && !trimmed.starts_with('@')
            && !trimmed.starts_with('#')
        {
            let name: String = trimmed.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !name.is_empty() && trimmed[name.len()..].trim_start().starts_with(':') {
                class.properties.insert(name);
            }
        }
    }
    // `@property` getters are properties.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for class in classes.values_mut() {
        let props: Vec<String> = class
            .getters
            .iter()
            .filter(|g| lines.windows(2).any(|w| w[0] == "@property" && w[1].starts_with(&format!("def {g}(self)"))))
            .cloned()
            .collect();
        for p in props {
            class.getters.remove(&p);
            class.properties.insert(p);
        }
    }
    classes
}

/// `.d.ts`: `export class|interface Name extends Base {` blocks; members at depth 1:
/// `readonly x: T;`, `x?: T;`, `x: T;` (properties) and `x(): T;` (methods without arguments).
/// Comments are skipped.
fn parse_dts(text: &str) -> BTreeMap<String, Class> {
    let mut classes = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut in_comment = false;
    let mut depth = 0i32;
    for raw in text.lines() {
        let mut line = raw.trim().to_string();
        if in_comment {
            match line.find("*/") {
                Some(end) => {
                    in_comment = false;
                    line = line[end + 2..].trim().to_string();
                }
                None => continue,
            }
        }
        while let Some(start) = line.find("/*") {
            match line[start..].find("*/") {
                Some(end) => line.replace_range(start..start + end + 2, ""),
                None => {
                    in_comment = true;
                    line.truncate(start);
                }
            }
        }
        if let Some(start) = line.find("//") {
            line.truncate(start);
        }
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if depth == 0 {
            let head =
                line.trim_start_matches("export ").trim_start_matches("declare ").trim_start_matches("abstract ");
            let rest = head.strip_prefix("class ").or_else(|| head.strip_prefix("interface "));
            if let Some(rest) = rest {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                let bases = rest
                    .split_once(" extends ")
                    .map(|(_, b)| {
                        b.split(['{', ','])
                            .next()
                            .unwrap_or("")
                            .split(',')
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty())
                            .collect()
                    })
                    .unwrap_or_default();
                classes.insert(name.clone(), Class { bases, ..Class::default() });
                current = Some(name);
            }
        } else if depth == 1 {
            if let Some(class) = current.as_ref().and_then(|c| classes.get_mut(c)) {
                let member = line.trim_start_matches("readonly ");
                let skip =
                    ["static ", "private ", "protected ", "constructor", "["].iter().any(|p| member.starts_with(p));
                let name: String =
                    member.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$').collect();
                if !skip && !name.is_empty() {
                    let after = &member[name.len()..];
                    if after.starts_with(':') || after.starts_with("?:") {
                        class.properties.insert(name);
                    } else if after.starts_with("()") {
                        class.getters.insert(name);
                    }
                }
            }
        }
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
        if depth == 0 {
            current = None;
        }
    }
    classes
}
