//! Order::validate: one test per rule, each asserting the field and the rule reported, plus
//! valid orders of every method and several broken rules reported together.

use omg_core::order::{
    AllMethods, Atm, Barcode, CardBinding, Credit, CreditInstallments, CreditRecurring, Cvs, Language, Method, Order,
    Payment, PeriodType, UnionPay,
};
use omg_core::Error;

fn order(payment: Payment) -> Order {
    Order::new("A240101080000K3Z9Q2M", 1200, "Online shop", "T-shirt#Mug", "https://shop.example/omg/return", payment)
}

fn credit() -> Order {
    order(Payment::default())
}

fn recurring(period_type: PeriodType, frequency: i64, exec_times: i64) -> Order {
    order(Payment::CreditRecurring(CreditRecurring {
        binding: Default::default(),
        period_amount: 1200,
        period_type,
        frequency,
        exec_times,
        period_return_url: None,
    }))
}

/// The (field, rule) pairs reported for `order`.
fn broken(order: &Order) -> Vec<(String, String)> {
    order.validation_errors().into_iter().map(|e| (e.field, e.rule)).collect()
}

/// `order` breaks exactly one rule: `rule` of `field`.
#[track_caller]
fn assert_breaks(order: &Order, field: &str, rule: &str) {
    assert_eq!(broken(order), vec![(field.to_string(), rule.to_string())], "{order:#?}");
    match order.validate() {
        Err(Error::Validation(errors)) => assert_eq!(errors.len(), 1),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[track_caller]
fn assert_valid(order: &Order) {
    assert_eq!(broken(order), vec![], "{order:#?}");
    assert_eq!(order.validate(), Ok(()));
}

// --- valid orders ---------------------------------------------------------------------------

#[test]
fn a_valid_order_of_every_method_passes() {
    let url = Some("https://shop.example/omg/info".to_string());
    for payment in [
        Payment::default(),
        Payment::Credit(Credit {
            binding_card: Some(true),
            merchant_member_id: Some("member42".into()),
            union_pay: None,
        }),
        Payment::CreditInstallments(CreditInstallments {
            binding: Default::default(),
            installments: vec![3, 6, 12, 18, 24, 30],
        }),
        Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: 1200,
            period_type: PeriodType::Month,
            frequency: 1,
            exec_times: 12,
            period_return_url: url.clone(),
        }),
        Payment::Atm(Atm {
            expire_days: Some(60),
            expire_minutes: Some(1440),
            bank: None,
            payment_info_url: url.clone(),
            client_redirect_url: None,
        }),
        Payment::Cvs(Cvs {
            expire_minutes: Some(10080), desc_1: Some("請於期限內繳費".into()), ..Cvs::default()
        }),
        Payment::Barcode(Barcode { expire_days: Some(30), ..Barcode::default() }),
        Payment::Aftee,
        Payment::All(AllMethods { ignore_payment: vec![Method::Atm, Method::Cvs], ..AllMethods::default() }),
    ] {
        assert_valid(&order(payment));
    }
}

#[test]
fn empty_optional_text_and_urls_count_as_not_given() {
    let mut o = credit();
    o.store_id = Some(String::new());
    o.order_result_url = Some(String::new());
    o.device_source = Some(String::new());
    o.custom_field1 = Some(String::new());
    assert_valid(&o);
}

// --- MerchantTradeNo / MerchantTradeDate / TotalAmount ---------------------------------------

#[test]
fn merchant_trade_no_is_required() {
    let mut o = credit();
    o.merchant_trade_no.clear();
    assert_breaks(&o, "MerchantTradeNo", "required");
}

#[test]
fn merchant_trade_no_is_at_most_20_characters() {
    let mut o = credit();
    o.merchant_trade_no = "A".repeat(20);
    assert_valid(&o);
    o.merchant_trade_no = "A".repeat(21);
    assert_breaks(&o, "MerchantTradeNo", "max_length");
}

#[test]
fn merchant_trade_no_is_ascii_letters_and_digits_only() {
    for no in ["AB-12", "AB 12", "訂單12", "AB_12"] {
        let mut o = credit();
        o.merchant_trade_no = no.into();
        assert_breaks(&o, "MerchantTradeNo", "charset");
    }
}

