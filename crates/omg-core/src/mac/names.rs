//! Field names read as numbers: a name's first sixteen bytes as two words, as written and
//! ASCII-lowercased ([`NameKey`]), and the table of every name a signed message knows, found by
//! one hash probe on those words ([`known_names`]).
//!
//! Why: verifying a notification looks each of its ~30 names up among the known names (is it one
//! spelt in another case? is MerchantID there?) and sorts them ignoring case. Scanning the known
//! names of the same length per name, and `Fields::get` per question, were a quarter of the
//! call (docs/performance.md, "Fourth pass"). Two names of up to sixteen bytes are equal
//! (ignoring case) exactly when their lengths and their two (lowercased) words are; longer names
//! are confirmed byte by byte past the sixteenth.

use std::sync::OnceLock;

use crate::fields::Fields;

use super::meaning::Shape;
use super::words::{self, holds_either};

/// A name's first sixteen bytes (zeros past its end), as written and ASCII-lowercased, and its
/// length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NameKey {
    raw: [u64; 2],
    folded: [u64; 2],
    len: usize,
}

impl NameKey {
    #[inline]
    pub(crate) fn of(name: &[u8]) -> Self {
        let raw = words::first_16(name);
        NameKey { raw, folded: [words::lowercase(raw[0]), words::lowercase(raw[1])], len: name.len() }
    }

    /// The lowercased first sixteen bytes as one big-endian number: comparing these, then the
    /// lengths, then the bytes past the sixteenth, orders names as comparing their lowercased
    /// bytes does (a name that is a prefix of another sorts first; zero padding sorts like
    /// the end of the name, and the lengths settle a name that ends in NUL bytes).
    #[inline]
    pub(crate) fn order(&self) -> u128 {
        u128::from(self.folded[0].swap_bytes()) << 64 | u128::from(self.folded[1].swap_bytes())
    }

    /// Whether `name`, the name of this key, holds `&` or `=`: its first sixteen bytes are
    /// looked at in the key's words.
    #[inline]
    pub(crate) fn holds_separator(&self, name: &[u8]) -> bool {
        self.raw.iter().any(|&w| words::equal_bytes(w, b'&') | words::equal_bytes(w, b'=') != 0)
            || (name.len() > 16 && holds_either(&name[16..], b'&', b'='))
    }
}

/// Whether `a` (with key `ka`) and `b` (with key `kb`) are equal ignoring ASCII case.
#[inline]
pub(crate) fn equal_ignoring_case(ka: &NameKey, a: &[u8], kb: &NameKey, b: &[u8]) -> bool {
    ka.len == kb.len && ka.folded == kb.folded && (ka.len <= 16 || a[16..].eq_ignore_ascii_case(&b[16..]))
}

/// Whether `a` (with key `ka`) and `b` (with key `kb`) are the same bytes.
#[inline]
fn equal(ka: &NameKey, a: &[u8], kb: &NameKey, b: &[u8]) -> bool {
    ka.len == kb.len && ka.raw == kb.raw && (ka.len <= 16 || a[16..] == b[16..])
}

/// One name of the tables in `meaning`, spelt as they spell it, with the shapes whose table
/// holds it (a bit per [`Shape`]).
struct KnownName {
    spelling: &'static str,
    key: NameKey,
    shapes: u8,
    /// Whether another known spelling is equal to this one ignoring case (`amount`, `Amount`).
    has_other_spelling: bool,
}

/// Every known name once per spelling (`amount` and `Amount` are two), in an open-addressing
/// table keyed by the lowercased name: the spellings of one name ignoring case are found by one
/// probe sequence.
pub(crate) struct KnownNames {
    names: Vec<KnownName>,
    slots: [u8; SLOTS],
}

const SLOTS: usize = 256;
const EMPTY: u8 = u8::MAX;
/// The most known spellings the tables may hold (`KnownFields` has a slot for each).
pub(crate) const MAX_KNOWN: usize = 128;

fn slot_of(key: &NameKey) -> usize {
    let mixed = key.folded[0] ^ key.folded[1].rotate_left(23) ^ key.len as u64;
    (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % SLOTS
}

/// The table, built once.
pub(crate) fn known_names() -> &'static KnownNames {
    static NAMES: OnceLock<KnownNames> = OnceLock::new();
    NAMES.get_or_init(KnownNames::build)
}

impl KnownNames {
    fn build() -> Self {
        let mut table = KnownNames { names: Vec::new(), slots: [EMPTY; SLOTS] };
        for shape in Shape::ALL {
            for &spelling in shape.tables().iter().flat_map(|t| t.iter()) {
                let key = NameKey::of(spelling.as_bytes());
                match table.names.iter().position(|n| n.spelling == spelling) {
                    Some(id) => table.names[id].shapes |= shape.bit(),
                    None => {
                        let id = table.names.len();
                        assert!(id < MAX_KNOWN, "more known names than KnownFields has room for");
                        let has_other_spelling = table.names.iter().any(|n| n.spelling.eq_ignore_ascii_case(spelling));
                        for other in table.names.iter_mut().filter(|n| n.spelling.eq_ignore_ascii_case(spelling)) {
                            other.has_other_spelling = true;
                        }
                        table.names.push(KnownName { spelling, key, shapes: shape.bit(), has_other_spelling });
                        let mut slot = slot_of(&key);
                        while table.slots[slot] != EMPTY {
                            slot = (slot + 1) % SLOTS;
                        }
                        table.slots[slot] = id as u8;
                    }
                }
            }
        }
        table
    }

