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
pub(crate) fn gather(flags: u64) -> u64 {
    ((flags >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The first eight bytes of `bytes` (all of them when fewer, then zeros), ASCII-lowercased. Built
/// without copying a slice of variable length, which calls memcpy: for names of a dozen bytes
/// that call was a twentieth of verifying a notification.
#[inline]
pub(crate) fn lowercase_prefix(bytes: &[u8]) -> [u8; 8] {
    let mut eight = [0u8; 8];
    match bytes.first_chunk::<8>() {
        Some(first) => eight = *first,
        None => {
            for (to, from) in eight.iter_mut().zip(bytes) {
                *to = *from;
            }
        }
    }
    let w = word(&eight);
    if w & HIGH != 0 {
        eight.make_ascii_lowercase();
        return eight;
    }
    // All eight bytes are ASCII: the high bit of each byte in A..=Z (no sum carries into the
    // next byte), moved to 0x20 and added, lowercases them all at once.
    let upper = (w + ONES * u64::from(128 - b'A')) & !(w + ONES * u64::from(127 - b'Z')) & HIGH;
    (w | upper >> 2).to_le_bytes()
}

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
                let mut lower = eight;
                lower.make_ascii_lowercase();
                assert_eq!(lowercase_prefix(&eight), lower, "{eight:?}");
                for len in 0..8 {
                    let mut short = [0u8; 8];
                    short[..len].copy_from_slice(&lower[..len]);
                    assert_eq!(lowercase_prefix(&eight[..len]), short);
                }
            }
        }
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
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