#[test]
fn merchant_trade_date_must_be_yyyy_mm_dd_hh_mm_ss_and_real() {
    let mut o = credit();
    o.merchant_trade_date = Some("2024/02/29 23:59:59".into());
    assert_valid(&o);
    for bad in
        ["2024-01-01 08:00:00", "2024/1/1 8:00:00", "2023/02/29 10:00:00", "2024/01/01", " 2024/01/01 08:00:00", ""]
    {
        o.merchant_trade_date = Some(bad.into());
        assert_breaks(&o, "MerchantTradeDate", "format");
    }
}

#[test]
fn total_amount_is_at_least_one() {
    let mut o = credit();
    o.total_amount = 1;
    assert_valid(&o);
    for amount in [0, -100] {
        o.total_amount = amount;
        assert_breaks(&o, "TotalAmount", "range");
    }
}

// --- TradeDesc / ItemName: length in characters, control characters --------------------------

#[test]
fn trade_desc_is_required() {
    let mut o = credit();
    o.trade_desc.clear();
    assert_breaks(&o, "TradeDesc", "required");
}

#[test]
fn trade_desc_is_at_most_200_characters_counted_as_characters_not_bytes() {
    let mut o = credit();
    o.trade_desc = "手".repeat(200); // 600 bytes, 200 characters
    assert_valid(&o);
    o.trade_desc = "手".repeat(201);
    assert_breaks(&o, "TradeDesc", "max_length");
}

#[test]
fn item_name_is_required() {
    let mut o = credit();
    o.item_name.clear();
    assert_breaks(&o, "ItemName", "required");
}

#[test]
fn item_name_is_at_most_400_characters() {
    let mut o = credit();
    o.item_name = "殼".repeat(400);
    assert_valid(&o);
    o.item_name = "殼".repeat(401);
    assert_breaks(&o, "ItemName", "max_length");
}

#[test]
fn a_newline_or_other_control_character_in_text_is_a_charset_error() {
    for text in ["T-shirt\nMug", "T-shirt\r\nMug", "tab\there", "nul\0"] {
        let mut o = credit();
        o.item_name = text.into();
        assert_breaks(&o, "ItemName", "charset");
        let mut o = credit();
        o.remark = Some(text.into());
        assert_breaks(&o, "Remark", "charset");
    }
}

// --- URLs --------------------------------------------------------------------------------------

#[test]
fn return_url_is_required() {
    let mut o = credit();
    o.return_url.clear();
    assert_breaks(&o, "ReturnURL", "required");
}

#[test]
fn return_url_must_be_an_http_or_https_url() {
    for bad in [
        "ftp://shop.example/return",
        "shop.example/return",
        "https://",
        "https://shop.example/a b",
        "https://商店.tw/return",
    ] {
        let mut o = credit();
        o.return_url = bad.into();
        assert_breaks(&o, "ReturnURL", "format");
    }
    let mut o = credit();
    o.return_url = "http://127.0.0.1:8080/omg/return".into();
    assert_valid(&o);
}

#[test]
fn return_url_is_at_most_200_characters() {
    let base = "https://shop.example/";
    let mut o = credit();
    o.return_url = format!("{base}{}", "a".repeat(200 - base.len()));
    assert_valid(&o);
    o.return_url.push('a');
    assert_breaks(&o, "ReturnURL", "max_length");
}

#[test]
fn optional_urls_must_be_http_urls() {
    let bad = Some("javascript:alert(1)".to_string());
    let mut o = credit();
    o.order_result_url = bad.clone();
    assert_breaks(&o, "OrderResultURL", "format");
    let mut o = credit();
    o.client_back_url = bad.clone();
    assert_breaks(&o, "ClientBackURL", "format");
    let mut o = credit();
    o.item_url = bad;
    assert_breaks(&o, "ItemURL", "format");
}

#[test]
fn optional_urls_are_at_most_200_characters() {
    let mut o = credit();
    o.item_url = Some(format!("https://shop.example/{}", "a".repeat(200)));
    assert_breaks(&o, "ItemURL", "max_length");
}

