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

/// One byte's .NET url-encoding, already lowercased: up to three output bytes and their count.
#[derive(Clone, Copy)]
struct Encoded {
    bytes: [u8; 3],
    len: u8,
}

const ENCODE_TABLE: [Encoded; 256] = build_encode_table();

const fn build_encode_table() -> [Encoded; 256] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut table = [Encoded { bytes: [0; 3], len: 0 }; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'!' | b'*' | b'(' | b')' => Encoded { bytes: [b, 0, 0], len: 1 },
            b'A'..=b'Z' => Encoded { bytes: [b + 32, 0, 0], len: 1 },
            b' ' => Encoded { bytes: [b'+', 0, 0], len: 1 },
            _ => Encoded { bytes: [b'%', HEX[(b >> 4) as usize], HEX[(b & 15) as usize]], len: 3 },
        };
        i += 1;
    }
    table
}

/// Appends the lowercased .NET url-encoding of `s` to `out`.
pub fn encode_lower_into(s: &str, out: &mut Vec<u8>) {
    let start = out.len();
    // Worst case is three bytes out per byte in; write whole entries, then keep what was used.
    out.resize(start + s.len() * 3, 0);
    let mut at = start;
    for &b in s.as_bytes() {
        let e = ENCODE_TABLE[b as usize];
        out[at..at + 3].copy_from_slice(&e.bytes);
        at += e.len as usize;
    }
    out.truncate(at);
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
fn sorted_for_signing(fields: &Fields) -> Result<Vec<(&str, &str)>> {
    let mut pairs: Vec<(&str, &str)> = fields.iter().filter(|(k, _)| *k != CHECK_MAC_VALUE).collect();
    pairs.sort_unstable_by(|a, b| compare_ignoring_ascii_case(a.0, b.0));
    for w in pairs.windows(2) {
        if w[0].0.eq_ignore_ascii_case(w[1].0) {
            return Err(Error::invalid(
                w[1].0,
                "duplicate",
                format!("fields {} and {} differ only in case and cannot be signed unambiguously", w[0].0, w[1].0),
            ));
        }
    }
    Ok(pairs)
}

fn compare_ignoring_ascii_case(a: &str, b: &str) -> std::cmp::Ordering {
    let a = a.bytes().map(|c| c.to_ascii_lowercase());
    let b = b.bytes().map(|c| c.to_ascii_lowercase());
    a.cmp(b)
}

/// Writes the encoded, lowercased pre-image into `out`.
fn encode_preimage(pairs: &[(&str, &str)], hash_key: &str, hash_iv: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(b"hashkey%3d");
    encode_lower_into(hash_key, out);
    for (k, v) in pairs {
        out.extend_from_slice(b"%26");
        encode_lower_into(k, out);
        out.extend_from_slice(b"%3d");
        encode_lower_into(v, out);
    }
    out.extend_from_slice(b"%26hashiv%3d");
    encode_lower_into(hash_iv, out);
}

fn hash_hex_upper(method: HashMethod, bytes: &[u8]) -> String {
    match method {
        HashMethod::Sha256 => hex_upper(&Sha256::digest(bytes)),
        HashMethod::Md5 => hex_upper(&Md5::digest(bytes)),
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// The CheckMacValue of `fields` (any CheckMacValue field among them is ignored).
pub fn sign(fields: &Fields, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<String> {
    let pairs = sorted_for_signing(fields)?;
    let capacity = 32 + 3 * (hash_key.len() + hash_iv.len() + pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum::<usize>());
    let mut buf = Vec::with_capacity(capacity);
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
    for (k, v) in &pairs {
        sorted_preimage.push('&');
        sorted_preimage.push_str(k);
        sorted_preimage.push('=');
        sorted_preimage.push_str(v);
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
