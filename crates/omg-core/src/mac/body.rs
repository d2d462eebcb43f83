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

use crate::error::Result;
use crate::fields::{form_decode_into, Fields, MAX_FIELDS};

use super::sort::sorted_for_signing;
use super::words;
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
/// do, straight into one [`Fields`] (its text sized for the body: decoding only shrinks);
/// components are form-decoded when `decode` is set and they hold `%` or `+`. `None` for an
/// empty name, a component that does not decode, or too many fields. Repeated names are not
/// looked for here: the signing sort refuses them (as two names equal ignoring case).
fn split(text: &str, decode: bool) -> Option<Fields> {
    let mut fields = Fields::with_capacity(text.len() / 16 + 1, text.len());
    let (mut key_buf, mut value_buf) = (String::new(), String::new());
    let bytes = text.as_bytes();
    let map = ByteMap::new(bytes);
    let mut start = 0;
    while start < bytes.len() {
        // The first `=` or `&`, then (after an `=`) the next `&`: a value may hold `=`.
        let mut end = map.next_separator(start);
        let mut equals = None;
        if end < bytes.len() && bytes[end] == b'=' {
            equals = Some(end);
            end = map.next_separator(end + 1);
            while end < bytes.len() && bytes[end] == b'=' {
                end = map.next_separator(end + 1);
            }
        }
        // `&` and `=` are ASCII, so these are char boundaries of `text`.
        let (key, value) = match equals {
            Some(at) => (start..at, at + 1..end),
            None => (start..end, end..end),
        };
        start = end + 1;
        if key.is_empty() && equals.is_none() {
            continue; // an empty part, `&&`
        }
        let key = if decode && map.any_escape(&key) { decoded(&text[key], &mut key_buf)? } else { &text[key] };
        if key.is_empty() || fields.len() == MAX_FIELDS {
            return None;
        }
        let value =
            if decode && map.any_escape(&value) { decoded(&text[value], &mut value_buf)? } else { &text[value] };
        fields.push_str(key, value);
    }
    Some(fields)
}

/// Where the bytes that matter to splitting are, one bit per byte of the body, found in one
/// pass of 64-byte blocks, eight bytes at a time: the separators `&` and `=`, and the bytes that
/// make a component need decoding, `%` and `+`. Scanning each component byte by byte for them
/// was a tenth of verifying a notification.
struct ByteMap {
    len: usize,
    separators: Vec<u64>,
    escapes: Vec<u64>,
}

impl ByteMap {
    fn new(bytes: &[u8]) -> Self {
        let blocks_needed = bytes.len().div_ceil(64);
        let (mut separators, mut escapes) = (Vec::with_capacity(blocks_needed), Vec::with_capacity(blocks_needed));
        let mut blocks = bytes.chunks_exact(64);
        for block in &mut blocks {
            let block: &[u8; 64] = block.try_into().unwrap_or(&[0; 64]);
            separators.push(bits_where(block, b'&', b'='));
            escapes.push(bits_where(block, b'%', b'+'));
        }
        let rest = blocks.remainder();
        if !rest.is_empty() {
            let mut block = [0u8; 64];
            block[..rest.len()].copy_from_slice(rest);
            separators.push(bits_where(&block, b'&', b'='));
            escapes.push(bits_where(&block, b'%', b'+'));
        }
        ByteMap { len: bytes.len(), separators, escapes }
    }

    /// The index of the first `&` or `=` from `from` on, or the length of the body.
    fn next_separator(&self, from: usize) -> usize {
        let mut word = from / 64;
        let Some(&first) = self.separators.get(word) else { return self.len };
        let mut bits = first & (!0u64 << (from % 64));
        while bits == 0 {
            word += 1;
            match self.separators.get(word) {
                Some(&next) => bits = next,
                None => return self.len,
            }
        }
        word * 64 + bits.trailing_zeros() as usize
    }

    /// Whether `range` holds a `%` or a `+`.
    fn any_escape(&self, range: &std::ops::Range<usize>) -> bool {
        if range.is_empty() {
            return false;
        }
        let (first, last) = (range.start / 64, (range.end - 1) / 64);
        (first..=last).any(|word| {
            let mut bits = self.escapes[word];
            if word == first {
                bits &= !0u64 << (range.start % 64);
            }
            if word == last {
                bits &= !0u64 >> (63 - (range.end - 1) % 64);
            }
            bits != 0
        })
    }
}

/// Bit `i` set where `block[i]` is `a` or `b`, eight bytes at a time.
fn bits_where(block: &[u8; 64], a: u8, b: u8) -> u64 {
    let mut bits = 0u64;
    for (i, eight) in block.chunks_exact(8).enumerate() {
        let w = words::word(eight.try_into().unwrap_or(&[0; 8]));
        bits |= words::gather(words::equal_bytes(w, a) | words::equal_bytes(w, b)) << (8 * i);
    }
    bits
}

/// A component holding `%` or `+`, decoded into `buf`; `None` when it does not decode.
fn decoded<'a>(raw: &str, buf: &'a mut String) -> Option<&'a str> {
    form_decode_into(raw.as_bytes(), buf).ok()?;
    Some(buf.as_str())
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
            let expected = text[from..].iter().position(|&b| b == b'&' || b == b'=').map_or(text.len(), |p| from + p);
            assert_eq!(map.next_separator(from), expected, "from {from}");
            for end in from..text.len().min(from + 70) {
                let expected = text[from..end].iter().any(|&b| b == b'%' || b == b'+');
                assert_eq!(map.any_escape(&(from..end)), expected, "{from}..{end}");
            }
        }
    }
}
