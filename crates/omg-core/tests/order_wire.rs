//! Order::to_fields / Order::from_fields: exact wire names, only set fields emitted, a lossless
//! round trip for every method, and errors (never panics) on anything that is not an order.

use omg_core::order::{
    AllMethods, Atm, AtmBank, Barcode, Credit, CreditInstallments, CreditRecurring, Cvs, CvsStore, InvoiceMark,
    Language, Method, Order, Payment, PeriodType, UnionPay,
};
use omg_core::{Error, Fields};
use proptest::prelude::*;

fn order(payment: Payment) -> Order {
    Order::new("A240101080000K3Z9Q2M", 1200, "Online shop", "T-shirt#Mug", "https://shop.example/omg/return", payment)
}

/// An order with every common optional field set.
fn full(payment: Payment) -> Order {
    let mut o = order(payment);
    o.merchant_trade_date = Some("2024/01/01 08:00:00".into());
    o.store_id = Some("store1".into());
    o.order_result_url = Some("https://shop.example/omg/result".into());
    o.client_back_url = Some("https://shop.example/cart".into());
    o.item_url = Some("https://shop.example/items".into());
    o.remark = Some("gift wrap".into());
    o.platform_id = Some("3002607".into());
    o.invoice_mark = Some(InvoiceMark::NoInvoice);
    o.custom_field1 = Some("c1".into());
    o.custom_field2 = Some(String::new());
    o.custom_field3 = Some("會員 3".into());
    o.custom_field4 = Some("c4".into());
    o.language = Some(Language::English);
    o.need_extra_paid_info = Some(true);
    o.risk_merchant_member_id = Some("risk-7".into());
    o.device_source = Some(String::new());
    o.extra = vec![("Redeem".into(), "Y".into()), ("Zeta".into(), String::new())];
    o
}

fn url(path: &str) -> Option<String> {
    Some(format!("https://shop.example/omg/{path}"))
}

/// One fully optioned order per payment method.
fn every_method() -> Vec<Order> {
    // Card binding goes without a page Language (V1.3.7 p.13): that order has none.
    let mut bound = full(Payment::Credit(Credit {
        binding_card: Some(true),
        merchant_member_id: Some("member42".into()),
        union_pay: Some(UnionPay::Hidden),
    }));
    bound.language = None;
    vec![
        bound,
        full(Payment::Credit(Credit::default())),
        full(Payment::CreditInstallments(CreditInstallments {
            binding: Default::default(),
            installments: vec![3, 12, 30],
        })),
        full(Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: 1200,
            period_type: PeriodType::Day,
            frequency: 30,
            exec_times: 12,
            period_return_url: url("period"),
        })),
        full(Payment::Atm(Atm {
            expire_days: Some(5),
            expire_minutes: Some(90),
            bank: Some(AtmBank::Chinatrust),
            payment_info_url: url("info"),
            client_redirect_url: url("redirect"),
        })),
        full(Payment::Cvs(Cvs {
            expire_minutes: Some(4320),
            store: Some(CvsStore::Ibon),
            desc_1: Some("第一行".into()),
            desc_2: Some("line 2".into()),
            desc_3: None,
            desc_4: Some("4".into()),
            payment_info_url: url("info"),
            client_redirect_url: None,
        })),
        full(Payment::Barcode(Barcode {
            expire_days: Some(7),
            desc_2: Some("two".into()),
            payment_info_url: url("info"),
            ..Barcode::default()
        })),
        full(Payment::Aftee),
        full(Payment::All(AllMethods {
            ignore_payment: vec![Method::Credit, Method::Barcode, Method::Aftee],
            payment_info_url: url("info"),
            client_redirect_url: None,
            ..AllMethods::default()
        })),
        order(Payment::All(AllMethods::default())),
    ]
}

fn fields(pairs: &[(&str, &str)]) -> Fields {
    Fields::from_pairs(pairs.iter().copied()).unwrap()
}

