//! The .NET `HttpUtility.UrlEncode` rule, lowercased (protocol.md §3 steps 4–5), as a streaming
//! encoder: pieces are encoded into a small stack buffer, and full stretches are handed to a
//! sink — the hash while signing, a byte vector while explaining.
//!
//! Why it is built this way: with SHA-NI the hash costs well under a nanosecond per byte, so the
//! encoder must cost no more. One table lookup per byte, one 4-byte store, room checked once per
//! field; a piece of letters and digits alone (every key) lowercased eight bytes per store; the
//! buffer stays in L1 and nothing is allocated.

use super::words;

/// One byte's encoding, lowercased, packed for a single 4-byte store: the low three bytes
/// (little-endian) are the output, the high byte is how many of them count.
const ENCODE_TABLE: [u32; 256] = build_encode_table();

const fn pack(bytes: [u8; 3], len: u8) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], len])
}

const fn build_encode_table() -> [u32; 256] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'!' | b'*' | b'(' | b')' => pack([b, 0, 0], 1),
            b'A'..=b'Z' => pack([b + 32, 0, 0], 1),
            b' ' => pack([b'+', 0, 0], 1),
            _ => pack([b'%', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]], 3),
        };
        i += 1;
    }
    table
}

/// `&` and `=` of the pre-image, encoded: `%26`, `%3d`.
pub(crate) const AMP: u32 = pack(*b"%26", 3);
pub(crate) const EQUALS: u32 = pack(*b"%3d", 3);

/// The buffer: `SPAN` bytes addressed through `& (SPAN - 1)`, plus room for the last 8-byte
/// store. Every write position is checked against `SPAN` once per field (see `room`), so the
/// mask never changes an index; it only lets the compiler drop the bounds check of every store.
const SPAN: usize = 1024;
const HASH_BLOCK: usize = 64;
/// The most input bytes written after one room check: their encoding (3 bytes each at most,
/// plus two separators and a store's slack) fits after the partial block a flush leaves.
const MAX_RUN: usize = (SPAN - HASH_BLOCK - 16) / 3;

/// Encodes pieces of a pre-image and hands the encoded bytes to `sink` in order.
pub(crate) struct StreamEncoder<F: FnMut(&[u8])> {
    buf: [u8; SPAN + 8],
    at: usize,
    sink: F,
}

impl<F: FnMut(&[u8])> StreamEncoder<F> {
    pub(crate) fn new(sink: F) -> Self {
        StreamEncoder { buf: [0; SPAN + 8], at: 0, sink }
    }

    /// Appends bytes that are already encoded (`hashkey%3d`); at most MAX_RUN long.
    pub(crate) fn literal(&mut self, encoded: &[u8]) {
        self.room(encoded.len());
        self.buf[self.at..self.at + encoded.len()].copy_from_slice(encoded);
        self.at += encoded.len();
    }

    /// Appends the encoding of `text`.
    pub(crate) fn encode(&mut self, text: &str) {
        self.encode_bytes(text.as_bytes());
    }

    fn encode_bytes(&mut self, bytes: &[u8]) {
        for run in bytes.chunks(MAX_RUN) {
            self.room(3 * run.len() + 4);
            self.at = encode_run(&mut self.buf, self.at, run);
        }
    }

    /// Appends one field of the pre-image, `%26key%3dvalue`, encoded. A field of up to MAX_RUN
    /// bytes (nearly all) costs one room check: checking per piece and per 16 bytes was most of
    /// the encoder's time, the pieces of a pre-image being short.
    pub(crate) fn field(&mut self, key: &[u8], value: &[u8]) {
        if key.len() + value.len() > MAX_RUN {
            self.separator(AMP);
            self.encode_bytes(key);
            self.separator(EQUALS);
            self.encode_bytes(value);
            return;
        }
        self.room(3 * (key.len() + value.len()) + 10);
        let mut at = put(&mut self.buf, self.at, AMP);
        at = encode_run(&mut self.buf, at, key);
        at = put(&mut self.buf, at, EQUALS);
        self.at = encode_run(&mut self.buf, at, value);
    }

    fn separator(&mut self, packed: u32) {
        self.room(4);
        self.at = put(&mut self.buf, self.at, packed);
    }

