//! generate_merchant_trade_no (protocol.md §8): prefix + Taiwan-time yyMMddHHmmss + random
//! base-36, exactly 20 letters and digits, never repeated.

use std::collections::HashSet;

use omg_core::order::{Order, Payment};
use omg_core::{generate_merchant_trade_no, Error, FixedClock};

/// 2024-01-01T00:00:00Z, which is 2024/01/01 08:00:00 in Taiwan.
const NEW_YEAR_UTC: i64 = 1_704_067_200;

#[test]
fn ten_thousand_numbers_from_the_same_instant_are_distinct_and_valid() {
    let clock = FixedClock(NEW_YEAR_UTC);
    let mut seen = HashSet::new();
    for i in 0..10_000 {
        let prefix = if i % 2 == 0 { "OD" } else { "Z" };
        let no = generate_merchant_trade_no(prefix, &clock).unwrap();
        assert_eq!(no.len(), 20, "{no}");
        assert!(no.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()), "{no}");
        assert!(no.starts_with(&format!("{prefix}240101080000")), "{no}");
        assert!(seen.insert(no.clone()), "repeated {no}");
    }
}

#[test]
fn the_stamp_is_taiwan_time() {
    // 2024-02-28T20:30:05Z is 2024/02/29 04:30:05 in Taiwan.
    let no = generate_merchant_trade_no("A", &FixedClock(1_709_152_205)).unwrap();
    assert_eq!(&no[..13], "A240229043005");
}

#[test]
fn the_random_part_fills_up_to_20_characters() {
    let one = generate_merchant_trade_no("A", &FixedClock(NEW_YEAR_UTC)).unwrap();
    let two = generate_merchant_trade_no("ab", &FixedClock(NEW_YEAR_UTC)).unwrap();
    assert_eq!((one.len(), two.len()), (20, 20));
    assert!(two.starts_with("ab240101080000"));
}

#[test]
fn a_generated_number_is_a_valid_merchant_trade_no() {
    let no = generate_merchant_trade_no("OD", &FixedClock(NEW_YEAR_UTC)).unwrap();
    let order = Order::new(no, 100, "desc", "item", "https://shop.example/r", Payment::default());
    assert_eq!(order.validate(), Ok(()));
}

#[test]
fn the_prefix_is_one_or_two_ascii_letters() {
    let clock = FixedClock(NEW_YEAR_UTC);
    for (prefix, rules) in [
        ("", vec!["required"]),
        ("ABC", vec!["max_length"]),
        ("1", vec!["charset"]),
        ("A-", vec!["charset"]),
        ("é", vec!["charset"]),
        ("AB1", vec!["max_length", "charset"]),
    ] {
        match generate_merchant_trade_no(prefix, &clock) {
            Err(Error::Validation(errors)) => {
                assert!(errors.iter().all(|e| e.field == "prefix"), "{errors:?}");
                assert_eq!(errors.iter().map(|e| e.rule.as_str()).collect::<Vec<_>>(), rules, "{prefix:?}");
            }
            other => panic!("prefix {prefix:?}: expected a validation error, got {other:?}"),
        }
    }
}
