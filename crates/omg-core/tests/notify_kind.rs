//! Classification, named accessors, is_paid / is_simulated, the dedupe key and expect_amount.

use omg_core::notify::builder::{
    atm_extra, cvs_extra, CodeIssued, CreditExtra, PaymentResult, PeriodCharge, RecurringExtra,
};
use omg_core::notify::{self, Notification, NotificationKind};
use omg_core::{Credentials, Error, Fields};

fn creds() -> Credentials {
    Credentials::stage()
}

fn verified(fields: Fields) -> Notification {
    let body = notify::sign_notification(fields, &creds()).unwrap();
    notify::verify_notification(body.as_bytes(), &creds()).unwrap()
}

fn result() -> PaymentResult {
    PaymentResult {
        merchant_id: "1000031".into(),
        merchant_trade_no: "R1".into(),
        trade_no: "2401011000000001".into(),
        trade_amt: 500,
        payment_date: "2024/01/01 10:01:00".into(),
        trade_date: "2024/01/01 10:00:00".into(),
        ..Default::default()
    }
}

fn period(times: i64, gwsr: &str, date: &str) -> PeriodCharge {
    PeriodCharge {
        merchant_id: "1000031".into(),
        merchant_trade_no: "P1".into(),
        amount: 299,
        gwsr: gwsr.into(),
        process_date: date.into(),
        auth_code: "777777".into(),
        first_auth_amount: 299,
        total_success_times: times,
        ..Default::default()
    }
}

fn code(base: CodeIssued) -> CodeIssued {
    CodeIssued {
        merchant_id: "1000031".into(),
        merchant_trade_no: "C1".into(),
        trade_no: "2401011000000002".into(),
        trade_amt: 80,
        ..base
    }
}

fn with_field(fields: Fields, key: &str, value: &str) -> Fields {
    let mut f = fields;
    f.set(key, value);
    f
}

#[test]
fn each_builder_is_classified_as_its_kind() {
    assert_eq!(verified(result().fields()).kind(), NotificationKind::PaymentResult);
    assert_eq!(verified(period(2, "1", "d").fields()).kind(), NotificationKind::PeriodCharge);
    for c in [
        CodeIssued::atm("812", "123", "2024/01/04"),
        CodeIssued::cvs("LLL1", "x"),
        CodeIssued::barcode(["a", "b", "c"], "x"),
    ] {
        assert_eq!(verified(code(c).fields()).kind(), NotificationKind::PaymentCodeIssued);
    }
}

