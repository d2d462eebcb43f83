//! `Described`: a core value that crosses a boundary, and `describe!`, the one place where each
//! of its fields is written (name, type, doc, how to read it from the core value). The macro
//! produces both the `static` description and `to_json`, so the two cannot disagree; the value
//! helpers below take exactly the Rust type their `ValueType` promises, so a field described as
//! `OptInt` that reads a `String` does not compile.

use serde_json::{Map, Value};

use super::desc::TypeDesc;
use crate::fields::Fields;

/// A core value that crosses a boundary: its description and its JSON view. The JSON view is an
/// object with exactly the described fields (snake_case keys), nothing more, nothing less (the
/// test `every_json_view_has_exactly_the_described_fields` holds every type to it).
pub trait Described {
    fn desc() -> &'static TypeDesc
    where
        Self: Sized;
    fn to_json(&self) -> Value;

    /// The JSON view written straight as text into `out`: the same value as [`Described::to_json`]
    /// (`to_json_text_is_the_json_view` holds every type to it), keys in the described order,
    /// without building a `Value` tree first. What a binding that hands the view over as text
    /// (.NET) calls: the tree, its sorted map and its drop cost more than the verification.
    fn write_json(&self, out: &mut String) {
        text::json(out, &self.to_json());
    }

    /// [`Described::write_json`] into a new string.
    fn to_json_text(&self) -> String {
        let mut out = String::with_capacity(1024);
        self.write_json(&mut out);
        out
    }

    /// The flat view (see [`super::flat`]): the described fields in order, each in its type's
    /// binary form. What .NET reads a notification from.
    fn write_flat(&self, out: &mut Vec<u8>);

    /// The JSON value of the one field called `name` (snake_case), computed alone; `None` for a
    /// name that is not described. What a binding that reads fields lazily (PHP) calls.
    fn field_json(&self, name: &str) -> Option<Value> {
        match self.to_json() {
            Value::Object(mut map) => map.remove(name),
            _ => None,
        }
    }
}

/// The JSON of one field value, one function per [`super::ValueType`]. Used by `describe!`.
pub mod value {
    use super::*;

    pub fn str(v: &str) -> Value {
        Value::String(v.to_owned())
    }
    pub fn opt_str(v: Option<&str>) -> Value {
        v.map_or(Value::Null, str)
    }
    pub fn int(v: i64) -> Value {
        Value::from(v)
    }
    pub fn opt_int(v: Option<i64>) -> Value {
        v.map_or(Value::Null, Value::from)
    }
    /// A non-finite number (never produced by core) becomes null rather than a panic.
    pub fn float(v: f64) -> Value {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
    pub fn bool(v: bool) -> Value {
        Value::Bool(v)
    }
    pub fn str_map(v: &Fields) -> Value {
        Value::Array(v.iter().map(|(k, v)| Value::Array(vec![str(k), str(v)])).collect())
    }
    pub fn str_list<S: AsRef<str>>(v: &[S]) -> Value {
        Value::Array(v.iter().map(|s| str(s.as_ref())).collect())
    }
    pub fn opt_str_list<S: AsRef<str>>(v: Option<&[S]>) -> Value {
        v.map_or(Value::Null, str_list)
    }
    pub fn list_of_opt_str(v: &[Option<&str>]) -> Value {
        Value::Array(v.iter().map(|s| opt_str(*s)).collect())
    }
    pub fn json(v: &Value) -> Value {
        v.clone()
    }
    pub fn list<T: Described>(v: &[T]) -> Value {
        Value::Array(v.iter().map(Described::to_json).collect())
    }
}

/// The JSON text of one field value, one function per [`super::ValueType`], each writing exactly
/// what the function of the same name in [`value`] makes (and serde_json would print for it).
/// Used by `describe!`.
pub mod text {
    use std::fmt::Write;

    use super::*;

    /// `"key":`, preceded by a comma unless it is the first member. Keys are snake_case field
    /// names: nothing in them needs escaping.
    pub fn key(out: &mut String, key: &str, first: &mut bool) {
        if !std::mem::take(first) {
            out.push(',');
        }
        out.push('"');
        out.push_str(key);
        out.push_str("\":");
    }

    /// A JSON string, escaped as serde_json escapes (`"`, `\\`, control characters).
    pub fn str(out: &mut String, v: &str) {
        out.reserve(v.len() + 2);
        out.push('"');
        let bytes = v.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Eight bytes at a time while none needs an escape (most values need none).
            if let Some(chunk) = bytes.get(i..i + 8) {
                if !needs_escape(u64::from_le_bytes(chunk.try_into().unwrap_or_default())) {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            i += 1;
            if b >= 0x20 && b != b'"' && b != b'\\' {
                continue;
            }
            let i = i - 1;
            // Every byte that needs an escape is ASCII, so `start..i` ends on a char boundary.
            out.push_str(&v[start..i]);
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                0x08 => out.push_str("\\b"),
                0x0c => out.push_str("\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(HEX[(b >> 4) as usize] as char);
                    out.push(HEX[(b & 0xf) as usize] as char);
                }
            }
            start = i + 1;
        }
        out.push_str(&v[start..]);
        out.push('"');
    }
    /// Whether any of the eight bytes of `w` is a control character, `"` or `\\` (the classic
    /// "has a zero byte" test; it may say yes for a byte next to one that does, never no wrongly).
    fn needs_escape(w: u64) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        (control | zero(w ^ (ONES * b'"' as u64)) | zero(w ^ (ONES * b'\\' as u64))) != 0
    }

