//! The test-notification builders produce the gateway's field lists, and the replies are exact.

use omg_core::notify::builder::{CodeIssued, PaymentResult, PeriodCharge};
use omg_core::notify::{self, ACK};
use omg_core::{mac, Credentials, Fields, HashMethod};

fn keys(fields: &Fields) -> Vec<&str> {
    fields.iter().map(|(k, _)| k).collect()
}

const CUSTOM: [&str; 4] = ["CustomField1", "CustomField2", "CustomField3", "CustomField4"];

#[test]
fn payment_result_has_the_section_5_fields_in_order_with_gateway_defaults() {
    let f = PaymentResult::default().fields();
    let mut expected = vec![
        "MerchantID",
        "MerchantTradeNo",
        "StoreID",
        "RtnCode",
        "RtnMsg",
        "TradeNo",
        "TradeAmt",
        "PaymentDate",
        "PaymentType",
        "PaymentTypeChargeFee",
        "TradeDate",
        "SimulatePaid",
    ];
    expected.extend(CUSTOM);
    assert_eq!(keys(&f), expected);
    assert_eq!(f.get("RtnCode"), Some("1"));
    assert_eq!(f.get("SimulatePaid"), Some("0"));
    assert_eq!(f.get("StoreID"), Some(""));
    assert_eq!(f.get("PaymentType"), Some("Credit_CreditCard"));
    assert!(CUSTOM.iter().all(|k| f.get(k) == Some("")));
    assert_eq!(PaymentResult { simulate_paid: true, ..Default::default() }.fields().get("SimulatePaid"), Some("1"));
}

#[test]
fn code_issued_has_the_common_fields_then_the_methods_own() {
    let mut common = vec![
        "MerchantID",
        "MerchantTradeNo",
        "StoreID",
        "RtnCode",
        "RtnMsg",
        "TradeNo",
        "TradeAmt",
        "PaymentType",
        "TradeDate",
    ];
    common.extend(CUSTOM);
    let with = |own: &[&'static str]| common.iter().copied().chain(own.iter().copied()).collect::<Vec<_>>();

    let atm = CodeIssued::atm("812", "123", "2024/01/04").fields();
    assert_eq!(keys(&atm), with(&["BankCode", "vAccount", "ExpireDate"]));
    assert_eq!((atm.get("RtnCode"), atm.get("PaymentType")), (Some("2"), Some("ATM_FIRST")));

    let cvs = CodeIssued::cvs("LLL1", "2024/01/08 10:00:00").fields();
    assert_eq!(keys(&cvs), with(&["PaymentNo", "ExpireDate", "Barcode1", "Barcode2", "Barcode3"]));
    assert_eq!((cvs.get("RtnCode"), cvs.get("Barcode2")), (Some("10100073"), Some("")));

    let bar = CodeIssued::barcode(["a", "b", "c"], "2024/01/08 10:00:00").fields();
    assert_eq!(keys(&bar), with(&["Barcode1", "Barcode2", "Barcode3", "ExpireDate"]));
    assert_eq!((bar.get("Barcode3"), bar.get("RtnCode")), (Some("c"), Some("10100073")));
}

#[test]
fn period_charge_uses_the_capitalised_names_and_sends_simulate_paid_only_when_simulated() {
    let f = PeriodCharge::default().fields();
    let mut expected = vec![
        "MerchantID",
        "MerchantTradeNo",
        "StoreID",
        "RtnCode",
        "RtnMsg",
        "PeriodType",
        "Frequency",
        "ExecTimes",
        "Amount",
        "Gwsr",
        "ProcessDate",
        "AuthCode",
        "FirstAuthAmount",
        "TotalSuccessTimes",
    ];
    expected.extend(CUSTOM);
    assert_eq!(keys(&f), expected);
    let simulated = PeriodCharge { simulate_paid: true, ..Default::default() }.fields();
    assert_eq!(keys(&simulated).last(), Some(&"SimulatePaid"));
    assert_eq!(simulated.get("SimulatePaid"), Some("1"));
}

#[test]
fn extra_fields_are_appended_and_signed() {
    let extra = Fields::from_pairs([("PaymentURL", "https://x/?a=1&b=2"), ("NewField", "新")]).unwrap();
    let n =
        PaymentResult { merchant_id: "1000031".into(), merchant_trade_no: "A1".into(), extra, ..Default::default() };
    let body = n.sign(&Credentials::stage()).unwrap();
    let verified = notify::verify_notification(body.as_bytes(), &Credentials::stage()).unwrap();
    assert_eq!(verified.get("PaymentURL"), Some("https://x/?a=1&b=2"));
    assert_eq!(keys(verified.raw())[16..], ["PaymentURL", "NewField", "CheckMacValue"]);
}

#[test]
fn signed_bodies_verify_and_carry_the_signature_of_their_fields() {
    let credentials = Credentials::stage();
    let bodies = [
        PaymentResult { merchant_id: "1000031".into(), merchant_trade_no: "A1".into(), ..Default::default() }
            .sign(&credentials)
            .unwrap(),
        CodeIssued {
            merchant_id: "1000031".into(),
            merchant_trade_no: "A1".into(),
            ..CodeIssued::cvs("LLL1", "2024/01/08 10:00:00")
        }
        .sign(&credentials)
        .unwrap(),
        PeriodCharge { merchant_id: "1000031".into(), merchant_trade_no: "A1".into(), ..Default::default() }
            .sign(&credentials)
            .unwrap(),
    ];
    for body in bodies {
        let parsed = Fields::parse_form(body.as_bytes()).unwrap();
        assert_eq!(keys(&parsed).last(), Some(&"CheckMacValue"));
        let expected = mac::sign(&parsed, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256).unwrap();
        assert_eq!(parsed.get("CheckMacValue"), Some(expected.as_str()));
        notify::verify_notification(body.as_bytes(), &credentials).unwrap();
    }
}

#[test]
fn sign_notification_replaces_a_stale_check_mac_value() {
    let credentials = Credentials::stage();
    let mut fields =
        PaymentResult { merchant_id: "1000031".into(), merchant_trade_no: "A1".into(), ..Default::default() }.fields();
    fields.push("CheckMacValue", "STALE");
    let body = notify::sign_notification(fields, &credentials).unwrap();
    assert!(!body.contains("STALE"));
    assert_eq!(body.matches("CheckMacValue=").count(), 1);
    notify::verify_notification(body.as_bytes(), &credentials).unwrap();
}

#[test]
fn sign_notification_refuses_names_equal_but_for_case() {
    let fields = Fields::from_pairs([("MerchantID", "1000031"), ("merchantid", "x")]).unwrap();
    let err = notify::sign_notification(fields, &Credentials::stage()).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "duplicate");
}

#[test]
fn ack_is_exactly_1_ok_and_nack_stays_on_one_line() {
    assert_eq!(ACK, "1|OK");
    assert_eq!(notify::ack(), "1|OK");
    assert_eq!(notify::nack("amount mismatch"), "0|amount mismatch");
    assert_eq!(notify::nack("line1\r\nline2\n"), "0|line1  line2 ");
    assert_eq!(notify::nack(""), "0|");
    assert!(!notify::nack("a\rb\nc").contains(['\r', '\n']));
}
