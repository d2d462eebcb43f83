//! Every payment method from AioCheckOut to paid (and declined), over real loopback HTTP, with
//! orders signed by omg-core's checkout and every notification verified by omg-core.

mod common;

use common::{form_fields, order, trade_no, Harness, Receiver};
use omg_core::mac::{self, HashMethod};
use omg_core::notify::{verify_notification, Notification, NotificationKind};
use omg_core::order::{AllMethods, Atm, Barcode, CreditInstallments, Cvs, CvsStore, Method, Payment};
use omg_core::{Credentials, Fields};
use serde_json::json;

fn stage() -> Credentials {
    Credentials::stage()
}

/// The single ReturnURL notification the receiver got, verified.
fn return_notification(receiver: &Receiver, n: usize) -> Notification {
    let bodies = receiver.wait_for("/return", n);
    verify_notification(bodies[n - 1].as_bytes(), &stage()).expect("ReturnURL is correctly signed")
}

#[test]
fn credit_card_paid_on_the_page_notifies_return_url_and_posts_order_result_url() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("CR");
    let (status, page) = h.checkout(&order(&no, 1500, &receiver, Payment::default()));
    assert_eq!(status, 200);
    assert!(page.contains("id=\"pay\"") && page.contains("id=\"decline\""), "{page}");
    assert!(
        page.contains("4311-9522-2222-2222") && page.contains("NT$ 1500") && page.contains("<li>Mug</li>"),
        "{page}"
    );
    assert!(page.contains(&no));

    let trade = h.trade_no(&no);
    assert_eq!(trade.len(), 20);
    let (status, html) =
        h.post_form(&format!("/SimPayment/{trade}/pay"), "card_number=4311-9522-2222-2222&expiry=12%2F30&cvv=222");
    assert_eq!(status, 200);
    // The payer's browser is sent to OrderResultURL with the signed result.
    let (action, fields) = form_fields(&html);
    assert_eq!(action, receiver.url("/result"));
    let browser = Notification::from_fields(fields, &stage()).expect("OrderResultURL form is signed");
    assert!(browser.is_paid());

    let n = return_notification(&receiver, 1);
    assert_eq!(n.kind(), NotificationKind::PaymentResult);
    assert!(n.is_paid() && !n.is_simulated());
    n.expect_amount(1500).unwrap();
    assert_eq!(n.get("MerchantTradeNo"), Some(no.as_str()));
    assert_eq!(n.get("TradeNo"), Some(trade.as_str()));
    assert_eq!(n.get("PaymentType"), Some("Credit_CreditCard"));
    assert_eq!(n.get("SimulatePaid"), Some("0"));
    assert_eq!(n.dedupe_key(), browser.dedupe_key());

    let attempts = h.wait_deliveries(&no, |a| a.len() == 1 && a[0]["ok"] == true);
    assert_eq!(attempts[0]["kind"], "ReturnURL");
    assert_eq!(attempts[0]["status"], 200);
    assert_eq!(attempts[0]["reply"], "1|OK");
    assert_eq!(h.order(&no)["status"], "paid");
    // A paid order cannot be paid again.
    let (status, _) = h.post_form(&format!("/SimPayment/{trade}/pay"), "");
    assert_eq!(status, 409);
}

#[test]
fn declined_card_notifies_a_failure_and_the_number_can_never_be_reused() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("DC");
    let o = order(&no, 800, &receiver, Payment::default());
    h.checkout(&o);
    let trade = h.trade_no(&no);
    let (_, html) = h.post_form(&format!("/SimPayment/{trade}/decline"), "");
    let (_, fields) = form_fields(&html);
    let browser = Notification::from_fields(fields, &stage()).unwrap();
    assert!(!browser.is_paid());
    assert_eq!(browser.rtn_code(), Some(omg_sim::FAILED_RTN_CODE));

    let n = return_notification(&receiver, 1);
    assert!(!n.is_paid());
    assert_eq!(h.order(&no)["status"], "declined");

    // A reused number: 10300028 訂單編號重覆，建立失敗, the code the catalogue confirms (protocol.md §7).
    let (status, page) = h.checkout(&o);
    assert_eq!(status, 200);
    assert!(
        page.contains("<span id=\"rtn-code\">10300028</span>") && page.contains("訂單編號重覆，建立失敗"),
        "{page}"
    );
}

