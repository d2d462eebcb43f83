//! The boundary description (omg_core::boundary): every JSON view has exactly the described
//! fields with values of the described types, names follow the casing rules, and the two
//! case-dependent views (notifications, errors) pick the right description.

use omg_core::rules;
use std::collections::BTreeSet;

use omg_core::api::do_action::DoActionResult;
use omg_core::api::period_action::PeriodActionResult;
use omg_core::api::query_credit_detail::{CloseEntry, CreditDetail, CreditStatus};
use omg_core::api::query_period_info::{ExecLogEntry, ExecStatus, PeriodInfo};
use omg_core::api::query_trade_info::TradeInfo;
use omg_core::api::Api;
use omg_core::boundary::{
    self, error_payload, notification_to_json, ClientSettings, Described, ErrorPayload, PaymentCodeIssued,
    PaymentResult, PeriodCharge, TypeDesc, ValueType,
};
use omg_core::notify::template::{sign_test_notification, Template};
use omg_core::order::{Order, Payment};
use omg_core::{Credentials, Environment, Error, FieldError, Fields, FixedClock, NotificationKind, TransportError};
use serde_json::{json, Value};

fn notification(template: Template) -> omg_core::Notification {
    let credentials = Credentials::stage();
    let body = sign_test_notification(template, &Fields::new(), &credentials).unwrap();
    omg_core::verify_notification(body.as_bytes(), &credentials).unwrap()
}