    pub fn opt_str(out: &mut String, v: Option<&str>) {
        match v {
            Some(v) => str(out, v),
            None => out.push_str("null"),
        }
    }
    pub fn int(out: &mut String, v: i64) {
        let _ = write!(out, "{v}");
    }
    pub fn opt_int(out: &mut String, v: Option<i64>) {
        match v {
            Some(v) => int(out, v),
            None => out.push_str("null"),
        }
    }
    pub fn float(out: &mut String, v: f64) {
        json(out, &value::float(v));
    }
    pub fn bool(out: &mut String, v: bool) {
        out.push_str(if v { "true" } else { "false" });
    }
    pub fn str_map(out: &mut String, v: &Fields) {
        out.push('[');
        for (i, (k, v)) in v.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            str(out, k);
            out.push(',');
            str(out, v);
            out.push(']');
        }
        out.push(']');
    }
    pub fn str_list<S: AsRef<str>>(out: &mut String, v: &[S]) {
        out.push('[');
        for (i, s) in v.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            str(out, s.as_ref());
        }
        out.push(']');
    }
    pub fn opt_str_list<S: AsRef<str>>(out: &mut String, v: Option<&[S]>) {
        match v {
            Some(v) => str_list(out, v),
            None => out.push_str("null"),
        }
    }
    pub fn list_of_opt_str(out: &mut String, v: &[Option<&str>]) {
        out.push('[');
        for (i, s) in v.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            opt_str(out, *s);
        }
        out.push(']');
    }
    /// Any JSON as serde_json prints it (compact).
    pub fn json(out: &mut String, v: &Value) {
        let _ = write!(out, "{v}");
    }
    pub fn list<T: Described>(out: &mut String, v: &[T]) {
        out.push('[');
        for (i, item) in v.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

/// A JSON object from `(key, value)` pairs, for `describe!`.
pub fn object(entries: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    Value::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<Map<String, Value>>())
}