#[test]
fn aftee_pays_and_declines_through_the_control_api() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let paid = trade_no("AF");
    h.checkout(&order(&paid, 300, &receiver, Payment::Aftee));
    let result = h.control_ok("/_sim/pay", json!({ "merchant_trade_no": paid }));
    assert_eq!(result["order"]["status"], "paid");
    assert_eq!(result["browser_post"]["url"], receiver.url("/result"));
    let n = return_notification(&receiver, 1);
    assert_eq!(n.get("PaymentType"), Some("AFTEE_AFTEE"));
    assert!(n.is_paid());

    let declined = trade_no("AF");
    h.checkout(&order(&declined, 300, &receiver, Payment::Aftee));
    let result = h.control_ok("/_sim/decline", json!({ "merchant_trade_no": declined }));
    assert_eq!(result["order"]["status"], "declined");
    let (status, body) = h.control("/_sim/pay", json!({ "merchant_trade_no": declined }));
    assert_eq!(status, 409, "{body}");
}

#[test]
fn all_offers_every_method_but_the_ignored_ones_and_the_payer_picks_barcode() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("AL");
    let payment = Payment::All(AllMethods {
        ignore_payment: vec![Method::Atm, Method::Cvs],
        payment_info_url: Some(receiver.url("/info")),
        client_redirect_url: None,
        ..AllMethods::default()
    });
    let (_, page) = h.checkout(&order(&no, 420, &receiver, payment));
    for offered in ["Credit", "BARCODE", "AFTEE"] {
        assert!(page.contains(&format!("id=\"method-{offered}\"")), "{offered} missing: {page}");
    }
    assert!(!page.contains("id=\"method-ATM\"") && !page.contains("id=\"method-CVS\""));
    assert_eq!(h.order(&no)["method"], serde_json::Value::Null);

    let trade = h.trade_no(&no);
    let (status, _) = h.post_form(&format!("/SimPayment/{trade}/choose"), "method=ATM");
    assert_eq!(status, 409, "an ignored method cannot be chosen");
    // BARCODE chosen: the page asks for the barcode before any is issued.
    let (_, page) = h.post_form(&format!("/SimPayment/{trade}/choose"), "method=BARCODE");
    assert!(page.contains("id=\"sub-BARCODE\"") && !page.contains("<svg"), "{page}");
    assert_eq!(h.order(&no)["code"], serde_json::Value::Null);
    let (_, page) = h.post_form(&format!("/SimPayment/{trade}/choose"), "sub_payment=BARCODE");
    assert!(page.contains("<svg"), "barcodes are drawn inline: {page}");
    assert!(page.contains("id=\"pay-code\""));

    let info = verify_notification(receiver.wait_for("/info", 1)[0].as_bytes(), &stage()).unwrap();
    assert_eq!(info.kind(), NotificationKind::PaymentCodeIssued);
    assert_eq!(info.rtn_code(), Some(10100073));
    let barcodes = info.barcodes().expect("three barcodes");
    for segment in barcodes {
        assert!(!segment.is_empty() && page.contains(segment), "segment {segment} shown on the page");
    }
    // Paying at the store: the payer presses the simulated pay button.
    let (_, page) = h.post_form(&format!("/SimPayment/{trade}/pay-code"), "");
    assert!(page.contains("id=\"paid\""), "{page}");
    let n = return_notification(&receiver, 1);
    assert_eq!(n.get("PaymentType"), Some("BARCODE_BARCODE"));
    assert!(n.is_paid());
}

#[test]
fn installments_let_the_payer_pick_a_count_and_the_extra_fields_report_it() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("IN");
    let mut o = order(
        &no,
        1000,
        &receiver,
        Payment::CreditInstallments(CreditInstallments { binding: Default::default(), installments: vec![3, 6, 12] }),
    );
    o.need_extra_paid_info = Some(true);
    let (_, page) = h.checkout(&o);
    for n in [3, 6, 12] {
        assert!(page.contains(&format!("<option value=\"{n}\">")), "{page}");
    }
    let trade = h.trade_no(&no);
    let (status, _) = h.post_form(&format!("/SimPayment/{trade}/pay"), "installments=5");
    assert_eq!(status, 409, "5 installments are not offered");
    h.post_form(&format!("/SimPayment/{trade}/pay"), "installments=6&card_number=4311952222222222");
    let n = return_notification(&receiver, 1);
    assert_eq!(n.get("stage"), Some("6"));
    let first: i64 = n.get("stast").unwrap().parse().unwrap();
    let each: i64 = n.get("staed").unwrap().parse().unwrap();
    assert_eq!(first + 5 * each, 1000);
    assert_eq!(n.get("card6no"), Some("431195"));
    assert_eq!(n.get("card4no"), Some("2222"));
    assert!(n.get("gwsr").is_some_and(|g| !g.is_empty()));
    assert_eq!(n.get("amount"), Some("1000"));
}

