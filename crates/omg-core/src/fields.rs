//! `Fields`: the wire form of every OMG message, an ordered list of (key, value) strings.
//!
//! Order is kept because the gateway hashes exactly what it receives and merchants compare what
//! they sent with what they logged; lookups are linear because messages hold a few dozen fields.
//! Parsing is linear in the size of the body whatever it holds: duplicates are found with a hash
//! set, and a body with more than [`MAX_FIELDS`] fields is refused (docs/reliability.md).

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::rules;

/// The most fields a parsed body may hold. The largest real message (a payment result with every
/// NeedExtraPaidInfo field) has under 80; a body with more is not from the gateway, and refusing
/// it keeps every later step (signing order, lookups) small.
pub const MAX_FIELDS: usize = 1024;

/// The largest message accepted, 64 KiB written as a form body (`k=v&k=v`). A real notification is
/// well under 4 KiB even with every NeedExtraPaidInfo field; anything larger is not from the
/// gateway and is refused before parsing (a raw body) or as it is converted (fields a host
/// language parsed, fields to sign).
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Finds repeated keys in one pass over fields being built: the first few keys are compared with
/// the fields already there (a request or a reply has a few dozen: hashing an owned copy of each
/// key was most of parsing one), beyond that a hash set of the keys seen so far.
pub(crate) struct DuplicateCheck {
    seen: Option<HashSet<String>>,
}

/// Up to this many fields, a new key is compared with each one before it.
const COMPARED_UP_TO: usize = 32;

impl DuplicateCheck {
    pub(crate) fn new() -> Self {
        DuplicateCheck { seen: None }
    }

    /// Checks `key`, about to be pushed onto `fields` (which hold every key admitted before):
    /// a key seen before, or one field too many, is an error.
    pub(crate) fn admit(&mut self, fields: &Fields, key: &str) -> Result<()> {
        if fields.len() >= MAX_FIELDS {
            return Err(too_many_fields());
        }
        let repeated = if fields.len() < COMPARED_UP_TO {
            fields.key_bytes().any(|seen| seen == key.as_bytes())
        } else {
            let seen = self.seen.get_or_insert_with(|| fields.iter().map(|(k, _)| k.to_owned()).collect());
            !seen.insert(key.to_owned())
        };
        if repeated {
            return Err(duplicate_key(key));
        }
        Ok(())
    }
}

/// The fields, stored compactly: every key and value in one string, `key value key value ...`
/// back to back, and one span per field. A parsed body of sixty components is two allocations
/// instead of sixty strings (their allocation and freeing was a quarter of verifying a
/// notification, docs/performance.md).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Fields {
    text: String,
    spans: Vec<Span>,
}

/// Where one field sits in `Fields::text`: the key is `start..key_end`, the value
/// `key_end..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    start: usize,
    key_end: usize,
    end: usize,
}

impl std::fmt::Debug for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Fields {
    pub fn new() -> Self {
        Fields::default()
    }

