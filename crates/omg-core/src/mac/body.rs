//! Verifying a signed message straight from its body (docs/performance.md): one pass splits the
//! body into one [`Fields`] (two allocations, whatever the number of fields), only components
//! holding `%` or `+` are decoded, the keys are sorted and the pre-image is streamed into the
//! hash.
//!
//! This is a fast path, not a second set of rules. It takes only the plain case — UTF-8 body,
//! well-formed escapes, no empty name, at most [`MAX_FIELDS`] fields, no two names equal ignoring
//! case, one CheckMacValue — and answers `Ok(None)` for anything else, so that the caller runs
//! the ordinary path (`Fields::parse_form` / `parse_raw`, then [`super::verify`]) and every error
//! stays exactly what it was. On the plain case both paths read the same fields, so they agree.

use std::ops::Range;

use crate::error::Result;
use crate::fields::{Fields, FieldsWriter, MAX_FIELDS};

use super::sort::sorted_for_signing;
use super::vector::{self, Masks};
use super::{check_signature, HashMethod, CHECK_MAC_VALUE};

/// Verifies a form-encoded body (a notification). `Ok(Some(fields))` when the signature holds,
/// `Err(Error::Signature)` when it does not, `Ok(None)` when the body is not the plain case.
pub(crate) fn verify_form(body: &[u8], hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<Option<Fields>> {
    // A body that is valid UTF-8 as a whole splits at ASCII `&` / `=` into valid pieces.
    let Ok(text) = std::str::from_utf8(body) else { return Ok(None) };
    let Some(fields) = split(text, true) else { return Ok(None) };
    verify_fields(fields, hash_key, hash_iv, method)
}

/// Verifies a raw `k=v` reply (QueryTradeInfo, CreditCardPeriodAction): nothing is decoded.
/// Same answers as [`verify_form`].
pub(crate) fn verify_raw(text: &str, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<Option<Fields>> {
    let Some(fields) = split(text.trim_end_matches(['\r', '\n']), false) else { return Ok(None) };
    verify_fields(fields, hash_key, hash_iv, method)
}

/// Splits on `&` and the first `=`, skipping empty parts, as `Fields::parse_form` / `parse_raw`
/// do, straight into one [`Fields`] (each key and value written once into its text);
/// components are form-decoded when `decode` is set and they hold `%` or `+`. `None` for an
/// empty name, a component that does not decode, or too many fields. Repeated names are not
/// looked for here: the signing sort refuses them (as two names equal ignoring case).
fn split(text: &str, decode: bool) -> Option<Fields> {
    let len = text.len();
    let map = ByteMap::new(text.as_bytes());
    let mut fields = FieldsWriter::new(text, len / 16 + 1);
    let mut start = 0;
    while start < len {
        let end = map.next(start, |m| m.amp);
        if end == start {
            start += 1;
            continue; // an empty part, `&&`
        }
        // The first `=` of the part, if any: a value may hold more.
        let equals = map.next(start, |m| m.eq);
        let (key, value) = if equals < end { (start..equals, equals + 1..end) } else { (start..end, end..end) };
        start = end + 1;
        if key.is_empty() || fields.len() == MAX_FIELDS {
            return None;
        }
        write_component(&mut fields, &map, key, decode)?;
        fields.end_key();
        write_component(&mut fields, &map, value, decode)?;
        fields.end_field();
    }
    fields.finish()
}

/// Appends one key or value, decoded when it needs to be.
#[inline]
fn write_component(fields: &mut FieldsWriter, map: &ByteMap, range: Range<usize>, decode: bool) -> Option<()> {
    if decode && map.any_escape(&range) {
        fields.decode(range)
    } else {
        fields.copy(range);
        Some(())
    }
}

/// Where the bytes that matter to splitting are, one bit per byte of the body, found in one
/// pass of 64-byte blocks (`vector::masks`): the separators `&` and `=`, and the bytes that make
/// a component need decoding, `%` and `+`. Scanning each component byte by byte for them was a
/// tenth of verifying a notification.
struct ByteMap {
    len: usize,
    blocks: Vec<Masks>,
}

impl ByteMap {
    fn new(bytes: &[u8]) -> Self {
        let mut blocks = Vec::with_capacity(bytes.len().div_ceil(64));
        let mut chunks = bytes.chunks_exact(64);
        for block in &mut chunks {
            blocks.push(vector::masks(block.try_into().unwrap_or(&[0; 64])));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut block = [0u8; 64];
            block[..rest.len()].copy_from_slice(rest);
            blocks.push(vector::masks(&block));
        }
        ByteMap { len: bytes.len(), blocks }
    }

    /// The index of the first byte from `from` on whose bit `mask` sets, or the length of the
    /// body.
    #[inline]
    fn next(&self, from: usize, mask: impl Fn(&Masks) -> u64) -> usize {
        let mut block = from / 64;
        let Some(first) = self.blocks.get(block) else { return self.len };
        let mut bits = mask(first) & (!0u64 << (from % 64));
        while bits == 0 {
            block += 1;
            match self.blocks.get(block) {
                Some(next) => bits = mask(next),
                None => return self.len,
            }
        }
        block * 64 + bits.trailing_zeros() as usize
    }

    /// Whether `range` holds a `%` or a `+`.
    fn any_escape(&self, range: &Range<usize>) -> bool {
        range.start < range.end && self.next(range.start, |m| m.escape) < range.end
    }
}

fn verify_fields(fields: Fields, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<Option<Fields>> {
    let mut received = None;
    for (key, value) in &fields {
        if key == CHECK_MAC_VALUE {
            if received.is_some() {
                return Ok(None); // a duplicate: the ordinary path names it
            }
            received = Some(value);
        }
    }
    let Some(received) = received else { return Ok(None) };
    // Names equal ignoring case (exact duplicates among them) are the ordinary path's errors.
    let Ok(sorted) = sorted_for_signing(&fields) else { return Ok(None) };
    check_signature(&sorted, received, hash_key, hash_iv, method)?;
    drop(sorted);
    Ok(Some(fields))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte map marks exactly the separators and escapes, whatever their position in a
    /// block, against a byte-by-byte reading of the same text.
    #[test]
    fn the_byte_map_marks_exactly_the_bytes_that_matter() {
        let alphabet = b"a&=%+\x80\xff=&z";
        let text: Vec<u8> = (0..300usize).map(|i| alphabet[(i * 7 % 13) % alphabet.len()]).collect();
        let map = ByteMap::new(&text);
        for from in 0..=text.len() {
            let next = |wanted: &dyn Fn(u8) -> bool| {
                text[from..].iter().position(|&b| wanted(b)).map_or(text.len(), |p| from + p)
            };
            assert_eq!(map.next(from, |m| m.amp), next(&|b| b == b'&'), "from {from}");
            assert_eq!(map.next(from, |m| m.eq), next(&|b| b == b'='), "from {from}");
            for end in from..text.len().min(from + 70) {
                let expected = text[from..end].iter().any(|&b| b == b'%' || b == b'+');
                assert_eq!(map.any_escape(&(from..end)), expected, "{from}..{end}");
            }
        }
    }
}