#[test]
fn atm_account_is_issued_then_paid_with_client_redirect_and_extra_fields() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("AT");
    let payment = Payment::Atm(Atm {
        expire_days: Some(2),
        payment_info_url: Some(receiver.url("/info")),
        client_redirect_url: Some(receiver.url("/redirect")),
        ..Default::default()
    });
    let mut o = order(&no, 2500, &receiver, payment);
    o.need_extra_paid_info = Some(true);
    let (_, page) = h.checkout(&o);
    // No ChooseSubPayment: the order is created with no account yet, and the page asks for the
    // bank; nothing is sent to PaymentInfoURL before the payer picks one.
    for bank in ["FIRST", "CHINATRUST", "UBOT", "KGI"] {
        assert!(page.contains(&format!("id=\"sub-{bank}\"")), "{bank}: {page}");
    }
    assert_eq!((h.order(&no)["status"].as_str(), h.order(&no)["code"].is_null()), (Some("awaiting_payer"), true));
    assert!(h.deliveries(&no).is_empty());
    let (_, html) = h.post_form(&format!("/SimPayment/{}/choose", h.trade_no(&no)), "method=ATM&sub_payment=UBOT");
    // With a ClientRedirectURL the payer's browser goes straight back with the account.
    let (action, fields) = form_fields(&html);
    assert_eq!(action, receiver.url("/redirect"));
    let redirect = Notification::from_fields(fields, &stage()).unwrap();
    assert_eq!(redirect.rtn_code(), Some(2));

    let info = verify_notification(receiver.wait_for("/info", 1)[0].as_bytes(), &stage()).unwrap();
    assert_eq!(info.kind(), NotificationKind::PaymentCodeIssued);
    // The bank the payer picked (protocol.md §9: PaymentType ATM_<bank>).
    assert_eq!(info.get("PaymentType"), Some("ATM_UBOT"));
    assert_eq!(info.get("BankCode"), Some("803"));
    let account = info.get("vAccount").unwrap().to_string();
    assert_eq!(info.get("vAccount"), redirect.get("vAccount"));
    assert_eq!(info.get("ExpireDate").unwrap().len(), 10, "yyyy/MM/dd");
    assert!(h.wait_deliveries(&no, |a| a.len() == 1)[0]["kind"] == "PaymentInfoURL");

    // QueryTradeInfo-visible state: unpaid; the page shows the account.
    let (_, page) = h.get(&format!("/SimPayment/{}", h.trade_no(&no)));
    assert!(page.contains(&account));
    let (status, body) = h.control("/_sim/pay-code", json!({ "code": "nope" }));
    assert_eq!(status, 404, "{body}");
    h.control_ok("/_sim/pay-code", json!({ "code": account }));
    let n = return_notification(&receiver, 1);
    assert!(n.is_paid());
    assert_eq!(n.get("PaymentType"), Some("ATM_UBOT"));
    assert_eq!(n.get("ATMAccBank"), Some("812"));
    assert_eq!(n.get("ATMAccNo"), Some("12345"));
    let (status, _) = h.control("/_sim/pay-code", json!({ "code": account }));
    assert_eq!(status, 409, "a paid code cannot be paid twice");
}

#[test]
fn cvs_code_is_issued_then_paid_and_an_expired_one_cannot_be() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("CV");
    let payment = Payment::Cvs(Cvs {
        store: Some(CvsStore::Ibon),
        expire_minutes: Some(60),
        payment_info_url: Some(receiver.url("/info")),
        ..Default::default()
    });
    let mut o = order(&no, 350, &receiver, payment);
    o.need_extra_paid_info = Some(true);
    let (_, page) = h.checkout(&o);
    assert!(page.contains("id=\"payment-no\""), "{page}");
    let info = verify_notification(receiver.wait_for("/info", 1)[0].as_bytes(), &stage()).unwrap();
    assert_eq!(info.rtn_code(), Some(10100073));
    assert_eq!(info.get("PaymentType"), Some("CVS_IBON"));
    assert_eq!(info.get("Barcode1"), Some(""), "CVS sends Barcode1-3 present and empty");
    let code = info.get("PaymentNo").unwrap().to_string();
    assert!(page.contains(&code));
    h.control_ok("/_sim/pay-code", json!({ "code": code }));
    let n = return_notification(&receiver, 1);
    assert_eq!(n.get("PaymentType"), Some("CVS_IBON"));
    assert!(n.get("CVSStoreID").is_some() && n.get("CVSStoreName").is_some());

    // A second CVS order whose code expires on the simulator clock.
    let late = trade_no("CV");
    let payment = Payment::Cvs(Cvs {
        expire_minutes: Some(30),
        payment_info_url: Some(receiver.url("/info")),
        ..Default::default()
    });
    h.checkout(&order(&late, 350, &receiver, payment));
    // No store named: the payer picks one (here through the control API) before a code exists.
    assert!(h.order(&late)["code"].is_null());
    let chosen = h.control_ok("/_sim/choose", json!({ "merchant_trade_no": late, "sub_payment": "FAMILY" }));
    assert_eq!(chosen["order"]["payment_type"], "CVS_FAMILY");
    let code = verify_notification(receiver.wait_for("/info", 2)[1].as_bytes(), &stage())
        .unwrap()
        .get("PaymentNo")
        .unwrap()
        .to_string();
    let advanced = h.control_ok("/_sim/advance", json!({ "seconds": 31 * 60 }));
    assert_eq!(advanced["ran"]["expired"], 1);
    assert_eq!(h.order(&late)["status"], "expired");
    let (status, _) = h.control("/_sim/pay-code", json!({ "code": code }));
    assert_eq!(status, 409);
}

