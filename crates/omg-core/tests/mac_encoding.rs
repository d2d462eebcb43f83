//! The fast encoder against the rule written out plainly, over arbitrary Unicode strings of
//! every length, and whole pre-images of fields short and long (the encoder checks its room once
//! per field and flushes a 1 KiB buffer, so long fields and long pre-images matter).

use omg_core::mac::{encode_lower, explain, HashMethod};
use omg_core::Fields;
use proptest::prelude::*;

fn reference(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'!' | b'*' | b'(' | b')' => out.push(b as char),
            b'A'..=b'Z' => out.push(b.to_ascii_lowercase() as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02x}")),
        }
    }
    out
}

proptest! {
    #[test]
    fn matches_the_plain_rule(s in "\\PC{0,80}") {
        prop_assert_eq!(encode_lower(&s), reference(&s));
    }

    #[test]
    fn matches_the_plain_rule_on_mixed_ascii_and_cjk(s in "[a-zA-Z0-9 ~'+&=%手機殼()!*._-]{0,200}") {
        prop_assert_eq!(encode_lower(&s), reference(&s));
    }

    /// Letters and digits, whole (eight bytes and up are stored a word at a time) or with one
    /// other character somewhere (which sends the piece back to the table).
    #[test]
    fn matches_the_plain_rule_on_letters_and_digits(
        s in "[a-zA-Z0-9]{0,60}([^a-zA-Z0-9][a-zA-Z0-9]{0,30})?"
    ) {
        prop_assert_eq!(encode_lower(&s), reference(&s));
    }
}

/// Every length of letters and digits up to 40, and each with one byte at each position that
/// borders the letter and digit ranges (or is far from them).
#[test]
fn letters_and_digits_with_one_other_byte_anywhere() {
    let run = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ZyXw";
    for n in 0..=run.len() {
        let s = &run[..n];
        assert_eq!(encode_lower(s), reference(s), "{s:?}");
        for at in 0..n {
            for other in ["/", ":", "@", "[", "`", "{", "_", " ", "\x7f", "\0", "é", "手"] {
                let t = format!("{}{other}{}", &run[..at], &run[at + 1..n]);
                assert_eq!(encode_lower(&t), reference(&t), "{t:?}");
            }
        }
    }
}

#[test]
fn every_length_up_to_100_of_every_byte_class() {
    for unit in ["a", "Z", " ", "~", "手", "é"] {
        for n in 0..100 {
            let s = unit.repeat(n);
            assert_eq!(encode_lower(&s), reference(&s), "{unit:?} x {n}");
        }
    }
}

/// Fields of 0 to 2,000 bytes in every mix, past one room check and past the whole buffer:
/// the encoded pre-image `explain` shows is the rule applied to the sorted fields, wherever the
/// buffer's flushes fall.
#[test]
fn whole_pre_images_of_fields_short_and_long() {
    for alphabet in ["aZ9 ~'&=手-_.!*()/:%+", "aZ9bY8cX7dW6"] {
        pre_images_of(alphabet.as_bytes());
    }
}

fn pre_images_of(alphabet: &[u8]) {
    for lengths in [vec![0, 0, 1], vec![7, 300, 314, 315], vec![2000, 3, 1100], (0..60).map(|i| i * 37 % 401).collect()]
    {
        let text = |n: usize, len: usize| {
            let bytes: Vec<u8> = (0..len).map(|i| alphabet[(i * 7 + n) % alphabet.len()]).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        // Unique keys (a number first), long values.
        let pairs: Vec<(String, String)> = lengths
            .iter()
            .enumerate()
            .map(|(n, &len)| (format!("K{n:03}{}", text(n, len / 3)), text(n, len)))
            .collect();
        let fields = Fields::from_pairs(pairs.clone()).unwrap();
        let mut sorted = pairs;
        sorted.sort_by_key(|(k, _)| k.to_ascii_lowercase());
        let mut expected = String::from("hashkey%3d****");
        for (k, v) in &sorted {
            expected += &format!("%26{}%3d{}", reference(k), reference(v));
        }
        expected += "%26hashiv%3d****";
        assert_eq!(explain(&fields, "k", "i", HashMethod::Sha256).unwrap().encoded, expected, "{lengths:?}");
    }
}
