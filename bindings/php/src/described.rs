//! One PHP class per described result type (`Omg\Payment\TradeInfo`, ...), each a thin shell over
//! a [`View`]: its properties are the described fields in camelCase, read-only, read through
//! `__get`. The macro below writes the shells; nothing in it names a field.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::PhpException;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ce;
use omg_core::boundary::casing::camel_case;
use omg_core::boundary::{self, TypeDesc, ValueType};
use serde_json::Value;

use crate::guard::entry;
use crate::view::View;

macro_rules! described_classes {
    ($($class:ident = $php:literal, $desc:path;)*) => {
        $(
            #[php_class]
            #[php(name = $php)]
            pub struct $class {
                view: View,
            }

            #[php_impl]
            impl $class {
                /// A property: a described field, camelCase.
                #[php(name = "__get")]
                pub fn magic_get(&self, name: String) -> PhpResult<Zval> {
                    entry(|| self.view.property(&name))
                }

                #[php(name = "__isset")]
                pub fn magic_isset(&self, name: String) -> bool {
                    self.view.has(&name)
                }

                /// Results are read-only.
                #[php(name = "__set")]
                pub fn magic_set(&self, name: String, _value: &Zval) -> PhpResult<()> {
                    Err(read_only(stringify!($class), &name))
                }

                /// Every property as an array, camelCase keys, in the documented order.
                pub fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
                    entry(|| self.view.to_array())
                }
            }
        )*

        /// A PHP object of the class described by `desc`, holding `json`.
        pub fn object(desc: &'static TypeDesc, json: Value) -> PhpResult<Zval> {
            $(
                if std::ptr::eq(desc, &$desc) {
                    return Ok($class { view: View::new(desc, json, object) }.into_zval(false)?);
                }
            )*
            Err(PhpException::new(format!("omg_payment has no class for {}", desc.name), 0, ce::error()))
        }

        pub fn register(module: ModuleBuilder) -> ModuleBuilder {
            module.function(wrap_function!(describe_types))$(.class::<$class>())*
        }
    };
}

described_classes! {
    TradeInfo = "Omg\\Payment\\TradeInfo", boundary::TRADE_INFO;
    ExecLogEntry = "Omg\\Payment\\ExecLogEntry", boundary::EXEC_LOG_ENTRY;
    PeriodInfo = "Omg\\Payment\\PeriodInfo", boundary::PERIOD_INFO;
    PeriodActionResult = "Omg\\Payment\\PeriodActionResult", boundary::PERIOD_ACTION_RESULT;
    DoActionResult = "Omg\\Payment\\DoActionResult", boundary::DO_ACTION_RESULT;
    CloseEntry = "Omg\\Payment\\CloseEntry", boundary::CLOSE_ENTRY;
    CreditDetail = "Omg\\Payment\\CreditDetail", boundary::CREDIT_DETAIL;
    ClientSettings = "Omg\\Payment\\ClientSettings", boundary::CLIENT_SETTINGS;
    FieldError = "Omg\\Payment\\FieldError", boundary::FIELD_ERROR;
}

/// The `\Error` of writing a property of a read-only object.
pub fn read_only(class: &str, name: &str) -> PhpException {
    PhpException::new(format!("Cannot modify readonly property Omg\\Payment\\{class}::${name}"), 0, ce::error())
}

/// A core value as the PHP object of its described class.
pub fn from_core<T: boundary::Described>(value: &T) -> PhpResult<Zval> {
    object(T::desc(), value.to_json())
}

/// The description itself, for tools (php/tools/stubs.php writes the IDE stubs from it):
/// `[['name' => 'TradeInfo', 'doc' => ..., 'fields' => [['name' => 'merchantTradeNo',
/// 'type' => 'opt_str', 'item' => null, 'doc' => ...], ...]], ...]`, property names camelCase.
#[php_function]
#[php(name = "Omg\\Payment\\describeTypes")]
pub fn describe_types() -> PhpResult<Vec<ZBox<ZendHashTable>>> {
    entry(|| {
        boundary::types()
            .iter()
            .map(|t| {
                let mut ty = ZendHashTable::new();
                ty.insert("name", t.name)?;
                ty.insert("doc", t.doc)?;
                let mut fields = ZendHashTable::new();
                for f in t.fields {
                    let mut field = ZendHashTable::new();
                    field.insert("name", camel_case(f.name).as_str())?;
                    field.insert("type", f.ty.name())?;
                    match f.ty {
                        ValueType::List(item) => field.insert("item", item.name)?,
                        _ => field.insert("item", Zval::null())?,
                    }
                    field.insert("doc", f.doc)?;
                    fields.push(field)?;
                }
                ty.insert("fields", fields)?;
                Ok(ty)
            })
            .collect()
    })
}
