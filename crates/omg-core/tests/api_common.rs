//! What the five APIs share: routing, retry safety, refusals, and never panicking on any reply.

use omg_core::api::{self, do_action, period_action, query_credit_detail, query_period_info, query_trade_info, Api};
use omg_core::{Credentials, Error};
use proptest::prelude::*;

#[test]
fn every_api_routes_by_its_path_and_only_queries_are_idempotent() {
    for api in Api::ALL {
        assert_eq!(Api::from_path(api.path()), Some(api));
        assert_eq!(api.is_idempotent(), api.reconciled_by().is_none(), "{}", api.name());
        if let Some(query) = api.reconciled_by() {
            assert!(query.is_idempotent());
        }
    }
    assert_eq!(Api::from_path("/Cashier/AioCheckOut/V5"), None);
    assert_eq!(Api::from_path("/cashier/querytradeinfo/v5"), None);
    assert!(!Api::DoAction.is_idempotent() && !Api::PeriodAction.is_idempotent());
}

#[test]
fn render_refusal_is_a_gateway_error_for_every_api() {
    let c = Credentials::stage();
    let body = api::render_refusal(10200073, "CheckMacValue Error");
    assert_eq!(body, "RtnCode=10200073&RtnMsg=CheckMacValue Error");
    let results: [Result<(), Error>; 5] = [
        query_trade_info::parse_reply(body.as_bytes(), &c).map(|_| ()),
        query_period_info::parse_reply(body.as_bytes()).map(|_| ()),
        period_action::parse_reply(body.as_bytes(), &c).map(|_| ()),
        do_action::parse_reply(body.as_bytes()).map(|_| ()),
        query_credit_detail::parse_reply(body.as_bytes()).map(|_| ()),
    ];
    for r in results {
        match r {
            Err(Error::Gateway { rtn_code: Some(10200073), rtn_msg }) => assert_eq!(rtn_msg, "CheckMacValue Error"),
            other => panic!("{other:?}"),
        }
    }
}

fn parse_all(body: &[u8], c: &Credentials) {
    let _ = query_trade_info::parse_reply(body, c);
    let _ = query_period_info::parse_reply(body);
    let _ = period_action::parse_reply(body, c);
    let _ = do_action::parse_reply(body);
    let _ = query_credit_detail::parse_reply(body);
    let _ = api::is_json(body);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn no_reply_bytes_make_a_parser_panic(body in proptest::collection::vec(any::<u8>(), 0..400)) {
        parse_all(&body, &Credentials::stage());
    }

    #[test]
    fn no_reply_text_shaped_like_the_formats_makes_a_parser_panic(
        body in r#"[ \t\r\n]{0,2}(\{("[A-Za-z_]{0,8}":("[^"]{0,6}"|-?[0-9.e]{0,6}|null|\[\]|\{\}|\[\{"amount":"1"\}\]),?){0,6}\}?|([A-Za-z]{0,6}=[^&]{0,6}&?){0,6}|[0-9]{0,9}\|.{0,10})"#
    ) {
        parse_all(body.as_bytes(), &Credentials::stage());
    }
}

/// A JSON refusal that names its reason in RtnMsg but carries no RtnCode is a gateway refusal
/// with that message and no code — for every API, whatever its own reply format.
#[test]
fn a_json_refusal_with_rtn_msg_and_no_rtn_code_is_a_gateway_error() {
    let body = br#"{"RtnMsg":"error_Stop"}"#;
    let credentials = Credentials::stage();
    let results: Vec<(&str, Result<(), Error>)> = vec![
        ("QueryTradeInfo", query_trade_info::parse_reply(body, &credentials).map(drop)),
        ("CreditCardPeriodAction", period_action::parse_reply(body, &credentials).map(drop)),
        ("DoAction", do_action::parse_reply(body).map(drop)),
        ("QueryCreditCardPeriodInfo", query_period_info::parse_reply(body).map(drop)),
        ("QueryTrade/V2", query_credit_detail::parse_reply(body).map(drop)),
    ];
    for (api, result) in results {
        match result {
            Err(Error::Gateway { rtn_code: None, rtn_msg }) => assert_eq!(rtn_msg, "error_Stop", "{api}"),
            other => panic!("{api}: expected a gateway refusal without code, got {other:?}"),
        }
    }
}
