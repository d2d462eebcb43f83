//! The worst case of reading one hostile notification: a 64 KiB body (the size cap) made of as
//! many tiny fields as fit, `F0=&F1=&…`. Prints the time of `verify_notification` (parse,
//! duplicate check, signature) for it, the median of 5 runs. Figures are in docs/reliability.md.
//!
//!     cargo run --release -p omg-core --example worst_case_parse

use std::time::Instant;

use omg_core::notify::{verify_notification, MAX_BODY_BYTES};
use omg_core::Credentials;

fn main() {
    let mut body = String::new();
    let mut i = 0;
    loop {
        let part = format!("F{i}=&");
        if body.len() + part.len() > MAX_BODY_BYTES {
            break;
        }
        body.push_str(&part);
        i += 1;
    }
    let credentials = Credentials::stage();
    let mut times = Vec::new();
    let mut outcome = String::new();
    for _ in 0..5 {
        let start = Instant::now();
        let result = verify_notification(body.as_bytes(), &credentials);
        times.push(start.elapsed());
        outcome = match result {
            Ok(_) => "accepted".into(),
            Err(e) => e.to_string(),
        };
    }
    times.sort();
    println!("body: {} bytes, {i} fields; median {:?}; outcome: {outcome}", body.len(), times[2]);
}