// --- other optional fields -------------------------------------------------------------------

#[test]
fn store_id_is_at_most_20_characters() {
    let mut o = credit();
    o.store_id = Some("S".repeat(21));
    assert_breaks(&o, "StoreID", "max_length");
}

#[test]
fn remark_is_at_most_100_characters() {
    let mut o = credit();
    o.remark = Some("r".repeat(101));
    assert_breaks(&o, "Remark", "max_length");
}

#[test]
fn platform_id_is_at_most_10_characters() {
    let mut o = credit();
    o.platform_id = Some("12345678901".into());
    assert_breaks(&o, "PlatformID", "max_length");
}

#[test]
fn risk_merchant_member_id_is_at_most_50_characters() {
    let mut o = credit();
    o.risk_merchant_member_id = Some("m".repeat(51));
    assert_breaks(&o, "RiskMerchantMemberID", "max_length");
}

#[test]
fn device_source_must_be_left_empty() {
    let mut o = credit();
    o.device_source = Some("P".into());
    assert_breaks(&o, "DeviceSource", "not_allowed");
}

#[test]
fn custom_fields_are_at_most_50_characters() {
    let mut o = credit();
    o.custom_field2 = Some("中".repeat(50));
    assert_valid(&o);
    o.custom_field2 = Some("中".repeat(51));
    assert_breaks(&o, "CustomField2", "max_length");
}

#[test]
fn custom_fields_allow_letters_digits_cjk_spaces_and_the_listed_symbols_only() {
    let mut o = credit();
    o.custom_field1 = Some("會員 A12 ,.#()$[];%{}:/?&@<>!".into());
    assert_valid(&o);
    for bad in ["order-12", "it's", "a_b", "a=b", "a+b", "\"q\"", "a\nb"] {
        let mut o = credit();
        o.custom_field3 = Some(bad.into());
        assert_breaks(&o, "CustomField3", "charset");
    }
}

#[test]
fn custom_fields_refuse_a_tag_like_every_other_text_field() {
    // `<` and `>` are allowed symbols (protocol.md §4), but a tag is not (V1.3.7 p.8 note 6).
    for tag in ["<b>bold</b>", "</a>", "<!DOCTYPE html>", "x<script>"] {
        let mut o = credit();
        o.custom_field4 = Some(tag.into());
        assert_breaks(&o, "CustomField4", "html");
    }
    let mut o = credit();
    o.custom_field1 = Some("a < b > c <>".into());
    assert_valid(&o);
}

// --- credit: one-time, installments, recurring ------------------------------------------------

#[test]
fn binding_card_needs_a_merchant_member_id() {
    for member in [None, Some(String::new())] {
        let o =
            order(Payment::Credit(Credit { binding_card: Some(true), merchant_member_id: member, union_pay: None }));
        assert_breaks(&o, "MerchantMemberID", "required");
    }
    assert_valid(&order(Payment::Credit(Credit { binding_card: Some(false), ..Credit::default() })));
}

#[test]
fn binding_card_cannot_be_combined_with_union_pay_only() {
    // V1.3.7 p.15: UnionPay excludes card binding.
    let bound = |union_pay| {
        order(Payment::Credit(Credit {
            binding_card: Some(true),
            merchant_member_id: Some("member42".into()),
            union_pay: Some(union_pay),
        }))
    };
    assert_breaks(&bound(UnionPay::UnionPayOnly), "BindingCard", "conflict");
    // The payer choosing, or UnionPay hidden, leaves binding possible.
    assert_valid(&bound(UnionPay::PayerChooses));
    assert_valid(&bound(UnionPay::Hidden));
    let unbound =
        Credit { binding_card: Some(false), merchant_member_id: None, union_pay: Some(UnionPay::UnionPayOnly) };
    assert_valid(&order(Payment::Credit(unbound)));
}

