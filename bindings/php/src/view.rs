//! The one generic mechanism by which a described omg-core value reaches PHP: its JSON view
//! (`omg_core::boundary::Described::to_json`, snake_case keys) and its description (`TypeDesc`).
//! A PHP object reads `$obj->camelCaseName` through [`View::property`], which finds the field by
//! its camelCase name and converts the JSON value by the field's `ValueType`. No field is named
//! in this crate: adding a field to omg-core's description adds it to PHP (and to the stubs,
//! generated from the contract).

use std::borrow::Cow;
use std::sync::OnceLock;

use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::PhpException;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ce;
use omg_core::boundary::casing::camel_case;
use omg_core::boundary::{self, FieldDesc, TypeDesc, ValueType};
use serde_json::Value;

/// Makes the PHP object of a described type from its JSON view: how an item of a described list
/// (`PeriodInfo.execLog`) becomes an object of its class (described.rs's `object`).
pub type Maker = fn(&'static TypeDesc, Value) -> PhpResult<Zval>;

/// A described value as PHP sees it: the description and the JSON view.
pub struct View {
    desc: &'static TypeDesc,
    json: Value,
    make: Maker,
}

impl View {
    pub fn new(desc: &'static TypeDesc, json: Value, make: Maker) -> Self {
        View { desc, json, make }
    }

    fn read<'a>(&'a self) -> impl Fn(&'static str) -> Cow<'a, Value> + 'a {
        move |name| Cow::Borrowed(&self.json[name])
    }

    /// `$obj->property`: the field's value, or an `\Error` for a name the type does not have
    /// (a typo must not read as null).
    pub fn property(&self, property: &str) -> PhpResult<Zval> {
        read_property(self.desc, property, self.read(), self.make)
    }

    /// `isset($obj->property)`: the type has it and it is not null.
    pub fn has(&self, property: &str) -> bool {
        has_property(self.desc, property, self.read())
    }

    /// Every field, camelCase keys, in the description's order.
    pub fn to_array(&self) -> PhpResult<ZBox<ZendHashTable>> {
        every_property(self.desc, self.read(), self.make)
    }
}

// The same three for any source of field values: `read(name)` gives the JSON value of the field
// `name` (snake_case). A `View` reads its whole JSON view; a notification computes only the field
// asked for (omg_core::boundary::notification_field_json), so a handler that reads three
// properties does not pay for the other forty.

/// The field whose camelCase name is `property`: compared with the type's camelCase names, made
/// once per process (re-casing every field name at each read was half of a property read).
fn field(desc: &'static TypeDesc, property: &str) -> Option<&'static FieldDesc> {
    static CAMEL: OnceLock<Vec<(&'static TypeDesc, Vec<String>)>> = OnceLock::new();
    let camel = CAMEL.get_or_init(|| {
        boundary::types().iter().map(|&t| (t, t.fields.iter().map(|f| camel_case(f.name)).collect())).collect()
    });
    match camel.iter().find(|(t, _)| std::ptr::eq(*t, desc)) {
        Some((_, names)) => names.iter().position(|n| n == property).map(|i| &desc.fields[i]),
        // Not one of `types()` (none such today): re-cased at each read.
        None => desc.fields.iter().find(|f| is_camel_case_of(property, f.name)),
    }
}

/// `$obj->property` of a value of `desc`, or an `\Error` for a name the type does not have.
pub fn read_property<'a>(
    desc: &'static TypeDesc,
    property: &str,
    read: impl Fn(&'static str) -> Cow<'a, Value>,
    make: Maker,
) -> PhpResult<Zval> {
    match field(desc, property) {
        Some(field) => to_zval(&field.ty, &read(field.name), make),
        None => Err(PhpException::new(
            format!("Undefined property: Omg\\Payment\\{}::${property}", desc.name),
            0,
            ce::error(),
        )),
    }
}

/// `isset($obj->property)` of a value of `desc`: the type has it and it is not null.
pub fn has_property<'a>(
    desc: &'static TypeDesc,
    property: &str,
    read: impl Fn(&'static str) -> Cow<'a, Value>,
) -> bool {
    field(desc, property).is_some_and(|f| !read(f.name).is_null())
}

/// Every field of a value of `desc`, camelCase keys, in the description's order.
pub fn every_property<'a>(
    desc: &'static TypeDesc,
    read: impl Fn(&'static str) -> Cow<'a, Value>,
    make: Maker,
) -> PhpResult<ZBox<ZendHashTable>> {
    let mut array = ZendHashTable::with_capacity(desc.fields.len() as u32);
    for field in desc.fields {
        array.insert(camel_case(field.name).as_str(), to_zval(&field.ty, &read(field.name), make)?)?;
    }
    Ok(array)
}

/// Whether `camel` is `snake` in camelCase (omg_core::boundary::casing's rule), compared in place:
/// a property read compares against every field name, so no string is built for it.
fn is_camel_case_of(camel: &str, snake: &str) -> bool {
    let mut expected = snake.split('_').filter(|part| !part.is_empty()).enumerate().flat_map(|(i, part)| {
        let mut chars = part.chars();
        let first = chars.next().map(|c| if i == 0 { c } else { c.to_ascii_uppercase() });
        first.into_iter().chain(chars)
    });
    let mut given = camel.chars();
    loop {
        match (expected.next(), given.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// One JSON value of type `ty` as a PHP value: text as string, numbers as int/float, `StrMap` (an
/// array of `[key, value]` pairs) as an ordered array `key => value`, lists as lists, a list of a
/// described type as a list of objects of its class (made by `make`), `Json` as nested arrays.
pub fn to_zval(ty: &ValueType, value: &Value, make: Maker) -> PhpResult<Zval> {
    Ok(match ty {
        ValueType::StrMap => {
            let pairs = value.as_array().map(Vec::as_slice).unwrap_or_default();
            let mut array = ZendHashTable::with_capacity(pairs.len() as u32);
            for pair in pairs {
                if let (Some(k), Some(v)) = (pair[0].as_str(), pair[1].as_str()) {
                    array.insert(k, v)?;
                }
            }
            array.into_zval(false)?
        }
        ValueType::List(item) => {
            let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
            let mut list = ZendHashTable::with_capacity(items.len() as u32);
            for v in items {
                list.push(make(item, v.clone())?)?;
            }
            list.into_zval(false)?
        }
        _ => json_to_zval(value)?,
    })
}

/// Any JSON as PHP: null, bool, int (float when not whole), string, list, array with string keys.
pub fn json_to_zval(value: &Value) -> PhpResult<Zval> {
    Ok(match value {
        Value::Null => Zval::null(),
        Value::Bool(b) => (*b).into_zval(false)?,
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_zval(false)?,
            None => n.as_f64().unwrap_or(f64::NAN).into_zval(false)?,
        },
        Value::String(s) => s.as_str().into_zval(false)?,
        Value::Array(items) => {
            let mut list = ZendHashTable::with_capacity(items.len() as u32);
            for v in items {
                list.push(json_to_zval(v)?)?;
            }
            list.into_zval(false)?
        }
        Value::Object(map) => {
            let mut array = ZendHashTable::with_capacity(map.len() as u32);
            for (k, v) in map {
                array.insert(k.as_str(), json_to_zval(v)?)?;
            }
            array.into_zval(false)?
        }
    })
}
