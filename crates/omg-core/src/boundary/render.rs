//! The declaration of a described field in each language's type surface: what a generated stub
//! holds and what the stub check (crates/omg-core/tests/stub_drift.rs) tells a developer to add.

use super::casing::camel_case;
use super::desc::{FieldDesc, ValueType};

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
