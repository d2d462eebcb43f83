//! The one module of omg-core with `unsafe` code: byte-class masks of a 64-byte block, sixteen
//! bytes per instruction where the CPU has vector instructions (docs/performance.md, "Fourth
//! pass"). Everything here has a scalar twin that gives the same answer on every input; the
//! twins are held equal by the property tests below and by the fuzz target `vector_masks`.
//!
//! Why vector code: finding the separators and escapes of a notification body eight bytes at a
//! time (integer arithmetic) cost about five instructions per byte, a twentieth of verifying it;
//! `pcmpeqb` + `pmovmskb` do sixteen bytes in three. Rust's x86 intrinsics are `unsafe` to call
//! outside a `#[target_feature]` function even for SSE2, which every x86_64 CPU has, hence the
//! `unsafe` blocks; each says why it holds.

use super::words;

/// Where the bytes that matter to splitting a form body are in one 64-byte block: bit `i` of
/// each mask is byte `i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Masks {
    /// `&`, which separates fields.
    pub(crate) amp: u64,
    /// `=`, which separates a name from its value.
    pub(crate) eq: u64,
    /// `%` and `+`, which make a component need decoding.
    pub(crate) escape: u64,
}

/// The masks of `block`: vector code on x86_64, the scalar twin elsewhere.
#[inline]
pub(crate) fn masks(block: &[u8; 64]) -> Masks {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        sse2::masks(block)
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        masks_scalar(block)
    }
}

/// The scalar twin of [`masks`]: eight bytes at a time, the "equal byte" test of `words`. On
/// x86_64 only the tests and the fuzz target call it.
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2", not(fuzzing)), allow(dead_code))]
pub(crate) fn masks_scalar(block: &[u8; 64]) -> Masks {
    let mut m = Masks::default();
    for (i, eight) in block.chunks_exact(8).enumerate() {
        let w = words::word(eight.try_into().unwrap_or(&[0; 8]));
        let at = 8 * i;
        m.amp |= words::gather(words::equal_bytes(w, b'&')) << at;
        m.eq |= words::gather(words::equal_bytes(w, b'=')) << at;
        m.escape |= words::gather(words::equal_bytes(w, b'%') | words::equal_bytes(w, b'+')) << at;
    }
    m
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
mod sse2 {
    use core::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };

    use super::Masks;

    #[inline]
    pub(super) fn masks(block: &[u8; 64]) -> Masks {
        let mut m = Masks::default();
        for (i, sixteen) in block.chunks_exact(16).enumerate() {
            let at = 16 * i;
            // SAFETY: this module is compiled only where the target has SSE2 (the cfg above:
            // every x86_64 target has it unless built with it switched off), which is all these
            // intrinsics need. `_mm_loadu_si128` reads 16 bytes from `sixteen`, a slice of
            // exactly 16 bytes (`chunks_exact`), with no alignment requirement; the rest only
            // compute on registers.
            let (amp, eq, escape) = unsafe {
                let v = _mm_loadu_si128(sixteen.as_ptr().cast::<__m128i>());
                let is = |byte: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(byte as i8));
                (
                    _mm_movemask_epi8(is(b'&')),
                    _mm_movemask_epi8(is(b'=')),
                    _mm_movemask_epi8(_mm_or_si128(is(b'%'), is(b'+'))),
                )
            };
            // `_mm_movemask_epi8` sets only the low 16 bits.
            m.amp |= u64::from(amp as u16) << at;
            m.eq |= u64::from(eq as u16) << at;
            m.escape |= u64::from(escape as u16) << at;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Bit by bit, what a byte-by-byte reading says.
    fn masks_by_bytes(block: &[u8; 64]) -> Masks {
        let bits = |wanted: &dyn Fn(u8) -> bool| {
            block.iter().enumerate().filter(|(_, &b)| wanted(b)).map(|(i, _)| 1u64 << i).sum::<u64>()
        };
        Masks { amp: bits(&|b| b == b'&'), eq: bits(&|b| b == b'='), escape: bits(&|b| b == b'%' || b == b'+') }
    }

    #[test]
    fn every_byte_value_at_every_position() {
        for byte in 0..=255u8 {
            for at in 0..64 {
                let mut block = [b'a'; 64];
                block[at] = byte;
                block[(at + 17) % 64] = b'&';
                assert_eq!(masks(&block), masks_by_bytes(&block), "{byte} at {at}");
                assert_eq!(masks_scalar(&block), masks_by_bytes(&block), "{byte} at {at}");
            }
        }
    }

    proptest! {
        #[test]
        fn the_vector_code_and_its_scalar_twin_agree(
            bytes in proptest::collection::vec(prop_oneof![Just(b'&'), Just(b'='), Just(b'%'), Just(b'+'), any::<u8>()], 64)
        ) {
            let block: [u8; 64] = bytes.try_into().unwrap();
            prop_assert_eq!(masks(&block), masks_by_bytes(&block));
            prop_assert_eq!(masks_scalar(&block), masks_by_bytes(&block));
        }
    }
}
