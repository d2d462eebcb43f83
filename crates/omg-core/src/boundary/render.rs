//! The description as JSON, for readers outside Rust. The type surfaces themselves (`.pyi`,
//! `.d.ts`, PHP stubs, C# classes) are written by crates/omg-generate from the contract alone
//! (`make generate`; `make check-generated` holds them to it), so they are rendered in one place.

use super::desc::ValueType;

/// The whole description as JSON, for generators outside Rust (PHP stubs, C# classes):
/// `[{"name", "doc", "fields": [{"name", "type", "item"?, "optional", "doc"}]}]`, in the order
/// of [`super::types()`]; `item` names the type of a `list`.
pub fn description_json() -> serde_json::Value {
    let types: Vec<serde_json::Value> = super::types()
        .iter()
        .map(|desc| {
            let fields: Vec<serde_json::Value> = desc
                .fields
                .iter()
                .map(|f| {
                    let mut v = serde_json::json!({
                        "name": f.name, "type": f.ty.name(), "optional": f.ty.is_optional(), "doc": f.doc,
                    });
                    if let ValueType::List(item) = f.ty {
                        v["item"] = serde_json::Value::from(item.name);
                    }
                    v
                })
                .collect();
            serde_json::json!({ "name": desc.name, "doc": desc.doc, "fields": fields })
        })
        .collect();
    serde_json::Value::Array(types)
}
