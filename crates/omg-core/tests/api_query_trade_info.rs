//! QueryTradeInfo/V5: request building, the simulator's request parsing, and the raw signed reply.

use omg_core::api::query_trade_info::{self, TradeInfo, TradeStatus};
use omg_core::api::{self, Api};
use omg_core::{mac, Credentials, Error, Fields, FixedClock, HashMethod};

const NOW: i64 = 1_704_074_400; // 2024-01-01 10:00:00 Taiwan time

fn creds() -> Credentials {
    Credentials::stage()
}

/// A reply as the gateway writes it, built by hand from the §6 field list: signed over the raw
/// values, joined without any encoding.
fn reply_fields() -> Fields {
    Fields::from_pairs([
        ("MerchantID", "1000031"),
        ("MerchantTradeNo", "A2401011000001xyz"),
        ("StoreID", ""),
        ("TradeNo", "2401011000001234"),
        ("TradeAmt", "1200"),
        ("PaymentDate", "2024/01/01 10:00:00"),
        ("PaymentType", "Credit_CreditCard"),
        ("HandlingCharge", "30"),
        ("PaymentTypeChargeFee", "25.00"),
        ("TradeDate", "2024/01/01 09:59:00"),
        ("TradeStatus", "1"),
        ("ItemName", "A+B C"),
        ("CustomField1", "x"),
        ("CustomField2", ""),
        ("CustomField3", ""),
        ("CustomField4", ""),
        ("gwsr", "11436981"),
        ("card4no", "2222"),
    ])
    .unwrap()
}

fn signed_raw(fields: &Fields) -> String {
    let check = mac::sign(fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let mut parts: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={v}")).collect();
    parts.push(format!("CheckMacValue={check}"));
    parts.join("&")
}

#[test]
fn request_has_the_documented_fields_signed_and_is_retryable() {
    let req = query_trade_info::request(&creds(), "A2401011000001xyz", None, &FixedClock(NOW)).unwrap();
    assert_eq!(req.api, Api::QueryTradeInfo);
    assert_eq!(req.path, "/Cashier/QueryTradeInfo/V5");
    assert!(req.idempotent);
    assert_eq!(req.reconcile_with, None);
    let keys: Vec<&str> = req.fields.iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["MerchantID", "MerchantTradeNo", "TimeStamp", "CheckMacValue"]);
    assert_eq!(req.fields.get("TimeStamp"), Some("1704074400"));
    mac::verify(&req.fields, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    assert_eq!(Fields::parse_form(req.body().as_bytes()).unwrap(), req.fields);
    assert_eq!(
        req.url(&omg_core::Environment::Stage),
        "https://payment-stage.funpoint.com.tw/Cashier/QueryTradeInfo/V5"
    );
}

#[test]
fn platform_id_is_sent_only_when_given() {
    let with = query_trade_info::request(&creds(), "A1", Some("P001"), &FixedClock(NOW)).unwrap();
    assert_eq!(with.fields.get("PlatformID"), Some("P001"));
    for none in [None, Some("")] {
        assert!(!query_trade_info::request(&creds(), "A1", none, &FixedClock(NOW))
            .unwrap()
            .fields
            .contains("PlatformID"));
    }
}

#[test]
fn a_bad_order_number_is_refused_before_signing() {
    for (value, rule) in
        [("", "required"), ("A123456789012345678901", "max_length"), ("A-1", "charset"), ("訂單1", "charset")]
    {
        let err = query_trade_info::request(&creds(), value, None, &FixedClock(NOW)).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "MerchantTradeNo", "{value}");
        assert_eq!(err.field_errors()[0].rule, rule, "{value}");
    }
    let err = query_trade_info::request(&creds(), "", Some("P12345678901"), &FixedClock(NOW)).unwrap_err();
    assert_eq!(err.field_errors().len(), 2, "every problem at once");
}

#[test]
fn the_simulator_reads_back_what_the_merchant_sent() {
    let req = query_trade_info::request(&creds(), "A1", Some("P1"), &FixedClock(NOW)).unwrap();
    let parsed = query_trade_info::parse_request(&req.fields, &creds()).unwrap();
    assert_eq!(parsed.merchant_trade_no, "A1");
    assert_eq!(parsed.merchant_id, "1000031");
    assert_eq!(parsed.time_stamp, NOW);
    assert_eq!(parsed.platform_id.as_deref(), Some("P1"));
    assert!(api::time_stamp_is_fresh(parsed.time_stamp, &FixedClock(NOW + 180)));
    assert!(!api::time_stamp_is_fresh(parsed.time_stamp, &FixedClock(NOW + 181)));
    assert!(!api::time_stamp_is_fresh(parsed.time_stamp, &FixedClock(NOW - 181)));
}

