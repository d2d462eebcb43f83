//! Eight bytes at a time: a `u64` read from eight bytes of text, and the byte tests the
//! verification path runs on every name and value (docs/performance.md, "Third pass"). Byte
//! loops over short names and values were, each, a tenth of verifying a notification.

/// One in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The eight bytes, first byte lowest.
pub(crate) fn word(bytes: &[u8; 8]) -> u64 {
    u64::from_le_bytes(*bytes)
}

/// The high bit of each byte of `word` that equals `byte`, and no other bit (the exact form of
/// the "has a zero byte" test: no carry crosses from one byte to the next).
pub(crate) fn equal_bytes(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    !(((x & LOW7) + LOW7) | x | LOW7)
}

/// Whether `text` holds the byte `a` or `b`.
pub(crate) fn holds_either(text: &[u8], a: u8, b: u8) -> bool {
    let mut words = text.chunks_exact(8);
    for eight in &mut words {
        let w = word(eight.try_into().unwrap_or(&[0; 8]));
        if equal_bytes(w, a) | equal_bytes(w, b) != 0 {
            return true;
        }
    }
    words.remainder().iter().any(|&byte| byte == a || byte == b)
}

/// The high bits of the eight bytes of `flags` (nothing else set) as eight bits, byte `i` at bit
/// `i`: the multiplication moves each one to the top byte without carries.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2", not(fuzzing)), allow(dead_code))]
pub(crate) fn gather(flags: u64) -> u64 {
    ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The first eight bytes of `bytes` (all of them when fewer), first byte lowest, zeros past the
/// end. Read with at most three loads and no loop: names are short, and a byte loop or a copy of
/// variable length (a memcpy call) per name was a visible share of verifying a notification.
#[inline]
pub(crate) fn load_up_to_8(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    if let Some(first) = bytes.first_chunk::<8>() {
        word(first)
    } else if n >= 4 {
        // Two overlapping four-byte reads; the overlapping bytes are the same bytes.
        let low = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        let high = u32::from_le_bytes([bytes[n - 4], bytes[n - 3], bytes[n - 2], bytes[n - 1]]);
        u64::from(low) | u64::from(high) << (8 * (n - 4))
    } else if n > 0 {
        u64::from(bytes[0]) | u64::from(bytes[n / 2]) << (8 * (n / 2)) | u64::from(bytes[n - 1]) << (8 * (n - 1))
    } else {
        0
    }
}

/// The first sixteen bytes of `bytes` as two words (see [`load_up_to_8`]), zeros past the end.
#[inline]
pub(crate) fn first_16(bytes: &[u8]) -> [u64; 2] {
    let rest = bytes.get(8..).unwrap_or(&[]);
    [load_up_to_8(bytes), load_up_to_8(&rest[..rest.len().min(8)])]
}

/// `word` with each byte `A`..=`Z` lowercased and every other byte (those from 0x80 up
/// included) kept: the byte's low seven bits are compared with the range, its high bit excludes
/// it, and 0x20 is added where both say so. No sum carries into the next byte.
#[inline]
pub(crate) fn lowercase(word: u64) -> u64 {
    let low7 = word & LOW7;
    let at_least_a = low7 + ONES * u64::from(0x80 - b'A');
    let past_z = low7 + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = at_least_a & !past_z & !word & HIGH;
    word | upper >> 2
}

/// The high bit of each byte of `word` that is not an ASCII letter or digit, and no other bit.
/// Letters and digits are the bytes the url-encoding keeps as they are, apart from lowercasing,
/// which is then `word | CASE` (a digit has the 0x20 bit already). Each range is tested on the
/// low seven bits (no sum carries into the next byte); a set high bit rules a byte out.
#[inline(always)]
pub(crate) fn not_alphanumeric(word: u64) -> u64 {
    let low7 = word & LOW7;
    let folded = low7 | CASE;
    let letter = (folded + ONES * u64::from(0x80 - b'a')) & !(folded + ONES * u64::from(0x80 - b'z' - 1));
    let digit = (low7 + ONES * u64::from(0x80 - b'0')) & !(low7 + ONES * u64::from(0x80 - b'9' - 1));
    (!(letter | digit) | word) & HIGH
}

/// The 0x20 bit of every byte: set, it lowercases an ASCII letter.
pub(crate) const CASE: u64 = 0x2020_2020_2020_2020;

#[cfg(test)]
mod tests {
    use super::*;

    /// Each test against its byte-by-byte meaning, for every byte value at every position.
    #[test]
    fn the_word_tests_agree_with_byte_by_byte_readings() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut eight = *b"aZ09~&=\xff";
                eight[at] = byte;
                let w = word(&eight);
                let expected = (0..8).filter(|&i| eight[i] == b'&').map(|i| 0x80u64 << (8 * i)).sum::<u64>();
                assert_eq!(equal_bytes(w, b'&'), expected, "{eight:?}");
                assert_eq!(
                    gather(equal_bytes(w, b'&')),
                    (0..8).filter(|&i| eight[i] == b'&').map(|i| 1u64 << i).sum::<u64>(),
                    "{eight:?}"
                );
            }
        }
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        let pattern: Vec<u8> = (0..=255u8).cycle().step_by(7).take(300).collect();
        for start in 0..40 {
            for len in 0..=20 {
                let bytes = &pattern[start..start + len];
                let padded = |from: usize| {
                    let mut eight = [0u8; 8];
                    for (i, to) in eight.iter_mut().enumerate() {
                        *to = bytes.get(from + i).copied().unwrap_or(0);
                    }
                    u64::from_le_bytes(eight)
                };
                assert_eq!(load_up_to_8(bytes), padded(0), "{bytes:?}");
                assert_eq!(first_16(bytes), [padded(0), padded(8)], "{bytes:?}");
            }
        }
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut eight = *b"aZ@[`{\x80\xff";
                eight[at] = byte;
                let mut lower = eight;
                lower.make_ascii_lowercase();
                assert_eq!(lowercase(word(&eight)), word(&lower), "{eight:?}");
            }
        }
        for byte in 0..=255u8 {
            for at in 0..8 {
                for base in [*b"aZ09zA9m", *b"0000MMMM"] {
                    let mut eight = base;
                    eight[at] = byte;
                    let expected =
                        (0..8).filter(|&i| !eight[i].is_ascii_alphanumeric()).map(|i| 0x80u64 << (8 * i)).sum::<u64>();
                    assert_eq!(not_alphanumeric(word(&eight)), expected, "{eight:?}");
                }
            }
        }
        assert!(!holds_either(text.as_bytes(), b'&', b'='));
        for at in 0..text.len() {
            for byte in [b'&', b'='] {
                let mut with = text.as_bytes().to_vec();
                with[at] = byte;
                assert!(holds_either(&with, b'&', b'='), "{at}");
            }
        }
        assert!(!holds_either("手機殼 ÿ\u{100}".as_bytes(), b'&', b'='));
    }
}
