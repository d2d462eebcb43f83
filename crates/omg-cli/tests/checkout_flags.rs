//! `omg checkout` applies the rules every binding applies (it builds the order with
//! `Order::from_named_values`, as they do), and every option the core accepts for ALL,
//! installments and recurring has a flag (issue 24). The real binary, no network.

use std::process::{Command, Output, Stdio};

use serde_json::Value;

const COMMON: [&str; 8] =
    ["--amount", "100", "--desc", "shop", "--return-url", "https://shop.example/r", "--json", "--trade-no"];

fn checkout(extra: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_omg"));
    cmd.arg("checkout").args(COMMON).arg("CLIFLAGS1").args(extra);
    cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    for var in ["OMG_MERCHANT_ID", "OMG_HASH_KEY", "OMG_HASH_IV", "OMG_ENV", "OMG_BASE_URL", "OMG_CREDIT_CHECK_CODE"] {
        cmd.env_remove(var);
    }
    cmd.output().expect("omg runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!("not JSON: {} {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

/// The signed fields of a successful checkout.
#[track_caller]
fn fields(extra: &[&str]) -> Value {
    let out = checkout(extra);
    assert_eq!(out.status.code(), Some(0), "{extra:?}: {}", String::from_utf8_lossy(&out.stdout));
    json(&out)["fields"].clone()
}

/// The (field, rule) pairs of a refused checkout (exit 3).
#[track_caller]
fn refused(extra: &[&str]) -> Vec<(String, String)> {
    let out = checkout(extra);
    assert_eq!(out.status.code(), Some(3), "{extra:?}: {}", String::from_utf8_lossy(&out.stdout));
    let v = json(&out);
    let errors = v["field_errors"].as_array().unwrap_or_else(|| panic!("no field_errors: {v}"));
    errors.iter().map(|e| (e["field"].as_str().unwrap().to_string(), e["rule"].as_str().unwrap().to_string())).collect()
}

fn pair(field: &str, rule: &str) -> (String, String) {
    (field.to_string(), rule.to_string())
}

#[test]
fn an_item_holding_the_separator_is_refused_as_the_bindings_refuse_it() {
    // protocol.md §4: an item holding `#` would silently become two (rule `separator`).
    assert_eq!(refused(&["--item", "A#B", "--item", "C"]), [pair("ItemName", "separator")]);
    assert_eq!(refused(&["--item", "A", "--item", " "]), [pair("ItemName", "empty_item")]);
    assert_eq!(fields(&["--item", "A", "--item", "C"])["ItemName"], "A#C");
}

#[test]
fn values_are_judged_by_the_core_naming_the_wire_field() {
    assert_eq!(refused(&["--item", "x", "--union-pay", "9"]), [pair("UnionPay", "one_of")]);
    assert_eq!(refused(&["--item", "x", "--method", "atm", "--bank", "NOBANK"]), [pair("ChooseSubPayment", "one_of")]);
    assert_eq!(
        refused(&["--item", "x", "--method", "installments", "--installments", "3, 5"]),
        [pair("CreditInstallment", "one_of")]
    );
    // V1.3.7 p.15 and p.13: binding excluded with UnionPay only, and with a page language.
    let bound = ["--item", "x", "--binding-card", "--member-id", "m1"];
    assert_eq!(refused(&[&bound[..], &["--union-pay", "1"]].concat()), [pair("BindingCard", "conflict")]);
    assert_eq!(refused(&[&bound[..], &["--language", "ENG"]].concat()), [pair("BindingCard", "conflict")]);
    // A flag of another method is still named as the flag.
    assert_eq!(
        refused(&["--item", "x", "--method", "atm", "--store-expire", "5"]),
        [pair("--store-expire", "not_allowed")]
    );
    assert_eq!(refused(&["--item", "x", "--method", "installments"]), [pair("--installments", "required")]);
}

#[test]
fn every_all_option_has_a_flag() {
    let f = fields(&[
        "--item",
        "x",
        "--method",
        "all",
        "--binding-card",
        "--member-id",
        "member7",
        "--expire-days",
        "5",
        "--expire-minutes",
        "600",
        "--desc-1",
        "line one",
        "--desc-2",
        "two",
        "--desc-3",
        "three",
        "--desc-4",
        "four",
        "--payment-info-url",
        "https://shop.example/info",
        "--client-redirect-url",
        "https://shop.example/code",
        "--ignore-payment",
        "AFTEE,CVS",
    ]);
    for (name, value) in [
        ("ChoosePayment", "ALL"),
        ("BindingCard", "1"),
        ("MerchantMemberID", "member7"),
        ("ExpireDate", "5"),
        ("StoreExpireDate", "600"),
        ("Desc_1", "line one"),
        ("Desc_2", "two"),
        ("Desc_3", "three"),
        ("Desc_4", "four"),
        ("PaymentInfoURL", "https://shop.example/info"),
        ("ClientRedirectURL", "https://shop.example/code"),
        ("IgnorePayment", "AFTEE#CVS"),
    ] {
        assert_eq!(f[name], value, "{name}: {f}");
    }
    // --store-expire is the same StoreExpireDate (CVS minutes with ALL); both at once is a duplicate.
    assert_eq!(fields(&["--item", "x", "--method", "all", "--store-expire", "4320"])["StoreExpireDate"], "4320");
    assert_eq!(
        refused(&["--item", "x", "--method", "all", "--store-expire", "60", "--expire-minutes", "60"]),
        [pair("StoreExpireDate", "duplicate")]
    );
}

#[test]
fn card_binding_with_installments_and_recurring() {
    let f = fields(&[
        "--item",
        "x",
        "--method",
        "installments",
        "--installments",
        "3,6",
        "--binding-card",
        "--member-id",
        "m2",
    ]);
    assert_eq!(
        (f["CreditInstallment"].as_str(), f["BindingCard"].as_str(), f["MerchantMemberID"].as_str()),
        (Some("3,6"), Some("1"), Some("m2"))
    );
    let f = fields(&[
        "--item",
        "x",
        "--method",
        "recurring",
        "--binding-card",
        "--member-id",
        "m3",
        "--period-type",
        "D",
        "--frequency",
        "7",
        "--exec-times",
        "4",
    ]);
    for (name, value) in [
        ("BindingCard", "1"),
        ("MerchantMemberID", "m3"),
        ("PeriodType", "D"),
        ("Frequency", "7"),
        ("ExecTimes", "4"),
        ("PeriodAmount", "100"),
    ] {
        assert_eq!(f[name], value, "{name}: {f}");
    }
}

#[test]
fn store_flags_for_cvs_and_barcode_and_order_options() {
    let f = fields(&["--item", "x", "--method", "barcode", "--store-expire", "7", "--desc-2", "pay at the counter"]);
    assert_eq!((f["StoreExpireDate"].as_str(), f["Desc_2"].as_str()), (Some("7"), Some("pay at the counter")));
    let f = fields(&["--item", "x", "--method", "cvs", "--store-expire", "1440", "--store", "IBON"]);
    assert_eq!((f["StoreExpireDate"].as_str(), f["ChooseSubPayment"].as_str()), (Some("1440"), Some("IBON")));
    let f = fields(&[
        "--item",
        "x",
        "--store-id",
        "S1",
        "--remark",
        "note",
        "--language",
        "JPN",
        "--need-extra-paid-info",
        "--custom-field",
        "2=order#42",
        "--item-url",
        "https://shop.example/x",
    ]);
    for (name, value) in [
        ("StoreID", "S1"),
        ("Remark", "note"),
        ("Language", "JPN"),
        ("NeedExtraPaidInfo", "Y"),
        ("CustomField2", "order#42"),
        ("ItemURL", "https://shop.example/x"),
    ] {
        assert_eq!(f[name], value, "{name}: {f}");
    }
    assert_eq!(refused(&["--item", "x", "--custom-field", "5=x"]), [pair("--custom-field", "format")]);
}

#[test]
fn a_field_replaces_the_flag_of_the_same_field_and_unknown_names_are_extra() {
    let f = fields(&["--item", "x", "--method", "cvs", "--desc-1", "a", "--field", "desc_1=b", "--field", "X_Note=1"]);
    assert_eq!((f["Desc_1"].as_str(), f["X_Note"].as_str()), (Some("b"), Some("1")));
    // What the SDK fills in cannot be set, as in every binding.
    assert_eq!(refused(&["--item", "x", "--field", "MerchantID=2000132"]), [pair("MerchantID", "not_allowed")]);
}