#[test]
fn binding_card_cannot_be_combined_with_language() {
    // V1.3.7 p.13: with Language set, the page offers no card binding.
    let binding = CardBinding { binding_card: Some(true), merchant_member_id: Some("member42".into()) };
    for payment in [
        Payment::Credit(Credit {
            binding_card: Some(true),
            merchant_member_id: Some("member42".into()),
            union_pay: None,
        }),
        Payment::CreditInstallments(CreditInstallments { installments: vec![3], binding: binding.clone() }),
        Payment::All(AllMethods { binding: binding.clone(), ..AllMethods::default() }),
    ] {
        let mut o = order(payment);
        assert_valid(&o);
        o.language = Some(Language::English);
        assert_breaks(&o, "BindingCard", "conflict");
    }
    let mut o = credit();
    o.language = Some(Language::Japanese);
    assert_valid(&o);
}

#[test]
fn merchant_member_id_is_at_most_30_characters() {
    let o = order(Payment::Credit(Credit { merchant_member_id: Some("m".repeat(31)), ..Credit::default() }));
    assert_breaks(&o, "MerchantMemberID", "max_length");
}

#[test]
fn installments_must_not_be_empty() {
    assert_breaks(&order(Payment::CreditInstallments(CreditInstallments::default())), "CreditInstallment", "required");
}

#[test]
fn installments_are_a_subset_of_3_6_12_18_24_30() {
    for bad in [vec![3, 7], vec![0], vec![36]] {
        assert_breaks(
            &order(Payment::CreditInstallments(CreditInstallments { binding: Default::default(), installments: bad })),
            "CreditInstallment",
            "one_of",
        );
    }
}

#[test]
fn installments_must_not_repeat() {
    assert_breaks(
        &order(Payment::CreditInstallments(CreditInstallments {
            binding: Default::default(),
            installments: vec![3, 6, 3],
        })),
        "CreditInstallment",
        "duplicate",
    );
}

#[test]
fn period_amount_must_equal_total_amount() {
    let mut o = recurring(PeriodType::Month, 1, 12);
    o.total_amount = 1000;
    assert_breaks(&o, "PeriodAmount", "mismatch");
}

#[test]
fn frequency_range_depends_on_period_type() {
    for (t, ok, bad) in [
        (PeriodType::Day, [1, 365], [0, 366]),
        (PeriodType::Month, [1, 12], [0, 13]),
        (PeriodType::Year, [1, 1], [0, 2]),
    ] {
        for f in ok {
            assert_valid(&recurring(t, f, 2));
        }
        for f in bad {
            assert_breaks(&recurring(t, f, 2), "Frequency", "range");
        }
    }
}

#[test]
fn exec_times_range_depends_on_period_type() {
    for (t, ok, bad) in [
        (PeriodType::Day, [2, 999], [1, 1000]),
        (PeriodType::Month, [2, 99], [1, 100]),
        (PeriodType::Year, [2, 9], [1, 10]),
    ] {
        for n in ok {
            assert_valid(&recurring(t, 1, n));
        }
        for n in bad {
            assert_breaks(&recurring(t, 1, n), "ExecTimes", "range");
        }
    }
}

#[test]
fn period_return_url_must_be_an_http_url() {
    let mut o = recurring(PeriodType::Day, 7, 10);
    if let Payment::CreditRecurring(r) = &mut o.payment {
        r.period_return_url = Some("mailto:shop@example.com".into());
    }
    assert_breaks(&o, "PeriodReturnURL", "format");
}

// --- ATM / CVS / BARCODE ------------------------------------------------------------------------

#[test]
fn atm_expire_date_is_1_to_60_days() {
    for days in [0, 61] {
        assert_breaks(&order(Payment::Atm(Atm { expire_days: Some(days), ..Atm::default() })), "ExpireDate", "range");
    }
    assert_valid(&order(Payment::Atm(Atm { expire_days: Some(1), ..Atm::default() })));
}

#[test]
fn atm_expire_minute_is_10_to_1440_minutes() {
    for minutes in [9, 1441] {
        assert_breaks(
            &order(Payment::Atm(Atm { expire_minutes: Some(minutes), ..Atm::default() })),
            "ExpireMinute",
            "range",
        );
    }
    assert_valid(&order(Payment::Atm(Atm { expire_minutes: Some(10), ..Atm::default() })));
}

