//! PHP values → omg-core values, with PHP's own kind of errors: a value of the wrong PHP type is a
//! `\TypeError` naming the argument (and the array key), worded like PHP's own
//! ("Argument #1 ($fields) must be of type array, string given"); text that is not UTF-8 is a
//! `ValidationException` naming the field. Conversion only; every protocol rule stays in omg-core.

use std::borrow::Cow;

use ext_php_rs::exception::PhpException;
use ext_php_rs::prelude::*;
use ext_php_rs::types::array::Iter;
use ext_php_rs::types::{ZendHashTable, Zval};
use ext_php_rs::zend::ce;
use omg_core::notify::ParsedFields;
use omg_core::rules;
use omg_core::{Error, Fields};

use crate::errors::to_php;

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

/// The entries of a PHP array, in order, each key as text: string keys as they are (a key that
/// is not UTF-8 is a ValidationException naming `argument`), integer keys in decimal. Reads the
/// key's bytes in place: ext-php-rs's own iterator copies every key into a new `String` and
/// panics on a key that is not UTF-8.
pub fn entries<'a>(
    argument: &'a str,
    array: &'a ZendHashTable,
) -> impl Iterator<Item = PhpResult<(String, &'a Zval)>> + 'a {
    let mut iter = Iter::new(array);
    std::iter::from_fn(move || iter.next_zval()).map(move |(key, value)| {
        let name = if let Some(n) = key.long() {
            n.to_string()
        } else {
            match key.zend_str().map(|s| std::str::from_utf8(s.as_bytes())) {
                Some(Ok(text)) => text.to_string(),
                _ => {
                    return Err(to_php(Error::invalid(
                        argument,
                        rules::ENCODING,
                        format!("a key of {argument} is not valid UTF-8"),
                    )))
                }
            }
        };
        Ok((name, value))
    })
}

/// The values of a PHP array, in order, whatever their keys.
pub fn values(array: &ZendHashTable) -> impl Iterator<Item = &Zval> {
    let mut iter = Iter::new(array);
    std::iter::from_fn(move || iter.next_zval()).map(|(_, value)| value)
}

/// A string value as UTF-8 text, or a ValidationException naming `field`.
pub fn utf8(field: &str, value: &Zval) -> PhpResult<Option<String>> {
    Ok(utf8_in_place(field, value)?.map(str::to_string))
}

/// [`utf8`] borrowed from the PHP string (no copy). ext-php-rs's `ZendStr::as_str` checks the
/// bytes once per string: it marks a checked string with PHP's own `IS_STR_VALID_UTF8` flag (the
/// one PCRE's `/u` sets and trusts; PHP clears it when a string is changed in place), so a string
/// read again (the same array signed twice, a key shared by many arrays) is not checked again.
pub fn utf8_in_place<'a>(field: &str, value: &'a Zval) -> PhpResult<Option<&'a str>> {
    match value.dereference().zend_str() {
        None => Ok(None),
        Some(s) => match s.as_str() {
            Ok(text) => Ok(Some(text)),
            Err(_) => Err(to_php(Error::invalid(field, rules::ENCODING, format!("{field} is not valid UTF-8")))),
        },
    }
}

/// `['Name' => 'value', ...]` → `Fields`, in the array's order. Values are strings or ints
/// (written in decimal); `null` means "not sent". Anything else is a TypeError naming the key.
/// The raw body's caps hold (`ParsedFields`): the array's size is checked before any entry is read.
pub fn fields(argument: &str, array: &ZendHashTable) -> PhpResult<Fields> {
    let entries = Entries::read(array)?;
    let pairs = entries.pairs(argument)?;
    ParsedFields::collect(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref()))).map_err(to_php)
}

/// The entries of a PHP array of fields as ext-php-rs's iterator hands them out: each key as a
/// zval of its own, which for a string key shares the array's string (its reference count goes
/// up, the bytes are not copied), each value in place. Held while the `(name, text)` pairs read
/// from it ([`Entries::pairs`]) borrow the keys' text: copying each key into a `String` (an
/// allocation, a copy and a free per field) was a tenth of `checkMacValue`.
pub struct Entries<'a>(Vec<(Zval, &'a Zval)>);

impl<'a> Entries<'a> {
    /// Reads `array`; more entries than a message may have fields are refused (a
    /// `DecodeException`, omg-core's rule) before any is read.
    pub fn read(array: &'a ZendHashTable) -> PhpResult<Self> {
        ParsedFields::new(array.len()).map_err(to_php)?;
        let mut iter = Iter::new(array);
        Ok(Entries(std::iter::from_fn(move || iter.next_zval()).collect()))
    }

    /// The `(name, text)` pairs of the fields, read as [`fields`] reads them (nulls skipped,
    /// integer keys and values written out in decimal, a key that is not UTF-8 a
    /// ValidationException naming `argument`), for signing without building a `Fields`: a PHP
    /// array's keys are unique already. (Signing holds them to the 64 KiB cap: omg-core's
    /// `mac::sign_pairs`.) String keys and values are borrowed, not copied.
    pub fn pairs(&self, argument: &str) -> PhpResult<Vec<(Cow<'_, str>, Cow<'_, str>)>> {
        let mut pairs = Vec::with_capacity(self.0.len());
        for (key, value) in &self.0 {
            let name = if let Some(n) = key.long() {
                Cow::Owned(n.to_string())
            } else {
                match key.zend_str().map(|s| s.as_str()) {
                    Some(Ok(text)) => Cow::Borrowed(text),
                    _ => {
                        return Err(to_php(Error::invalid(
                            argument,
                            rules::ENCODING,
                            format!("a key of {argument} is not valid UTF-8"),
                        )))
                    }
                }
            };
            let value = value.dereference();
            let text = if value.is_null() {
                continue;
            } else if let Some(n) = value.long() {
                Cow::Owned(n.to_string())
            } else if let Some(text) = utf8_in_place(&name, value)? {
                Cow::Borrowed(text)
            } else {
                return Err(type_error(&format!("{argument}['{name}']"), "of type string|int", value));
            };
            pairs.push((name, text));
        }
        Ok(pairs)
    }
}

/// An amount argument of `function` (`Omg\Payment\Client::refund`): an int, or a string of ASCII
/// digits as a database returns numbers (PDO, mysqli: `'1200'`), as Python and Node accept.
/// Nothing else: no sign, space, decimal point or exponent, and at most `PHP_INT_MAX`. A refusal
/// is a `\TypeError` naming the function, the argument and the accepted types. Whether the amount
/// is allowed (positive, within the order) is omg-core's rule, applied after.
pub fn amount(function: &str, argument: &str, value: &Zval) -> PhpResult<i64> {
    let value = value.dereference();
    if let Some(n) = value.long() {
        return Ok(n);
    }
    if let Some(text) = value.zend_str().map(|s| s.as_bytes()) {
        if !text.is_empty() && text.iter().all(u8::is_ascii_digit) {
            if let Some(n) = std::str::from_utf8(text).ok().and_then(|digits| digits.parse::<i64>().ok()) {
                return Ok(n);
            }
        }
        let shown: String = String::from_utf8_lossy(&text[..text.len().min(24)]).into_owned();
        let more = if text.len() > 24 { "..." } else { "" };
        return Err(PhpException::new(
            format!(
                "{function}(): {argument} must be of type int or a string of ASCII digits (at most {}), string \
                 {shown:?}{more} given",
                i64::MAX
            ),
            0,
            ce::type_error(),
        ));
    }
    Err(type_error(&format!("{function}(): {argument}"), "of type int or a string of ASCII digits", value))
}