    /// Fields from pairs, in the given order. Exact duplicate keys are an error: a message that
    /// names one field twice cannot be signed or read unambiguously.
    pub fn from_pairs<K: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (K, V)>) -> Result<Self> {
        let mut fields = Fields::new();
        let mut seen = HashSet::new();
        for (k, v) in pairs {
            let k = k.into();
            if !seen.insert(k.clone()) {
                return Err(duplicate_key(&k));
            }
            fields.push(k, v.into());
        }
        Ok(fields)
    }

    /// Appends a field; the caller guarantees the key is not present yet (see `set`).
    pub fn push(&mut self, key: impl AsRef<str>, value: impl AsRef<str>) {
        self.push_str(key.as_ref(), value.as_ref());
    }

    pub(crate) fn push_str(&mut self, key: &str, value: &str) {
        let start = self.text.len();
        self.text.push_str(key);
        let key_end = self.text.len();
        self.text.push_str(value);
        self.spans.push(Span { start, key_end, end: self.text.len() });
    }

    #[inline]
    fn key_of(&self, span: &Span) -> &str {
        &self.text[span.start..span.key_end]
    }

    #[inline]
    fn value_of(&self, span: &Span) -> &str {
        &self.text[span.key_end..span.end]
    }

    /// Whether the field at `span` is named `key`; the lengths first, which tell most names
    /// apart without slicing the text.
    fn is_named(&self, span: &Span, key: &str) -> bool {
        span.key_end - span.start == key.len() && self.key_of(span) == key
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.spans.iter().position(|span| self.is_named(span, key))
    }

    /// Replaces the text of `range` with `with`, moving every later span by the difference.
    fn splice(&mut self, index: usize, range: std::ops::Range<usize>, with: &str) {
        let removed = range.len();
        self.text.replace_range(range, with);
        let shift = |at: &mut usize| *at = *at + with.len() - removed;
        let span = &mut self.spans[index];
        shift(&mut span.end);
        for span in &mut self.spans[index + 1..] {
            shift(&mut span.start);
            shift(&mut span.key_end);
            shift(&mut span.end);
        }
    }

    /// Replaces the value of `key`, or appends it when absent.
    pub fn set(&mut self, key: &str, value: impl AsRef<str>) {
        match self.position(key) {
            Some(index) => {
                let span = self.spans[index];
                self.splice(index, span.key_end..span.end, value.as_ref());
            }
            None => self.push_str(key, value.as_ref()),
        }
    }

    /// The keys, in order, as bytes.
    pub(crate) fn key_bytes(&self) -> impl Iterator<Item = &[u8]> {
        self.spans.iter().map(|span| &self.text.as_bytes()[span.start..span.key_end])
    }

    /// The keys and values, in order, as bytes: what signing reads (a `str` slice would check
    /// its ends are character boundaries, which they are by construction).
    pub(crate) fn byte_pairs(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        self.spans.iter().map(|span| self.byte_pair(span))
    }

    /// The key and value of the field at `index` (in order), as bytes; panics past the end.
    #[inline]
    pub(crate) fn byte_pair_at(&self, index: usize) -> (&[u8], &[u8]) {
        self.byte_pair(&self.spans[index])
    }

    #[inline]
    fn byte_pair(&self, span: &Span) -> (&[u8], &[u8]) {
        let text = self.text.as_bytes();
        (&text[span.start..span.key_end], &text[span.key_end..span.end])
    }

    /// Every key and value back to back, in order.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The value of the field at `index` (in order); panics past the end, like indexing.
    pub(crate) fn value_at(&self, index: usize) -> &str {
        self.value_of(&self.spans[index])
    }

    /// The value of `key` (exact, case-sensitive match).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.spans.iter().find(|span| self.is_named(span, key)).map(|span| self.value_of(span))
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn remove(&mut self, key: &str) -> Option<String> {
        let index = self.position(key)?;
        let span = self.spans[index];
        let value = self.value_of(&span).to_string();
        self.splice(index, span.start..span.end, "");
        self.spans.remove(index);
        Some(value)
    }

    #[inline]
    pub fn iter(&self) -> Iter<'_> {
        Iter { fields: self, spans: self.spans.iter() }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The fields as owned `(key, value)` pairs, in order.
    pub fn into_pairs(self) -> Vec<(String, String)> {
        self.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// Parses an `application/x-www-form-urlencoded` body (a notification, a request): split on
    /// `&` and the first `=`, `+` is a space, `%xx` is a byte, the result must be UTF-8. Empty
    /// fields are kept (they are part of the signature). At most [`MAX_FIELDS`] fields.
    pub fn parse_form(body: &[u8]) -> Result<Self> {
        let mut fields = Fields::new();
        if body.is_empty() {
            return Ok(fields);
        }
        let mut check = DuplicateCheck::new();
        for part in body.split(|&b| b == b'&') {
            if part.is_empty() {
                continue;
            }
            let (raw_key, raw_value) = match part.iter().position(|&b| b == b'=') {
                Some(i) => (&part[..i], &part[i + 1..]),
                None => (part, &b""[..]),
            };
            let key = form_decode(raw_key)?;
            let value = form_decode(raw_value).map_err(|e| match e {
                Error::Decode(reason) => Error::Decode(format!("field {key}: {reason}")),
                other => other,
            })?;
            if key.is_empty() {
                return Err(Error::Decode("a field has an empty name".into()));
            }
            check.admit(&fields, &key)?;
            fields.push_str(&key, &value);
        }
        Ok(fields)
    }

    /// Parses a raw gateway reply (protocol.md §6): split on `&` and the first `=`, nothing
    /// decoded — values may hold literal spaces and `+`, and the signature is over them as sent.
    /// At most [`MAX_FIELDS`] fields.
    pub fn parse_raw(body: &str) -> Result<Self> {
        let mut fields = Fields::new();
        let mut check = DuplicateCheck::new();
        for part in body.trim_end_matches(['\r', '\n']).split('&') {
            if part.is_empty() {
                continue;
            }
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            if key.is_empty() {
                return Err(Error::Decode("a field has an empty name".into()));
            }
            check.admit(&fields, key)?;
            fields.push_str(key, value);
        }
        Ok(fields)
    }

    /// Encodes the fields as an `application/x-www-form-urlencoded` body, in order.
    pub fn to_form_body(&self) -> String {
        let mut out = String::with_capacity((self.text.len() + 2 * self.len()) * 2);
        for (i, (k, v)) in self.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            form_encode_into(k, &mut out);
            out.push('=');
            form_encode_into(v, &mut out);
        }
        out
    }
}

