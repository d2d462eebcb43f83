//! `Described::field_json` and `boundary::notification_field_json`: one field of a described value,
//! read alone, is the same JSON as that field of the whole view (`to_json`), for every field of
//! every described type; a name the type does not describe is `None`. Bindings that convert a
//! field only when it is read (Python) rely on both giving the same answer.

use std::collections::BTreeSet;

use omg_core::api::do_action::DoActionResult;
use omg_core::api::period_action::PeriodActionResult;
use omg_core::api::query_credit_detail::{CloseEntry, CreditDetail, CreditStatus};
use omg_core::api::query_period_info::{ExecLogEntry, ExecStatus, PeriodInfo};
use omg_core::api::query_trade_info::TradeInfo;
use omg_core::boundary::{self, notification_field_json, notification_to_json, ClientSettings, Described, ErrorPayload};
use omg_core::notify::template::{sign_test_notification, Template};
use omg_core::order::{Order, Payment};
use omg_core::{Credentials, Environment, Error, FieldError, Fields, FixedClock};
use serde_json::json;

/// Every field read alone equals the same field of the whole view; an undescribed name is None.
fn check<T: Described>(value: &T, checked: &mut BTreeSet<&'static str>) {
    let desc = T::desc();
    let view = value.to_json();
    for field in desc.fields {
        assert_eq!(value.field_json(field.name).as_ref(), Some(&view[field.name]), "{}.{}", desc.name, field.name);
    }
    assert_eq!(value.field_json("no_such_field"), None, "{}", desc.name);
    checked.insert(desc.name);
}

#[test]
fn each_field_read_alone_equals_that_field_of_the_whole_view() {
    let mut checked = BTreeSet::new();
    let mut trade = TradeInfo { trade_amt: Some(1200), custom_fields: ["a".into(), String::new(), "c".into(), String::new()], ..Default::default() };
    trade.extra.push("gwsr", "12345");
    trade.raw.push("TradeAmt", "1200");
    check(&trade, &mut checked);
    let entry = ExecLogEntry { rtn_code: Some(1), amount: Some(300), process_date: "2024/01/01 08:00:00".into(), ..Default::default() };
    check(&entry, &mut checked);
    check(
        &PeriodInfo { exec_status: Some(ExecStatus::Finished), exec_log: vec![entry, ExecLogEntry::default()], raw: json!({"RtnCode": 1, "ExecLog": []}), ..Default::default() },
        &mut checked,
    );
    check(&PeriodInfo::default(), &mut checked);
    check(&PeriodActionResult { rtn_code: 1, rtn_msg: "OK".into(), ..Default::default() }, &mut checked);
    check(&DoActionResult { rtn_code: 1, trade_no: "2401011000001234".into(), ..Default::default() }, &mut checked);
    let close = CloseEntry { status: CreditStatus::Refunded, amount: Some(100), ..Default::default() };
    check(&close, &mut checked);
    check(&CreditDetail { close_data: vec![close], amount: Some(100), clsamt: Some(0), ..Default::default() }, &mut checked);
    let order = Order::new("A240101080000XYZ", 100, "shop", "Mug", "https://shop.example/return", Payment::default());
    check(&omg_core::checkout(&order, &Credentials::stage(), &Environment::Stage, &FixedClock(1_700_000_000)).unwrap(), &mut checked);
    let error = Error::Validation(vec![FieldError::new("TotalAmount", "range", "too much")]);
    check(&FieldError::new("TotalAmount", "range", "too much"), &mut checked);
    check(&ErrorPayload(&error), &mut checked);
    check(&ErrorPayload(&Error::Gateway { rtn_code: Some(10200047), rtn_msg: "not found".into() }), &mut checked);
    check(&ClientSettings::from_named([("base_url", "http://127.0.0.1:9"), ("read_timeout", "2.5")]).unwrap(), &mut checked);

    let credentials = Credentials::stage();
    for template in Template::ALL {
        let body = sign_test_notification(template, &Fields::new(), &credentials).unwrap();
        let n = omg_core::verify_notification(body.as_bytes(), &credentials).unwrap();
        let desc = boundary::notification_desc(n.kind());
        let view = notification_to_json(&n);
        for field in desc.fields {
            assert_eq!(notification_field_json(&n, field.name).as_ref(), Some(&view[field.name]), "{}.{}", desc.name, field.name);
        }
        assert_eq!(notification_field_json(&n, "no_such_field"), None);
        // A field of another kind is not one of this kind's.
        let foreign = if desc.name == "PeriodCharge" { "barcodes" } else { "first_auth_amount" };
        assert_eq!(notification_field_json(&n, foreign), None, "{}.{foreign}", desc.name);
        checked.insert(desc.name);
    }

    // Every described type was checked, so a new one cannot skip this test.
    for desc in boundary::types() {
        assert!(checked.contains(desc.name), "{} has no value in this test", desc.name);
    }
}
