//! The vocabulary of the description: what one type that crosses a boundary looks like to every
//! language (its fields, their types, their docs). Plain `'static` data, so a binding or a
//! generator can walk it at run time or in a build script.

/// The type of one field as every language sees it, and the shape of its JSON view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// Text (JSON string).
    Str,
    /// Text or absent (JSON string or null).
    OptStr,
    /// A whole number (JSON number).
    Int,
    /// A whole number or absent (JSON number or null).
    OptInt,
    /// A number with a fraction, e.g. seconds (JSON number).
    Float,
    /// true / false.
    Bool,
    /// Ordered string → string, e.g. `raw` of a form or `k=v` reply, checkout `fields`: a JSON
    /// array of `[key, value]` pairs (order kept; a key may in principle repeat).
    StrMap,
    /// A list of text (JSON array of strings), e.g. CustomField1–4 of an order.
    StrList,
    /// A list of text, or absent as a whole (JSON array of strings, or null), e.g. the three
    /// BARCODE segments, which are there together or not at all.
    OptStrList,
    /// A list whose items may each be absent (JSON array of strings and nulls), e.g.
    /// CustomField1–4 of a notification.
    ListOfOptStr,
    /// Any JSON, as received (the `raw` of a JSON reply).
    Json,
    /// A list of objects of that type (JSON array of objects).
    List(&'static TypeDesc),
}

impl ValueType {
    /// A stable lower-case name for generators and messages: `str`, `opt_str`, ..., `list`.
    pub fn name(&self) -> &'static str {
        match self {
            ValueType::Str => "str",
            ValueType::OptStr => "opt_str",
            ValueType::Int => "int",
            ValueType::OptInt => "opt_int",
            ValueType::Float => "float",
            ValueType::Bool => "bool",
            ValueType::StrMap => "str_map",
            ValueType::StrList => "str_list",
            ValueType::OptStrList => "opt_str_list",
            ValueType::ListOfOptStr => "list_of_opt_str",
            ValueType::Json => "json",
            ValueType::List(_) => "list",
        }
    }

    /// Whether JSON `null` is a legal value of this type.
    pub fn is_optional(&self) -> bool {
        matches!(self, ValueType::OptStr | ValueType::OptInt | ValueType::OptStrList | ValueType::Json)
    }
}

/// A closed set of text values: an enum (a `Literal[...]`, a string union) in every language. The
/// values are the stable snake_case names core writes (`paid`, `capture_pending`, ...).
#[derive(Debug, PartialEq, Eq)]
pub struct ValueSet {
    /// The type's name in the languages that name it (`TradeStatusName`).
    pub name: &'static str,
    pub doc: &'static str,
    pub values: &'static [&'static str],
}

impl ValueSet {
    /// Whether `value` is one of the set.
    pub fn contains(&self, value: &str) -> bool {
        self.values.contains(&value)
    }
}

/// One field: its snake_case name (the JSON key; each language re-cases it by its own rule), its
/// type and one sentence for the docs of every language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldDesc {
    pub name: &'static str,
    pub ty: ValueType,
    pub doc: &'static str,
    /// For a text field: the closed set its values come from (an enum), if it has one.
    pub values: Option<&'static ValueSet>,
    /// Computed anew at each read (`Checkout.html`): a method without arguments in the languages
    /// that make such a value a method (Python, Node, PHP), a property elsewhere.
    pub computed: bool,
}

/// One type that crosses a boundary: its class name (PascalCase, the same in every language), a
/// doc sentence and its fields in a stable order.
#[derive(Debug, PartialEq, Eq)]
pub struct TypeDesc {
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [FieldDesc],
}

impl TypeDesc {
    /// The field called `name` (snake_case), if described.
    pub fn field(&self, name: &str) -> Option<&'static FieldDesc> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The snake_case field names, in order.
    pub fn field_names(&self) -> impl Iterator<Item = &'static str> {
        self.fields.iter().map(|f| f.name)
    }
}
