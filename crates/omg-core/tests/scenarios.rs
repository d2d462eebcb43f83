//! The cross-language scenarios (tests/scenarios/*.json, format in its README): real-shaped
//! gateway messages with the outcome the protocol gives them. Python and Node run the same files.

use omg_core::api::{do_action, period_action, query_credit_detail, query_period_info, query_trade_info};
use omg_core::notify::{self, Endpoint, Notification};
use omg_core::{Credentials, Error};
use serde_json::{json, Value};

fn scenario_files() -> Vec<(String, Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/scenarios")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).expect("scenario JSON"),
            )
        })
        .collect()
}

/// The keys of a case: the public stage merchant unless `input.keys` says otherwise.
fn credentials(input: &Value) -> Credentials {
    let keys = &input["keys"];
    let get = |name: &str, default: &str| keys[name].as_str().unwrap_or(default).to_string();
    Credentials::new(
        get("merchant_id", "1000031"),
        get("hash_key", "265flDjIvesceXWM"),
        get("hash_iv", "pOOvhGd1V2pJbjfX"),
    )
    .unwrap()
    .with_credit_check_code(get("credit_check_code", "59997889"))
}

fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |v| json!(v))
}

fn number(value: Option<i64>) -> Value {
    value.map_or(Value::Null, |v| json!(v))
}

/// A notification accessor by its snake_case name.
fn accessor(n: &Notification, name: &str) -> Value {
    match name {
        "merchant_id" => text(n.merchant_id()),
        "merchant_trade_no" => text(n.merchant_trade_no()),
        "store_id" => text(n.store_id()),
        "rtn_code" => number(n.rtn_code()),
        "rtn_msg" => text(n.rtn_msg()),
        "simulate_paid" => text(n.simulate_paid()),
        "trade_no" => text(n.trade_no()),
        "trade_amt" => number(n.trade_amt()),
        "payment_type" => text(n.payment_type()),
        "payment_type_charge_fee" => text(n.payment_type_charge_fee()),
        "payment_date" => text(n.payment_date()),
        "trade_date" => text(n.trade_date()),
        "bank_code" => text(n.bank_code()),
        "v_account" => text(n.v_account()),
        "payment_no" => text(n.payment_no()),
        "pay_from" => text(n.pay_from()),
        "barcode1" => text(n.barcode1()),
        "expire_date" => text(n.expire_date()),
        "card4no" => text(n.card4no()),
        "card6no" => text(n.card6no()),
        "atm_acc_bank" => text(n.atm_acc_bank()),
        "cvs_store_id" => text(n.cvs_store_id()),
        "cvs_store_name" => text(n.cvs_store_name()),
        "gwsr" => text(n.gwsr()),
        "process_date" => text(n.process_date()),
        "auth_code" => text(n.auth_code()),
        "amount" => number(n.amount()),
        "first_auth_amount" => number(n.first_auth_amount()),
        "total_success_times" => number(n.total_success_times()),
        other => panic!("the Rust scenario runner does not know the accessor {other:?}: add it here"),
    }
}

/// The typed result of a reply as {property: value}, the properties the bindings expose.
fn reply_result(api: &str, body: &[u8], credentials: &Credentials) -> Result<Value, Error> {
    Ok(match api {
        "query_trade_info" => {
            let r = query_trade_info::parse_reply(body, credentials)?;
            json!({
                "merchant_id": r.merchant_id, "merchant_trade_no": r.merchant_trade_no, "trade_no": r.trade_no,
                "trade_amt": r.trade_amt, "payment_type": r.payment_type, "handling_charge": r.handling_charge,
                "trade_status": r.trade_status.as_str(), "trade_status_name": r.trade_status.name(),
                "item_name": r.item_name, "is_paid": r.is_paid(),
            })
        }
        "query_period_info" => {
            let r = query_period_info::parse_reply(body)?;
            json!({ "merchant_trade_no": r.merchant_trade_no, "rtn_code": r.rtn_code })
        }
        "period_action" => {
            let r = period_action::parse_reply(body, credentials)?;
            json!({ "rtn_code": r.rtn_code, "rtn_msg": r.rtn_msg, "merchant_id": r.merchant_id, "merchant_trade_no": r.merchant_trade_no })
        }
        "do_action" => {
            let r = do_action::parse_reply(body)?;
            json!({ "rtn_code": r.rtn_code, "rtn_msg": r.rtn_msg, "merchant_trade_no": r.merchant_trade_no, "trade_no": r.trade_no })
        }
        "query_credit_detail" => {
            let r = query_credit_detail::parse_reply(body)?;
            json!({
                "trade_id": r.trade_id, "amount": r.amount, "clsamt": r.clsamt, "authtime": r.authtime,
                "status": r.status.as_str(), "status_name": r.status.name(),
            })
        }
        other => panic!("unknown api {other:?}"),
    })
}

