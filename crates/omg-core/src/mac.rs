//! CheckMacValue (protocol.md §3): sort the fields case-insensitively, wrap them in
//! `HashKey=..&..&HashIV=..`, url-encode the way .NET's `HttpUtility.UrlEncode` does, lowercase,
//! hash, uppercase hex.
//!
//! Encoding and lowercasing are one table lookup per byte written straight into a reused buffer,
//! so signing costs little more than the hash itself (see docs/performance.md).
//!
//! Limitation of the protocol, not of this code: the whole encoded string is lowercased before
//! hashing, so changing the ASCII case of a value (`abc` → `ABC`) does not change the signature.

use md5::Md5;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::fields::Fields;

/// The name of the signature field, never part of its own pre-image.
pub const CHECK_MAC_VALUE: &str = "CheckMacValue";

/// The hash behind CheckMacValue: SHA-256 (EncryptType 1, every current API) or MD5 (legacy
/// EncryptType 0 merchants only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HashMethod {
    #[default]
    Sha256,
    Md5,
}

impl HashMethod {
    /// The method an `EncryptType` value asks for: `0` is MD5, anything else SHA-256.
    pub fn from_encrypt_type(value: Option<&str>) -> Self {
        match value {
            Some("0") => HashMethod::Md5,
            _ => HashMethod::Sha256,
        }
    }
}

/// One byte's .NET url-encoding, already lowercased, packed for a single 4-byte store: the
/// low three bytes (little-endian) are the output, the high byte is how many of them count.
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

/// Appends the lowercased .NET url-encoding of `s` to `out`.
pub fn encode_lower_into(s: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + max_encoded_len(s.len()), 0);
    let end = encode_at(s.as_bytes(), out, start);
    out.truncate(end);
}

/// Room the encoding of `n` bytes may need: three bytes out per byte in, plus the slack that
/// `encode_at`'s fixed-size windows may touch past the end.
const fn max_encoded_len(n: usize) -> usize {
    n * 3 + WINDOW
}

/// Input bytes encoded per window, and the window's size: 16 bytes encode to at most 48, the
/// last 4-byte store may reach 4 past that, and the `& 63` below keeps every index provably
/// under 68, so the compiler checks bounds once per window instead of once per byte.
const CHUNK: usize = 16;
const WINDOW: usize = 68;

/// Writes the encoding of `input` into `dest` from index `at` (which must leave
/// `max_encoded_len(input.len())` bytes of room) and returns the index after it.
fn encode_at(input: &[u8], dest: &mut [u8], mut at: usize) -> usize {
    let mut chunks = input.chunks_exact(CHUNK);
    for chunk in &mut chunks {
        // A whole chunk has a fixed length, so the compiler unrolls this inner loop.
        let chunk: &[u8; CHUNK] = chunk.try_into().expect("chunks_exact yields CHUNK bytes");
        at += encode_window(chunk, window_at(dest, at));
    }
    let rest = chunks.remainder();
    at + encode_window(rest, window_at(dest, at))
}

fn window_at(dest: &mut [u8], at: usize) -> &mut [u8; WINDOW] {
    (&mut dest[at..at + WINDOW]).try_into().expect("room was reserved")
}

/// Encodes at most CHUNK bytes into `window`, returning how many bytes were written.
#[inline(always)]
fn encode_window(input: &[u8], window: &mut [u8; WINDOW]) -> usize {
    let mut j = 0;
    for &b in input {
        // Branch-free: always store four bytes and advance by the encoded length; surplus
        // bytes are overwritten by the next store or cut by the caller. j < 48 always, so
        // `& 63` never changes it; it only tells the compiler the store is in bounds.
        let e = ENCODE_TABLE[b as usize];
        let k = j & 63;
        window[k..k + 4].copy_from_slice(&e.to_le_bytes());
        j += (e >> 24) as usize;
    }
    j
}

/// Copies ASCII `literal` (already encoded and lowercase) into `dest` at `at`.
fn literal_at(literal: &[u8], dest: &mut [u8], at: usize) -> usize {
    dest[at..at + literal.len()].copy_from_slice(literal);
    at + literal.len()
}

