//! The explanation of a CheckMacValue as it crosses a boundary (`explain`).

use crate::mac::Explanation;

use super::described::describe;
use super::value_sets::HASH_METHOD;

describe! {
    /// How a CheckMacValue is computed, HashKey and HashIV masked: for debugging a CheckMacValue Error.
    EXPLANATION: Explanation as "Explanation" |e| {
        /// `HashKey=****&k=v&...&HashIV=****`, raw values, sorted case-insensitively.
        sorted_preimage: Str = &e.sorted_preimage,
        /// The .NET-style url-encoded, lowercased pre-image that is hashed (keys masked).
        encoded: Str = &e.encoded,
        /// sha256 or md5.
        method: Str in HASH_METHOD = e.method.as_str(),
        /// The resulting CheckMacValue (computed with the real keys).
        check_mac_value: Str = &e.check_mac_value,
    }
}
