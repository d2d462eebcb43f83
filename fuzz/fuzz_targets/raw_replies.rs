//! The k=v reply parsers (QueryTradeInfo, CreditCardPeriodAction, DoAction) on arbitrary bytes:
//! never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use omg_core::api::{do_action, period_action, query_trade_info};
use omg_core::Credentials;

fuzz_target!(|data: &[u8]| {
    let credentials = Credentials::stage();
    let _ = query_trade_info::parse_reply(data, &credentials);
    let _ = period_action::parse_reply(data, &credentials);
    let _ = do_action::parse_reply(data);
});