/// The base wire form of `order()` with ChoosePayment `choose`, plus `more`.
fn wire(choose: &str, more: &[(&str, &str)]) -> Fields {
    let mut f = fields(&[
        ("MerchantID", "3002607"),
        ("MerchantTradeNo", "A240101080000K3Z9Q2M"),
        ("PaymentType", "aio"),
        ("TotalAmount", "1200"),
        ("TradeDesc", "Online shop"),
        ("ItemName", "T-shirt#Mug"),
        ("ReturnURL", "https://shop.example/omg/return"),
        ("ChoosePayment", choose),
        ("EncryptType", "1"),
    ]);
    for (k, v) in more {
        f.set(k, *v);
    }
    f
}

fn broken(result: Result<Order, Error>) -> Vec<(String, String)> {
    match result {
        Err(Error::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.rule)).collect(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

// --- to_fields ----------------------------------------------------------------------------------

#[test]
fn a_minimal_order_emits_exactly_the_required_wire_fields_in_order() {
    let got = order(Payment::default()).to_fields("3002607");
    let expected = [
        ("MerchantID", "3002607"),
        ("MerchantTradeNo", "A240101080000K3Z9Q2M"),
        ("PaymentType", "aio"),
        ("TotalAmount", "1200"),
        ("TradeDesc", "Online shop"),
        ("ItemName", "T-shirt#Mug"),
        ("ReturnURL", "https://shop.example/omg/return"),
        ("ChoosePayment", "Credit"),
        ("EncryptType", "1"),
    ];
    assert_eq!(got.iter().collect::<Vec<_>>(), expected);
}

#[test]
fn set_options_are_emitted_under_their_wire_names() {
    let o = full(Payment::CreditRecurring(CreditRecurring {
        binding: Default::default(),
        period_amount: 1200,
        period_type: PeriodType::Year,
        frequency: 1,
        exec_times: 9,
        period_return_url: url("period"),
    }));
    let f = o.to_fields("3002607");
    for (name, value) in [
        ("MerchantTradeDate", "2024/01/01 08:00:00"),
        ("StoreID", "store1"),
        ("InvoiceMark", "N"),
        ("CustomField2", ""),
        ("CustomField3", "會員 3"),
        ("Language", "ENG"),
        ("NeedExtraPaidInfo", "Y"),
        ("RiskMerchantMemberID", "risk-7"),
        ("DeviceSource", ""),
        ("PeriodAmount", "1200"),
        ("PeriodType", "Y"),
        ("Frequency", "1"),
        ("ExecTimes", "9"),
        ("PeriodReturnURL", "https://shop.example/omg/period"),
        ("Redeem", "Y"),
    ] {
        assert_eq!(f.get(name), Some(value), "{name}");
    }
    // The extra fields come last, in order.
    let tail = &f.clone().into_pairs()[f.len() - 2..];
    assert_eq!(tail, pairs(&[("Redeem", "Y"), ("Zeta", "")]));
}

#[test]
fn method_options_use_the_wire_spellings() {
    let f = order(Payment::CreditInstallments(CreditInstallments {
        binding: Default::default(),
        installments: vec![3, 6, 24],
    }))
    .to_fields("1");
    assert_eq!(f.get("CreditInstallment"), Some("3,6,24"));
    let f = order(Payment::All(AllMethods { ignore_payment: vec![Method::Atm, Method::Cvs], ..AllMethods::default() }))
        .to_fields("1");
    assert_eq!((f.get("ChoosePayment"), f.get("IgnorePayment")), (Some("ALL"), Some("ATM#CVS")));
    let f = order(Payment::Cvs(Cvs { expire_minutes: Some(60), store: Some(CvsStore::Family), ..Cvs::default() }))
        .to_fields("1");
    assert_eq!((f.get("StoreExpireDate"), f.get("ChooseSubPayment")), (Some("60"), Some("FAMILY")));
    let f = order(Payment::Barcode(Barcode { expire_days: Some(3), ..Barcode::default() })).to_fields("1");
    assert_eq!((f.get("ChoosePayment"), f.get("StoreExpireDate")), (Some("BARCODE"), Some("3")));
    let f = order(Payment::Credit(Credit {
        binding_card: Some(false),
        union_pay: Some(UnionPay::PayerChooses),
        ..Credit::default()
    }))
    .to_fields("1");
    assert_eq!((f.get("BindingCard"), f.get("UnionPay")), (Some("0"), Some("0")));
    let f = order(Payment::Aftee).to_fields("1");
    assert_eq!(f.get("ChoosePayment"), Some("AFTEE"));
}

#[test]
fn unset_options_are_not_emitted() {
    let f = order(Payment::Atm(Atm::default())).to_fields("1");
    for name in
        ["MerchantTradeDate", "ExpireDate", "ExpireMinute", "ChooseSubPayment", "PaymentInfoURL", "StoreID", "Language"]
    {
        assert!(!f.contains(name), "{name}");
    }
}

// --- round trip -----------------------------------------------------------------------------------

#[test]
fn every_method_round_trips_through_the_wire_form() {
    for o in every_method() {
        assert_eq!(o.validate(), Ok(()), "{o:#?}");
        let back = Order::from_fields(&o.to_fields("3002607")).unwrap_or_else(|e| panic!("{e}: {o:#?}"));
        assert_eq!(back, o);
    }
}

#[test]
fn a_form_body_round_trip_keeps_the_order() {
    for o in every_method() {
        let body = o.to_fields("3002607").to_form_body();
        assert_eq!(Order::from_fields(&Fields::parse_form(body.as_bytes()).unwrap()).unwrap(), o);
    }
}

// --- from_fields ----------------------------------------------------------------------------------

#[test]
fn from_fields_reads_the_documented_example_order() {
    let f = fields(&[
        ("TradeDesc", "促銷方案"),
        ("PaymentType", "aio"),
        ("MerchantTradeDate", "2023/03/12 15:30:23"),
        ("MerchantTradeNo", "ecpay20230312153023"),
        ("MerchantID", "3002607"),
        ("ReturnURL", "https://www.ecpay.com.tw/receive.php"),
        ("ItemName", "Apple iphone 15"),
        ("TotalAmount", "30000"),
        ("ChoosePayment", "ALL"),
        ("EncryptType", "1"),
        ("CheckMacValue", "6C51C9E6888DE861FD62FB1DD17029FC742634498FD813DC43D4243B5685B840"),
    ]);
    let o = Order::from_fields(&f).unwrap();
    assert_eq!(o.merchant_trade_no, "ecpay20230312153023");
    assert_eq!(o.total_amount, 30000);
    assert_eq!(o.trade_desc, "促銷方案");
    assert_eq!(o.merchant_trade_date.as_deref(), Some("2023/03/12 15:30:23"));
    assert_eq!(o.payment, Payment::All(AllMethods::default()));
    // MerchantID, PaymentType, EncryptType and CheckMacValue are envelope, not order.
    assert!(o.extra.is_empty());
    assert_eq!(o.validate(), Ok(()));
}

#[test]
fn unknown_fields_go_to_extra_in_order() {
    let o = Order::from_fields(&wire("Credit", &[("Redeem", "Y"), ("Hold_Trade_AMT", "0")])).unwrap();
    assert_eq!(o.extra, pairs(&[("Redeem", "Y"), ("Hold_Trade_AMT", "0")]));
}

#[test]
fn a_field_named_like_a_known_one_in_another_case_is_kept_and_then_refused() {
    let o = Order::from_fields(&wire("Credit", &[("itemname", "x")])).unwrap();
    assert_eq!(o.extra, pairs(&[("itemname", "x")]));
    assert_eq!(o.validation_errors()[0].rule, "conflict");
}

#[test]
fn the_documented_example_order_with_every_method_reads_back() {
    for (choose, expect) in [
        ("Credit", Payment::default()),
        ("ATM", Payment::Atm(Atm::default())),
        ("CVS", Payment::Cvs(Cvs::default())),
        ("BARCODE", Payment::Barcode(Barcode::default())),
        ("AFTEE", Payment::Aftee),
        ("ALL", Payment::All(AllMethods::default())),
    ] {
        assert_eq!(Order::from_fields(&wire(choose, &[])).unwrap().payment, expect, "{choose}");
    }
}

#[test]
fn a_non_integer_total_amount_is_a_format_error_naming_the_field() {
    for bad in ["12.5", "1,200", "+5", "1e3", " 12", "NT$12", "99999999999999999999"] {
        assert_eq!(
            broken(Order::from_fields(&wire("Credit", &[("TotalAmount", bad)]))),
            pairs(&[("TotalAmount", "format")]),
            "{bad}"
        );
    }
    // A negative amount is a number: validate reports its range.
    let o = Order::from_fields(&wire("Credit", &[("TotalAmount", "-5")])).unwrap();
    assert_eq!(o.validation_errors()[0].rule, "range");
}

#[test]
fn non_integer_method_numbers_are_format_errors() {
    assert_eq!(broken(Order::from_fields(&wire("ATM", &[("ExpireDate", "3d")]))), pairs(&[("ExpireDate", "format")]));
    assert_eq!(
        broken(Order::from_fields(&wire("CVS", &[("StoreExpireDate", "7.5")]))),
        pairs(&[("StoreExpireDate", "format")])
    );
    assert_eq!(
        broken(Order::from_fields(&wire(
            "Credit",
            &[("PeriodAmount", "1200"), ("PeriodType", "M"), ("Frequency", "one"), ("ExecTimes", "12")]
        ))),
        pairs(&[("Frequency", "format")])
    );
    assert_eq!(
        broken(Order::from_fields(&wire("Credit", &[("CreditInstallment", "3, 6")]))),
        pairs(&[("CreditInstallment", "format")])
    );
}

#[test]
fn missing_required_fields_are_each_reported() {
    let err = Order::from_fields(&fields(&[("MerchantID", "3002607")])).unwrap_err();
    let got: Vec<_> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
    assert_eq!(
        got,
        [
            ("MerchantTradeNo", "required"),
            ("TotalAmount", "required"),
            ("TradeDesc", "required"),
            ("ItemName", "required"),
            ("ReturnURL", "required"),
            ("ChoosePayment", "required"),
        ]
    );
}

#[test]
fn unknown_choose_payment_and_envelope_values_are_refused() {
    assert_eq!(broken(Order::from_fields(&wire("WebATM", &[]))), pairs(&[("ChoosePayment", "one_of")]));
    assert_eq!(broken(Order::from_fields(&wire("", &[]))), pairs(&[("ChoosePayment", "required")]));
    assert_eq!(broken(Order::from_fields(&wire("credit", &[]))), pairs(&[("ChoosePayment", "one_of")]));
    assert_eq!(
        broken(Order::from_fields(&wire("Credit", &[("PaymentType", "AIO")]))),
        pairs(&[("PaymentType", "one_of")])
    );
    assert_eq!(
        broken(Order::from_fields(&wire("Credit", &[("EncryptType", "0")]))),
        pairs(&[("EncryptType", "one_of")])
    );
}

#[test]
fn closed_value_sets_are_refused_outside_their_values() {
    for (name, value) in [
        ("Language", "eng"),
        ("NeedExtraPaidInfo", "yes"),
        ("InvoiceMark", "Y"),
        ("UnionPay", "3"),
        ("BindingCard", "true"),
    ] {
        assert_eq!(
            broken(Order::from_fields(&wire("Credit", &[(name, value)]))),
            pairs(&[(name, "one_of")]),
            "{name}={value}"
        );
    }
    let recurring = [("PeriodAmount", "1200"), ("PeriodType", "W"), ("Frequency", "1"), ("ExecTimes", "2")];
    assert_eq!(broken(Order::from_fields(&wire("Credit", &recurring))), pairs(&[("PeriodType", "one_of")]));
}

#[test]
fn a_recurring_field_on_an_atm_order_is_not_allowed() {
    assert_eq!(
        broken(Order::from_fields(&wire("ATM", &[("PeriodAmount", "1200")]))),
        pairs(&[("PeriodAmount", "not_allowed")])
    );
}

#[test]
fn method_specific_fields_are_not_allowed_with_other_methods() {
    let cases: [(&str, &str, &str); 9] = [
        ("Credit", "ExpireDate", "3"),
        ("Credit", "ChooseSubPayment", "FIRST"),
        ("Credit", "PaymentInfoURL", "https://x.example/i"),
        ("ATM", "StoreExpireDate", "3"),
        ("CVS", "ExpireMinute", "30"),
        ("BARCODE", "BindingCard", "1"),
        ("AFTEE", "Desc_1", "d"),
        ("ALL", "ExpireMinute", "30"),
        ("CVS", "IgnorePayment", "ATM"),
    ];
    for (choose, name, value) in cases {
        assert_eq!(
            broken(Order::from_fields(&wire(choose, &[(name, value)]))),
            pairs(&[(name, "not_allowed")]),
            "{choose} {name}"
        );
    }
}

#[test]
fn an_empty_method_specific_field_of_another_method_is_ignored() {
    let o = Order::from_fields(&wire("ATM", &[("PeriodAmount", ""), ("MerchantMemberID", "")])).unwrap();
    assert_eq!(o.payment, Payment::Atm(Atm::default()));
    assert!(o.extra.is_empty());
}

#[test]
fn installments_together_with_recurring_are_a_conflict() {
    let more = [
        ("CreditInstallment", "3,6"),
        ("PeriodAmount", "1200"),
        ("PeriodType", "M"),
        ("Frequency", "1"),
        ("ExecTimes", "12"),
    ];
    assert_eq!(broken(Order::from_fields(&wire("Credit", &more))), pairs(&[("CreditInstallment", "conflict")]));
}

#[test]
fn union_pay_with_installments_or_recurring_is_a_conflict_but_binding_is_not() {
    // V1.3.7 p.15: only UnionPay excludes installments, recurring and binding.
    assert_eq!(
        broken(Order::from_fields(&wire("Credit", &[("CreditInstallment", "3"), ("UnionPay", "1")]))),
        pairs(&[("UnionPay", "conflict")])
    );
    Order::from_fields(&wire(
        "Credit",
        &[("CreditInstallment", "3"), ("BindingCard", "1"), ("MerchantMemberID", "M1")],
    ))
    .unwrap();
    let more =
        [("PeriodAmount", "1200"), ("PeriodType", "M"), ("Frequency", "1"), ("ExecTimes", "12"), ("UnionPay", "1")];
    assert_eq!(broken(Order::from_fields(&wire("Credit", &more))), pairs(&[("UnionPay", "conflict")]));
}

#[test]
fn a_recurring_order_needs_all_four_period_fields() {
    assert_eq!(
        broken(Order::from_fields(&wire("Credit", &[("PeriodReturnURL", "https://x.example/p")]))),
        pairs(&[
            ("PeriodAmount", "required"),
            ("PeriodType", "required"),
            ("Frequency", "required"),
            ("ExecTimes", "required")
        ])
    );
}

#[test]
fn choose_sub_payment_must_fit_the_method() {
    assert_eq!(
        broken(Order::from_fields(&wire("ATM", &[("ChooseSubPayment", "FAMILY")]))),
        pairs(&[("ChooseSubPayment", "one_of")])
    );
    assert_eq!(
        broken(Order::from_fields(&wire("CVS", &[("ChooseSubPayment", "KGI")]))),
        pairs(&[("ChooseSubPayment", "one_of")])
    );
    assert_eq!(
        broken(Order::from_fields(&wire("AFTEE", &[("ChooseSubPayment", "ATM")]))),
        pairs(&[("ChooseSubPayment", "one_of")])
    );
    assert_eq!(
        broken(Order::from_fields(&wire("ALL", &[("ChooseSubPayment", "ATM")]))),
        pairs(&[("ChooseSubPayment", "not_allowed")])
    );
    // The only sub-payment of BARCODE and AFTEE is accepted.
    assert_eq!(
        Order::from_fields(&wire("BARCODE", &[("ChooseSubPayment", "BARCODE")])).unwrap().payment,
        Payment::Barcode(Barcode::default())
    );
    assert_eq!(Order::from_fields(&wire("AFTEE", &[("ChooseSubPayment", "AFTEE")])).unwrap().payment, Payment::Aftee);
    let atm = Order::from_fields(&wire("ATM", &[("ChooseSubPayment", "TAISHIN")])).unwrap();
    assert_eq!(atm.payment, Payment::Atm(Atm { bank: Some(AtmBank::Taishin), ..Atm::default() }));
}

#[test]
fn ignore_payment_names_only_known_methods() {
    for bad in ["WebATM", "ATM#GooglePay", "atm", "ATM##CVS"] {
        assert_eq!(
            broken(Order::from_fields(&wire("ALL", &[("IgnorePayment", bad)]))),
            pairs(&[("IgnorePayment", "one_of")]),
            "{bad}"
        );
    }
}

#[test]
fn empty_typed_fields_mean_not_given_and_empty_text_is_kept() {
    let o = Order::from_fields(&wire(
        "ATM",
        &[("Language", ""), ("ExpireDate", ""), ("StoreID", ""), ("PaymentInfoURL", "")],
    ))
    .unwrap();
    assert_eq!(o.language, None);
    assert_eq!(o.store_id.as_deref(), Some(""));
    assert_eq!(o.payment, Payment::Atm(Atm { payment_info_url: Some(String::new()), ..Atm::default() }));
}

#[test]
fn every_problem_is_reported_at_once() {
    let more = [("TotalAmount", "abc"), ("Language", "FR"), ("ExpireDate", "3"), ("ChooseSubPayment", "NOPE")];
    assert_eq!(
        broken(Order::from_fields(&wire("CVS", &more))),
        pairs(&[
            ("TotalAmount", "format"),
            ("ExpireDate", "not_allowed"),
            ("ChooseSubPayment", "one_of"),
            ("Language", "one_of")
        ])
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    /// Garbage in: an error or an order, never a panic.
    #[test]
    fn from_fields_never_panics_on_arbitrary_fields(pairs in proptest::collection::vec((".{0,12}", ".{0,12}"), 0..20)) {
        let mut f = Fields::new();
        for (k, v) in pairs {
            f.set(&k, v);
        }
        let _ = Order::from_fields(&f).map(|o| o.validation_errors());
    }

    /// Well-shaped fields with arbitrary values: whatever reads and validates writes back to
    /// the same order.
    #[test]
    fn valid_orders_read_from_fields_round_trip(
        choose in prop::sample::select(vec!["Credit", "ATM", "CVS", "BARCODE", "AFTEE", "ALL"]),
        amount in "-?[0-9]{1,6}",
        desc in "\\PC{1,30}",
        days in "[0-9]{0,3}",
        language in prop::sample::select(vec!["", "ENG", "KOR", "JPN", "CHI", "XX"]),
    ) {
        let name = match choose { "ATM" => "ExpireDate", "CVS" | "BARCODE" => "StoreExpireDate", _ => "Remark" };
        let f = wire(choose, &[("TotalAmount", &amount), ("TradeDesc", &desc), (name, &days), ("Language", language)]);
        if let Ok(o) = Order::from_fields(&f) {
            if o.validate().is_ok() {
                prop_assert_eq!(Order::from_fields(&o.to_fields("3002607")).unwrap(), o);
            }
        }
    }
}
