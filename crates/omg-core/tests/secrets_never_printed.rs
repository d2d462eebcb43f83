//! HashKey, HashIV and CreditCheckCode must never appear in anything the SDK prints: Debug and
//! Display of every type that holds them, and every error the core can return while using them.
//! The test uses distinctive secrets and greps every output for them.

use omg_core::api::{do_action, period_action, query_credit_detail, query_period_info, query_trade_info, Action};
use omg_core::notify::{self, verify_notification};
use omg_core::order::{Order, Payment};
use omg_core::{checkout, mac, Config, Credentials, Environment, Fields, FixedClock, HashMethod};

const KEY: &str = "SeCrEtHaShKeY901";
const IV: &str = "SeCrEtHaShIv7788";
const CHECK_CODE: &str = "55443322";

fn credentials() -> Credentials {
    Credentials::new("3002607", KEY, IV).unwrap().with_credit_check_code(CHECK_CODE)
}

fn assert_clean(what: &str, text: &str) {
    for secret in [KEY, IV, CHECK_CODE] {
        for form in [secret.to_string(), secret.to_lowercase()] {
            assert!(!text.contains(&form), "{what} reveals a secret: {text}");
        }
    }
}

fn assert_error_clean<T: std::fmt::Debug>(what: &str, result: omg_core::Result<T>) {
    let err = result.expect_err(what);
    assert_clean(what, &format!("{err}"));
    assert_clean(what, &format!("{err:?}"));
}

#[test]
fn debug_and_display_of_credentials_and_config_hide_the_secrets() {
    let c = credentials();
    assert_clean("Credentials Debug", &format!("{c:?}"));
    assert_clean("Credentials Display", &format!("{c}"));
    let config = Config { credentials: c, environment: Environment::Production };
    assert_clean("Config Debug", &format!("{config:?}"));
}

#[test]
fn explain_masks_the_keys() {
    let fields = Fields::from_pairs([("MerchantID", "3002607"), ("ItemName", "x")]).unwrap();
    let e = mac::explain(&fields, KEY, IV, HashMethod::Sha256).unwrap();
    assert_clean("explain", &format!("{e:?}"));
}

#[test]
fn errors_met_while_using_the_keys_never_carry_them() {
    let c = credentials();
    let clock = FixedClock(1_704_067_200);

    // A forged notification, a tampered one, one for another merchant, garbage.
    let mut fields = Fields::from_pairs([("MerchantID", "3002607"), ("RtnCode", "1"), ("TradeAmt", "100")]).unwrap();
    let body = notify::sign_notification(fields.clone(), &c).unwrap();
    assert_error_clean(
        "tampered notification",
        verify_notification(body.replace("TradeAmt=100", "TradeAmt=1").as_bytes(), &c),
    );
    fields.push("CheckMacValue", "00");
    assert_error_clean("forged notification", verify_notification(fields.to_form_body().as_bytes(), &c));
    let other = Credentials::new("1111111", KEY, IV).unwrap();
    assert_error_clean("other merchant", verify_notification(body.as_bytes(), &other));
    assert_error_clean("non-UTF-8", verify_notification(b"MerchantID=%ff", &c));

    // Server API replies that fail their signature or are refused.
    let refusal = period_action::PeriodActionResult { rtn_code: 10200083, rtn_msg: "err".into(), ..Default::default() };
    let reply = period_action::render_reply(&refusal, &c).unwrap();
    assert_error_clean("refused period action", period_action::parse_reply(reply.as_bytes(), &c));
    assert_error_clean("period action, wrong keys", period_action::parse_reply(reply.as_bytes(), &other_keys()));
    assert_error_clean("trade info garbage", query_trade_info::parse_reply(b"MerchantID=3002607&CheckMacValue=AB", &c));
    assert_error_clean(
        "period info not found",
        query_period_info::parse_reply(query_period_info::render_not_found("3002607", "X1").as_bytes()),
    );
    assert_error_clean(
        "do action refusal",
        do_action::parse_reply(b"MerchantID=3002607&MerchantTradeNo=X1&TradeNo=T&RtnCode=0&RtnMsg=error_overDAY"),
    );
    assert_error_clean(
        "credit detail error",
        query_credit_detail::parse_reply(query_credit_detail::render_error("error_nopay").as_bytes()),
    );

    // Requests that fail validation.
    assert_error_clean("do action, bad amount", do_action::request(&c, "X1", "T1", Action::Capture, 0, None));
    assert_error_clean("trade query, bad number", query_trade_info::request(&c, "bad no!", None, &clock));
    let no_code = Credentials::new("3002607", KEY, IV).unwrap();
    assert_error_clean("credit detail without code", query_credit_detail::request(&no_code, "11960537", 100));

    // A checkout refused by the production guard and by validation.
    let order = Order::new("OM1", 100, "desc", "item", "http://shop.example/return", Payment::default());
    assert_error_clean("production guard", checkout(&order, &Credentials::stage(), &Environment::Production, &clock));
    let bad = Order::new("OM 1", 0, "", "", "ftp://x", Payment::default());
    assert_error_clean("invalid order", checkout(&bad, &c, &Environment::Stage, &clock));
}

fn other_keys() -> Credentials {
    Credentials::new("3002607", "OtherKey12345678", "OtherIv123456789").unwrap()
}