#[test]
fn the_classification_rule_edges() {
    // A first-period payment result with recurring extras carries TotalSuccessTimes: still a result.
    let recurring = RecurringExtra {
        period_type: "M".into(),
        frequency: 1,
        exec_times: 12,
        period_amount: 500,
        total_success_times: 1,
        total_success_amount: 500,
    };
    let first = PaymentResult { extra: recurring.fields(), ..result() };
    assert_eq!(NotificationKind::classify(&first.fields()), NotificationKind::PaymentResult);

    // Lowercase credit extras (gwsr, process_date, auth_code, amount) do not make a period charge.
    let credit = PaymentResult {
        extra: CreditExtra { gwsr: "1".into(), amount: 500, ..Default::default() }.fields(),
        ..result()
    };
    assert_eq!(NotificationKind::classify(&credit.fields()), NotificationKind::PaymentResult);

    // A failed code issue keeps its code fields and its kind.
    let failed = CodeIssued { rtn_code: 10100058, rtn_msg: "failed".into(), ..code(CodeIssued::atm("", "", "")) };
    assert_eq!(NotificationKind::classify(&failed.fields()), NotificationKind::PaymentCodeIssued);

    // RtnCode alone is enough; a code field decides only for codes other than 1, 2, 10100073.
    let bare = Fields::from_pairs([("MerchantID", "1"), ("RtnCode", "10100073")]).unwrap();
    assert_eq!(NotificationKind::classify(&bare), NotificationKind::PaymentCodeIssued);
    let bare = Fields::from_pairs([("MerchantID", "1"), ("RtnCode", "10100058"), ("vAccount", "")]).unwrap();
    assert_eq!(NotificationKind::classify(&bare), NotificationKind::PaymentCodeIssued);

    // RtnCode 1 is a payment result whatever else is present (protocol.md §5): the code fields,
    // even filled, and a paid CVS result's PaymentNo.
    let bare = Fields::from_pairs([("MerchantID", "1"), ("RtnCode", "1"), ("vAccount", "")]).unwrap();
    assert_eq!(NotificationKind::classify(&bare), NotificationKind::PaymentResult);
    let paid_cvs = Fields::from_pairs([
        ("MerchantID", "1"),
        ("RtnCode", "1"),
        ("PaymentNo", "LLL22251222"),
        ("PayFrom", "family"),
    ])
    .unwrap();
    assert_eq!(NotificationKind::classify(&paid_cvs), NotificationKind::PaymentResult);

    // A failed payment with the whole (empty) extras set is a failed payment, not a code issue.
    let failed_payment = PaymentResult {
        rtn_code: 10100248,
        extra: omg_core::notify::builder::whole_extras_set(&Fields::new()),
        ..result()
    };
    assert_eq!(NotificationKind::classify(&failed_payment.fields()), NotificationKind::PaymentResult);

    // Each capitalised period field alone makes a period charge.
    for name in ["Gwsr", "ProcessDate", "AuthCode", "FirstAuthAmount", "Amount"] {
        let f = Fields::from_pairs([("MerchantID", "1"), ("RtnCode", "1"), (name, "")]).unwrap();
        assert_eq!(NotificationKind::classify(&f), NotificationKind::PeriodCharge, "{name}");
    }
    assert_eq!(NotificationKind::PaymentCodeIssued.as_str(), "payment_code_issued");
    assert_eq!(NotificationKind::PeriodCharge.to_string(), "period_charge");
}