fn check_error(case: &str, expected: &Value, err: &Error) {
    let kind = expected["kind"].as_str().unwrap();
    if kind == "not_found" {
        assert!(err.is_not_found(), "{case}: expected not_found, got {err:?}");
    } else {
        assert_eq!(err.kind(), kind, "{case}: {err:?}");
    }
    if let Some(field) = expected["field"].as_str() {
        assert_eq!(err.field_errors().first().map(|e| e.field.as_str()), Some(field), "{case}: {err:?}");
    }
    if let Some(rule) = expected["rule"].as_str() {
        assert_eq!(err.field_errors().first().map(|e| e.rule.as_str()), Some(rule), "{case}: {err:?}");
    }
    if let Some(code) = expected["rtn_code"].as_i64() {
        assert!(matches!(err, Error::Gateway { rtn_code: Some(c), .. } if *c == code), "{case}: {err:?}");
    }
}

fn run_verify_notification(case: &str, input: &Value, expect: &Value) {
    let body = input["body"].as_str().expect("input.body");
    let outcome = notify::verify_notification(body.as_bytes(), &credentials(input)).and_then(|n| {
        match input["endpoint"].as_str() {
            Some(name) => Ok(n.received_at(Endpoint::parse(name)?)),
            None => Ok(n),
        }
    });
    if let Some(expected) = expect.get("error") {
        check_error(case, expected, &outcome.expect_err(&format!("{case}: expected an error")));
        return;
    }
    let n = outcome.unwrap_or_else(|e| panic!("{case}: {e:?}"));
    if let Some(kind) = expect["kind"].as_str() {
        assert_eq!(n.kind().as_str(), kind, "{case}");
    }
    if let Some(paid) = expect["is_paid"].as_bool() {
        assert_eq!(n.is_paid(), paid, "{case}: is_paid");
    }
    if let Some(simulated) = expect["is_simulated"].as_bool() {
        assert_eq!(n.is_simulated(), simulated, "{case}: is_simulated");
    }
    if let Some(key) = expect["dedupe_key"].as_str() {
        assert_eq!(n.dedupe_key(), key, "{case}: dedupe_key");
    }
    for (name, value) in expect["accessors"].as_object().into_iter().flatten() {
        assert_eq!(&accessor(&n, name), value, "{case}: {name}");
    }
}

fn run_parse_reply(case: &str, input: &Value, expect: &Value) {
    let body = input["body"].as_str().expect("input.body");
    let outcome = reply_result(input["api"].as_str().expect("input.api"), body.as_bytes(), &credentials(input));
    if let Some(expected) = expect.get("error") {
        check_error(case, expected, &outcome.expect_err(&format!("{case}: expected an error")));
        return;
    }
    let result = outcome.unwrap_or_else(|e| panic!("{case}: {e:?}"));
    for (name, value) in expect["result"].as_object().expect("expect.result") {
        assert_eq!(&result[name.as_str()], value, "{case}: {name} in {result}");
    }
}

#[test]
fn every_scenario_has_its_expected_outcome() {
    let mut ran = 0;
    for (file, doc) in scenario_files() {
        for case in doc["cases"].as_array().unwrap() {
            let name = format!("{file}: {}", case["name"].as_str().unwrap());
            match case["op"].as_str().unwrap() {
                "verify_notification" => run_verify_notification(&name, &case["input"], &case["expect"]),
                "parse_reply" => run_parse_reply(&name, &case["input"], &case["expect"]),
                // tests/scenario_settings.rs runs these against ClientSettings.
                "settings" => continue,
                // tests/notify_receive.rs runs these through notify::receive.
                "receive" => continue,
                other => panic!("{name}: unknown op {other:?}"),
            }
            ran += 1;
        }
    }
    assert!(ran >= 20, "only {ran} scenarios ran");
}
