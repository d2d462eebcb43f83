//! Differential check of issue 9 item 1: any body that verifies must mean what the gateway
//! signed. A genuine payment result is signed (stage keys; the fuzzer picks extra fields and
//! values), then re-shaped by fuzzer-chosen edits that keep the signature when they can: the case
//! of a name or a value flipped, a field folded into the value before it, a value split at `&` or
//! `=` into fields of its own. Whenever the re-shaped body is accepted, its fields must be the
//! signed ones — the same names, known names spelt the same, values equal ignoring ASCII case —
//! and its dedupe key the same. The ASCII case of values and of names the SDK does not know is
//! what the protocol cannot protect (docs/signing.md); dedupe keys fold it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omg_core::mac::meaning::Shape;
use omg_core::notify;
use omg_core::notify::builder::PaymentResult;
use omg_core::{Credentials, Fields};

fn sorted_pairs(fields: &Fields) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    pairs.sort_by_key(|(k, _)| k.to_ascii_lowercase());
    pairs
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let (extras, edits) = rest.split_at(rest.len().min(first as usize));
    let credentials = Credentials::stage();

    // The genuine message: a payment result plus fuzzer-chosen fields.
    let mut genuine = PaymentResult {
        merchant_id: "1000031".into(),
        merchant_trade_no: "A2401011000001xyz".into(),
        trade_no: "2401011000001234".into(),
        trade_amt: 100,
        simulate_paid: first & 1 == 1,
        ..Default::default()
    };
    if let Ok(extra) = Fields::parse_form(extras) {
        genuine.extra = extra;
    }
    let Ok(body) = genuine.sign(&credentials) else { return };
    let Ok(signed) = notify::verify_notification(body.as_bytes(), &credentials) else { return };

    // Re-shape it, in the signing order (where folding keeps the pre-image).
    let mut pairs = sorted_pairs(signed.raw());
    for edit in edits.chunks(2) {
        if pairs.is_empty() {
            break;
        }
        let i = edit.get(1).copied().unwrap_or(0) as usize % pairs.len();
        match edit[0] % 5 {
            0 => pairs[i].0 = flip_case(&pairs[i].0, edit[0] as usize),
            1 => pairs[i].1 = flip_case(&pairs[i].1, edit[0] as usize),
            2 if i + 1 < pairs.len() && pairs[i + 1].0 != "CheckMacValue" => {
                let (name, value) = pairs.remove(i + 1);
                pairs[i].1 = format!("{}&{name}={value}", pairs[i].1);
            }
            3 => {
                if let Some(at) = pairs[i].1.find('&') {
                    let tail = pairs[i].1.split_off(at);
                    let (name, value) = tail[1..].split_once('=').unwrap_or((&tail[1..], ""));
                    pairs.insert(i + 1, (name.to_string(), value.to_string()));
                }
            }
            _ => {
                if let Some(at) = pairs[i].1.find('=') {
                    let value = pairs[i].1.split_off(at);
                    pairs[i].0 = format!("{}={}", pairs[i].0, &pairs[i].1);
                    pairs[i].1 = value[1..].to_string();
                }
            }
        }
    }
    let mut reshaped = Fields::new();
    for (k, v) in &pairs {
        reshaped.push(k.as_str(), v.as_str());
    }
    let Ok(accepted) = notify::verify_notification(reshaped.to_form_body().as_bytes(), &credentials) else { return };

    let before = sorted_pairs(signed.raw());
    let after = sorted_pairs(accepted.raw());
    assert_eq!(before.len(), after.len(), "a field appeared or vanished: {before:?} -> {after:?}");
    for ((k0, v0), (k1, v1)) in before.iter().zip(&after) {
        if Shape::PaymentResult.known_spelling(k0).is_some() {
            assert_eq!(k0, k1, "a known name changed");
        } else {
            assert!(k0.eq_ignore_ascii_case(k1), "a name changed: {k0} -> {k1}");
        }
        if k0 != "CheckMacValue" {
            assert!(v0.eq_ignore_ascii_case(v1), "{k0}: {v0:?} -> {v1:?}");
        }
    }
    assert_eq!(signed.kind(), accepted.kind());
    assert_eq!(signed.dedupe_key(), accepted.dedupe_key());
});

/// `text` with the ASCII case of its characters flipped, a pattern chosen by `seed`.
fn flip_case(text: &str, seed: usize) -> String {
    text.chars()
        .enumerate()
        .map(|(n, c)| {
            if (n + seed) % 3 == 0 {
                if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            } else {
                c
            }
        })
        .collect()
}
