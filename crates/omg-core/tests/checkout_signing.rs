//! checkout(): validation first, MerchantTradeDate in Taiwan time, signed fields that verify,
//! the documented example's signature, and the production guard.

use omg_core::mac::{self, HashMethod};
use omg_core::order::{AllMethods, Atm, CreditRecurring, Order, Payment, PeriodType};
use omg_core::{checkout, Credentials, Environment, Error, FixedClock};
use serde_json::Value;

/// 2024-01-01T00:00:00Z, which is 08:00 in Taiwan.
const NEW_YEAR_UTC: i64 = 1_704_067_200;

fn merchant() -> Credentials {
    Credentials::new("3002607", "pwFHCqoQZGmho4w6", "EkRm7iFT261dpevs").unwrap()
}

fn order() -> Order {
    Order::new(
        "A240101080000K3Z9Q2M",
        1200,
        "Online shop",
        "T-shirt#Mug",
        "https://shop.example/omg/return",
        Payment::default(),
    )
}

fn broken(err: Error) -> Vec<(String, String)> {
    match err {
        Error::Validation(errors) => errors.into_iter().map(|e| (e.field, e.rule)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn the_documented_example_order_signs_to_the_published_check_mac_value() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/checkmacvalue.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let v = all["vectors"].as_array().unwrap().iter().find(|v| v["name"] == "ecpay-doc-aiocheckout").unwrap();
    let p = &v["params"];
    let s = |k: &str| p[k].as_str().unwrap().to_string();
    let mut o = Order::new(
        s("MerchantTradeNo"),
        s("TotalAmount").parse().unwrap(),
        s("TradeDesc"),
        s("ItemName"),
        s("ReturnURL"),
        Payment::All(AllMethods::default()),
    );
    o.merchant_trade_date = Some(s("MerchantTradeDate"));
    let credentials =
        Credentials::new(s("MerchantID"), v["hash_key"].as_str().unwrap(), v["hash_iv"].as_str().unwrap()).unwrap();

    let c = checkout(&o, &credentials, &Environment::Stage, &FixedClock(0)).unwrap();
    assert_eq!(c.fields.get("CheckMacValue"), v["expected"].as_str());
    // Exactly the documented fields were sent, nothing more.
    assert_eq!(c.fields.len(), p.as_object().unwrap().len() + 1);
}

#[test]
fn the_signature_verifies_and_breaks_when_a_field_changes() {
    let credentials = merchant();
    let mut c = checkout(&order(), &credentials, &Environment::Stage, &FixedClock(NEW_YEAR_UTC)).unwrap();
    assert_eq!(c.fields.iter().last().map(|(k, _)| k), Some("CheckMacValue"));
    mac::verify(&c.fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256).unwrap();
    c.fields.set("TotalAmount", "1");
    assert!(matches!(
        mac::verify(&c.fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256),
        Err(Error::Signature(_))
    ));
}

#[test]
fn merchant_trade_date_is_filled_in_taiwan_time_when_not_given() {
    let c = checkout(&order(), &merchant(), &Environment::Stage, &FixedClock(NEW_YEAR_UTC)).unwrap();
    assert_eq!(c.fields.get("MerchantTradeDate"), Some("2024/01/01 08:00:00"));
    // Placed where the gateway's examples put it, after MerchantTradeNo.
    let names: Vec<&str> = c.fields.iter().map(|(k, _)| k).collect();
    assert_eq!(&names[..3], ["MerchantID", "MerchantTradeNo", "MerchantTradeDate"]);
    // 2024-02-28T20:30:05Z is already the next day in Taiwan.
    let c = checkout(&order(), &merchant(), &Environment::Stage, &FixedClock(1_709_152_205)).unwrap();
    assert_eq!(c.fields.get("MerchantTradeDate"), Some("2024/02/29 04:30:05"));
}

#[test]
fn a_given_merchant_trade_date_is_kept() {
    let mut o = order();
    o.merchant_trade_date = Some("2023/12/31 23:59:59".into());
    let c = checkout(&o, &merchant(), &Environment::Stage, &FixedClock(NEW_YEAR_UTC)).unwrap();
    assert_eq!(c.fields.get("MerchantTradeDate"), Some("2023/12/31 23:59:59"));
}

#[test]
fn the_merchant_id_comes_from_the_credentials() {
    let c = checkout(&order(), &merchant(), &Environment::Stage, &FixedClock(NEW_YEAR_UTC)).unwrap();
    assert_eq!(c.fields.get("MerchantID"), Some("3002607"));
}

#[test]
fn the_action_url_is_the_environment_checkout_url() {
    let clock = FixedClock(NEW_YEAR_UTC);
    let stage = checkout(&order(), &merchant(), &Environment::Stage, &clock).unwrap();
    assert_eq!(stage.action_url, "https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5");
    let prod = checkout(&order(), &merchant(), &Environment::Production, &clock).unwrap();
    assert_eq!(prod.action_url, "https://payment.funpoint.com.tw/Cashier/AioCheckOut/V5");
    let sim = checkout(&order(), &merchant(), &Environment::Custom("http://127.0.0.1:9000/".into()), &clock).unwrap();
    assert_eq!(sim.action_url, "http://127.0.0.1:9000/Cashier/AioCheckOut/V5");
}

#[test]
fn an_invalid_order_is_refused_with_every_error_and_nothing_signed() {
    let mut o = order();
    o.total_amount = 0;
    o.item_name = "a\nb".into();
    let err = checkout(&o, &merchant(), &Environment::Stage, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(broken(err), pairs(&[("TotalAmount", "range"), ("ItemName", "charset")]));
}

#[test]
fn stage_allows_the_public_stage_merchant_and_http_callbacks() {
    let mut o = order();
    o.return_url = "http://127.0.0.1:8080/omg/return".into();
    checkout(&o, &Credentials::stage(), &Environment::Stage, &FixedClock(NEW_YEAR_UTC)).unwrap();
}

#[test]
fn production_refuses_the_public_stage_credentials() {
    let err =
        checkout(&order(), &Credentials::stage(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(broken(err), pairs(&[("MerchantID", "stage_credentials")]));
    // The stage HashKey under another MerchantID is the stage merchant too.
    let borrowed = Credentials::new("3002607", omg_core::config::STAGE_HASH_KEY, "EkRm7iFT261dpevs").unwrap();
    let err = checkout(&order(), &borrowed, &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(broken(err), pairs(&[("MerchantID", "stage_credentials")]));
}

#[test]
fn production_refuses_plain_http_server_callbacks_and_warns_about_browser_urls() {
    let mut o = order();
    o.return_url = "http://shop.example/omg/return".into();
    o.order_result_url = Some("HTTP://shop.example/omg/result".into());
    o.client_back_url = Some("http://shop.example/cart".into());
    o.item_url = Some("http://shop.example/items".into()); // a link, not a callback: allowed
    let err = checkout(&o, &merchant(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(broken(err), pairs(&[("ReturnURL", "https")]));
    // Browser URLs over plain http only make the payer's browser warn (V1.3.7 pp.8–13): signed,
    // with a warning the caller can see.
    o.return_url = "https://shop.example/omg/return".into();
    let signed = checkout(&o, &merchant(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap();
    let warned: Vec<(String, String)> = signed.warnings.iter().map(|w| (w.field.clone(), w.rule.clone())).collect();
    assert_eq!(warned, pairs(&[("OrderResultURL", "https"), ("ClientBackURL", "https")]));

    let mut atm = order();
    atm.payment = Payment::Atm(Atm {
        payment_info_url: Some("http://shop.example/omg/info".into()),
        client_redirect_url: Some("http://shop.example/omg/code".into()),
        ..Atm::default()
    });
    let err = checkout(&atm, &merchant(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(broken(err), pairs(&[("PaymentInfoURL", "https")]));

    let mut recurring = order();
    recurring.payment = Payment::CreditRecurring(CreditRecurring {
        binding: Default::default(),
        period_amount: 1200,
        period_type: PeriodType::Month,
        frequency: 1,
        exec_times: 12,
        period_return_url: Some("http://shop.example/omg/period".into()),
    });
    let err = checkout(&recurring, &merchant(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(broken(err), pairs(&[("PeriodReturnURL", "https")]));
}

#[test]
fn production_refuses_callback_urls_on_other_ports() {
    let mut o = order();
    o.return_url = "https://shop.example:8443/omg/return".into();
    let err = checkout(&o, &merchant(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(broken(err), pairs(&[("ReturnURL", "port")]));
    o.return_url = "https://shop.example:443/omg/return".into();
    checkout(&o, &merchant(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap();
}

#[test]
fn production_accepts_browser_urls_on_any_port() {
    // V1.3.7 p.8 binds the gateway's own calls to 80/443; the payer's browser opens any port.
    let mut o = order();
    o.order_result_url = Some("https://shop.example:8443/omg/done".into());
    o.client_back_url = Some("https://shop.example:8443/shop".into());
    let signed = checkout(&o, &merchant(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap();
    assert_eq!(signed.warnings, vec![]);
    assert_eq!(signed.fields.get("OrderResultURL"), Some("https://shop.example:8443/omg/done"));
    // The server callbacks still may not.
    let mut atm = order();
    atm.payment = Payment::Atm(Atm {
        payment_info_url: Some("https://shop.example:8443/omg/info".into()),
        client_redirect_url: Some("https://shop.example:8443/omg/code".into()),
        ..Atm::default()
    });
    let err = checkout(&atm, &merchant(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(broken(err), pairs(&[("PaymentInfoURL", "port")]));
}

#[test]
fn production_problems_are_reported_together_with_order_errors() {
    let mut o = order();
    o.trade_desc.clear();
    o.return_url = "http://shop.example/omg/return".into();
    let err = checkout(&o, &Credentials::stage(), &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    assert_eq!(
        broken(err),
        pairs(&[("TradeDesc", "required"), ("MerchantID", "stage_credentials"), ("ReturnURL", "https")])
    );
}

#[test]
fn errors_never_carry_the_keys() {
    let credentials = Credentials::new("3002607", "SECRETKEY123", "SECRETIV456").unwrap();
    let mut o = order();
    o.total_amount = 0;
    let err = checkout(&o, &credentials, &Environment::Production, &FixedClock(NEW_YEAR_UTC)).unwrap_err();
    let text = format!("{err} {err:?}");
    assert!(!text.contains("SECRETKEY123") && !text.contains("SECRETIV456"));
}

/// PeriodReturnURL = ReturnURL works only if that route accepts period charges; each is sent once
/// (issue 21 item 3): a warning naming PeriodReturnURL, on stage and in production alike.
#[test]
fn period_return_url_on_the_return_url_route_is_signed_with_a_warning() {
    let recurring = |period_return_url: &str| {
        let mut o = order();
        o.payment = Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: 1200,
            period_type: PeriodType::Month,
            frequency: 1,
            exec_times: 12,
            period_return_url: Some(period_return_url.into()),
        });
        o
    };
    for environment in [Environment::Stage, Environment::Production] {
        for same in ["https://shop.example/omg/return", "HTTPS://Shop.Example/omg/return"] {
            let signed = checkout(&recurring(same), &merchant(), &environment, &FixedClock(NEW_YEAR_UTC)).unwrap();
            assert_eq!(signed.warnings.len(), 1, "{same:?}: {:?}", signed.warnings);
            let warning = &signed.warnings[0];
            assert_eq!((warning.field.as_str(), warning.rule.as_str()), ("PeriodReturnURL", "shared_route"));
            assert!(
                warning.message.contains("must accept period charges") && warning.message.contains("once"),
                "{}",
                warning.message
            );
        }
        let own = checkout(
            &recurring("https://shop.example/omg/period"),
            &merchant(),
            &environment,
            &FixedClock(NEW_YEAR_UTC),
        )
        .unwrap();
        assert_eq!(own.warnings, vec![]);
    }
}
