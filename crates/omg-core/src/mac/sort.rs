//! The signing order (protocol.md §3 step 2): keys compared by their ASCII-lowercased bytes.
//!
//! How (docs/performance.md, "Fourth pass"): each field gets one number, the first six bytes of
//! its lowercased key (big-endian, so that numbers order as the bytes do) above its index. Those
//! numbers are sorted as plain integers, which the standard library does without a branch per
//! comparison; only neighbours whose six bytes are equal (`CustomField1`..`4`,
//! `PaymentDate`/`PaymentType`) are then put in order by comparing their keys. Sorting forty-byte
//! entries with a comparison closure mispredicted about one branch in two and was a sixth of
//! verifying a notification. Since the sixth pass a field's number is made from its first eight
//! bytes alone, and the whole keys are read (as [`NameKey`]s) only for those neighbours, run by
//! run: computing sixteen-byte keys for every field and a second pass over all neighbours cost
//! more than the rare ties.

use std::cmp::Ordering;

use crate::error::{Error, Result};
use crate::fields::{too_many_bytes, too_many_fields, Fields, MAX_BODY_BYTES, MAX_FIELDS};
use crate::rules;

use super::names::NameKey;
use super::words;
use super::CHECK_MAC_VALUE;

/// A field to sign, as bytes (what the encoder reads).
pub(crate) struct SortEntry<'a> {
    pub(crate) key: &'a [u8],
    pub(crate) value: &'a [u8],
}

/// Fields in signing order: where they are, and their positions in sorted order.
pub(crate) struct Sorted<'a> {
    source: Source<'a>,
    /// Per signed field, in sorted order: six key bytes above, its position in `source` below.
    numbers: Vec<u64>,
}

/// Where the fields are: a [`Fields`] is read where it is (copying its ~30 pairs into a list of
/// their own was an allocation and a tenth of the sort), other pairs are collected.
enum Source<'a> {
    Fields(&'a Fields),
    Pairs(Vec<SortEntry<'a>>),
}

/// The index bits of a sort number: MAX_FIELDS (1024) indices fit.
const INDEX_BITS: u32 = 16;
const INDEX: u64 = (1 << INDEX_BITS) - 1;
const _: () = assert!(MAX_FIELDS as u64 <= INDEX + 1);

impl<'a> Sorted<'a> {
    /// The fields in signing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = SortEntry<'a>> + '_ {
        self.numbers.iter().map(|&n| self.source.entry(n))
    }
}

impl<'a> Source<'a> {
    /// The field at the position held by `number`.
    #[inline]
    fn entry(&self, number: u64) -> SortEntry<'a> {
        let at = (number & INDEX) as usize;
        match self {
            Source::Fields(fields) => {
                let (key, value) = fields.byte_pair_at(at);
                SortEntry { key, value }
            }
            Source::Pairs(pairs) => SortEntry { key: pairs[at].key, value: pairs[at].value },
        }
    }
}

/// The signed fields of `fields` (every field but CheckMacValue), sorted case-insensitively.
/// Two keys equal ignoring case are refused: the order between them, and so the signature,
/// would be ambiguous.
pub(crate) fn sorted_for_signing(fields: &Fields) -> Result<Sorted<'_>> {
    let numbers = numbered(fields.byte_pairs(), fields.len())?;
    sorted(Source::Fields(fields), numbers)
}

/// [`sorted_for_signing`] over any `(key, value)` pairs (borrowed slices of a body, or of a
/// binding's input). More than [`MAX_FIELDS`] signed fields, or more than
/// [`MAX_BODY_BYTES`] of them written `k=v&k=v`, are refused as such a body is: no gateway
/// message has them, and the sort would be the caller's to pay.
pub(crate) fn sorted_entries<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> Result<Sorted<'a>> {
    let len = pairs.size_hint().0.min(MAX_FIELDS + 1);
    let mut entries = Vec::with_capacity(len);
    let numbers = numbered(
        pairs.map(|(key, value)| (key.as_bytes(), value.as_bytes())).inspect(|&(key, value)| {
            entries.push(SortEntry { key, value });
        }),
        len,
    )?;
    sorted(Source::Pairs(entries), numbers)
}

