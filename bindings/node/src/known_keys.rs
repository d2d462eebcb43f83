//! The field names (and HashKey, HashIV) of the field set `checkMacValue` signs again and again:
//! a merchant signs the same keys in the same order on every checkout, and only the values
//! change. The JS layer hands them over once (`rememberSigningKeys`), then sends only the values
//! (`checkMacValueOfValues`): the names no longer pass through `Array.prototype.join`, V8's copy
//! out and the UTF-16 reading on every call.
//!
//! One set per thread (a Node.js thread runs one JS environment at a time; each worker thread has
//! its own), named by a token unique in the process: the JS layer passes the token it was given,
//! and a set replaced since (another context on the same thread remembered its own) answers
//! `null`, so the caller signs with the whole packed text instead. Nothing here is protocol: the
//! names are text, signed by omg-core as if they had come with the values.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};

use napi::bindgen_prelude::*;
use napi_derive::napi;
use omg_core::mac;

use crate::convert::JoinedText;
use crate::errors::IntoJs;

/// The remembered names: `count` keys, then HashKey and HashIV, joined with NUL.
struct KnownKeys {
    token: u32,
    count: usize,
    text: JoinedText,
}

thread_local! {
    static KNOWN: RefCell<Option<KnownKeys>> = const { RefCell::new(None) };
}

/// The last token handed out (0: none yet).
static LAST_TOKEN: AtomicU32 = AtomicU32::new(0);

/// Remembers `count` keys followed by HashKey and HashIV, joined with NUL by the JS layer, for
/// this thread; returns their token, or 0 when the text does not split into `count + 2` items
/// (a name held a NUL: nothing is remembered).
#[napi(catch_unwind)]
pub fn remember_signing_keys(packed: JoinedText, count: u32) -> u32 {
    let count = count as usize;
    if packed.len() != count + 2 {
        return 0;
    }
    let token = LAST_TOKEN.fetch_add(1, Ordering::Relaxed).wrapping_add(1).max(1);
    KNOWN.with(|known| *known.borrow_mut() = Some(KnownKeys { token, count, text: packed }));
    token
}

/// The CheckMacValue (SHA-256) of the remembered keys `token` with these values (joined with NUL
/// by the JS layer, in the keys' order). `null` when this thread's remembered keys are not
/// `token`'s, or the values do not split into one per key (a value held a NUL): the JS layer then
/// signs the whole packed text.
#[napi(catch_unwind)]
pub fn check_mac_value_of_values(values: JoinedText, token: u32) -> Result<Option<String>> {
    KNOWN.with(|known| {
        let known = known.borrow();
        let Some(keys) = known.as_ref().filter(|k| k.token == token && values.len() == k.count) else {
            return Ok(None);
        };
        let pairs = (0..keys.count).map(|i| (keys.text.item(i), values.item(i)));
        let (hash_key, hash_iv) = (keys.text.item(keys.count), keys.text.item(keys.count + 1));
        // The same signing as `check_mac_value_packed` (duplicates ignoring case refused, the
        // message caps held), over the same text split in two.
        mac::sign_pairs(pairs, hash_key, hash_iv, mac::HashMethod::Sha256).map(Some).into_js()
    })
}