    /// Hands the rest to the sink.
    pub(crate) fn finish(mut self) {
        (self.sink)(&self.buf[..self.at]);
    }

    /// Makes room for `bytes` more bytes (at most MAX_RUN * 3 + 16): when they would pass SPAN,
    /// whole 64-byte blocks go to the sink and the partial one moves to the front. SHA-256 and
    /// MD5 consume 64-byte blocks, so whole blocks are hashed straight from this buffer
    /// instead of being copied into the hasher's own.
    #[inline(always)]
    fn room(&mut self, bytes: usize) {
        if self.at + bytes > SPAN {
            self.flush();
        }
    }

    /// Hands the whole blocks to the sink (once per kilobyte of pre-image: out of the line).
    #[cold]
    #[inline(never)]
    fn flush(&mut self) {
        let whole = self.at / HASH_BLOCK * HASH_BLOCK;
        (self.sink)(&self.buf[..whole]);
        self.buf.copy_within(whole..self.at, 0);
        self.at -= whole;
    }
}

/// Writes a packed entry (a table entry, `AMP`, `EQUALS`) at `at`: one 4-byte store, surplus
/// bytes overwritten by the next store or never handed out. Returns the next position.
#[inline(always)]
fn put(buf: &mut [u8; SPAN + 8], at: usize, packed: u32) -> usize {
    let k = at & (SPAN - 1);
    buf[k..k + 4].copy_from_slice(&packed.to_le_bytes());
    at + (packed >> 24) as usize
}

/// Encodes `input` at `at`, returning the next position; the caller made room for it. Four
/// bytes per turn of the loop: the loop's own counting and branch were a fifth of a byte's cost.
#[inline(always)]
fn encode_run(buf: &mut [u8; SPAN + 8], mut at: usize, input: &[u8]) -> usize {
    if let Some(end) = alphanumeric_run(buf, at, input) {
        return end;
    }
    let mut fours = input.chunks_exact(4);
    for four in &mut fours {
        at = put(buf, at, ENCODE_TABLE[four[0] as usize]);
        at = put(buf, at, ENCODE_TABLE[four[1] as usize]);
        at = put(buf, at, ENCODE_TABLE[four[2] as usize]);
        at = put(buf, at, ENCODE_TABLE[four[3] as usize]);
    }
    for &b in fours.remainder() {
        at = put(buf, at, ENCODE_TABLE[b as usize]);
    }
    at
}

/// Encodes `input` at `at` if it is eight bytes or more of letters and digits only (every key of
/// the protocol, many values), returning the next position: each eight bytes are lowercased and
/// stored as one word, the last word overlapping the one before when the length is not a
/// multiple of eight (the overlapping bytes are the same bytes). ~3 instructions a byte instead
/// of the table's 7. Returns `None` at the first word holding another byte; what it stored past
/// `at` is then overwritten by the table's encoding.
#[inline(always)]
fn alphanumeric_run(buf: &mut [u8; SPAN + 8], at: usize, input: &[u8]) -> Option<usize> {
    let last = input.last_chunk::<8>()?;
    let mut put_word = |from: usize, eight: &[u8; 8]| {
        let w = words::word(eight);
        let k = (at + from) & (SPAN - 1);
        buf[k..k + 8].copy_from_slice(&(w | words::CASE).to_le_bytes());
        words::not_alphanumeric(w) == 0
    };
    let before_last = input.len() - 8;
    let mut from = 0;
    while from < before_last {
        if !put_word(from, input[from..].first_chunk::<8>()?) {
            return None;
        }
        from += 8;
    }
    put_word(before_last, last).then_some(at + input.len())
}

/// Appends the lowercased .NET url-encoding of `s` to `out`.
pub fn encode_lower_into(s: &str, out: &mut Vec<u8>) {
    let mut encoder = StreamEncoder::new(|bytes: &[u8]| out.extend_from_slice(bytes));
    encoder.encode(s);
    encoder.finish();
}

/// The lowercased .NET url-encoding of one string.
pub fn encode_lower(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() * 3);
    encode_lower_into(s, &mut out);
    String::from_utf8(out).expect("url-encoding yields ASCII")
}