/// Builds [`Fields`] from components of one source text (a body being split), every key and
/// value written once into the fields' text: copied sixteen bytes at a time (a copy call per
/// component, most of them a few bytes long, was a twentieth of verifying a notification), or
/// form-decoded in place. Decoding only shrinks and separators are dropped, so the text never
/// outgrows the source, and sixteen bytes of slack let a copy run past a component's end (the
/// next component overwrites it; the end is cut off).
pub(crate) struct FieldsWriter<'s> {
    source: &'s [u8],
    text: Vec<u8>,
    at: usize,
    key_start: usize,
    key_end: usize,
    spans: Vec<Span>,
}

impl<'s> FieldsWriter<'s> {
    pub(crate) fn new(source: &'s str, fields: usize) -> Self {
        FieldsWriter {
            source: source.as_bytes(),
            text: vec![0; source.len() + 16],
            at: 0,
            key_start: 0,
            key_end: 0,
            spans: Vec::with_capacity(fields),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Appends `source[range]` as it is.
    #[inline]
    pub(crate) fn copy(&mut self, range: std::ops::Range<usize>) {
        let (from, len) = (range.start, range.len());
        let mut done = 0;
        // Whole sixteen-byte moves while the source has sixteen bytes left; the text has room:
        // `at` never passes `from` (see the type's doc), plus the slack.
        while done < len && from + done + 16 <= self.source.len() {
            let to = self.at + done;
            self.text[to..to + 16].copy_from_slice(&self.source[from + done..from + done + 16]);
            done += 16;
        }
        if done < len {
            let to = self.at + done;
            self.text[to..to + len - done].copy_from_slice(&self.source[from + done..range.end]);
        }
        self.at += len;
    }

    /// Appends `source[range]` form-decoded (`+` a space, `%xx` a byte); `None` for a malformed
    /// escape or a result that is not UTF-8 on its own (what `form_decode` refuses).
    pub(crate) fn decode(&mut self, range: std::ops::Range<usize>) -> Option<()> {
        let start = self.at;
        let raw = &self.source[range];
        let mut i = 0;
        while i < raw.len() {
            let byte = match raw[i] {
                b'+' => b' ',
                b'%' => {
                    let hi = raw.get(i + 1).and_then(|&b| hex_value(b))?;
                    let lo = raw.get(i + 2).and_then(|&b| hex_value(b))?;
                    i += 2;
                    hi << 4 | lo
                }
                b => b,
            };
            self.text[self.at] = byte;
            self.at += 1;
            i += 1;
        }
        std::str::from_utf8(&self.text[start..self.at]).ok().map(|_| ())
    }

    /// What was appended since the last field is its key.
    pub(crate) fn end_key(&mut self) {
        self.key_end = self.at;
    }

    /// What was appended since the key is its value: the field is complete.
    pub(crate) fn end_field(&mut self) {
        self.spans.push(Span { start: self.key_start, key_end: self.key_end, end: self.at });
        self.key_start = self.at;
    }

    /// The fields; `None` only if the text were not UTF-8, which the components (pieces of UTF-8
    /// text cut at ASCII bytes, or checked when decoded) cannot make.
    pub(crate) fn finish(mut self) -> Option<Fields> {
        self.text.truncate(self.at);
        let text = String::from_utf8(self.text).ok()?;
        Some(Fields { text, spans: self.spans })
    }
}

/// The fields of a [`Fields`] as `(key, value)` pairs, in order.
pub struct Iter<'a> {
    fields: &'a Fields,
    spans: std::slice::Iter<'a, Span>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a str);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let span = self.spans.next()?;
        Some((self.fields.key_of(span), self.fields.value_of(span)))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.spans.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Fields {
    type Item = (&'a str, &'a str);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The error for fields longer in all than [`MAX_BODY_BYTES`], however they arrived.
pub(crate) fn too_many_bytes() -> Error {
    Error::Decode(format!(
        "the fields are more than the {MAX_BODY_BYTES} bytes a message may be, written as a form body"
    ))
}

/// The error for a message of more than [`MAX_FIELDS`] fields, however it arrived.
pub(crate) fn too_many_fields() -> Error {
    Error::Decode(format!("the body holds more than {MAX_FIELDS} fields"))
}

fn duplicate_key(key: &str) -> Error {
    Error::invalid(key, rules::DUPLICATE, format!("field {key} appears more than once"))
}

/// Form-encodes one string: unreserved bytes stay, a space becomes `+`, the rest `%XX`.
pub fn form_encode_into(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
}

/// Decodes one form-encoded component into UTF-8 text.
pub fn form_decode(raw: &[u8]) -> Result<String> {
    let mut out = String::new();
    form_decode_into(raw, &mut out)?;
    Ok(out)
}

/// [`form_decode`] into `out` (cleared first), so that a parser decoding many components reuses
/// one buffer.
pub(crate) fn form_decode_into(raw: &[u8], out: &mut String) -> Result<()> {
    out.clear();
    // Most components (numbers, dates without spaces, codes) have nothing to decode.
    if !raw.iter().any(|&b| b == b'%' || b == b'+') {
        let text = std::str::from_utf8(raw)
            .map_err(|e| Error::Decode(format!("not valid UTF-8 (at byte {})", e.valid_up_to())))?;
        out.push_str(text);
        return Ok(());
    }
    let mut bytes = std::mem::take(out).into_bytes();
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => bytes.push(b' '),
            b'%' => {
                let hi = raw.get(i + 1).and_then(|&b| hex_value(b));
                let lo = raw.get(i + 2).and_then(|&b| hex_value(b));
                match (hi, lo) {
                    (Some(hi), Some(lo)) => bytes.push(hi << 4 | lo),
                    _ => return Err(Error::Decode(format!("malformed percent-escape at byte {i}"))),
                }
                i += 2;
            }
            b => bytes.push(b),
        }
        i += 1;
    }
    *out = String::from_utf8(bytes)
        .map_err(|e| Error::Decode(format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to())))?;
    Ok(())
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_body_round_trips_with_spaces_plus_and_cjk() {
        let fields = Fields::from_pairs([("ItemName", "手機殼 a+b"), ("Empty", ""), ("Q", "a=b&c")]).unwrap();
        let body = fields.to_form_body();
        assert_eq!(body, "ItemName=%E6%89%8B%E6%A9%9F%E6%AE%BC+a%2Bb&Empty=&Q=a%3Db%26c");
        assert_eq!(Fields::parse_form(body.as_bytes()).unwrap(), fields);
    }

