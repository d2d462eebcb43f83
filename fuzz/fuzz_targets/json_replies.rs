//! The JSON reply parsers (QueryCreditCardPeriodInfo, QueryTrade/V2) on arbitrary bytes: never
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omg_core::api::{query_credit_detail, query_period_info};

fuzz_target!(|data: &[u8]| {
    let _ = query_period_info::parse_reply(data);
    let _ = query_credit_detail::parse_reply(data);
});