    /// The first known name equal to `name` ignoring ASCII case that `wanted` accepts, by id.
    #[inline]
    fn find(&self, key: &NameKey, name: &[u8], mut wanted: impl FnMut(usize, &KnownName) -> bool) -> Option<usize> {
        let mut slot = slot_of(key);
        loop {
            let id = self.slots[slot];
            if id == EMPTY {
                return None;
            }
            let known = &self.names[id as usize];
            if equal_ignoring_case(&known.key, known.spelling.as_bytes(), key, name) && wanted(id as usize, known) {
                return Some(id as usize);
            }
            slot = (slot + 1) % SLOTS;
        }
    }

    /// The spelling `shape`'s table gives the name `name` (with key `key`) has ignoring case.
    #[inline]
    pub(crate) fn spelling_in(&self, shape: Shape, key: &NameKey, name: &[u8]) -> Option<&'static str> {
        self.find(key, name, |_, known| known.shapes & shape.bit() != 0).map(|id| self.names[id].spelling)
    }

    /// The id of the known name spelt exactly `name`.
    #[inline]
    fn exact(&self, key: &NameKey, name: &[u8]) -> Option<usize> {
        self.find(key, name, |_, known| equal(&known.key, known.spelling.as_bytes(), key, name))
    }
}

/// Where each known name stands in one set of fields — the index of the first field spelt
/// exactly so — found in one pass, so that asking for MerchantID, RtnCode, TradeNo, ... is not a
/// scan of the fields each; and for which shapes some name is irregular (`check_meaning`'s
/// per-name checks): holds `&` or `=`, or is a name of the shape's table spelt in another case.
pub(crate) struct KnownFields<'a> {
    fields: &'a Fields,
    at: [u32; MAX_KNOWN],
    /// A bit per [`Shape`].
    irregular_for: u8,
}

const ABSENT: u32 = u32::MAX;

impl<'a> KnownFields<'a> {
    pub(crate) fn of(fields: &'a Fields) -> Self {
        let known = known_names();
        let mut at = [ABSENT; MAX_KNOWN];
        let mut irregular_for = 0u8;
        for (i, name) in fields.key_bytes().enumerate() {
            let key = NameKey::of(name);
            if key.holds_separator(name) {
                irregular_for = u8::MAX;
            }
            // Every known spelling equal ignoring case: the exact one is recorded; another
            // (`tradeno` for TradeNo; `amount` for PeriodReturnURL's `Amount`) is irregular for
            // the shapes whose table spells it so (each table spells a name once).
            known.find(&key, name, |id, candidate| {
                if equal(&candidate.key, candidate.spelling.as_bytes(), &key, name) {
                    if at[id] == ABSENT {
                        at[id] = u32::try_from(i).unwrap_or(ABSENT);
                    }
                    // Done, unless another spelling of the name is to be found too.
                    !candidate.has_other_spelling
                } else {
                    irregular_for |= candidate.shapes;
                    false
                }
            });
        }
        KnownFields { fields, at, irregular_for }
    }

    /// Whether no name holds `&` or `=` and none is a name of `shape`'s table spelt in another
    /// case: then `check_meaning`'s per-name checks have nothing to find.
    pub(crate) fn regular_names(&self, shape: Shape) -> bool {
        self.irregular_for & shape.bit() == 0
    }

