//! The declaration of a described field in each language's type surface: what a generated stub
//! holds (crates/omg-generate writes the stubs; `make check-generated` holds them to it).

use super::casing::camel_case;
use super::desc::{FieldDesc, TypeDesc, ValueType};

/// The Python annotation of a value type (`typing` names, as in `_native.pyi`).
pub fn python_type(ty: &ValueType) -> String {
    match ty {
        ValueType::Str => "str".into(),
        ValueType::OptStr => "Optional[str]".into(),
        ValueType::Int => "int".into(),
        ValueType::OptInt => "Optional[int]".into(),
        ValueType::Float => "float".into(),
        ValueType::Bool => "bool".into(),
        ValueType::StrMap => "dict[str, str]".into(),
        ValueType::StrList => "List[str]".into(),
        ValueType::OptStrList => "Optional[List[str]]".into(),
        ValueType::ListOfOptStr => "List[Optional[str]]".into(),
        ValueType::Json => "Any".into(),
        ValueType::List(item) => format!("List[{}]", item.name),
    }
}

/// The TypeScript type of a value type (absent values are `undefined`, as napi-rs and the JS
/// layer give them).
pub fn typescript_type(ty: &ValueType) -> String {
    match ty {
        ValueType::Str => "string".into(),
        ValueType::OptStr => "string | undefined".into(),
        ValueType::Int | ValueType::Float => "number".into(),
        ValueType::OptInt => "number | undefined".into(),
        ValueType::Bool => "boolean".into(),
        ValueType::StrMap => "Readonly<Record<string, string>>".into(),
        ValueType::StrList => "string[]".into(),
        ValueType::OptStrList => "string[] | undefined".into(),
        ValueType::ListOfOptStr => "Array<string | undefined>".into(),
        ValueType::Json => "unknown".into(),
        ValueType::List(item) => format!("{}[]", item.name),
    }
}

/// `@property` + `def name(self) -> T: ...`, as in `_native.pyi`.
pub fn python_property(field: &FieldDesc) -> String {
    format!("    @property\n    def {}(self) -> {}: ...", field.name, python_type(&field.ty))
}

/// `/** doc */ readonly name: T;`, as in a `.d.ts`.
pub fn typescript_property(field: &FieldDesc) -> String {
    format!("  /** {} */\n  readonly {}: {};", field.doc, camel_case(field.name), typescript_type(&field.ty))
}

/// A whole class of a `.pyi` with every described field as a property (what `_native.pyi` holds
/// for a described class, Python's own methods aside).
pub fn python_class(desc: &TypeDesc) -> String {
    let mut out = format!("class {}:\n    \"\"\"{}\"\"\"\n\n", desc.name, desc.doc);
    for field in desc.fields {
        out.push_str(&python_property(field));
        out.push('\n');
    }
    out
}

/// A whole TypeScript interface with every described field (camelCase), each with its doc.
pub fn typescript_interface(desc: &TypeDesc) -> String {
    let mut out = format!("/** {} */\nexport interface {} {{\n", desc.doc, desc.name);
    for field in desc.fields {
        out.push_str(&typescript_property(field));
        out.push('\n');
    }
    out.push_str("}\n");
    out
}

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