/// One number per signed field of `pairs` (about `len` of them): its key's first six bytes,
/// lowercased, above its position among `pairs`. The caps of a message are checked here.
fn numbered<'a>(pairs: impl Iterator<Item = (&'a [u8], &'a [u8])>, len: usize) -> Result<Vec<u64>> {
    let mut numbers: Vec<u64> = Vec::with_capacity(len.min(MAX_FIELDS));
    let mut bytes = 0usize;
    for (at, (key, value)) in pairs.enumerate() {
        if key != CHECK_MAC_VALUE.as_bytes() {
            // Positions past INDEX can only come after MAX_FIELDS signed fields or a pile of
            // CheckMacValue fields: refused either way.
            if numbers.len() == MAX_FIELDS || at as u64 > INDEX {
                return Err(too_many_fields());
            }
            bytes = bytes.saturating_add(key.len() + value.len() + 2);
            if bytes > MAX_BODY_BYTES + 1 {
                return Err(too_many_bytes());
            }
            numbers.push(six_bytes(key) | at as u64);
        }
    }
    Ok(numbers)
}

fn sorted(source: Source<'_>, mut numbers: Vec<u64>) -> Result<Sorted<'_>> {
    put_in_order(&mut numbers, &source)?;
    Ok(Sorted { source, numbers })
}

/// Sorts the numbers of `source`'s fields; neighbours with the same six bytes
/// (`CustomField1`..`4`) are put in order by their whole keys, run by run in sorted order, so
/// that the duplicate named is the first one in that order.
fn put_in_order(numbers: &mut [u64], source: &Source) -> Result<()> {
    numbers.sort_unstable();
    let mut i = 1;
    while i < numbers.len() {
        if same_six(numbers[i - 1], numbers[i]) {
            let start = i - 1;
            let mut end = i + 1;
            while end < numbers.len() && same_six(numbers[start], numbers[end]) {
                end += 1;
            }
            order_run(&mut numbers[start..end], source)?;
            i = end;
        } else {
            i += 1;
        }
    }
    Ok(())
}

/// The first six bytes of `key`, ASCII-lowercased, as the high bytes of a big-endian number
/// (zeros past the key's end), with the index bits clear.
#[inline]
fn six_bytes(key: &[u8]) -> u64 {
    words::lowercase(words::load_up_to_8(key)).swap_bytes() & !INDEX
}

/// Orders a run of numbers whose six bytes are equal by their whole keys (an insertion sort:
/// runs are short), and refuses the first two keys equal ignoring case.
fn order_run(run: &mut [u64], source: &Source) -> Result<()> {
    // Each key's sixteen-byte order once, not once per comparison; on the stack for the runs
    // messages have (CustomField1..4), on the heap past that.
    let mut stack = [0u128; SHORT_RUN];
    let mut heap = Vec::new();
    let orders: &mut [u128] = if run.len() <= SHORT_RUN {
        &mut stack[..run.len()]
    } else {
        heap.resize(run.len(), 0);
        &mut heap
    };
    for (order, &number) in orders.iter_mut().zip(run.iter()) {
        *order = NameKey::of(source.entry(number).key).order();
    }
    let key = |number: u64| source.entry(number).key;
    for i in 1..run.len() {
        let mut j = i;
        while j > 0 && compare(orders[j - 1], key(run[j - 1]), orders[j], key(run[j])).is_gt() {
            run.swap(j - 1, j);
            orders.swap(j - 1, j);
            j -= 1;
        }
    }
    for i in 1..run.len() {
        let (a, b) = (key(run[i - 1]), key(run[i]));
        if compare(orders[i - 1], a, orders[i], b).is_eq() {
            let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
            return Err(Error::invalid(
                b.as_ref(),
                rules::DUPLICATE,
                format!("fields {a} and {b} differ only in case and cannot be signed unambiguously"),
            ));
        }
    }
    Ok(())
}

/// The longest run of tied numbers whose orders are kept on the stack.
const SHORT_RUN: usize = 8;

fn same_six(a: u64, b: u64) -> bool {
    a & !INDEX == b & !INDEX
}

/// The signing order of two keys `a` and `b`, given their orders (see [`NameKey::order`]):
/// their lowercased bytes.
fn compare(order_a: u128, a: &[u8], order_b: u128, b: &[u8]) -> Ordering {
    order_a.cmp(&order_b).then_with(|| {
        if a.len() > 16 && b.len() > 16 {
            compare_tails(a, b)
        } else {
            // Equal first sixteen bytes (zeros past the end): the shorter is a prefix.
            a.len().cmp(&b.len())
        }
    })
}

/// The bytes past the sixteenth, lowercased, compared without building lowercased copies;
/// `Equal` only when they are equal ignoring case.
fn compare_tails(a: &[u8], b: &[u8]) -> Ordering {
    for (x, y) in a[16..].iter().zip(&b[16..]) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order and the duplicates found are those of sorting the lowercased keys, for keys
    /// that share six, sixteen or more bytes, differ only past the sixteenth, hold NULs or are
    /// not ASCII.
    #[test]
    fn sorts_as_the_lowercased_keys_do() {
        let stems = ["", "a", "A", "CustomField", "customfielD", "PaymentTypeChargeFee", "é", "\0", "zz\0"];
        let ends = ["", "1", "2", "\0", "x", "X", "Ä", "ChargeFee", "chargefeF"];
        let mut keys: Vec<String> = Vec::new();
        for stem in stems {
            for end in ends {
                keys.push(format!("{stem}{end}"));
                keys.push(format!("{stem}{stem}{end}"));
            }
        }
        for window in 1..=keys.len().min(40) {
            for start in (0..keys.len()).step_by(7) {
                let chosen: Vec<&str> =
                    keys.iter().cycle().skip(start).step_by(3).take(window).map(String::as_str).collect();
                let mut lower: Vec<String> = chosen.iter().map(|k| k.to_ascii_lowercase()).collect();
                lower.sort();
                let has_duplicate = lower.windows(2).any(|w| w[0] == w[1]);
                match sorted_entries(chosen.iter().map(|k| (*k, ""))) {
                    Ok(sorted) => {
                        assert!(!has_duplicate, "{chosen:?}");
                        let got: Vec<String> =
                            sorted.iter().map(|e| String::from_utf8_lossy(e.key).to_ascii_lowercase()).collect();
                        assert_eq!(got, lower, "{chosen:?}");
                    }
                    Err(e) => {
                        assert!(has_duplicate, "{chosen:?}: {e}");
                        assert_eq!(e.field_errors()[0].rule, "duplicate");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Any keys, many sharing prefixes or differing only in case: the order and the
        /// duplicate found are those of a plain sort of the lowercased keys.
        #[test]
        fn any_keys_sort_as_their_lowercased_bytes(keys in proptest::collection::vec("(Custom|custom|PAYMENT|Payment)?[a-cA-C_1é\\x00]{0,20}", 0..60)) {
            let mut lower: Vec<String> = keys.iter().map(|k| k.to_ascii_lowercase()).collect();
            lower.sort();
            let has_duplicate = lower.windows(2).any(|w| w[0] == w[1]);
            match sorted_entries(keys.iter().map(|k| (k.as_str(), ""))) {
                Ok(sorted) => {
                    proptest::prop_assert!(!has_duplicate);
                    let got: Vec<String> = sorted.iter().map(|e| String::from_utf8_lossy(e.key).to_ascii_lowercase()).collect();
                    proptest::prop_assert_eq!(got, lower);
                }
                Err(e) => {
                    proptest::prop_assert!(has_duplicate, "{}", e);
                    // The duplicate named is the second of the first equal pair in sorted order.
                    let first = lower.windows(2).find(|w| w[0] == w[1]).map(|w| w[1].clone()).unwrap_or_default();
                    proptest::prop_assert_eq!(e.field_errors()[0].field.to_ascii_lowercase(), first);
                }
            }
        }
    }
}