    /// The value of the field named exactly `name`, the first one: what `Fields::get` answers.
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        self.position(name).map(|i| self.fields.value_at(i))
    }

    /// The index of the first field named exactly `name`, as `Fields::get` would find it.
    pub(crate) fn position(&self, name: &str) -> Option<usize> {
        let bytes = name.as_bytes();
        match known_names().exact(&NameKey::of(bytes), bytes) {
            Some(id) if self.at[id] != ABSENT => Some(self.at[id] as usize),
            Some(_) if self.fields.len() < ABSENT as usize => None,
            _ => self.fields.iter().position(|(key, _)| key == name),
        }
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        let mut names: Vec<String> = vec![
            "".into(),
            "a=b".into(),
            format!("{}&", "y".repeat(17)),
            "x".into(),
            "MerchantIDx".into(),
            "Merchant ID".into(),
            "a".repeat(400),
            "ÄmOunt".into(),
            "amount\0".into(),
            "PaymentTypeChargeFeX".into(),
            "PaymentTypeChargefee".into(),
        ];
        for shape in Shape::ALL {
            for name in shape.tables().iter().flat_map(|t| t.iter()) {
                names.extend([name.to_string(), name.to_ascii_lowercase(), name.to_ascii_uppercase()]);
            }
        }
        names
    }

    /// The hash lookup answers what a scan of the tables answers: the shape's entry equal
    /// ignoring case; and the index answers what `Fields::get` answers, for names known and not.
    #[test]
    fn lookups_agree_with_scans() {
        let known = known_names();
        for shape in Shape::ALL {
            for name in names() {
                let scan =
                    shape.tables().iter().flat_map(|t| t.iter()).copied().find(|k| k.eq_ignore_ascii_case(&name));
                let key = NameKey::of(name.as_bytes());
                assert_eq!(known.spelling_in(shape, &key, name.as_bytes()), scan, "{shape:?} {name}");
            }
        }
        let mut fields = Fields::new();
        for (i, name) in names().iter().enumerate().step_by(2) {
            fields.push(name, i.to_string());
        }
        fields.push("MerchantID", "second");
        let index = KnownFields::of(&fields);
        for name in names().iter().chain([&"MerchantID".to_string()]) {
            assert_eq!(index.get(name), fields.get(name), "{name}");
            assert_eq!(index.position(name), fields.iter().position(|(key, _)| key == name), "{name}");
        }
        // Regular names: none spelt otherwise than some table spells it, none with `&` or `=`.
        for name in names().iter().chain(&["a&b".to_string(), format!("{}=", "x".repeat(20)), "TradeNo".into()]) {
            let mut fields = Fields::new();
            fields.push("MerchantID", "1");
            fields.push(name, "v");
            for shape in Shape::ALL {
                let spelt_otherwise =
                    shape.tables().iter().flat_map(|t| t.iter()).any(|k| k.eq_ignore_ascii_case(name) && k != name);
                let expected = !spelt_otherwise && !name.contains(['&', '=']);
                assert_eq!(KnownFields::of(&fields).regular_names(shape), expected, "{shape:?} {name}");
            }
        }
    }

    /// Keys order and compare names as their lowercased bytes do.
    #[test]
    fn keys_order_and_compare_like_lowercased_bytes() {
        let names = names();
        for a in &names {
            for b in &names {
                let (ka, kb) = (NameKey::of(a.as_bytes()), NameKey::of(b.as_bytes()));
                let (la, lb) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
                assert_eq!(equal_ignoring_case(&ka, a.as_bytes(), &kb, b.as_bytes()), la == lb, "{a} {b}");
                assert_eq!(equal(&ka, a.as_bytes(), &kb, b.as_bytes()), a == b, "{a} {b}");
                let by_key = ka.order().cmp(&kb.order()).then(ka.len.cmp(&kb.len));
                if by_key.is_ne() || (a.len() <= 16 && b.len() <= 16) {
                    assert_eq!(by_key, la.as_bytes().cmp(lb.as_bytes()), "{a} {b}");
                }
                assert_eq!(ka.holds_separator(a.as_bytes()), a.contains(['&', '=']), "{a}");
            }
        }
    }

    proptest::proptest! {
        /// Any names, many of them known names in some casing: the lookups answer what scans of
        /// the tables and of the fields answer.
        #[test]
        fn any_names_are_looked_up_as_scans_find_them(picks in proptest::collection::vec((0usize..200, 0u8..4, "[a-zA-Z_&=]{0,3}"), 0..40)) {
            let known: Vec<&str> = Shape::ALL.iter().flat_map(|s| s.tables().iter().flat_map(|t| t.iter())).copied().collect();
            let names: Vec<String> = picks
                .iter()
                .map(|(i, casing, tail)| {
                    let base = known[i % known.len()];
                    match casing {
                        0 => base.to_string(),
                        1 => base.to_ascii_lowercase(),
                        2 => format!("{base}{tail}"),
                        _ => tail.clone(),
                    }
                })
                .collect();
            let mut fields = Fields::new();
            for (i, name) in names.iter().enumerate() {
                fields.push(name, i.to_string());
            }
            let index = KnownFields::of(&fields);
            for name in names.iter().chain(known.iter().map(|k| k.to_string()).collect::<Vec<_>>().iter()) {
                proptest::prop_assert_eq!(index.get(name), fields.get(name));
            }
            for shape in Shape::ALL {
                let table: Vec<&str> = shape.tables().iter().flat_map(|t| t.iter()).copied().collect();
                let irregular = names.iter().any(|n| n.contains(['&', '=']) || table.iter().any(|k| k.eq_ignore_ascii_case(n) && k != n));
                proptest::prop_assert_eq!(index.regular_names(shape), !irregular);
                for name in &names {
                    let scan = table.iter().copied().find(|k| k.eq_ignore_ascii_case(name));
                    proptest::prop_assert_eq!(shape.known_spelling(name), scan);
                }
            }
        }
    }
}