/// Whether `value` is a legal JSON value of `ty`.
fn conforms(value: &Value, ty: &ValueType) -> Result<(), String> {
    let ok = match (ty, value) {
        (ValueType::Str, Value::String(_)) => true,
        (ValueType::OptStr, Value::String(_) | Value::Null) => true,
        (ValueType::Int, Value::Number(n)) => n.is_i64(),
        (ValueType::OptInt, Value::Number(n)) => n.is_i64(),
        (ValueType::OptInt, Value::Null) => true,
        (ValueType::Float, Value::Number(_)) => true,
        (ValueType::Bool, Value::Bool(_)) => true,
        (ValueType::StrMap, Value::Array(pairs)) => {
            pairs.iter().all(|p| matches!(p, Value::Array(kv) if kv.len() == 2 && kv.iter().all(Value::is_string)))
        }
        (ValueType::StrList, Value::Array(items)) => items.iter().all(Value::is_string),
        (ValueType::OptStrList, Value::Null) => true,
        (ValueType::OptStrList, Value::Array(items)) => items.iter().all(Value::is_string),
        (ValueType::ListOfOptStr, Value::Array(items)) => items.iter().all(|i| i.is_string() || i.is_null()),
        (ValueType::Json, _) => true,
        (ValueType::List(item), Value::Array(items)) => {
            for i in items {
                has_exactly_the_described_fields(item, i)?;
            }
            true
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{value} is not a {}", ty.name()))
    }
}

fn has_exactly_the_described_fields(desc: &TypeDesc, view: &Value) -> Result<(), String> {
    let Value::Object(map) = view else { return Err(format!("{}: the view is not an object: {view}", desc.name)) };
    let described: BTreeSet<&str> = desc.field_names().collect();
    let present: BTreeSet<&str> = map.keys().map(String::as_str).collect();
    if described != present {
        return Err(format!(
            "{}: described but missing {:?}, present but not described {:?}",
            desc.name,
            described.difference(&present).collect::<Vec<_>>(),
            present.difference(&described).collect::<Vec<_>>()
        ));
    }
    for field in desc.fields {
        conforms(&map[field.name], &field.ty).map_err(|e| format!("{}.{}: {e}", desc.name, field.name))?;
    }
    Ok(())
}

/// One or more values of every described type, as (description, JSON view).
fn samples() -> Vec<(&'static TypeDesc, Value)> {
    written_samples().into_iter().map(|s| (s.desc, s.view)).collect()
}

/// A sample value seen in the three ways a binding can read it: the JSON view, the view written
/// straight as text, and each described field computed alone.
struct Sample {
    desc: &'static TypeDesc,
    view: Value,
    text: String,
    flat: Vec<u8>,
    fields: Vec<Option<Value>>,
}

fn sample(desc: &'static TypeDesc, value: &dyn Described) -> Sample {
    Sample {
        desc,
        view: value.to_json(),
        text: value.to_json_text(),
        flat: {
            let mut out = Vec::new();
            value.write_flat(&mut out);
            out
        },
        fields: desc.fields.iter().map(|f| value.field_json(f.name)).collect(),
    }
}

fn written_samples() -> Vec<Sample> {
    fn of<T: Described>(value: &T) -> Sample {
        sample(T::desc(), value)
    }
    let mut out = Vec::new();
    let mut trade = TradeInfo { trade_amt: Some(100), ..Default::default() };
    trade.extra.push("gwsr", "12345");
    trade.raw.push("TradeAmt", "100");
    out.push(of(&trade));
    out.push(of(&TradeInfo::default()));
    let entry = ExecLogEntry { rtn_code: Some(1), amount: Some(100), ..Default::default() };
    out.push(of(&entry));
    out.push(of(&PeriodInfo {
        exec_status: Some(ExecStatus::Running),
        exec_log: vec![entry.clone(), ExecLogEntry::default()],
        raw: json!({"RtnCode": 1}),
        ..Default::default()
    }));
    out.push(of(&PeriodInfo::default()));
    out.push(of(&PeriodActionResult { rtn_code: 1, ..Default::default() }));
    out.push(of(&DoActionResult { rtn_code: 1, ..Default::default() }));
    let close = CloseEntry { status: CreditStatus::Captured, amount: Some(100), ..Default::default() };
    out.push(of(&close));
    out.push(of(&CreditDetail {
        close_data: vec![close, CloseEntry::default()],
        amount: Some(100),
        ..Default::default()
    }));
    for template in Template::ALL {
        let n = notification(template);
        let desc = boundary::notification_desc(n.kind());
        let written = match n.kind() {
            NotificationKind::PaymentResult => sample(desc, &PaymentResult(&n)),
            NotificationKind::PaymentCodeIssued => sample(desc, &PaymentCodeIssued(&n)),
            NotificationKind::PeriodCharge => sample(desc, &PeriodCharge(&n)),
        };
        assert_eq!(written.view, notification_to_json(&n));
        assert_eq!(written.text, boundary::notification_to_json_text(&n));
        assert_eq!(written.flat, boundary::notification_to_flat(&n));
        for (field, value) in desc.fields.iter().zip(&written.fields) {
            assert_eq!(value, &boundary::notification_field_json(&n, field.name), "{}.{}", desc.name, field.name);
        }
        out.push(written);
    }
    let order = Order::new("A240101080000XYZ", 100, "shop", "Mug", "https://shop.example/return", Payment::default());
    let form =
        omg_core::checkout(&order, &Credentials::stage(), &Environment::Stage, &FixedClock(1_700_000_000)).unwrap();
    out.push(of(&form));
    out.push(of(&FieldError::new("TotalAmount", rules::RANGE, "too much")));
    for error in all_error_kinds() {
        out.push(of(&ErrorPayload(&error)));
    }
    out.push(of(&ClientSettings::from_named(Vec::<(&str, &str)>::new()).unwrap()));
    let mut fields = Fields::new();
    fields.push("MerchantID", "1000031");
    out.push(of(&omg_core::mac::explain(&fields, "key", "iv", omg_core::HashMethod::Sha256).unwrap()));
    out.push(of(&omg_core::codes::describe(10200047)));
    let credentials = Credentials::stage();
    let body = sign_test_notification(Template::PaymentResult, &Fields::new(), &credentials).unwrap();
    let receive = omg_core::notify::receive::receive;
    let form = Some("application/x-www-form-urlencoded");
    out.push(of(&receive("POST", form, body.as_bytes(), 65536, &credentials)));
    out.push(of(&receive("GET", form, body.as_bytes(), 65536, &credentials)));
    out
}

fn all_error_kinds() -> Vec<Error> {
    vec![
        Error::Validation(vec![
            FieldError::new("TotalAmount", rules::RANGE, "too much"),
            FieldError::new("ItemName", rules::REQUIRED, "missing"),
        ]),
        Error::Signature("CheckMacValue does not match".into()),
        Error::Gateway { rtn_code: Some(10200047), rtn_msg: "查無此訂單".into() },
        Error::Gateway { rtn_code: None, rtn_msg: "error".into() },
        Error::Transport(TransportError {
            message: "DoAction: timed out".into(),
            timeout: true,
            status: None,
            outcome_unknown: true,
            reconcile_with: Some(Api::QueryCreditDetail),
        }),
        Error::Transport(TransportError {
            message: "503".into(),
            timeout: false,
            status: Some(503),
            outcome_unknown: false,
            reconcile_with: None,
        }),
        Error::Decode("bad UTF-8".into()),
    ]
}

#[test]
fn every_json_view_has_exactly_the_described_fields() {
    let samples = samples();
    for (desc, view) in &samples {
        if let Err(e) = has_exactly_the_described_fields(desc, view) {
            panic!("{e}");
        }
    }
    // Every described type has a sample, so a new type cannot skip this test.
    for desc in boundary::types() {
        assert!(samples.iter().any(|(d, _)| d.name == desc.name), "no sample of {} in samples()", desc.name);
    }
}

/// The view written straight as text (what .NET receives) and each field computed alone (what
/// PHP reads) are the JSON view, for a sample of every type: text with escapes, nulls, lists and
/// nested types included. The text keeps the described order.
#[test]
fn json_text_and_single_fields_are_the_json_view() {
    let mut samples = written_samples();
    let mut tricky = TradeInfo {
        trade_amt: Some(-5),
        item_name: "quote \" back\\slash \u{1} tab\t 中文 \u{7f}".into(),
        ..Default::default()
    };
    tricky.raw.push("Key\n", "line\r\nfeed \u{8}\u{c}");
    tricky.raw.push("eight_b\"", "12345678\\2345678\u{1f}abcdefgh\"");
    samples.push(sample(&boundary::TRADE_INFO, &tricky));
    for s in &samples {
        let parsed: Value =
            serde_json::from_str(&s.text).unwrap_or_else(|e| panic!("{}: {e}: {}", s.desc.name, s.text));
        assert_eq!(parsed, s.view, "{}", s.desc.name);
        let Value::Object(map) = &s.view else { panic!("{} is not an object", s.desc.name) };
        for (field, value) in s.desc.fields.iter().zip(&s.fields) {
            assert_eq!(value.as_ref(), map.get(field.name), "{}.{}", s.desc.name, field.name);
        }
        let order: Vec<&str> = s.desc.field_names().collect();
        let mut at = 0;
        for name in order {
            let found = s.text[at..]
                .find(&format!("\"{name}\":"))
                .unwrap_or_else(|| panic!("{}.{name} out of order", s.desc.name));
            at += found;
        }
    }
    assert_eq!(PaymentResult(&notification(Template::PaymentResult)).field_json("no_such_field"), None);
}

/// Reads a flat view (omg_core::boundary::flat's table) by its description, back into JSON: the
/// reader .NET has, written again from the layout, not from the writer.
struct FlatReader<'a>(&'a [u8]);