#[test]
fn barcode_order_issues_three_code39_segments() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("BC");
    let payment = Payment::Barcode(Barcode {
        expire_days: Some(3),
        payment_info_url: Some(receiver.url("/info")),
        ..Default::default()
    });
    h.checkout(&order(&no, 999, &receiver, payment));
    // The payer asks for the barcode on the page: only then is it issued.
    let (_, page) = h.post_form(&format!("/SimPayment/{}/choose", h.trade_no(&no)), "sub_payment=BARCODE");
    let info = verify_notification(receiver.wait_for("/info", 1)[0].as_bytes(), &stage()).unwrap();
    let segments = info.barcodes().unwrap();
    assert_eq!(page.matches("<svg").count(), 1, "one stacked SVG");
    for s in segments {
        assert!(omg_core::barcode::svg(s).is_ok(), "{s} is valid Code 39");
    }
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    assert!(return_notification(&receiver, 1).is_paid());
}

#[test]
fn need_extra_paid_info_and_custom_fields_are_signed_into_the_result() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("EX");
    let mut o = order(&no, 200, &receiver, Payment::default());
    o.need_extra_paid_info = Some(true);
    o.custom_field1 = Some("order#42".into());
    o.store_id = Some("S1".into());
    h.checkout(&o);
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let n = return_notification(&receiver, 1);
    for field in [
        "card4no",
        "card6no",
        "red_dan",
        "stage",
        "eci",
        "gwsr",
        "process_date",
        "auth_code",
        "amount",
        "PayFrom",
        "UnionPay",
    ] {
        assert!(n.get(field).is_some(), "{field} missing");
    }
    assert_eq!(n.get("CustomField1"), Some("order#42"));
    assert_eq!(n.get("StoreID"), Some("S1"));
}

#[test]
fn simulate_sends_simulate_paid_without_paying_the_order() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("SM");
    h.checkout(&order(&no, 100, &receiver, Payment::default()));
    h.control_ok("/_sim/simulate", json!({ "merchant_trade_no": no }));
    let n = return_notification(&receiver, 1);
    assert!(n.is_simulated());
    assert_eq!(n.get("SimulatePaid"), Some("1"));
    assert_eq!(h.order(&no)["status"], "awaiting_payer", "no money moved");
}

#[test]
fn expired_order_cannot_be_paid() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("EP");
    h.checkout(&order(&no, 100, &receiver, Payment::default()));
    h.control_ok("/_sim/expire", json!({ "merchant_trade_no": no }));
    let (status, body) = h.control("/_sim/pay", json!({ "merchant_trade_no": no }));
    assert_eq!(status, 409, "{body}");
    let (_, page) = h.get(&format!("/SimPayment/{}", h.trade_no(&no)));
    assert!(page.contains("expired"));
}

#[test]
fn values_are_html_escaped_on_the_payment_page() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("XS");
    let mut o = order(&no, 100, &receiver, Payment::default());
    // A tag is refused before it gets here (protocol.md §4); what remains must still be escaped.
    o.item_name = "1 < 2 > 0#\"quoted\" & 'single'".into();
    let (_, page) = h.checkout(&o);
    assert!(!page.contains("1 < 2 > 0"), "{page}");
    assert!(page.contains("1 &lt; 2 &gt; 0"));
    assert!(page.contains("&quot;quoted&quot; &amp; &#39;single&#39;"));
}

// ---- refusals ----

