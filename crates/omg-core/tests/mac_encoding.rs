//! The fast encoder against the rule written out plainly, over arbitrary Unicode strings of
//! every length (the encoder works in 16-byte windows, so lengths around multiples of 16 and
//! long strings matter).

use omg_core::mac::encode_lower;
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