impl FlatReader<'_> {
    fn take(&mut self, n: usize) -> &[u8] {
        assert!(self.0.len() >= n, "the flat view ends early");
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take(4).try_into().unwrap())
    }
    fn i64(&mut self) -> i64 {
        i64::from_le_bytes(self.take(8).try_into().unwrap())
    }
    fn text(&mut self, len: u32) -> Value {
        Value::String(String::from_utf8(self.take(len as usize).to_vec()).expect("UTF-8"))
    }
    fn str(&mut self) -> Value {
        let len = self.u32();
        assert_ne!(len, u32::MAX, "a Str is never absent");
        self.text(len)
    }
    fn opt_str(&mut self) -> Value {
        match self.u32() {
            u32::MAX => Value::Null,
            len => self.text(len),
        }
    }
    fn list(&mut self, count: u32, item: impl Fn(&mut Self) -> Value) -> Value {
        Value::Array((0..count).map(|_| item(self)).collect())
    }
    fn value(&mut self, ty: &ValueType) -> Value {
        match ty {
            ValueType::Str => self.str(),
            ValueType::OptStr => self.opt_str(),
            ValueType::Int => json!(self.i64()),
            ValueType::OptInt => match self.take(1)[0] {
                0 => Value::Null,
                1 => json!(self.i64()),
                b => panic!("OptInt flag {b}"),
            },
            ValueType::Float => json!(f64::from_le_bytes(self.take(8).try_into().unwrap())),
            ValueType::Bool => match self.take(1)[0] {
                0 => json!(false),
                1 => json!(true),
                b => panic!("Bool byte {b}"),
            },
            ValueType::StrMap => {
                let count = self.u32();
                self.list(count, |r| json!([r.str(), r.str()]))
            }
            ValueType::StrList => {
                let count = self.u32();
                self.list(count, Self::str)
            }
            ValueType::OptStrList => match self.u32() {
                u32::MAX => Value::Null,
                count => self.list(count, Self::str),
            },
            ValueType::ListOfOptStr => {
                let count = self.u32();
                self.list(count, Self::opt_str)
            }
            ValueType::Json => serde_json::from_str(self.str().as_str().unwrap()).expect("JSON"),
            ValueType::List(item) => {
                let count = self.u32();
                self.list(count, |r| r.object(item))
            }
        }
    }
    fn object(&mut self, desc: &TypeDesc) -> Value {
        Value::Object(desc.fields.iter().map(|f| (f.name.to_string(), self.value(&f.ty))).collect())
    }
}

