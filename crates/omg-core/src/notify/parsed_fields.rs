//! Notification fields a host language hands over already parsed — a Python mapping, a JavaScript
//! object, a PHP array, a C# dictionary, the C ABI's packed pairs — held to the same caps as a raw
//! body: at most [`MAX_FIELDS`] fields and [`MAX_BODY_BYTES`] bytes written as `k=v&k=v`.
//!
//! A raw body is refused by its length before it is parsed; a mapping has no length in bytes, so
//! without these caps one call with a million fields spent seconds of CPU and hundreds of MB
//! converting and sorting them (docs/reliability.md). A binding asks [`ParsedFields::new`] with
//! the mapping's length before converting anything, then pushes each converted pair: the first
//! field past a cap stops the conversion with the same typed error (`Error::Decode`) a raw body
//! gets.

use crate::error::Result;
use crate::fields::{too_many_bytes, too_many_fields, DuplicateCheck, Fields, MAX_BODY_BYTES, MAX_FIELDS};

/// Builds [`Fields`] from pairs under the raw body's caps.
pub struct ParsedFields {
    fields: Fields,
    seen: DuplicateCheck,
    /// The length of the fields so far, written `k=v&k=v`.
    bytes: usize,
}

impl ParsedFields {
    /// Room for a mapping of `len` entries; more than [`MAX_FIELDS`] is refused before any is
    /// converted.
    pub fn new(len: usize) -> Result<Self> {
        if len > MAX_FIELDS {
            return Err(too_many_fields());
        }
        Ok(ParsedFields { fields: Fields::new(), seen: DuplicateCheck::new(), bytes: 0 })
    }

    /// Adds one field. Refuses a key seen before (rule `duplicate`), the field one past
    /// [`MAX_FIELDS`], and a field that takes the total past [`MAX_BODY_BYTES`].
    pub fn push(&mut self, key: &str, value: &str) -> Result<()> {
        let separator = usize::from(!self.fields.is_empty());
        let bytes = self.bytes.saturating_add(separator + key.len() + 1 + value.len());
        if bytes > MAX_BODY_BYTES {
            return Err(too_many_bytes());
        }
        self.seen.admit(&self.fields, key)?;
        self.bytes = bytes;
        self.fields.push_str(key, value);
        Ok(())
    }

    /// The fields, in the order they were pushed.
    pub fn finish(self) -> Fields {
        self.fields
    }

    /// Builds fields from `pairs` of known length (a map's entries) in one call.
    pub fn collect<'a>(pairs: impl ExactSizeIterator<Item = (&'a str, &'a str)>) -> Result<Fields> {
        let mut parsed = ParsedFields::new(pairs.len())?;
        for (key, value) in pairs {
            parsed.push(key, value)?;
        }
        Ok(parsed.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    fn error_text(result: Result<impl std::fmt::Debug>) -> String {
        match result {
            Err(Error::Decode(message)) => message,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn more_than_max_fields_is_refused_before_any_field_is_converted() {
        assert!(ParsedFields::new(MAX_FIELDS).is_ok());
        assert_eq!(error_text(ParsedFields::new(MAX_FIELDS + 1).map(|_| ())), "the body holds more than 1024 fields");
    }

    #[test]
    fn the_field_past_the_count_cap_is_refused_even_when_the_length_was_not_known() {
        let mut parsed = ParsedFields::new(0).unwrap();
        for i in 0..MAX_FIELDS {
            parsed.push(&format!("k{i}"), "v").unwrap();
        }
        assert_eq!(error_text(parsed.push("one_more", "v")), "the body holds more than 1024 fields");
    }

    #[test]
    fn the_byte_cap_counts_the_fields_written_as_a_form_body() {
        // Two fields written `a=<v1>&b=<v2>`: 2 + v1 + 1 + 2 + v2 bytes.
        let v1 = "x".repeat(40_000);
        let exactly = "y".repeat(MAX_BODY_BYTES - (2 + v1.len() + 1 + 2));
        let mut parsed = ParsedFields::new(2).unwrap();
        parsed.push("a", &v1).unwrap();
        parsed.push("b", &exactly).unwrap();
        assert_eq!(parsed.finish().to_form_body().len(), MAX_BODY_BYTES, "plain ASCII: the form body is the count");

        let mut parsed = ParsedFields::new(2).unwrap();
        parsed.push("a", &v1).unwrap();
        let one_more = format!("{exactly}y");
        let message = error_text(parsed.push("b", &one_more));
        assert!(message.contains("65536 bytes"), "{message}");
    }

    #[test]
    fn a_repeated_key_is_the_duplicate_rule_and_order_is_kept() {
        let mut parsed = ParsedFields::new(3).unwrap();
        parsed.push("B", "2").unwrap();
        parsed.push("A", "1").unwrap();
        match parsed.push("B", "3") {
            Err(Error::Validation(errors)) => {
                assert_eq!((errors[0].field.as_str(), errors[0].rule.as_str()), ("B", "duplicate"))
            }
            other => panic!("{other:?}"),
        }
        let fields = ParsedFields::collect([("B", "2"), ("A", "1")].into_iter()).unwrap();
        assert_eq!(fields.iter().collect::<Vec<_>>(), [("B", "2"), ("A", "1")]);
    }
}
