//! omg-core's one vector module (`mac::vector`): on any bytes, the vector code and its scalar
//! twin find the same `&`, `=` and `%`/`+` bytes, and both agree with a byte-by-byte reading.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for window in data.windows(64).step_by(7).chain(data.chunks(64)) {
        let mut block = [0u8; 64];
        block[..window.len()].copy_from_slice(window);
        let (vector, scalar) = omg_core::fuzzing::vector_masks(&block);
        assert_eq!(vector, scalar, "{block:?}");
        let bits = |wanted: &dyn Fn(u8) -> bool| {
            block.iter().enumerate().filter(|(_, &b)| wanted(b)).map(|(i, _)| 1u64 << i).sum::<u64>()
        };
        let by_bytes = [bits(&|b| b == b'&'), bits(&|b| b == b'='), bits(&|b| b == b'%' || b == b'+')];
        assert_eq!(vector, by_bytes, "{block:?}");
    }
});