#[test]
fn cvs_store_expire_date_is_1_to_10080_minutes() {
    for minutes in [0, 10081] {
        assert_breaks(
            &order(Payment::Cvs(Cvs { expire_minutes: Some(minutes), ..Cvs::default() })),
            "StoreExpireDate",
            "range",
        );
    }
    assert_valid(&order(Payment::Cvs(Cvs { expire_minutes: Some(1), ..Cvs::default() })));
}

#[test]
fn barcode_store_expire_date_is_1_to_30_days() {
    for days in [0, 31] {
        assert_breaks(
            &order(Payment::Barcode(Barcode { expire_days: Some(days), ..Barcode::default() })),
            "StoreExpireDate",
            "range",
        );
    }
    assert_valid(&order(Payment::Barcode(Barcode { expire_days: Some(7), ..Barcode::default() })));
}

#[test]
fn descs_are_at_most_20_characters() {
    assert_breaks(
        &order(Payment::Cvs(Cvs { desc_3: Some("字".repeat(21)), ..Cvs::default() })),
        "Desc_3",
        "max_length",
    );
    assert_breaks(
        &order(Payment::Barcode(Barcode { desc_1: Some("x".repeat(21)), ..Barcode::default() })),
        "Desc_1",
        "max_length",
    );
}

#[test]
fn payment_code_urls_must_be_http_urls() {
    let bad = Some("not a url".to_string());
    assert_breaks(
        &order(Payment::Atm(Atm { payment_info_url: bad.clone(), ..Atm::default() })),
        "PaymentInfoURL",
        "format",
    );
    assert_breaks(
        &order(Payment::Cvs(Cvs { client_redirect_url: bad.clone(), ..Cvs::default() })),
        "ClientRedirectURL",
        "format",
    );
    assert_breaks(
        &order(Payment::Barcode(Barcode { payment_info_url: bad.clone(), ..Barcode::default() })),
        "PaymentInfoURL",
        "format",
    );
    assert_breaks(
        &order(Payment::All(AllMethods { client_redirect_url: bad, ..AllMethods::default() })),
        "ClientRedirectURL",
        "format",
    );
}

// --- ALL ----------------------------------------------------------------------------------------

#[test]
fn ignore_payment_must_not_repeat_a_method() {
    let o = order(Payment::All(AllMethods { ignore_payment: vec![Method::Atm, Method::Atm], ..AllMethods::default() }));
    assert_breaks(&o, "IgnorePayment", "duplicate");
}

#[test]
fn ignore_payment_must_leave_a_method_to_pay_with() {
    let o = order(Payment::All(AllMethods { ignore_payment: Method::ALL.to_vec(), ..AllMethods::default() }));
    assert_breaks(&o, "IgnorePayment", "conflict");
}

// --- extra fields -------------------------------------------------------------------------------

#[test]
fn an_extra_field_named_like_a_modelled_field_is_a_conflict_ignoring_case() {
    for name in ["ItemName", "itemname", "TOTALAMOUNT", "checkmacvalue", "MerchantID", "desc_2", "periodamount"] {
        let mut o = credit();
        o.extra.push((name.into(), "x".into()));
        assert_breaks(&o, name, "conflict");
    }
}

#[test]
fn extra_fields_must_not_repeat_ignoring_case() {
    let mut o = credit();
    o.extra = vec![("Redeem".into(), "Y".into()), ("redeem".into(), "N".into())];
    assert_breaks(&o, "redeem", "duplicate");
}

#[test]
fn extra_field_names_are_plain_parameter_names() {
    let mut o = credit();
    o.extra = vec![("a b".into(), "1".into())];
    assert_breaks(&o, "a b", "charset");
    o.extra = vec![(String::new(), "1".into())];
    assert_breaks(&o, "extra", "required");
}

#[test]
fn extra_field_values_must_not_hold_control_characters() {
    let mut o = credit();
    o.extra = vec![("Redeem".into(), "Y\n".into())];
    assert_breaks(&o, "Redeem", "charset");
}

#[test]
fn unknown_extra_fields_are_valid() {
    let mut o = credit();
    o.extra = vec![("Redeem".into(), "Y".into()), ("Hold_Trade_AMT".into(), "0".into())];
    assert_valid(&o);
}

