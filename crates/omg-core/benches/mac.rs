//! CheckMacValue cost against SHA-256 alone over the same encoded bytes, measured side by side
//! in one run. Run: `cargo bench -p omg-core --bench mac` (or `make bench`, which prints every
//! language's table through scripts/bench-all.sh).
//!
//! Cases: signing a 15-field order with CJK text; verifying a 30-field notification from its raw
//! form body, as a merchant does (`verify_notification`: parse, signature, meaning, MerchantID,
//! the typed notification); verifying a signed QueryTradeInfo reply (`parse_reply`); and, for
//! reference, a plain char-by-char implementation (format!, per-character encoding,
//! to_lowercase) of the same rule.
//!
//! `mac --run CASE N` runs one case N times without timing, for callgrind: scripts/bench-all.sh
//! runs it with N and 2N and divides the difference, so setup cost drops out. `mac --tsv` prints
//! `case<TAB>ns` lines instead of the table.

use std::hint::black_box;
use std::time::{Duration, Instant};

use omg_core::api::query_trade_info;
use omg_core::mac::{self, HashMethod};
use omg_core::{verify_notification, Credentials, Fields};
use sha2::{Digest, Sha256};

const KEY: &str = "265flDjIvesceXWM";
const IV: &str = "pOOvhGd1V2pJbjfX";

fn order_fields() -> Fields {
    Fields::from_pairs([
        ("MerchantID", "1000031"),
        ("MerchantTradeNo", "OM2411251230ABCDEF12"),
        ("MerchantTradeDate", "2024/11/25 12:30:00"),
        ("PaymentType", "aio"),
        ("TotalAmount", "1280"),
        ("TradeDesc", "促銷方案 冬季特賣"),
        ("ItemName", "Apple iphone 7 手機殼 x2#保護貼 (9H)#快充線 1m"),
        ("ReturnURL", "https://shop.example.com.tw/omg/return"),
        ("ChoosePayment", "Credit"),
        ("EncryptType", "1"),
        ("OrderResultURL", "https://shop.example.com.tw/omg/result"),
        ("ClientBackURL", "https://shop.example.com.tw/orders/123"),
        ("Remark", "請於週末前出貨 ~ thanks"),
        ("CustomField1", "member:42"),
        ("NeedExtraPaidInfo", "Y"),
    ])
    .unwrap()
}

const NOTIFICATION_PAIRS: [(&str, &str); 30] = [
    ("MerchantID", "1000031"),
    ("MerchantTradeNo", "OM2411251230ABCDEF12"),
    ("StoreID", ""),
    ("RtnCode", "1"),
    ("RtnMsg", "交易成功"),
    ("TradeNo", "2411251230451234"),
    ("TradeAmt", "1280"),
    ("PaymentDate", "2024/11/25 12:31:02"),
    ("PaymentType", "Credit_CreditCard"),
    ("PaymentTypeChargeFee", "25.00"),
    ("TradeDate", "2024/11/25 12:30:00"),
    ("SimulatePaid", "0"),
    ("CustomField1", "member:42"),
    ("CustomField2", ""),
    ("CustomField3", ""),
    ("CustomField4", ""),
    ("card4no", "2222"),
    ("card6no", "431195"),
    ("red_dan", "0"),
    ("red_de_amt", "0"),
    ("red_ok_amt", "0"),
    ("red_yet", "0"),
    ("stage", "0"),
    ("stast", "0"),
    ("staed", "0"),
    ("eci", "5"),
    ("gwsr", "11960537"),
    ("process_date", "2024/11/25 12:31:02"),
    ("auth_code", "777777"),
    ("amount", "1280"),
];

fn notification_body() -> Vec<u8> {
    let mut f = Fields::new();
    for (k, v) in NOTIFICATION_PAIRS {
        f.push(k, v);
    }
    mac::sign_in_place(&mut f, KEY, IV, HashMethod::Sha256).unwrap();
    assert_eq!(f.len(), 31);
    f.to_form_body().into_bytes()
}