/// The flat view (what .NET reads notifications from), read back by the description, is the JSON
/// view, with nothing left over, for a sample of every type (text with escapes, control characters
/// and CJK, absent values, nested lists).
#[test]
fn the_flat_view_read_by_the_description_is_the_json_view() {
    let mut samples = written_samples();
    let mut tricky =
        TradeInfo { trade_amt: Some(-5), item_name: "quote \" 中文 \u{0} \u{7f}".into(), ..Default::default() };
    tricky.raw.push("Key\n", "line\r\nfeed");
    tricky.raw.push("", "");
    samples.push(sample(&boundary::TRADE_INFO, &tricky));
    for s in &samples {
        let mut reader = FlatReader(&s.flat);
        let read = reader.object(s.desc);
        assert_eq!(read, s.view, "{}", s.desc.name);
        assert!(reader.0.is_empty(), "{}: {} bytes left over", s.desc.name, reader.0.len());
    }
}

#[test]
fn names_follow_the_casing_rules_and_are_unique() {
    let mut classes = BTreeSet::new();
    for desc in boundary::types() {
        assert!(
            desc.name.chars().next().unwrap().is_ascii_uppercase() && !desc.name.contains('_'),
            "{} is not PascalCase",
            desc.name
        );
        assert!(classes.insert(desc.name), "{} described twice", desc.name);
        assert!(!desc.doc.is_empty(), "{} has no doc", desc.name);
        let mut fields = BTreeSet::new();
        for f in desc.fields {
            assert!(
                f.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}.{} is not snake_case",
                desc.name,
                f.name
            );
            assert!(fields.insert(f.name), "{}.{} described twice", desc.name, f.name);
            assert!(!f.doc.is_empty(), "{}.{} has no doc", desc.name, f.name);
        }
    }
}

#[test]
fn list_fields_refer_to_described_types() {
    for desc in boundary::types() {
        for f in desc.fields {
            if let ValueType::List(item) = f.ty {
                assert_eq!(
                    boundary::type_named(item.name),
                    Some(item),
                    "{}.{} lists an undescribed type",
                    desc.name,
                    f.name
                );
            }
        }
    }
}

#[test]
fn each_notification_kind_has_its_own_class_and_the_common_fields() {
    let expected = [
        (Template::PaymentResult, "PaymentResult", "payment_result"),
        (Template::AtmCodeIssued, "PaymentCodeIssued", "payment_code_issued"),
        (Template::BarcodeCodeIssued, "PaymentCodeIssued", "payment_code_issued"),
        (Template::PeriodCharge, "PeriodCharge", "period_charge"),
    ];
    for (template, class, kind) in expected {
        let n = notification(template);
        assert_eq!(boundary::notification_desc(n.kind()).name, class);
        let view = notification_to_json(&n);
        assert_eq!(view["kind"], json!(kind));
        assert_eq!(view["merchant_id"], json!("1000031"));
        assert_eq!(view["dedupe_key"], json!(n.dedupe_key()));
    }
    for desc in [PaymentResult::desc(), PaymentCodeIssued::desc(), PeriodCharge::desc()] {
        for common in
            ["kind", "dedupe_key", "is_paid", "is_simulated", "raw", "rtn_code", "custom_fields", "amount_field"]
        {
            assert!(desc.field(common).is_some(), "{} lacks {common}", desc.name);
        }
    }
    // Kind-specific fields stay with their kind.
    assert!(PaymentCodeIssued::desc().field("barcodes").is_some());
    assert!(PaymentResult::desc().field("barcodes").is_none());
    assert!(PeriodCharge::desc().field("first_auth_amount").is_some());
    assert!(PaymentResult::desc().field("first_auth_amount").is_none());
}

#[test]
fn barcodes_are_three_segments_or_null() {
    let credentials = Credentials::stage();
    let segments = Fields::from_pairs([
        ("Barcode1", "1012187FA"),
        ("Barcode2", "0000000000000000"),
        ("Barcode3", "101218000000100"),
    ])
    .unwrap();
    let body = sign_test_notification(Template::BarcodeCodeIssued, &segments, &credentials).unwrap();
    let barcode = notification_to_json(&omg_core::verify_notification(body.as_bytes(), &credentials).unwrap());
    assert_eq!(barcode["barcodes"], json!(["1012187FA", "0000000000000000", "101218000000100"]));
    let atm = notification_to_json(&notification(Template::AtmCodeIssued));
    assert_eq!(atm["barcodes"], Value::Null);
}