#[test]
fn payment_result_accessors_with_every_extra() {
    let credit = CreditExtra {
        card4no: "2222".into(),
        card6no: "431195".into(),
        red_dan: "1".into(),
        red_de_amt: "2".into(),
        red_ok_amt: "3".into(),
        red_yet: "4".into(),
        stage: "3".into(),
        stast: "334".into(),
        staed: "333".into(),
        eci: "5".into(),
        gwsr: "11436981".into(),
        process_date: "2024/01/01 10:01:00".into(),
        auth_code: "777777".into(),
        amount: 1000,
        union_pay: "0".into(),
    };
    let recurring = RecurringExtra {
        period_type: "D".into(),
        frequency: 7,
        exec_times: 10,
        period_amount: 1000,
        total_success_times: 1,
        total_success_amount: 1000,
    };
    let mut extra = credit.fields();
    for more in [atm_extra("007", "12345"), cvs_extra("LLL22251222", "family", "S001", "台北門市"), recurring.fields()]
    {
        for (k, v) in &more {
            extra.push(k, v);
        }
    }
    let n = verified(
        PaymentResult {
            store_id: "S1".into(),
            payment_type_charge_fee: "25.00".into(),
            simulate_paid: true,
            custom_fields: ["c1".into(), "c2".into(), "c3".into(), "c4".into()],
            trade_amt: 1000,
            extra,
            ..result()
        }
        .fields(),
    );
    assert_eq!(n.kind(), NotificationKind::PaymentResult);
    assert_eq!(n.merchant_id(), Some("1000031"));
    assert_eq!(n.merchant_trade_no(), Some("R1"));
    assert_eq!(n.store_id(), Some("S1"));
    assert_eq!(n.rtn_code(), Some(1));
    assert_eq!(n.rtn_msg(), Some("交易成功"));
    assert_eq!(n.trade_no(), Some("2401011000000001"));
    assert_eq!(n.trade_amt(), Some(1000));
    assert_eq!(n.payment_date(), Some("2024/01/01 10:01:00"));
    assert_eq!(n.payment_type(), Some("Credit_CreditCard"));
    assert_eq!(n.payment_type_charge_fee(), Some("25.00"));
    assert_eq!(n.trade_date(), Some("2024/01/01 10:00:00"));
    assert_eq!(n.simulate_paid(), Some("1"));
    assert_eq!([1, 2, 3, 4].map(|i| n.custom_field(i)), [Some("c1"), Some("c2"), Some("c3"), Some("c4")]);
    assert_eq!((n.custom_field(0), n.custom_field(5)), (None, None));
    assert_eq!((n.card4no(), n.card6no()), (Some("2222"), Some("431195")));
    assert_eq!(
        [n.red_dan(), n.red_de_amt(), n.red_ok_amt(), n.red_yet()],
        [Some("1"), Some("2"), Some("3"), Some("4")]
    );
    assert_eq!([n.stage(), n.stast(), n.staed(), n.eci()], [Some("3"), Some("334"), Some("333"), Some("5")]);
    assert_eq!(n.gwsr(), Some("11436981"));
    assert_eq!(n.process_date(), Some("2024/01/01 10:01:00"));
    assert_eq!(n.auth_code(), Some("777777"));
    assert_eq!(n.amount(), Some(1000));
    assert_eq!((n.payment_no(), n.pay_from(), n.union_pay()), (Some("LLL22251222"), Some("family"), Some("0")));
    assert_eq!((n.atm_acc_bank(), n.atm_acc_no()), (Some("007"), Some("12345")));
    assert_eq!((n.cvs_store_id(), n.cvs_store_name()), (Some("S001"), Some("台北門市")));
    assert_eq!(n.period_type(), Some("D"));
    assert_eq!([n.frequency(), n.exec_times(), n.period_amount()], [Some(7), Some(10), Some(1000)]);
    assert_eq!([n.total_success_times(), n.total_success_amount()], [Some(1), Some(1000)]);
    // Fields of other kinds are absent, not invented.
    assert_eq!((n.v_account(), n.first_auth_amount(), n.barcodes()), (None, None, None));
    // Simulated: not paid, and not the same event as the real payment.
    assert!(n.is_simulated() && !n.is_paid());
    assert!(n.dedupe_key().ends_with("|simulated"), "{}", n.dedupe_key());
}

#[test]
fn code_issued_accessors_for_atm_cvs_and_barcode() {
    let atm = verified(code(CodeIssued::atm("812", "9103522850140367", "2024/01/04")).fields());
    assert_eq!(
        (atm.bank_code(), atm.v_account(), atm.expire_date()),
        (Some("812"), Some("9103522850140367"), Some("2024/01/04"))
    );
    assert_eq!((atm.rtn_code(), atm.payment_type(), atm.trade_amt()), (Some(2), Some("ATM_FIRST"), Some(80)));

    let cvs = verified(code(CodeIssued::cvs("LLL22098722826", "2024/01/08 10:00:00")).fields());
    assert_eq!((cvs.payment_no(), cvs.expire_date()), (Some("LLL22098722826"), Some("2024/01/08 10:00:00")));
    assert_eq!((cvs.barcode1(), cvs.barcode2(), cvs.barcode3()), (Some(""), Some(""), Some("")));
    assert_eq!(cvs.barcodes(), None, "empty segments are not barcodes");
    assert_eq!(cvs.rtn_code(), Some(10100073));

    let bar = verified(
        code(CodeIssued::barcode(["240108MK1", "0000000000000001", "010100000000080"], "2024/01/08 10:00:00")).fields(),
    );
    assert_eq!(bar.barcodes(), Some(["240108MK1", "0000000000000001", "010100000000080"]));
    assert_eq!(bar.payment_type(), Some("BARCODE_BARCODE"));
}