/// The lowercased .NET url-encoding of one string.
pub fn encode_lower(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() * 3);
    encode_lower_into(s, &mut out);
    // Every byte written is ASCII.
    String::from_utf8(out).expect("url-encoding yields ASCII")
}

/// The signed fields of `fields` (every field but CheckMacValue), sorted case-insensitively.
/// Two keys equal ignoring case are refused: the sort order between them, and so the
/// signature, would be ambiguous.
fn sorted_for_signing(fields: &Fields) -> Result<Vec<SortEntry<'_>>> {
    let mut entries: Vec<SortEntry> = Vec::with_capacity(fields.len());
    for (key, value) in fields {
        if key != CHECK_MAC_VALUE {
            entries.push(SortEntry { prefix: lowercase_prefix(key), key, value });
        }
    }
    entries.sort_unstable_by(|a, b| a.prefix.cmp(&b.prefix).then_with(|| compare_ignoring_ascii_case(a.key, b.key)));
    for w in entries.windows(2) {
        if w[0].prefix == w[1].prefix && w[0].key.eq_ignore_ascii_case(w[1].key) {
            return Err(Error::invalid(
                w[1].key,
                "duplicate",
                format!("fields {} and {} differ only in case and cannot be signed unambiguously", w[0].key, w[1].key),
            ));
        }
    }
    Ok(entries)
}

/// A field with the first eight bytes of its lowercased key packed big-endian into a number:
/// comparing the numbers orders keys exactly as comparing those bytes does, so most of the
/// sort's comparisons are one integer comparison instead of a byte loop.
struct SortEntry<'a> {
    prefix: u64,
    key: &'a str,
    value: &'a str,
}

fn lowercase_prefix(key: &str) -> u64 {
    let key = key.as_bytes();
    let n = key.len().min(8);
    let mut bytes = [0u8; 8];
    bytes[..n].copy_from_slice(&key[..n]);
    bytes.make_ascii_lowercase();
    u64::from_be_bytes(bytes)
}

fn compare_ignoring_ascii_case(a: &str, b: &str) -> std::cmp::Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

/// Writes the encoded, lowercased pre-image into `out` (sized once, filled in place).
fn encode_preimage(pairs: &[SortEntry], hash_key: &str, hash_iv: &str, out: &mut Vec<u8>) {
    const KEY_PREFIX: &[u8] = b"hashkey%3d";
    const IV_PREFIX: &[u8] = b"%26hashiv%3d";
    let raw_len = hash_key.len() + hash_iv.len() + pairs.iter().map(|e| e.key.len() + e.value.len()).sum::<usize>();
    let room = KEY_PREFIX.len() + IV_PREFIX.len() + pairs.len() * 6 + max_encoded_len(raw_len) + WINDOW;
    let start = out.len();
    out.resize(start + room, 0);
    let mut at = literal_at(KEY_PREFIX, out, start);
    at = encode_at(hash_key.as_bytes(), out, at);
    for e in pairs {
        at = literal_at(b"%26", out, at);
        at = encode_at(e.key.as_bytes(), out, at);
        at = literal_at(b"%3d", out, at);
        at = encode_at(e.value.as_bytes(), out, at);
    }
    at = literal_at(IV_PREFIX, out, at);
    at = encode_at(hash_iv.as_bytes(), out, at);
    out.truncate(at);
}

