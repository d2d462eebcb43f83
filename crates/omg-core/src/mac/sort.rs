//! The signing order (protocol.md §3 step 2): keys compared by their ASCII-lowercased bytes.

use crate::error::{Error, Result};
use crate::fields::{too_many_bytes, too_many_fields, Fields, MAX_BODY_BYTES, MAX_FIELDS};
use crate::rules;

use super::words;
use super::CHECK_MAC_VALUE;

/// A field to sign, with the first eight bytes of its lowercased key packed big-endian into a
/// number: comparing the numbers orders keys as comparing those bytes does, so most of the
/// sort's comparisons are one integer comparison instead of a byte loop.
pub(crate) struct SortEntry<'a> {
    prefix: u64,
    pub(crate) key: &'a str,
    pub(crate) value: &'a str,
}

/// The signed fields of `fields` (every field but CheckMacValue), sorted case-insensitively.
/// Two keys equal ignoring case are refused: the order between them, and so the signature,
/// would be ambiguous.
pub(crate) fn sorted_for_signing(fields: &Fields) -> Result<Vec<SortEntry<'_>>> {
    sorted_entries(fields.iter(), fields.len())
}

/// [`sorted_for_signing`] over any `(key, value)` pairs, about `len` of them (borrowed slices of a
/// body, or of a binding's input). More than [`MAX_FIELDS`] signed fields, or more than
/// [`MAX_BODY_BYTES`] of them written `k=v&k=v`, are refused as such a body is: no gateway
/// message has them, and the sort would be the caller's to pay.
pub(crate) fn sorted_entries<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
    len: usize,
) -> Result<Vec<SortEntry<'a>>> {
    let mut entries: Vec<SortEntry> = Vec::with_capacity(len);
    let mut bytes = 0usize;
    for (key, value) in pairs {
        if key != CHECK_MAC_VALUE {
            if entries.len() == MAX_FIELDS {
                return Err(too_many_fields());
            }
            bytes = bytes.saturating_add(key.len() + value.len() + 2);
            if bytes > MAX_BODY_BYTES + 1 {
                return Err(too_many_bytes());
            }
            entries.push(SortEntry { prefix: lowercase_prefix(key), key, value });
        }
    }
    entries.sort_unstable_by(|a, b| a.prefix.cmp(&b.prefix).then_with(|| compare_ignoring_ascii_case(a.key, b.key)));
    for w in entries.windows(2) {
        if w[0].prefix == w[1].prefix && w[0].key.eq_ignore_ascii_case(w[1].key) {
            return Err(Error::invalid(
                w[1].key,
                rules::DUPLICATE,
                format!("fields {} and {} differ only in case and cannot be signed unambiguously", w[0].key, w[1].key),
            ));
        }
    }
    Ok(entries)
}

fn lowercase_prefix(key: &str) -> u64 {
    u64::from_be_bytes(words::lowercase_prefix(key.as_bytes()))
}

fn compare_ignoring_ascii_case(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}