#[test]
fn period_charge_accessors_read_the_capitalised_names() {
    let n = verified(
        PeriodCharge {
            store_id: "S".into(),
            frequency: 2,
            exec_times: 6,
            ..period(3, "11436982", "2024/03/01 09:00:00")
        }
        .fields(),
    );
    assert_eq!(n.kind(), NotificationKind::PeriodCharge);
    assert_eq!(n.gwsr(), Some("11436982"));
    assert_eq!(n.process_date(), Some("2024/03/01 09:00:00"));
    assert_eq!(n.auth_code(), Some("777777"));
    assert_eq!(n.amount(), Some(299));
    assert_eq!(n.first_auth_amount(), Some(299));
    assert_eq!(n.total_success_times(), Some(3));
    assert_eq!((n.period_type(), n.frequency(), n.exec_times()), (Some("M"), Some(2), Some(6)));
    assert_eq!(n.store_id(), Some("S"));
    assert_eq!((n.trade_no(), n.trade_amt(), n.simulate_paid()), (None, None, None));
}

#[test]
fn numbers_that_are_not_numbers_read_as_none_and_stay_in_raw() {
    let n = verified(with_field(result().fields(), "TradeAmt", "12a"));
    assert_eq!(n.trade_amt(), None);
    assert_eq!(n.raw().get("TradeAmt"), Some("12a"));
}

#[test]
fn is_paid_only_for_money_taken() {
    assert!(verified(result().fields()).is_paid());
    assert!(verified(period(2, "1", "d").fields()).is_paid());
    assert!(!verified(PaymentResult { rtn_code: 10100058, ..result() }.fields()).is_paid());
    assert!(!verified(PeriodCharge { rtn_code: 10100248, ..period(2, "1", "d") }.fields()).is_paid());
    // RtnCode 1 is a payment whatever fields come with it; only the PaymentInfoURL handler, which
    // knows no payment is ever posted to it, can say otherwise.
    let odd = verified(CodeIssued { rtn_code: 1, ..code(CodeIssued::cvs("x", "y")) }.fields());
    assert!(odd.is_paid());
    assert!(!odd.received_at(omg_core::notify::Endpoint::PaymentInfoUrl).is_paid());
}

#[test]
fn is_simulated_follows_simulate_paid() {
    assert!(!verified(result().fields()).is_simulated());
    assert!(verified(PaymentResult { simulate_paid: true, ..result() }.fields()).is_simulated());
    assert!(verified(PeriodCharge { simulate_paid: true, ..period(2, "1", "d") }.fields()).is_simulated());
    assert!(!verified(period(2, "1", "d").fields()).is_simulated());
    // A simulated payment is never "paid": no money moved (protocol.md §5).
    assert!(!verified(PaymentResult { simulate_paid: true, ..result() }.fields()).is_paid());
    assert!(!verified(PeriodCharge { simulate_paid: true, ..period(2, "1", "d") }.fields()).is_paid());
}

#[test]
fn a_simulation_then_the_real_payment_are_two_events() {
    let simulated = verified(PaymentResult { simulate_paid: true, ..result() }.fields());
    let real = verified(result().fields());
    assert_ne!(simulated.dedupe_key(), real.dedupe_key());
    assert_eq!(simulated.dedupe_key(), "payment_result|r1|2401011000000001|1|simulated");
    assert_eq!(real.dedupe_key(), "payment_result|r1|2401011000000001|1");
}

#[test]
fn the_endpoint_decides_the_kind_when_given() {
    use omg_core::notify::Endpoint;
    // A failed code issue without any code field would be read as a failed payment...
    let failed = Fields::from_pairs([
        ("MerchantID", "1000031"),
        ("MerchantTradeNo", "F1"),
        ("RtnCode", "10100058"),
        ("TradeNo", "T1"),
    ])
    .unwrap();
    assert_eq!(verified(failed.clone()).kind(), NotificationKind::PaymentResult);
    // ...but the PaymentInfoURL handler knows better.
    assert_eq!(verified(failed).received_at(Endpoint::PaymentInfoUrl).kind(), NotificationKind::PaymentCodeIssued);
    for (name, kind) in [
        ("ReturnURL", NotificationKind::PaymentResult),
        ("order_result_url", NotificationKind::PaymentResult),
        ("PaymentInfoURL", NotificationKind::PaymentCodeIssued),
        ("client_redirect_url", NotificationKind::PaymentCodeIssued),
        ("PeriodReturnURL", NotificationKind::PeriodCharge),
    ] {
        assert_eq!(Endpoint::parse(name).unwrap().kind(), kind, "{name}");
    }
    let err = Endpoint::parse("NotifyURL").unwrap_err();
    assert_eq!((err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()), ("endpoint", "one_of"));
}