#[test]
fn the_simulator_refuses_tampered_foreign_or_malformed_requests() {
    let req = query_trade_info::request(&creds(), "A1", None, &FixedClock(NOW)).unwrap();
    let mut tampered = req.fields.clone();
    tampered.set("MerchantTradeNo", "A2");
    assert!(matches!(query_trade_info::parse_request(&tampered, &creds()), Err(Error::Signature(_))));

    let other = Credentials::new("2000132", creds().hash_key(), creds().hash_iv()).unwrap();
    let err = query_trade_info::parse_request(&req.fields, &other).unwrap_err();
    assert_eq!(err.field_errors()[0].rule, "merchant_mismatch");

    let mut bad =
        Fields::from_pairs([("MerchantID", "1000031"), ("MerchantTradeNo", "A-1"), ("TimeStamp", "soon")]).unwrap();
    mac::sign_in_place(&mut bad, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let err = query_trade_info::parse_request(&bad, &creds()).unwrap_err();
    let got: Vec<(&str, &str)> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
    assert_eq!(got, [("MerchantTradeNo", "charset"), ("TimeStamp", "format")]);
}

#[test]
fn a_raw_reply_with_literal_plus_and_spaces_verifies_and_keeps_the_plus() {
    let body = signed_raw(&reply_fields());
    assert!(body.contains("ItemName=A+B C&"));
    let info = query_trade_info::parse_reply(body.as_bytes(), &creds()).unwrap();
    assert_eq!(info.item_name, "A+B C");
    assert_eq!(info.payment_date, "2024/01/01 10:00:00");
    assert_eq!(info.trade_status, TradeStatus::Paid);
    assert!(info.is_paid());
    assert_eq!(info.trade_amt, Some(1200));
    assert_eq!(info.merchant_trade_no, "A2401011000001xyz");
    assert_eq!(info.trade_no, "2401011000001234");
    assert_eq!(info.store_id, "");
    assert_eq!((info.handling_charge.as_str(), info.payment_type_charge_fee.as_str()), ("30", "25.00"));
    assert_eq!(info.trade_date, "2024/01/01 09:59:00");
    assert_eq!(info.payment_type, "Credit_CreditCard");
    assert_eq!(info.custom_fields, ["x", "", "", ""]);
    assert_eq!(info.extra, Fields::from_pairs([("gwsr", "11436981"), ("card4no", "2222")]).unwrap());
    assert_eq!(info.raw.len(), 19);
    assert!(info.raw.contains("CheckMacValue"));
}

#[test]
fn a_reply_signed_over_form_decoded_values_is_refused() {
    // What a parser that turned `+` into a space would have hashed: proof the raw values count.
    let mut decoded = reply_fields();
    decoded.set("ItemName", "A B C");
    let check = mac::sign(&decoded, creds().hash_key(), creds().hash_iv(), HashMethod::Sha256).unwrap();
    let body = signed_raw(&reply_fields());
    let (without_mac, _) = body.rsplit_once("&CheckMacValue=").unwrap();
    let forged = format!("{without_mac}&CheckMacValue={check}");
    assert!(matches!(query_trade_info::parse_reply(forged.as_bytes(), &creds()), Err(Error::Signature(_))));
}

#[test]
fn tampered_unsigned_or_foreign_replies_are_signature_errors() {
    let body = signed_raw(&reply_fields());
    for tampered in [
        body.replace("TradeAmt=1200", "TradeAmt=1"),
        body.replace("TradeStatus=1", "TradeStatus=0"),
        body.replace("&card4no=2222", ""),
    ] {
        assert!(
            matches!(query_trade_info::parse_reply(tampered.as_bytes(), &creds()), Err(Error::Signature(_))),
            "{tampered}"
        );
    }
    let (unsigned, _) = body.rsplit_once("&CheckMacValue=").unwrap();
    assert!(matches!(query_trade_info::parse_reply(unsigned.as_bytes(), &creds()), Err(Error::Signature(_))));
    let other = Credentials::new("1000031", "AnotherKey123456", "AnotherIV1234567").unwrap();
    assert!(matches!(query_trade_info::parse_reply(body.as_bytes(), &other), Err(Error::Signature(_))));
}

#[test]
fn refusals_in_any_shape_are_gateway_errors() {
    let cases: [(&str, Option<i64>, &str); 4] = [
        ("RtnCode=10200073&RtnMsg=CheckMacValue Error", Some(10200073), "CheckMacValue Error"),
        ("10200073|CheckMacValue Error", Some(10200073), "CheckMacValue Error"),
        ("0|Parameter Error", Some(0), "Parameter Error"),
        (r#"{"RtnCode":10200047,"RtnMsg":"not found"}"#, Some(10200047), "not found"),
    ];
    for (body, code, msg) in cases {
        match query_trade_info::parse_reply(body.as_bytes(), &creds()) {
            Err(Error::Gateway { rtn_code, rtn_msg }) => {
                assert_eq!((rtn_code, rtn_msg.as_str()), (code, msg), "{body}")
            }
            other => panic!("{body}: {other:?}"),
        }
    }
    let refusal = api::render_refusal(10200073, "CheckMacValue Error");
    assert!(matches!(
        query_trade_info::parse_reply(refusal.as_bytes(), &creds()),
        Err(Error::Gateway { rtn_code: Some(10200073), .. })
    ));
}

#[test]
fn empty_or_unreadable_replies_are_decode_errors() {
    let bodies: [&[u8]; 8] = [
        b"",
        b"  \r\n",
        b"<html><body>502 Bad Gateway</body></html>",
        b"<html><body class=\"error\">RtnCode=1&TradeStatus=1</body></html>",
        b"Server Error",
        b"{not json",
        b"A=1&\xff=2",
        b"=x&A=1",
    ];
    for body in bodies {
        assert!(matches!(query_trade_info::parse_reply(body, &creds()), Err(Error::Decode(_))), "{body:?}");
    }
    // Signed but without TradeStatus: not a QueryTradeInfo reply.
    let mut fields = reply_fields();
    fields.remove("TradeStatus");
    assert!(matches!(query_trade_info::parse_reply(signed_raw(&fields).as_bytes(), &creds()), Err(Error::Decode(_))));
}

#[test]
fn a_trailing_newline_and_a_byte_order_mark_are_tolerated() {
    let body = signed_raw(&reply_fields());
    query_trade_info::parse_reply(format!("{body}\r\n").as_bytes(), &creds()).unwrap();
    query_trade_info::parse_reply(format!("\u{feff}{body}").as_bytes(), &creds()).unwrap();
}

#[test]
fn trade_status_maps_the_known_values_and_keeps_the_rest() {
    for (wire, status) in [
        ("0", TradeStatus::NotPaid),
        ("1", TradeStatus::Paid),
        ("10200095", TradeStatus::NeverChosePayment),
        ("7", TradeStatus::Other("7".into())),
    ] {
        let mut fields = reply_fields();
        fields.set("TradeStatus", wire);
        let info = query_trade_info::parse_reply(signed_raw(&fields).as_bytes(), &creds()).unwrap();
        assert_eq!(info.trade_status, status);
        assert_eq!(info.trade_status.as_str(), wire);
    }
}

#[test]
fn the_signed_not_found_reply_is_the_not_found_error() {
    // The ECPay family's shape for an unknown order (real stage capture, protocol.md §6): signed,
    // the fields empty, TradeStatus=10200047. Signed here by hand-built fields, not render_*.
    let mut fields = Fields::new();
    for name in [
        "CustomField1",
        "CustomField2",
        "CustomField3",
        "CustomField4",
        "HandlingCharge",
        "ItemName",
        "MerchantID",
        "MerchantTradeNo",
        "PaymentDate",
        "PaymentType",
        "PaymentTypeChargeFee",
        "StoreID",
        "TradeAmt",
        "TradeDate",
        "TradeNo",
    ] {
        fields.push(name, if name == "MerchantID" { "1000031" } else { "" });
    }
    fields.push("TradeStatus", "10200047");
    let err = query_trade_info::parse_reply(signed_raw(&fields).as_bytes(), &creds()).unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    // The unsigned shape ends in the same outcome.
    let err = query_trade_info::parse_reply("RtnCode=10200047&RtnMsg=查無此訂單".as_bytes(), &creds()).unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    // And a forged not-found is a signature error, not a not-found.
    let forged = signed_raw(&fields).replace("CheckMacValue=", "CheckMacValue=0");
    assert!(matches!(query_trade_info::parse_reply(forged.as_bytes(), &creds()), Err(Error::Signature(_))));
    // omg-sim's rendering of it reads back the same way.
    assert!(query_trade_info::parse_reply(query_trade_info::render_not_found(&creds()).unwrap().as_bytes(), &creds())
        .unwrap_err()
        .is_not_found());
}

#[test]
fn render_reply_writes_the_same_wire_body_and_round_trips() {
    let info = query_trade_info::parse_reply(signed_raw(&reply_fields()).as_bytes(), &creds()).unwrap();
    let rendered = query_trade_info::render_reply(&info, &creds()).unwrap();
    assert_eq!(rendered, signed_raw(&reply_fields()));
    assert_eq!(query_trade_info::parse_reply(rendered.as_bytes(), &creds()).unwrap(), info);

    let unpaid = TradeInfo {
        merchant_id: "1000031".into(),
        merchant_trade_no: "B1".into(),
        trade_amt: Some(10),
        ..Default::default()
    };
    let rendered = query_trade_info::render_reply(&unpaid, &creds()).unwrap();
    assert!(rendered.starts_with("MerchantID=1000031&MerchantTradeNo=B1&StoreID=&TradeNo=&TradeAmt=10&"), "{rendered}");
    let back = query_trade_info::parse_reply(rendered.as_bytes(), &creds()).unwrap();
    assert_eq!(back.trade_status, TradeStatus::NotPaid);
}

#[test]
fn a_value_holding_an_ampersand_cannot_come_back_intact() {
    // The gateway's raw format has no escaping: render_reply writes what the gateway would, and
    // the reader then sees a split field and a failed signature — an error, never a panic.
    let info = TradeInfo { merchant_id: "1000031".into(), item_name: "Fish&Chips".into(), ..Default::default() };
    let rendered = query_trade_info::render_reply(&info, &creds()).unwrap();
    assert!(rendered.contains("ItemName=Fish&Chips&"));
    assert!(matches!(query_trade_info::parse_reply(rendered.as_bytes(), &creds()), Err(Error::Signature(_))));
}