fn hash_hex_upper(method: HashMethod, bytes: &[u8]) -> String {
    match method {
        HashMethod::Sha256 => hex_upper(&Sha256::digest(bytes)),
        HashMethod::Md5 => hex_upper(&Md5::digest(bytes)),
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = vec![0u8; bytes.len() * 2];
    for (pair, &b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX[(b >> 4) as usize];
        pair[1] = HEX[(b & 15) as usize];
    }
    String::from_utf8(out).expect("hex digits are ASCII")
}

/// The CheckMacValue of `fields` (any CheckMacValue field among them is ignored).
pub fn sign(fields: &Fields, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<String> {
    let pairs = sorted_for_signing(fields)?;
    let mut buf = Vec::new();
    encode_preimage(&pairs, hash_key, hash_iv, &mut buf);
    Ok(hash_hex_upper(method, &buf))
}

/// Checks the CheckMacValue carried by `fields` against every other field, in constant time.
pub fn verify(fields: &Fields, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<()> {
    let received = fields
        .get(CHECK_MAC_VALUE)
        .ok_or_else(|| Error::Signature("the message carries no CheckMacValue".into()))?;
    let expected = sign(fields, hash_key, hash_iv, method)?;
    if constant_time_eq_ignoring_ascii_case(expected.as_bytes(), received.as_bytes()) {
        Ok(())
    } else {
        Err(Error::Signature("CheckMacValue does not match the fields: the message was altered or signed with other keys".into()))
    }
}

/// Compares without an early exit, so the time taken does not reveal how many leading
/// characters of a forged signature were right.
fn constant_time_eq_ignoring_ascii_case(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x.to_ascii_uppercase() ^ y.to_ascii_uppercase();
    }
    diff == 0
}

/// The two intermediate values of a signature, for a merchant debugging a `CheckMacValue Error`:
/// HashKey and HashIV are masked as `****` in both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// `HashKey=****&k=v&...&HashIV=****`, raw values, sorted.
    pub sorted_preimage: String,
    /// The url-encoded, lowercased pre-image: `hashkey%3d****%26...%26hashiv%3d****`.
    pub encoded: String,
    pub method: HashMethod,
    pub check_mac_value: String,
}

/// Explains how the CheckMacValue of `fields` is computed, without revealing the keys.
pub fn explain(fields: &Fields, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<Explanation> {
    const MASK: &str = "****";
    let pairs = sorted_for_signing(fields)?;
    let mut sorted_preimage = format!("HashKey={MASK}");
    for e in &pairs {
        sorted_preimage.push('&');
        sorted_preimage.push_str(e.key);
        sorted_preimage.push('=');
        sorted_preimage.push_str(e.value);
    }
    sorted_preimage.push_str("&HashIV=");
    sorted_preimage.push_str(MASK);

    let mut masked = Vec::new();
    encode_preimage(&pairs, MASK, MASK, &mut masked);
    let encoded = String::from_utf8(masked).expect("url-encoding yields ASCII");
    Ok(Explanation { sorted_preimage, encoded, method, check_mac_value: sign(fields, hash_key, hash_iv, method)? })
}

/// Signs `fields` and appends (or replaces) their CheckMacValue field.
pub fn sign_in_place(fields: &mut Fields, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<()> {
    let value = sign(fields, hash_key, hash_iv, method)?;
    fields.set(CHECK_MAC_VALUE, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Fields {
        Fields::from_pairs(pairs.iter().copied()).unwrap()
    }

    #[test]
    fn encoding_follows_dotnet() {
        assert_eq!(encode_lower(" "), "+");
        assert_eq!(encode_lower("~'+"), "%7e%27%2b");
        assert_eq!(encode_lower("-_.!*()AZ"), "-_.!*()az");
        assert_eq!(encode_lower("手"), "%e6%89%8b");
    }

    #[test]
    fn keys_equal_ignoring_case_are_refused() {
        let err = sign(&f(&[("ItemName", "a"), ("itemname", "b")]), "k", "i", HashMethod::Sha256).unwrap_err();
        assert_eq!(err.field_errors()[0].rule, "duplicate");
    }

    #[test]
    fn sort_is_case_insensitive() {
        // "a" sorts before "B" ignoring case, although 'B' < 'a' in ASCII.
        let e = explain(&f(&[("B", "2"), ("a", "1")]), "k", "i", HashMethod::Sha256).unwrap();
        assert_eq!(e.sorted_preimage, "HashKey=****&a=1&B=2&HashIV=****");
    }

    #[test]
    fn verify_refuses_missing_and_wrong_signatures() {
        let mut fields = f(&[("A", "1")]);
        assert!(matches!(verify(&fields, "k", "i", HashMethod::Sha256), Err(Error::Signature(_))));
        sign_in_place(&mut fields, "k", "i", HashMethod::Sha256).unwrap();
        verify(&fields, "k", "i", HashMethod::Sha256).unwrap();
        assert!(matches!(verify(&fields, "k", "other", HashMethod::Sha256), Err(Error::Signature(_))));
        fields.set("A", "2");
        assert!(matches!(verify(&fields, "k", "i", HashMethod::Sha256), Err(Error::Signature(_))));
    }
}