#[test]
fn the_dedupe_key_ignores_rtn_msg_and_separates_events() {
    let first = verified(result().fields());
    let resent = verified(PaymentResult { rtn_msg: "paid".into(), ..result() }.fields());
    assert_eq!(first.dedupe_key(), resent.dedupe_key());
    assert_eq!(first.dedupe_key(), "payment_result|r1|2401011000000001|1");

    let failed = verified(PaymentResult { rtn_code: 10100058, ..result() }.fields());
    assert_ne!(first.dedupe_key(), failed.dedupe_key());
    let issued = verified(code(CodeIssued::atm("812", "1", "d")).fields());
    assert_eq!(issued.dedupe_key(), "payment_code_issued|c1|2401011000000002|2");

    let p2 = verified(period(2, "100", "2024/02/01 09:00:00").fields());
    let p2_again =
        verified(PeriodCharge { rtn_msg: "Succeeded".into(), ..period(2, "100", "2024/02/01 09:00:00") }.fields());
    let p3 = verified(period(3, "101", "2024/03/01 09:00:00").fields());
    assert_eq!(p2.dedupe_key(), p2_again.dedupe_key());
    assert_ne!(p2.dedupe_key(), p3.dedupe_key());
    assert_eq!(p2.dedupe_key(), "period_charge|p1|100|1|2|2024/02/01 09:00:00");

    // Two failed periods in a row leave TotalSuccessTimes unchanged; their dates still differ.
    let fail_a = verified(PeriodCharge { rtn_code: 10100248, ..period(2, "", "2024/03/01 09:00:00") }.fields());
    let fail_b = verified(PeriodCharge { rtn_code: 10100248, ..period(2, "", "2024/04/01 09:00:00") }.fields());
    assert_ne!(fail_a.dedupe_key(), fail_b.dedupe_key());
}

#[test]
fn the_dedupe_key_escapes_its_separator() {
    let a = verified(PaymentResult { merchant_trade_no: "a|b".into(), trade_no: "c".into(), ..result() }.fields());
    let b = verified(PaymentResult { merchant_trade_no: "a".into(), trade_no: "b|c".into(), ..result() }.fields());
    assert_ne!(a.dedupe_key(), b.dedupe_key());
    assert_eq!(a.dedupe_key(), "payment_result|a%7Cb|c|1");
}

#[test]
fn expect_amount_checks_trade_amt_or_period_amount() {
    let n = verified(result().fields());
    n.expect_amount(500).unwrap();
    let err = n.expect_amount(499).unwrap_err();
    let e = &err.field_errors()[0];
    assert_eq!((e.field.as_str(), e.rule.as_str()), ("TradeAmt", "amount_mismatch"));
    assert!(e.message.contains("500") && e.message.contains("499"), "{}", e.message);

    let p = verified(period(2, "1", "d").fields());
    p.expect_amount(299).unwrap();
    assert_eq!(p.expect_amount(500).unwrap_err().field_errors()[0].field, "Amount");

    let mut no_amount = result().fields();
    no_amount.remove("TradeAmt");
    let err = verified(no_amount).expect_amount(500).unwrap_err();
    assert_eq!((err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()), ("TradeAmt", "required"));
    let err = verified(with_field(result().fields(), "TradeAmt", "500.5")).expect_amount(500).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "format");
    assert!(matches!(err, Error::Validation(_)));
}