/// A signed QueryTradeInfo/V5 reply with the notification's fields plus the reply's own, raw
/// `k=v` as the gateway sends it (values not encoded).
fn trade_info_reply() -> Vec<u8> {
    let mut f = Fields::new();
    for (k, v) in NOTIFICATION_PAIRS.iter().filter(|(k, _)| !matches!(*k, "RtnCode" | "RtnMsg" | "SimulatePaid")) {
        f.push(*k, *v);
    }
    f.push("HandlingCharge", "32");
    f.push("TradeStatus", "1");
    f.push("ItemName", "Apple iphone 7 手機殼 x2#保護貼 (9H)");
    mac::sign_in_place(&mut f, KEY, IV, HashMethod::Sha256).unwrap();
    f.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&").into_bytes()
}

/// The encoded pre-image, built with the library's own encoder, so "SHA-256 alone" hashes
/// exactly the bytes that signing hashes.
fn encoded_preimage(fields: &Fields) -> Vec<u8> {
    let mut pairs: Vec<(&str, &str)> = fields.iter().filter(|(k, _)| *k != "CheckMacValue").collect();
    pairs.sort_by_key(|(k, _)| k.to_ascii_lowercase());
    let mut out = b"hashkey%3d".to_vec();
    mac::encode_lower_into(KEY, &mut out);
    for (k, v) in pairs {
        out.extend_from_slice(b"%26");
        mac::encode_lower_into(k, &mut out);
        out.extend_from_slice(b"%3d");
        mac::encode_lower_into(v, &mut out);
    }
    out.extend_from_slice(b"%26hashiv%3d");
    mac::encode_lower_into(IV, &mut out);
    out
}

/// The rule written the plain way: build the string, encode it char by char, lowercase, hash.
fn plain_sign(fields: &Fields) -> String {
    let mut pairs: Vec<(String, String)> = fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    pairs.sort_by_key(|a| a.0.to_lowercase());
    let mut raw = format!("HashKey={KEY}");
    for (k, v) in &pairs {
        raw += &format!("&{k}={v}");
    }
    raw += &format!("&HashIV={IV}");
    let mut encoded = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() || "-_.!*()".contains(c) {
            encoded.push(c);
        } else if c == ' ' {
            encoded.push('+');
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                encoded += &format!("%{b:02x}");
            }
        }
    }
    let digest = Sha256::digest(encoded.to_lowercase().as_bytes());
    digest.iter().map(|b| format!("{b:02X}")).collect()
}

/// How many calls make one timed batch of about 20 ms.
fn batch_size(f: &mut dyn FnMut()) -> u64 {
    let mut iterations = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..iterations {
            f();
        }
        if start.elapsed() > Duration::from_millis(20) {
            return iterations;
        }
        iterations *= 2;
    }
}

fn time_batch(f: &mut dyn FnMut(), iterations: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    start.elapsed().as_nanos() as f64 / iterations as f64
}

/// Nanoseconds per call of each case, measured in interleaved rounds (case A, case B, case A,
/// ...) so that every case sees the same machine load; the best round of each is kept.
fn measure_side_by_side(cases: &mut [&mut dyn FnMut()]) -> Vec<f64> {
    let sizes: Vec<u64> = cases.iter_mut().map(|f| batch_size(*f)).collect();
    let mut best = vec![f64::INFINITY; cases.len()];
    for _round in 0..15 {
        for (i, f) in cases.iter_mut().enumerate() {
            best[i] = best[i].min(time_batch(*f, sizes[i]));
        }
    }
    best
}

