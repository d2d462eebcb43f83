//! The .NET `HttpUtility.UrlEncode` rule, lowercased (protocol.md §3 steps 4–5), as a streaming
//! encoder: pieces are encoded into a small stack buffer, and full stretches are handed to a
//! sink — the hash while signing, a byte vector while explaining.
//!
//! Why it is built this way: with SHA-NI the hash costs well under a nanosecond per byte, so the
//! encoder must cost no more. One table lookup per byte, one 4-byte store, and bounds checked
//! once per 16-byte window; the buffer stays in L1 and nothing is allocated.

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

/// Input bytes encoded per window, and the window's size: 16 bytes encode to at most 48, the
/// last 4-byte store may reach 4 past that, and the `& 63` below keeps every index provably
/// under 68, so the compiler checks bounds once per window instead of once per byte.
const CHUNK: usize = 16;
const WINDOW: usize = 68;
/// Buffered bytes after which the buffer is handed to the sink.
const FLUSH_AT: usize = 512;
const HASH_BLOCK: usize = 64;

/// Encodes pieces of a pre-image and hands the encoded bytes to `sink` in order.
pub(crate) struct StreamEncoder<F: FnMut(&[u8])> {
    buf: [u8; FLUSH_AT + WINDOW],
    at: usize,
    sink: F,
}

impl<F: FnMut(&[u8])> StreamEncoder<F> {
    pub(crate) fn new(sink: F) -> Self {
        StreamEncoder { buf: [0; FLUSH_AT + WINDOW], at: 0, sink }
    }

    /// Appends bytes that are already encoded (`%26`, `hashkey%3d`); at most WINDOW long.
    pub(crate) fn literal(&mut self, encoded: &[u8]) {
        self.make_room();
        self.buf[self.at..self.at + encoded.len()].copy_from_slice(encoded);
        self.at += encoded.len();
    }

    /// Appends an encoded separator of up to three bytes, packed like a table entry (`AMP`,
    /// `EQUALS`): one 4-byte store, where a slice copy of unknown length would call memcpy.
    pub(crate) fn separator(&mut self, packed: u32) {
        self.make_room();
        self.buf[self.at..self.at + 4].copy_from_slice(&packed.to_le_bytes());
        self.at += (packed >> 24) as usize;
    }

    /// Appends the encoding of `text`.
    pub(crate) fn encode(&mut self, text: &str) {
        for chunk in text.as_bytes().chunks(CHUNK) {
            self.make_room();
            let window: &mut [u8; WINDOW] = (&mut self.buf[self.at..self.at + WINDOW]).try_into().expect("a window fits after make_room");
            self.at += encode_window(chunk, window);
        }
    }

    /// Hands the rest to the sink.
    pub(crate) fn finish(mut self) {
        (self.sink)(&self.buf[..self.at]);
    }

    /// Hands whole 64-byte blocks to the sink once the buffer is full enough, keeping the tail:
    /// SHA-256 and MD5 consume 64-byte blocks, so whole blocks are hashed straight from this
    /// buffer instead of being copied into the hasher's own.
    fn make_room(&mut self) {
        if self.at > FLUSH_AT {
            let whole = self.at / HASH_BLOCK * HASH_BLOCK;
            (self.sink)(&self.buf[..whole]);
            self.buf.copy_within(whole..self.at, 0);
            self.at -= whole;
        }
    }
}

/// Encodes at most CHUNK bytes into `window`, returning how many bytes were written.
#[inline(always)]
fn encode_window(input: &[u8], window: &mut [u8; WINDOW]) -> usize {
    let mut j = 0;
    for &b in input {
        // Branch-free: always store four bytes and advance by the encoded length; surplus
        // bytes are overwritten by the next store or never handed out. j < 48 always, so
        // `& 63` never changes it; it only tells the compiler the store is in bounds.
        let e = ENCODE_TABLE[b as usize];
        let k = j & 63;
        window[k..k + 4].copy_from_slice(&e.to_le_bytes());
        j += (e >> 24) as usize;
    }
    j
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
