//! Verifying a signed message straight from its body (docs/performance.md): the fields are
//! borrowed slices of the body, only components holding `%` or `+` are decoded (into their own
//! string), the borrowed keys are sorted and the pre-image is streamed into the hash; owned
//! [`Fields`] are built once, and only for a message whose signature holds.
//!
//! This is a fast path, not a second set of rules. It takes only the plain case — UTF-8 body,
//! well-formed escapes, no empty name, at most [`MAX_FIELDS`] fields, no two names equal ignoring
//! case, one CheckMacValue — and answers `Ok(None)` for anything else, so that the caller runs
//! the ordinary path (`Fields::parse_form` / `parse_raw`, then [`super::verify`]) and every error
//! stays exactly what it was. On the plain case both paths read the same fields, so they agree.

use std::borrow::Cow;

use crate::error::Result;
use crate::fields::{form_decode, Fields, MAX_FIELDS};

use super::sort::sorted_entries;
use super::{check_signature, HashMethod, CHECK_MAC_VALUE};

type Pair<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Verifies a form-encoded body (a notification). `Ok(Some(fields))` when the signature holds,
/// `Err(Error::Signature)` when it does not, `Ok(None)` when the body is not the plain case.
pub(crate) fn verify_form(body: &[u8], hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<Option<Fields>> {
    // A body that is valid UTF-8 as a whole splits at ASCII `&` / `=` into valid pieces.
    let Ok(text) = std::str::from_utf8(body) else { return Ok(None) };
    let Some(pairs) = split(text, decode) else { return Ok(None) };
    verify_pairs(pairs, hash_key, hash_iv, method)
}

/// Verifies a raw `k=v` reply (QueryTradeInfo, CreditCardPeriodAction): nothing is decoded, so
/// every field is borrowed. Same answers as [`verify_form`].
pub(crate) fn verify_raw(text: &str, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<Option<Fields>> {
    let Some(pairs) = split(text.trim_end_matches(['\r', '\n']), |s| Some(Cow::Borrowed(s))) else { return Ok(None) };
    verify_pairs(pairs, hash_key, hash_iv, method)
}

/// Splits on `&` and the first `=`, skipping empty parts, as `Fields::parse_form` / `parse_raw`
/// do. `None` for an empty name, a component `read` refuses, or too many fields.
fn split<'a>(text: &'a str, read: impl Fn(&'a str) -> Option<Cow<'a, str>>) -> Option<Vec<Pair<'a>>> {
    let mut pairs = Vec::with_capacity(text.len() / 16 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        // One pass over the bytes for both separators (str::split and split_once search by
        // char, which the profile showed at ~8 % of a verification).
        // The first `=` or `&`, then (after an `=`) the next `&`, eight bytes at a time.
        let mut end = find_either(bytes, start, b'=', b'&');
        let mut equals = None;
        if end < bytes.len() && bytes[end] == b'=' {
            equals = Some(end);
            end = find_either(bytes, end + 1, b'&', b'&');
        }
        // `&` and `=` are ASCII, so these are char boundaries of `text`.
        let (key, value) = match equals {
            Some(at) => (&text[start..at], &text[at + 1..end]),
            None => (&text[start..end], ""),
        };
        start = end + 1;
        if key.is_empty() && value.is_empty() && equals.is_none() {
            continue; // an empty part, `&&`
        }
        let key = read(key)?;
        if key.is_empty() || pairs.len() == MAX_FIELDS {
            return None;
        }
        pairs.push((key, read(value)?));
    }
    Some(pairs)
}

/// The index of the first `a` or `b` in `bytes` from `from` on, or `bytes.len()`. Eight bytes
/// at a time while none of them is either (the "has a zero byte" test on `word ^ a` and
/// `word ^ b`), then byte by byte: the byte loops were a tenth of a verification.
fn find_either(bytes: &[u8], from: usize, a: u8, b: u8) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if zero(word ^ (ONES * a as u64)) | zero(word ^ (ONES * b as u64)) != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] != a && bytes[i] != b {
        i += 1;
    }
    i
}

/// A form component, borrowed unless it holds `%` or `+`; `None` when it does not decode.
fn decode(raw: &str) -> Option<Cow<'_, str>> {
    if find_either(raw.as_bytes(), 0, b'%', b'+') < raw.len() {
        form_decode(raw.as_bytes()).ok().map(Cow::Owned)
    } else {
        Some(Cow::Borrowed(raw))
    }
}

fn verify_pairs(pairs: Vec<Pair<'_>>, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<Option<Fields>> {
    let mut received = None;
    for (key, value) in &pairs {
        if key == CHECK_MAC_VALUE {
            if received.is_some() {
                return Ok(None); // a duplicate: the ordinary path names it
            }
            received = Some(value.as_ref());
        }
    }
    let Some(received) = received else { return Ok(None) };
    // Names equal ignoring case (exact duplicates among them) are the ordinary path's errors.
    let Ok(sorted) = sorted_entries(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), pairs.len()) else {
        return Ok(None);
    };
    check_signature(&sorted, received, hash_key, hash_iv, method)?;
    drop(sorted);
    Ok(Some(Fields::from_unique_pairs(pairs.into_iter().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())))
}
