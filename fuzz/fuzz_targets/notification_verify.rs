//! Notification verification on arbitrary bytes: never panics; anything accepted carries a valid
//! CheckMacValue (the stage keys) — so random bytes essentially never are.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omg_core::mac::{self, HashMethod};
use omg_core::notify;
use omg_core::Credentials;

fuzz_target!(|data: &[u8]| {
    let credentials = Credentials::stage();
    if let Ok(n) = notify::verify_notification(data, &credentials) {
        mac::verify(n.raw(), credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256)
            .expect("accepted means signed");
        let _ = (n.kind(), n.dedupe_key(), n.is_paid(), n.expect_amount(1));
    }
});