// --- every problem at once ----------------------------------------------------------------------

#[test]
fn several_broken_rules_are_reported_together_in_field_order() {
    let mut o = recurring(PeriodType::Month, 13, 100);
    o.merchant_trade_no = "bad-no".into();
    o.total_amount = 0;
    o.trade_desc = "x".repeat(201);
    o.return_url = "ftp://x".into();
    o.custom_field4 = Some("a-b".into());
    o.extra.push(("ReturnUrl".into(), "https://x.example".into()));
    let expected = [
        ("MerchantTradeNo", "charset"),
        ("TotalAmount", "range"),
        ("TradeDesc", "max_length"),
        ("ReturnURL", "format"),
        ("CustomField4", "charset"),
        ("PeriodAmount", "mismatch"),
        ("Frequency", "range"),
        ("ExecTimes", "range"),
        ("ReturnUrl", "conflict"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(f, r)| (f.to_string(), r.to_string())).collect();
    assert_eq!(broken(&o), expected);
    let err = o.validate().unwrap_err();
    assert_eq!(err.kind(), "validation");
    assert_eq!(err.field_errors().len(), expected.len());
    // The message names each field, for a human reading a log.
    let text = err.to_string();
    for (field, _) in &expected {
        assert!(text.contains(field.as_str()), "{text}");
    }
}

#[test]
fn all_accepts_the_per_method_options_and_binding_goes_with_installments_and_recurring() {
    use omg_core::order::CardBinding;
    // V1.3.7 pp.13–15: "ALL 或 ATM", "ALL 或 CVS", "ALL 或 Credit".
    let mut f = order(Payment::All(AllMethods::default())).to_fields("1000031");
    for (k, v) in [
        ("ExpireDate", "5"),
        ("StoreExpireDate", "120"),
        ("Desc_1", "d1"),
        ("BindingCard", "1"),
        ("MerchantMemberID", "M1"),
    ] {
        f.push(k, v);
    }
    let o = Order::from_fields(&f).expect("ALL takes the per-method options");
    o.validate().unwrap();
    let Payment::All(a) = &o.payment else { panic!() };
    assert_eq!((a.atm_expire_days, a.cvs_expire_minutes, a.desc_1.as_deref()), (Some(5), Some(120), Some("d1")));
    assert_eq!(a.binding, CardBinding { binding_card: Some(true), merchant_member_id: Some("M1".into()) });
    assert_eq!(o.to_fields("1000031").get("BindingCard"), Some("1"));

    // Card binding with installments: allowed; UnionPay with installments: refused.
    let mut f = order(Payment::CreditInstallments(CreditInstallments { installments: vec![3], ..Default::default() }))
        .to_fields("1000031");
    f.push("BindingCard", "1");
    f.push("MerchantMemberID", "M1");
    Order::from_fields(&f).unwrap().validate().unwrap();
    f.push("UnionPay", "1");
    assert_eq!(Order::from_fields(&f).unwrap_err().field_errors()[0].rule, "conflict");
}

#[test]
fn store_id_html_tags_and_items_are_checked() {
    let mut o = order(Payment::default());
    o.store_id = Some("shop-1".into());
    assert_breaks(&o, "StoreID", "charset");
    let mut o = order(Payment::default());
    o.item_name = "<b>Mug</b>".into();
    assert_breaks(&o, "ItemName", "html");
    let mut o = order(Payment::default());
    o.trade_desc = "a < b and c > d".into();
    o.validate().expect("a lone < is not a tag");
    let mut o = order(Payment::default());
    o.item_name = "Mug##Cup".into();
    assert_breaks(&o, "ItemName", "empty_item");
    let err = omg_core::order::try_join_items(["T-shirt #1", "Mug"]).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "separator");
    assert_eq!(omg_core::order::try_join_items(["T-shirt", "Mug"]).unwrap(), "T-shirt#Mug");
}

// --- one error per fault from named values (issue 21 item 15) -------------------------------

