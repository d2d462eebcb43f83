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

    /// The JSON of one described field (`name` in snake_case), without building the others: what
    /// a binding's lazy getter reads. `None` when the type has no such field. The default builds
    /// the whole view; `describe!` writes one that reads only the field asked for.
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
///         exec_log: List(EXEC_LOG_ENTRY) = &t.exec_log,
///     }
/// }
/// ```
///
/// expands to `pub static TRADE_INFO: TypeDesc` and `impl Described for TradeInfo`. Each doc
/// comment is the field's doc in every language (lines are joined).
macro_rules! describe {
    (
        $(#[doc = $doc:literal])+
        $static:ident : $ty:ty as $name:literal |$v:ident| {
            $(
                $(#[doc = $fdoc:literal])+
                $field:ident : $kind:ident $(($inner:path))? = $read:expr
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

            fn field_json(&self, name: &str) -> Option<serde_json::Value> {
                let $v = self;
                match name {
                    $( stringify!($field) => Some(describe!(@value $kind, $read)), )*
                    _ => None,
                }
            }
        }
    };

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
}

pub(crate) use describe;