#[test]
fn raw_keeps_the_received_order_as_pairs() {
    let mut raw = Fields::new();
    raw.push("Zeta", "1");
    raw.push("Alpha", "a b+c");
    let result = DoActionResult { raw, ..Default::default() };
    assert_eq!(result.to_json()["raw"], json!([["Zeta", "1"], ["Alpha", "a b+c"]]));
}

#[test]
fn error_payloads_carry_what_each_kind_knows() {
    let validation = error_payload(&Error::invalid("TotalAmount", rules::RANGE, "TotalAmount must be at least 1"));
    assert_eq!(validation["kind"], json!("validation"));
    assert_eq!(
        validation["field_errors"],
        json!([{"field": "TotalAmount", "rule": "range", "message": "TotalAmount must be at least 1"}])
    );
    assert_eq!((validation["rtn_code"].clone(), validation["timeout"].clone()), (Value::Null, json!(false)));

    let gateway = error_payload(&Error::Gateway { rtn_code: Some(10200047), rtn_msg: "查無此訂單".into() });
    assert_eq!(
        (gateway["kind"].clone(), gateway["rtn_code"].clone(), gateway["rtn_msg"].clone()),
        (json!("gateway"), json!(10200047), json!("查無此訂單"))
    );
    assert_eq!(gateway["field_errors"], json!([]));
    // The RtnCode predicates (protocol.md §7): 10200047 is "order not found", 10200058 and
    // 10300028 a MerchantTradeNo used before, 100006 a schedule already stopped.
    for (code, expected) in [
        (Some(10200047), [true, false, false]),
        (Some(10200058), [false, true, false]),
        (Some(10300028), [false, true, false]),
        (Some(100006), [false, false, true]),
        (Some(10200073), [false, false, false]),
        (None, [false, false, false]),
    ] {
        let p = error_payload(&Error::Gateway { rtn_code: code, rtn_msg: "x".into() });
        let got = ["is_not_found", "is_duplicate", "is_already_stopped"].map(|name| p[name] == json!(true));
        assert_eq!(got, expected, "RtnCode {code:?}");
    }

    let transport = error_payload(&all_error_kinds()[4]);
    assert_eq!(transport["kind"], json!("transport"));
    assert_eq!((transport["timeout"].clone(), transport["outcome_unknown"].clone()), (json!(true), json!(true)));
    assert_eq!(transport["reconcile_with"], json!("QueryTrade/V2"));

    for error in all_error_kinds() {
        let kind = error_payload(&error)["kind"].as_str().unwrap().to_string();
        assert!(boundary::value_sets::ERROR_KIND.contains(&kind), "{kind}");
    }
}

#[test]
fn effective_settings_are_in_seconds_and_never_show_secrets() {
    let settings = ClientSettings::from_named([
        ("merchant_id", "2000132"),
        ("hash_key", "SECRETKEY123"),
        ("hash_iv", "SECRETIV456"),
        ("credit_check_code", "998877"),
        ("connectTimeout", "2.5"),
    ])
    .unwrap();
    let view = settings.to_json();
    assert_eq!(view["connect_timeout"], json!(2.5));
    assert_eq!(view["read_timeout"], json!(30.0));
    assert_eq!(view["has_credit_check_code"], json!(true));
    let text = view.to_string();
    for secret in ["SECRETKEY123", "SECRETIV456", "998877"] {
        assert!(!text.contains(secret), "{text}");
    }
}

#[test]
fn platform_id_is_a_setting_the_client_carries() {
    let settings = ClientSettings::from_named([("platformId", "3002607")]).unwrap();
    assert_eq!(settings.to_json()["platform_id"], json!("3002607"));
    assert_eq!(settings.into_client().unwrap().platform_id(), Some("3002607"));
    let empty = ClientSettings::from_named([("platform_id", "")]).unwrap();
    assert_eq!(empty.to_json()["platform_id"], json!(null));
    assert_eq!(empty.into_client().unwrap().platform_id(), None);
}

#[test]
fn the_exported_description_lists_every_type_and_field() {
    let exported = boundary::render::description_json();
    let exported = exported.as_array().unwrap();
    assert_eq!(exported.len(), boundary::types().len());
    for (json, desc) in exported.iter().zip(boundary::types()) {
        assert_eq!(json["name"], json!(desc.name));
        let names: Vec<&str> = json["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(names, desc.field_names().collect::<Vec<_>>());
    }
    let period = exported.iter().find(|t| t["name"] == "PeriodInfo").unwrap();
    let log = period["fields"].as_array().unwrap().iter().find(|f| f["name"] == "exec_log").unwrap();
    assert_eq!((log["type"].clone(), log["item"].clone()), (json!("list"), json!("ExecLogEntry")));
}