mod named_values {
    use omg_core::order::values::Value;
    use omg_core::order::Order;
    use omg_core::Error;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    /// A valid order's values with `name` given `value` instead.
    fn with(name: &str, value: Value) -> Vec<(String, Value)> {
        let mut values = vec![
            ("merchant_trade_no".to_string(), text("A240101080000K3Z9Q2M")),
            ("total_amount".to_string(), Value::Number(1200)),
            ("trade_desc".to_string(), text("Online shop")),
            ("item_name".to_string(), Value::List(vec![text("T-shirt"), text("Mug")])),
            ("return_url".to_string(), text("https://shop.example/omg/return")),
            ("choose_payment".to_string(), text("Credit")),
        ];
        for entry in &mut values {
            if entry.0 == name {
                entry.1 = value.clone();
            }
        }
        values
    }

    fn errors(values: Vec<(String, Value)>) -> Vec<(String, String)> {
        match Order::from_named_values(values, []) {
            Err(Error::Validation(errors)) => errors.into_iter().map(|e| (e.field, e.rule)).collect(),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_refused_item_name_or_total_amount_is_one_error_not_also_required() {
        for (name, value, field, rule) in [
            ("item_name", Value::List(vec![text("a#b")]), "ItemName", "separator"),
            ("item_name", Value::List(vec![text("Mug"), text(" ")]), "ItemName", "empty_item"),
            ("item_name", Value::Flag(true), "ItemName", "format"),
            ("total_amount", Value::Flag(true), "TotalAmount", "format"),
            ("total_amount", Value::List(vec![Value::Number(1)]), "TotalAmount", "format"),
        ] {
            assert_eq!(
                errors(with(name, value.clone())),
                vec![(field.to_string(), rule.to_string())],
                "{name} = {value:?}"
            );
        }
    }

    #[test]
    fn other_faults_are_still_all_reported_beside_a_refused_value() {
        let mut values = with("item_name", Value::List(vec![text("a#b")]));
        values.retain(|(name, _)| name != "trade_desc");
        values.push(("total_amount_typo".to_string(), Value::Number(1)));
        let got = errors(values);
        assert_eq!(
            got,
            vec![
                ("ItemName".to_string(), "separator".to_string()),
                ("total_amount_typo".to_string(), "unknown".to_string()),
                ("TradeDesc".to_string(), "required".to_string()),
            ]
        );
    }
}

// --- PeriodReturnURL on a browser URL (issue 21 item 3) ------------------------------------

fn recurring_to(period_return_url: &str) -> Order {
    let mut o = recurring(PeriodType::Month, 1, 12);
    if let Payment::CreditRecurring(r) = &mut o.payment {
        r.period_return_url = Some(period_return_url.into());
    }
    o
}

#[test]
fn period_return_url_equal_to_a_browser_url_is_refused_naming_it() {
    for (browser, url) in
        [("OrderResultURL", "https://shop.example/omg/result"), ("ClientBackURL", "https://shop.example/cart")]
    {
        // Equal after trimming and case-folding the scheme and host.
        for period in [url.to_string(), format!(" {} ", url.replace("https://shop", "HTTPS://SHOP"))] {
            let mut o = recurring_to(&period);
            if browser == "OrderResultURL" {
                o.order_result_url = Some(url.into());
            } else {
                o.client_back_url = Some(url.into());
            }
            let errors = o.validation_errors();
            let conflict: Vec<_> = errors.iter().filter(|e| e.rule == "conflict").collect();
            assert_eq!(conflict.len(), 1, "{period:?} vs {browser}: {errors:?}");
            assert_eq!(conflict[0].field, "PeriodReturnURL");
            assert!(conflict[0].message.contains(browser) && conflict[0].message.contains("once"), "{errors:?}");
        }
    }
}

#[test]
fn period_return_url_on_its_own_route_or_on_return_url_passes_validation() {
    let mut o = recurring_to("https://shop.example/omg/period");
    o.order_result_url = Some("https://shop.example/omg/result".into());
    o.client_back_url = Some("https://shop.example/omg/PERIOD".into()); // the path is case-sensitive
    assert_valid(&o);
    // The same route as ReturnURL is legal (a checkout warning, tests/checkout_signing.rs).
    assert_valid(&recurring_to("https://shop.example/omg/return"));
}
