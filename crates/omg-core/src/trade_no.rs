//! MerchantTradeNo generator (protocol.md §8): a 1–2 letter prefix, the Taiwan-time stamp
//! `yyMMddHHmmss`, and random base-36 characters (`0-9A-Z`) up to exactly 20 characters.
//!
//! `A` + `240101080000` + `K3Z9Q2M` → `A240101080000K3Z9Q2M`
//!
//! The number must be unique forever for the merchant (a failed order's number cannot be reused
//! either), so the random part carries the uniqueness within a second: 6 or 7 base-36 characters
//! (2.2 or 78 billion values). Across processes that makes a collision unlikely; within one
//! process it is ruled out: the generator remembers what it handed out recently and draws again
//! on a repeat (see `Recent`).

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use crate::clock::Clock;
use crate::error::{Error, FieldError, Result, TransportError};
use crate::rules;
use crate::taiwan_time::TaiwanDateTime;

/// The length of every generated MerchantTradeNo: the gateway's maximum.
pub const GENERATED_LENGTH: usize = 20;

const BASE36: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// A fresh MerchantTradeNo: `prefix` (1–2 ASCII letters, kept as given), the Taiwan time of
/// `clock` as `yyMMddHHmmss`, then random base-36 characters to make exactly 20 characters.
///
/// Never returns the same number twice within one process while fewer than 16,384 numbers
/// separate the two calls, whatever the clock says; see the module documentation.
pub fn generate_merchant_trade_no(prefix: &str, clock: &dyn Clock) -> Result<String> {
    check_prefix(prefix)?;
    let stamp = TaiwanDateTime::from_unix(clock.now_unix()).compact_stamp();
    let head = format!("{prefix}{stamp}");
    let random_len = GENERATED_LENGTH.saturating_sub(head.len());
    // A repeat is a one-in-billions event per draw; a few draws always suffice.
    for _ in 0..16 {
        let candidate = format!("{head}{}", random_base36(random_len)?);
        if RECENT.is_new(&candidate) {
            return Ok(candidate);
        }
    }
    Err(random_source_error("kept repeating recent numbers"))
}

fn check_prefix(prefix: &str) -> Result<()> {
    const FIELD: &str = "prefix";
    if prefix.is_empty() {
        return Err(Error::invalid(FIELD, rules::REQUIRED, "a MerchantTradeNo prefix of 1 or 2 letters is required"));
    }
    let mut errors = Vec::new();
    if prefix.chars().count() > 2 {
        errors.push(FieldError::new(FIELD, rules::MAX_LENGTH, "the MerchantTradeNo prefix is 1 or 2 letters"));
    }
    if !prefix.bytes().all(|b| b.is_ascii_alphabetic()) {
        errors.push(FieldError::new(FIELD, rules::CHARSET, "the MerchantTradeNo prefix may hold only ASCII letters"));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(errors))
    }
}

/// `len` (at most 12) uniformly random base-36 characters. One u64 per call: its modulo bias
/// over 36^7 values is below 10^-8, far under anything that matters for an order number.
fn random_base36(len: usize) -> Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes).map_err(|e| random_source_error(&e.to_string()))?;
    let mut value = u64::from_le_bytes(bytes);
    let mut out = vec![b'0'; len];
    for slot in out.iter_mut().rev() {
        *slot = BASE36[(value % 36) as usize];
        value /= 36;
    }
    Ok(out.into_iter().map(char::from).collect())
}

/// The operating system's random source failing is not a network problem, but of omg-core's
/// five error kinds it is the one a caller should treat the same way: try again later.
fn random_source_error(detail: &str) -> Error {
    Error::Transport(TransportError {
        message: format!("cannot generate a MerchantTradeNo: the random number source failed ({detail})"),
        timeout: false,
        status: None,
        outcome_unknown: false,
        reconcile_with: None,
    })
}

/// Numbers handed out recently by this process, as hashes, in two generations of up to
/// `GENERATION` entries: when the current one is full it becomes the previous one and a fresh
/// one starts, so memory stays under a megabyte and any two calls fewer than
/// `GENERATION` apart are compared. A hash collision only costs one more draw.
struct Recent {
    sets: Mutex<[BTreeSet<u64>; 2]>,
}

const GENERATION: usize = 16_384;

static RECENT: Recent = Recent { sets: Mutex::new([BTreeSet::new(), BTreeSet::new()]) };

impl Recent {
    /// Remembers `number`; false when it was handed out recently.
    fn is_new(&self, number: &str) -> bool {
        let mut hasher = DefaultHasher::new();
        number.hash(&mut hasher);
        let hash = hasher.finish();
        // A panic elsewhere while holding the lock leaves the sets intact: keep using them.
        let mut sets = self.sets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let [current, previous] = &mut *sets;
        if current.contains(&hash) || previous.contains(&hash) {
            return false;
        }
        if current.len() >= GENERATION {
            *previous = std::mem::take(current);
        }
        current.insert(hash);
        true
    }
}