fn main() {
    let order = order_fields();
    let order_bytes = encoded_preimage(&order);
    assert_eq!(plain_sign(&order), mac::sign(&order, KEY, IV, HashMethod::Sha256).unwrap());

    let credentials = Credentials::new("1000031", KEY, IV).unwrap();
    let body = notification_body();
    let parsed = Fields::parse_form(&body).unwrap();
    let note_bytes = encoded_preimage(&parsed);
    let reply = trade_info_reply();
    let reply_bytes = encoded_preimage(&Fields::parse_raw(std::str::from_utf8(&reply).unwrap()).unwrap());
    assert!(query_trade_info::parse_reply(&reply, &credentials).unwrap().is_paid());

    let mut sha_order_f = || {
        black_box(Sha256::digest(black_box(&order_bytes)));
    };
    let mut sign_f = || {
        black_box(mac::sign(black_box(&order), KEY, IV, HashMethod::Sha256).unwrap());
    };
    let mut plain_f = || {
        black_box(plain_sign(black_box(&order)));
    };
    let mut sha_note_f = || {
        black_box(Sha256::digest(black_box(&note_bytes)));
    };
    let mut verify_f = || {
        black_box(verify_notification(black_box(&body), &credentials).unwrap());
    };
    let mut sha_reply_f = || {
        black_box(Sha256::digest(black_box(&reply_bytes)));
    };
    let mut reply_f = || {
        black_box(query_trade_info::parse_reply(black_box(&reply), &credentials).unwrap());
    };

    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--run") {
        let n: u64 = args.get(2).and_then(|n| n.parse().ok()).expect("usage: mac --run CASE N");
        let f: &mut dyn FnMut() = match args[1].as_str() {
            "sha_order" => &mut sha_order_f,
            "sign" => &mut sign_f,
            "plain" => &mut plain_f,
            "sha_notification" => &mut sha_note_f,
            "verify_notification" => &mut verify_f,
            "sha_reply" => &mut sha_reply_f,
            "parse_reply" => &mut reply_f,
            other => panic!("unknown case {other}"),
        };
        for _ in 0..n {
            f();
        }
        return;
    }

    let t = measure_side_by_side(&mut [
        &mut sha_order_f,
        &mut sign_f,
        &mut plain_f,
        &mut sha_note_f,
        &mut verify_f,
        &mut sha_reply_f,
        &mut reply_f,
    ]);
    let (sha_order, sign, plain, sha_note, verify, sha_reply, reply_t) = (t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
    if args.first().map(String::as_str) == Some("--tsv") {
        // For scripts/bench-all.sh: one `case<TAB>ns` line per case.
        let cases =
            ["sha_order", "sign", "plain", "sha_notification", "verify_notification", "sha_reply", "parse_reply"];
        for (case, ns) in cases.iter().zip(&t) {
            println!("{case}\t{ns:.0}");
        }
        return;
    }

    println!("CheckMacValue benchmark (best of 15 interleaved rounds, ns per call)");
    println!(
        "  encoded pre-image: order {} bytes, notification {} bytes, QueryTradeInfo reply {} bytes",
        order_bytes.len(),
        note_bytes.len(),
        reply_bytes.len()
    );
    // The input each call reads, for cycles per input byte (docs/performance.md, "Fourth pass").
    let order_input: usize = order.iter().map(|(k, v)| k.len() + v.len()).sum::<usize>() + KEY.len() + IV.len();
    println!(
        "  input: order fields + HashKey + HashIV {} bytes, notification body {} bytes, reply body {} bytes",
        order_input,
        body.len(),
        reply.len()
    );
    println!("  {:<52} {:>9.0} ns", "SHA-256 alone, order pre-image", sha_order);
    println!("  {:<52} {:>9.0} ns  {:>5.2}x SHA-256", "sign 15-field order (omg-core)", sign, sign / sha_order);
    println!(
        "  {:<52} {:>9.0} ns  {:>5.2}x SHA-256",
        "sign 15-field order (plain char-by-char)",
        plain,
        plain / sha_order
    );
    println!("  {:<52} {:>9.0} ns", "SHA-256 alone, notification pre-image", sha_note);
    println!(
        "  {:<52} {:>9.0} ns  {:>5.2}x SHA-256",
        "verify_notification, 30 fields from raw body",
        verify,
        verify / sha_note
    );
    println!("  {:<52} {:>9.0} ns", "SHA-256 alone, QueryTradeInfo reply pre-image", sha_reply);
    println!(
        "  {:<52} {:>9.0} ns  {:>5.2}x SHA-256",
        "QueryTradeInfo parse_reply, 30 fields",
        reply_t,
        reply_t / sha_reply
    );
}