fn signed_fields(pairs: &[(&str, &str)], credentials: &Credentials) -> Fields {
    let mut fields = Fields::from_pairs(pairs.iter().copied()).unwrap();
    mac::sign_in_place(&mut fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256).unwrap();
    fields
}

fn base_pairs<'a>(no: &'a str, amount: &'a str, return_url: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("MerchantID", "1000031"),
        ("MerchantTradeNo", no),
        ("MerchantTradeDate", "2024/01/01 10:00:00"),
        ("PaymentType", "aio"),
        ("TotalAmount", amount),
        ("TradeDesc", "d"),
        ("ItemName", "x"),
        ("ReturnURL", return_url),
        ("ChoosePayment", "Credit"),
        ("EncryptType", "1"),
    ]
}

#[test]
fn a_bad_check_mac_value_gets_the_gateways_error_page() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("BM");
    let url = receiver.url("/return");
    let mut fields = signed_fields(&base_pairs(&no, "100", &url), &stage());
    fields.set("TotalAmount", "1"); // tampered after signing
    let (status, page) = h.post_form("/Cashier/AioCheckOut/V5", &fields.to_form_body());
    assert_eq!(status, 200);
    assert!(page.contains("訊息代碼 Message code：<span id=\"rtn-code\">10200073</span>"), "{page}");
    assert!(page.contains("CheckMacValue Error."));
    // Signed with other keys: the same refusal.
    let other = Credentials::new("1000031", "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB").unwrap();
    let (_, page) =
        h.post_form("/Cashier/AioCheckOut/V5", &signed_fields(&base_pairs(&no, "100", &url), &other).to_form_body());
    assert!(page.contains(">10200073<"));
    // An unknown merchant cannot be verified either.
    let unknown = Credentials::new("9999999", "AAAAAAAAAAAAAAAA", "BBBBBBBBBBBBBBBB").unwrap();
    let mut pairs = base_pairs(&no, "100", &url);
    pairs[0] = ("MerchantID", "9999999");
    let (_, page) = h.post_form("/Cashier/AioCheckOut/V5", &signed_fields(&pairs, &unknown).to_form_body());
    assert!(page.contains(">10200073<"));
    // None of these created an order.
    assert_eq!(h.control_get("/_sim/stats")["orders"], 0);
}

#[test]
fn invalid_orders_show_every_field_error() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("IV");
    let url = receiver.url("/return");
    let mut pairs = base_pairs(&no, "0", &url);
    pairs.push(("Language", "XX"));
    let (status, page) = h.post_form("/Cashier/AioCheckOut/V5", &signed_fields(&pairs, &stage()).to_form_body());
    assert_eq!(status, 200);
    assert!(page.contains("id=\"field-errors\""), "{page}");
    assert!(page.contains("<td>Language</td>"), "{page}");
    let pairs = base_pairs(&no, "0", &url);
    let (_, page) = h.post_form("/Cashier/AioCheckOut/V5", &signed_fields(&pairs, &stage()).to_form_body());
    assert!(page.contains(">10200069<") && page.contains("<td>TotalAmount</td>"), "{page}");
    // A body that is not a form at all: a parameter error saying so, not a CheckMacValue error
    // (protocol.md §2: the keys may be right).
    let (status, page) = h.post_form("/Cashier/AioCheckOut/V5", "%%%=%zz");
    assert_eq!(status, 200);
    assert!(page.contains(">-<") && page.contains("Parameter Error: the form body cannot be read"), "{page}");
}

#[test]
fn ignoring_every_method_leaves_nothing_to_pay_with() {
    let h = Harness::start();
    let receiver = Receiver::start();
    let no = trade_no("NM");
    let url = receiver.url("/return");
    let mut pairs = base_pairs(&no, "100", &url);
    pairs[8] = ("ChoosePayment", "ALL");
    pairs.push(("IgnorePayment", "Credit#ATM#CVS#BARCODE#AFTEE"));
    let (_, page) = h.post_form("/Cashier/AioCheckOut/V5", &signed_fields(&pairs, &stage()).to_form_body());
    assert!(page.contains(">10300023<"), "{page}");
    assert!(page.contains("<td>IgnorePayment</td>"));
}

#[test]
fn request_bodies_are_capped_at_64_kib() {
    let h = Harness::start();
    let big = format!("ItemName={}", "a".repeat(70 * 1024));
    let (status, _) = h.post_form("/Cashier/AioCheckOut/V5", &big);
    assert_eq!(status, 413);
    let (status, _) = h.post_form("/Cashier/QueryTradeInfo/V5", &big);
    assert_eq!(status, 413);
    // The simulator is still serving.
    assert_eq!(h.control_get("/_sim/health")["ok"], true);
}
