//! PHP values → omg-core values, with PHP's own kind of errors: a value of the wrong PHP type is a
//! `\TypeError` naming the argument (and the array key), worded like PHP's own
//! ("Argument #1 ($fields) must be of type array, string given"); text that is not UTF-8 is a
//! `ValidationException` naming the field. Conversion only; every protocol rule stays in omg-core.

use ext_php_rs::exception::PhpException;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ArrayKey, ZendHashTable, Zval};
use ext_php_rs::zend::ce;
use omg_core::{Error, Fields};

use crate::exceptions::to_php;

/// PHP's name of the type of `value`, as PHP's own TypeErrors write it.
pub fn type_name(value: &Zval) -> String {
    let value = value.dereference();
    if value.is_null() {
        "null".into()
    } else if value.is_bool() {
        "bool".into()
    } else if value.is_long() {
        "int".into()
    } else if value.is_double() {
        "float".into()
    } else if value.is_string() {
        "string".into()
    } else if value.is_array() {
        "array".into()
    } else if let Some(object) = value.object() {
        object.get_class_name().unwrap_or_else(|_| "object".into())
    } else {
        "resource".into()
    }
}

/// A `\TypeError`: `{argument} must be {expected}, {given} given`.
pub fn type_error(argument: &str, expected: &str, value: &Zval) -> PhpException {
    PhpException::new(format!("{argument} must be {expected}, {} given", type_name(value)), 0, ce::type_error())
}

/// A key of a PHP array as a field name: string keys as they are, integer keys in decimal.
fn key_text(argument: &str, key: &ArrayKey<'_>) -> PhpResult<String> {
    match key {
        ArrayKey::Long(n) => Ok(n.to_string()),
        ArrayKey::String(s) => Ok(s.clone()),
        ArrayKey::Str(s) => Ok((*s).to_string()),
        ArrayKey::ZendString(s) => match s.as_str() {
            Ok(s) => Ok(s.to_string()),
            Err(_) => Err(to_php(Error::invalid(argument, "encoding", format!("a key of {argument} is not valid UTF-8")))),
        },
    }
}

/// A string value as UTF-8 text, or a ValidationException naming `field`.
pub fn utf8(field: &str, value: &Zval) -> PhpResult<Option<String>> {
    match value.dereference().zend_str() {
        None => Ok(None),
        Some(s) => match std::str::from_utf8(s.as_bytes()) {
            Ok(text) => Ok(Some(text.to_string())),
            Err(_) => Err(to_php(Error::invalid(field, "encoding", format!("{field} is not valid UTF-8")))),
        },
    }
}

/// `['Name' => 'value', ...]` → `Fields`, in the array's order. Values are strings or ints
/// (written in decimal); `null` means "not sent". Anything else is a TypeError naming the key.
pub fn fields(argument: &str, array: &ZendHashTable) -> PhpResult<Fields> {
    let mut pairs: Vec<(String, String)> = Vec::with_capacity(array.len());
    for (key, value) in array.iter() {
        let name = key_text(argument, &key)?;
        let value = value.dereference();
        let text = if value.is_null() {
            continue;
        } else if let Some(n) = value.long() {
            n.to_string()
        } else if let Some(text) = utf8(&name, value)? {
            text
        } else {
            return Err(type_error(&format!("{argument}['{name}']"), "of type string|int", value));
        };
        pairs.push((name, text));
    }
    Fields::from_pairs(pairs).map_err(to_php)
}
