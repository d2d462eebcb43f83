//! CheckMacValue (protocol.md §3): sort the fields case-insensitively, wrap them in
//! `HashKey=..&..&HashIV=..`, url-encode the way .NET's `HttpUtility.UrlEncode` does, lowercase,
//! hash, uppercase hex.
//!
//! Limitation of the protocol, not of this code: the whole encoded string is lowercased before
//! hashing, so changing the ASCII case of a value (`abc` → `ABC`) does not change the signature.

pub(crate) mod body;
mod encode;
pub mod meaning;
pub(crate) mod names;
pub(crate) mod shape;
mod sort;
#[allow(unsafe_code)]
pub(crate) mod vector;
mod words;

use md5::Md5;
use sha2::{Digest, Sha256};

use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::rules;

use encode::StreamEncoder;
pub use encode::{encode_lower, encode_lower_into};
use sort::{sorted_entries, sorted_for_signing, Sorted};

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

    /// The method named `name` (`sha256` or `md5`, any case), the one parser every binding uses
    /// for its `method` argument. Anything else is a validation error on `method`, rule `one_of`.
    pub fn parse(name: &str) -> crate::error::Result<Self> {
        // Compared in place: a lowercased copy was an allocation on every signing call of every
        // binding that names the method (Python's `method="sha256"` default is one).
        let trimmed = name.trim();
        if trimmed.eq_ignore_ascii_case("sha256") {
            Ok(HashMethod::Sha256)
        } else if trimmed.eq_ignore_ascii_case("md5") {
            Ok(HashMethod::Md5)
        } else {
            Err(crate::error::Error::invalid(
                "method",
                crate::rules::ONE_OF,
                format!("method must be \"sha256\" or \"md5\", not {name:?}"),
            ))
        }
    }

    /// `sha256` or `md5`, the name [`HashMethod::parse`] reads.
    pub fn as_str(&self) -> &'static str {
        match self {
            HashMethod::Sha256 => "sha256",
            HashMethod::Md5 => "md5",
        }
    }
}

/// Streams the encoded, lowercased pre-image `hashkey%3d..%26k%3dv..%26hashiv%3d..` to `sink`.
fn write_preimage(pairs: &Sorted, hash_key: &str, hash_iv: &str, sink: impl FnMut(&[u8])) {
    let mut encoder = StreamEncoder::new(sink);
    encoder.literal(b"hashkey%3d");
    encoder.encode(hash_key);
    for e in pairs.iter() {
        encoder.field(e.key, e.value);
    }
    encoder.literal(b"%26hashiv%3d");
    encoder.encode(hash_iv);
    encoder.finish();
}

fn digest_preimage<D: Digest>(pairs: &Sorted, hash_key: &str, hash_iv: &str) -> Hex {
    let mut hasher = D::new();
    write_preimage(pairs, hash_key, hash_iv, |bytes| hasher.update(bytes));
    hex_upper(&hasher.finalize())
}

/// The CheckMacValue of fields already sorted for signing, with `method`'s hash.
fn digest(pairs: &Sorted, hash_key: &str, hash_iv: &str, method: HashMethod) -> Hex {
    match method {
        HashMethod::Sha256 => digest_preimage::<Sha256>(pairs, hash_key, hash_iv),
        HashMethod::Md5 => digest_preimage::<Md5>(pairs, hash_key, hash_iv),
    }
}

/// A digest in uppercase hex, held where it is made: verifying compares it as it is, and only
/// signing makes a `String` of it (an allocation per verification otherwise).
struct Hex {
    digits: [u8; 64],
    len: usize,
}

impl Hex {
    fn as_bytes(&self) -> &[u8] {
        &self.digits[..self.len]
    }

    fn into_string(self) -> String {
        String::from_utf8(self.as_bytes().to_vec()).expect("hex digits are ASCII")
    }
}

/// `bytes` (at most 32) in uppercase hex.
fn hex_upper(bytes: &[u8]) -> Hex {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut hex = Hex { digits: [0; 64], len: bytes.len() * 2 };
    for (pair, &b) in hex.digits.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX[(b >> 4) as usize];
        pair[1] = HEX[(b & 15) as usize];
    }
    hex
}

/// Refuses an empty HashKey or HashIV, as `Credentials::new` does: a signature over an empty key
/// is a valid-looking value the gateway will never accept (and one anybody can compute).
fn require_keys(hash_key: &str, hash_iv: &str) -> Result<()> {
    let errors: Vec<FieldError> = [("HashKey", hash_key), ("HashIV", hash_iv)]
        .into_iter()
        .filter(|(_, value)| value.is_empty())
        .map(|(name, _)| FieldError::new(name, rules::REQUIRED, format!("{name} is required: it must not be empty")))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// The CheckMacValue of `fields` (any CheckMacValue field among them is ignored). An empty
/// HashKey or HashIV is refused.
pub fn sign(fields: &Fields, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<String> {
    require_keys(hash_key, hash_iv)?;
    Ok(digest(&sorted_for_signing(fields)?, hash_key, hash_iv, method).into_string())
}

/// [`sign`] over borrowed `(key, value)` pairs, for a caller that holds the text already (a
/// binding's converted input) and would otherwise copy every field into a [`Fields`] only to
/// sign it. The same rules: a CheckMacValue pair is ignored, two keys equal ignoring case are
/// refused. Repeated keys are not looked for beyond that: pass pairs from a map (unique keys).
pub fn sign_pairs<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str)>,
    hash_key: &str,
    hash_iv: &str,
    method: HashMethod,
) -> Result<String> {
    require_keys(hash_key, hash_iv)?;
    Ok(digest(&sorted_entries(pairs)?, hash_key, hash_iv, method).into_string())
}