/// Writes one described type:
///
/// ```ignore
/// describe! {
///     /// QueryTradeInfo/V5: the state of one order.
///     TRADE_INFO: TradeInfo as "TradeInfo" |t| {
///         /// MerchantID.
///         merchant_id: Str = &t.merchant_id,
///         /// TradeAmt, absent when not a whole number.
///         trade_amt: OptInt = t.trade_amt,
///         /// TradeStatus by name.
///         trade_status_name: Str in TRADE_STATUS_NAME = t.trade_status.name(),
///         exec_log: List(EXEC_LOG_ENTRY) = &t.exec_log,
///         /// A page, made at each read.
///         html(): Str = &t.html(),
///     }
/// }
/// ```
///
/// expands to `pub static TRADE_INFO: TypeDesc` and `impl Described for TradeInfo`. Each doc
/// comment is the field's doc in every language (lines are joined). `in SET` names the value set
/// (an enum) a text field's values come from; `name()` marks a value computed at each read, which
/// the languages that can make it a method without arguments (`Checkout.html()`).
macro_rules! describe {
    (
        $(#[doc = $doc:literal])+
        $static:ident : $ty:ty as $name:literal |$v:ident| {
            $(
                $(#[doc = $fdoc:literal])+
                $field:ident $(($($computed:tt)*))? : $kind:ident $(($inner:path))? $(in $set:path)? = $read:expr
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        pub static $static: $crate::boundary::TypeDesc = $crate::boundary::TypeDesc {
            name: $name,
            doc: concat!($($doc),+).trim_ascii(),
            fields: &[
                $(
                    $crate::boundary::FieldDesc {
                        name: stringify!($field),
                        ty: describe!(@type $kind $(($inner))?),
                        doc: concat!($($fdoc),+).trim_ascii(),
                        values: describe!(@values $($set)?),
                        computed: describe!(@computed $(($($computed)*))?),
                    },
                )*
            ],
        };

        impl $crate::boundary::Described for $ty {
            fn desc() -> &'static $crate::boundary::TypeDesc {
                &$static
            }

            fn to_json(&self) -> serde_json::Value {
                let $v = self;
                $crate::boundary::described::object([
                    $( (stringify!($field), describe!(@value $kind, $read)), )*
                ])
            }

            fn write_json(&self, out: &mut String) {
                let $v = self;
                let mut first = true;
                out.push('{');
                $(
                    $crate::boundary::described::text::key(out, stringify!($field), &mut first);
                    describe!(@text $kind, out, $read);
                )*
                let _ = first;
                out.push('}');
            }

            fn write_flat(&self, out: &mut Vec<u8>) {
                let $v = self;
                $( describe!(@flat $kind, out, $read); )*
                let _ = out;
            }

            fn field_json(&self, name: &str) -> Option<serde_json::Value> {
                let $v = self;
                $(
                    if name == stringify!($field) {
                        return Some(describe!(@value $kind, $read));
                    }
                )*
                None
            }
        }
    };

    (@values $set:path) => { Some(&$set) };
    (@values) => { None };
    (@computed ()) => { true };
    (@computed) => { false };

    (@type List($inner:path)) => { $crate::boundary::ValueType::List(&$inner) };
    (@type $kind:ident) => { $crate::boundary::ValueType::$kind };

    (@value Str, $e:expr) => { $crate::boundary::described::value::str($e) };
    (@value OptStr, $e:expr) => { $crate::boundary::described::value::opt_str($e) };
    (@value Int, $e:expr) => { $crate::boundary::described::value::int($e) };
    (@value OptInt, $e:expr) => { $crate::boundary::described::value::opt_int($e) };
    (@value Float, $e:expr) => { $crate::boundary::described::value::float($e) };
    (@value Bool, $e:expr) => { $crate::boundary::described::value::bool($e) };
    (@value StrMap, $e:expr) => { $crate::boundary::described::value::str_map($e) };
    (@value StrList, $e:expr) => { $crate::boundary::described::value::str_list($e) };
    (@value OptStrList, $e:expr) => { $crate::boundary::described::value::opt_str_list($e) };
    (@value ListOfOptStr, $e:expr) => { $crate::boundary::described::value::list_of_opt_str($e) };
    (@value Json, $e:expr) => { $crate::boundary::described::value::json($e) };
    (@value List, $e:expr) => { $crate::boundary::described::value::list($e) };

    (@text Str, $out:ident, $e:expr) => { $crate::boundary::described::text::str($out, $e) };
    (@text OptStr, $out:ident, $e:expr) => { $crate::boundary::described::text::opt_str($out, $e) };
    (@text Int, $out:ident, $e:expr) => { $crate::boundary::described::text::int($out, $e) };
    (@text OptInt, $out:ident, $e:expr) => { $crate::boundary::described::text::opt_int($out, $e) };
    (@text Float, $out:ident, $e:expr) => { $crate::boundary::described::text::float($out, $e) };
    (@text Bool, $out:ident, $e:expr) => { $crate::boundary::described::text::bool($out, $e) };
    (@text StrMap, $out:ident, $e:expr) => { $crate::boundary::described::text::str_map($out, $e) };
    (@text StrList, $out:ident, $e:expr) => { $crate::boundary::described::text::str_list($out, $e) };
    (@text OptStrList, $out:ident, $e:expr) => { $crate::boundary::described::text::opt_str_list($out, $e) };
    (@text ListOfOptStr, $out:ident, $e:expr) => { $crate::boundary::described::text::list_of_opt_str($out, $e) };
    (@text Json, $out:ident, $e:expr) => { $crate::boundary::described::text::json($out, $e) };
    (@text List, $out:ident, $e:expr) => { $crate::boundary::described::text::list($out, $e) };

    (@flat Str, $out:ident, $e:expr) => { $crate::boundary::flat::str($out, $e) };
    (@flat OptStr, $out:ident, $e:expr) => { $crate::boundary::flat::opt_str($out, $e) };
    (@flat Int, $out:ident, $e:expr) => { $crate::boundary::flat::int($out, $e) };
    (@flat OptInt, $out:ident, $e:expr) => { $crate::boundary::flat::opt_int($out, $e) };
    (@flat Float, $out:ident, $e:expr) => { $crate::boundary::flat::float($out, $e) };
    (@flat Bool, $out:ident, $e:expr) => { $crate::boundary::flat::bool($out, $e) };
    (@flat StrMap, $out:ident, $e:expr) => { $crate::boundary::flat::str_map($out, $e) };
    (@flat StrList, $out:ident, $e:expr) => { $crate::boundary::flat::str_list($out, $e) };
    (@flat OptStrList, $out:ident, $e:expr) => { $crate::boundary::flat::opt_str_list($out, $e) };
    (@flat ListOfOptStr, $out:ident, $e:expr) => { $crate::boundary::flat::list_of_opt_str($out, $e) };
    (@flat Json, $out:ident, $e:expr) => { $crate::boundary::flat::json($out, $e) };
    (@flat List, $out:ident, $e:expr) => { $crate::boundary::flat::list($out, $e) };
}

pub(crate) use describe;