    #[test]
    fn parse_form_keeps_empty_fields_and_order() {
        let f = Fields::parse_form(b"B=2&StoreID=&A=1").unwrap();
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![("B", "2"), ("StoreID", ""), ("A", "1")]);
    }

    #[test]
    fn parse_form_rejects_bad_escapes_bad_utf8_and_duplicates() {
        assert!(matches!(Fields::parse_form(b"A=%zz"), Err(Error::Decode(_))));
        assert!(matches!(Fields::parse_form(b"A=%4"), Err(Error::Decode(_))));
        assert!(matches!(Fields::parse_form(b"A=%ff%fe"), Err(Error::Decode(_))));
        assert!(matches!(Fields::parse_form(b"A=\xff"), Err(Error::Decode(_))));
        let err = Fields::parse_form(b"A=1&A=2").unwrap_err();
        assert_eq!(err.field_errors()[0].field, "A");
        assert_eq!(err.field_errors()[0].rule, "duplicate");
    }

    #[test]
    fn parse_raw_never_decodes() {
        let f = Fields::parse_raw("ItemName=a+b c%20d&PaymentDate=2024/01/01 10:00:00&X=").unwrap();
        assert_eq!(f.get("ItemName"), Some("a+b c%20d"));
        assert_eq!(f.get("PaymentDate"), Some("2024/01/01 10:00:00"));
        assert_eq!(f.get("X"), Some(""));
    }

    #[test]
    fn field_count_is_capped_and_duplicates_found_far_apart() {
        let at_cap: String = (0..MAX_FIELDS).map(|i| format!("F{i}=1&")).collect();
        assert_eq!(Fields::parse_form(at_cap.as_bytes()).unwrap().len(), MAX_FIELDS);
        assert_eq!(Fields::parse_raw(&at_cap).unwrap().len(), MAX_FIELDS);
        let over = format!("{at_cap}X=1");
        assert!(matches!(Fields::parse_form(over.as_bytes()), Err(Error::Decode(m)) if m.contains("1024")));
        assert!(matches!(Fields::parse_raw(&over), Err(Error::Decode(m)) if m.contains("1024")));
        let far = format!("A=1&{}A=2", (0..500).map(|i| format!("F{i}=1&")).collect::<String>());
        assert_eq!(Fields::parse_form(far.as_bytes()).unwrap_err().field_errors()[0].rule, "duplicate");
        assert_eq!(Fields::parse_raw(&far).unwrap_err().field_errors()[0].rule, "duplicate");
    }

    /// The fields share one text: replacing or removing one in the middle leaves every other
    /// field as it was, and equal fields compare equal however they were built.
    #[test]
    fn set_and_remove_in_the_middle_keep_the_other_fields() {
        let mut f = Fields::from_pairs([("A", "1"), ("B", "22"), ("C", "333")]).unwrap();
        f.set("B", "a longer value 手");
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![("A", "1"), ("B", "a longer value 手"), ("C", "333")]);
        f.set("B", "");
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![("A", "1"), ("B", ""), ("C", "333")]);
        f.set("A", "x");
        assert_eq!(f.remove("B"), Some(String::new()));
        assert_eq!(f.iter().collect::<Vec<_>>(), vec![("A", "x"), ("C", "333")]);
        assert_eq!(f, Fields::from_pairs([("A", "x"), ("C", "333")]).unwrap());
        assert_eq!(f.get("C"), Some("333"));
        assert_eq!(f.remove("Z"), None);
        assert_eq!(format!("{f:?}"), r#"[("A", "x"), ("C", "333")]"#);
    }

    #[test]
    fn set_replaces_and_remove_removes() {
        let mut f = Fields::new();
        f.set("A", "1");
        f.set("A", "2");
        assert_eq!(f.len(), 1);
        assert_eq!(f.remove("A"), Some("2".into()));
        assert!(f.is_empty());
    }
}