/// Checks the CheckMacValue carried by `fields` against every other field, in constant time.
pub fn verify(fields: &Fields, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<()> {
    require_keys(hash_key, hash_iv)?;
    let received =
        fields.get(CHECK_MAC_VALUE).ok_or_else(|| Error::Signature("the message carries no CheckMacValue".into()))?;
    check_signature(&sorted_for_signing(fields)?, received, hash_key, hash_iv, method)
}

/// Compares `received` with the signature of the sorted fields `pairs`, in constant time.
fn check_signature(pairs: &Sorted, received: &str, hash_key: &str, hash_iv: &str, method: HashMethod) -> Result<()> {
    let expected = digest(pairs, hash_key, hash_iv, method);
    if constant_time_eq_ignoring_ascii_case(expected.as_bytes(), received.as_bytes()) {
        Ok(())
    } else {
        Err(Error::Signature(
            "CheckMacValue does not match the fields: the message was altered or signed with other keys".into(),
        ))
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
    for e in pairs.iter() {
        sorted_preimage.push('&');
        sorted_preimage.push_str(&String::from_utf8_lossy(e.key));
        sorted_preimage.push('=');
        sorted_preimage.push_str(&String::from_utf8_lossy(e.value));
    }
    sorted_preimage.push_str("&HashIV=");
    sorted_preimage.push_str(MASK);

    // `*` is one of the characters the encoding keeps, so the mask survives it unchanged.
    let mut masked = Vec::new();
    write_preimage(&pairs, MASK, MASK, |bytes| masked.extend_from_slice(bytes));
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
    fn a_method_name_is_read_in_any_case_and_around_spaces_and_nothing_else_is() {
        for (name, method) in
            [("sha256", HashMethod::Sha256), (" SHA256 ", HashMethod::Sha256), ("Md5", HashMethod::Md5)]
        {
            assert_eq!(HashMethod::parse(name).unwrap(), method, "{name:?}");
        }
        for name in ["", "sha-256", "sha2566", "md", "ｓｈａ256", "sha256\u{0}"] {
            match HashMethod::parse(name) {
                Err(Error::Validation(errors)) => {
                    assert_eq!(errors[0].field, "method");
                    assert!(errors[0].rule == rules::ONE_OF);
                }
                other => panic!("{name:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_empty_hash_key_or_iv_is_refused_by_every_entry_naming_the_field() {
        let fields = f(&[("MerchantID", "1000031"), ("CheckMacValue", "00")]);
        let pairs = || [("MerchantID", "1000031")].into_iter();
        for (key, iv, named) in
            [("", "iv", vec!["HashKey"]), ("key", "", vec!["HashIV"]), ("", "", vec!["HashKey", "HashIV"])]
        {
            for result in [
                sign(&fields, key, iv, HashMethod::Sha256).map(|_| ()),
                sign_pairs(pairs(), key, iv, HashMethod::Md5).map(|_| ()),
                verify(&fields, key, iv, HashMethod::Sha256),
            ] {
                match result {
                    Err(Error::Validation(errors)) => {
                        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                        assert_eq!(fields, named);
                        assert!(errors.iter().all(|e| e.rule == rules::REQUIRED));
                    }
                    other => panic!("({key:?}, {iv:?}): {other:?}"),
                }
            }
        }
        assert!(sign(&fields, "k", "i", HashMethod::Sha256).is_ok());
    }

    #[test]
    fn signing_holds_the_fields_to_a_messages_caps() {
        use crate::fields::{MAX_BODY_BYTES, MAX_FIELDS};
        let names: Vec<String> = (0..=MAX_FIELDS).map(|i| format!("F{i}")).collect();
        let pairs = |n: usize| names[..n].iter().map(|k| (k.as_str(), "v"));
        assert!(sign_pairs(pairs(MAX_FIELDS), "k", "i", HashMethod::Sha256).is_ok());
        assert!(matches!(sign_pairs(pairs(MAX_FIELDS + 1), "k", "i", HashMethod::Sha256), Err(Error::Decode(_))));
        // `A=<v>&B=<w>` of exactly MAX_BODY_BYTES bytes is signed; one byte more is refused.
        let v = "x".repeat(40_000);
        let w = "y".repeat(MAX_BODY_BYTES - (2 + v.len() + 1 + 2));
        assert!(sign_pairs([("A", v.as_str()), ("B", w.as_str())].into_iter(), "k", "i", HashMethod::Sha256).is_ok());
        let w = format!("{w}y");
        let too_long = sign_pairs([("A", v.as_str()), ("B", w.as_str())].into_iter(), "k", "i", HashMethod::Sha256);
        assert!(matches!(too_long, Err(Error::Decode(_))), "{too_long:?}");
        assert!(matches!(sign(&f(&[("A", &v), ("B", &w)]), "k", "i", HashMethod::Sha256), Err(Error::Decode(_))));
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
