//! omg-sim reads `multipart/form-data` as well as urlencoded forms on AioCheckOut and every server
//! API, as the gateway's ASP.NET form reader does (ECPay's current PHP SDK posts multipart), and
//! answers any other Content-Type with a parameter error naming it — never with a CheckMacValue
//! error (issue 24, protocol.md §2). The multipart bodies are written out by hand here, apart from
//! the simulator's parser.

mod common;

use common::{order, stage, trade_no, Harness, Receiver};
use omg_core::api::{
    do_action, period_action, query_credit_detail, query_period_info, query_trade_info, Action, ApiRequest,
};
use omg_core::order::{CreditRecurring, Payment, PeriodType};
use omg_core::{Error, Fields};
use serde_json::json;

/// A boundary like the ones PHP's Guzzle (under ecpay/sdk) writes: 40 hex digits.
const BOUNDARY: &str = "5f8c2a1e9b7d4c3f6a0e1d2b3c4a5f6e7d8c9b0a";

/// `fields` as a multipart/form-data body (RFC 7578): one part per field, CRLF line ends.
fn multipart(fields: &Fields) -> String {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// Posts a signed request as multipart; the reply body.
fn send_multipart(h: &Harness, request: &ApiRequest) -> String {
    let (status, body) = h.post(request.path, Some(&multipart_type()), &multipart(&request.fields));
    assert_eq!(status, 200, "{body}");
    body
}

fn gateway_msg(e: &Error) -> String {
    match e {
        Error::Gateway { rtn_msg, .. } => rtn_msg.clone(),
        other => panic!("expected a gateway refusal (not a signature error), got {other:?}"),
    }
}

#[test]
fn a_signed_multipart_order_and_every_signed_multipart_server_api_get_their_normal_answer() {
    // DoAction at whatever time the test runs: without the 20:15-20:30 blackout.
    let h = Harness::anytime();
    let receiver = Receiver::start();

    // AioCheckOut: the payment page, and the order exists.
    let no = trade_no("MP");
    let mut card = order(&no, 1200, &receiver, Payment::default());
    card.item_name = "手機殼 A+B#Mug".into();
    let checkout = omg_core::checkout(&card, &stage(), &h.environment(), &h.clock()).unwrap();
    let (status, page) = h.post("/Cashier/AioCheckOut/V5", Some(&multipart_type()), &multipart(&checkout.fields));
    assert_eq!(status, 200);
    assert!(page.contains("id=\"pay\"") && page.contains("<li>手機殼 A+B</li>"), "{page}");

    // QueryTradeInfo/V5: the signed reply, verified.
    let request = query_trade_info::request(&stage(), &no, None, &h.clock()).unwrap();
    let info = query_trade_info::parse_reply(send_multipart(&h, &request).as_bytes(), &stage()).unwrap();
    assert_eq!((info.merchant_trade_no.as_str(), info.trade_amt), (no.as_str(), Some(1200)));

    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let paid = h.order(&no);
    let (trade, gwsr) = (paid["trade_no"].as_str().unwrap(), paid["card"]["gwsr"].as_str().unwrap());

    // DoAction: a capture.
    let request = do_action::request(&stage(), &no, trade, Action::Capture, 1200, None).unwrap();
    assert_eq!(do_action::parse_reply(send_multipart(&h, &request).as_bytes()).unwrap().rtn_code, 1);

    // QueryTrade/V2: the capture pending.
    let request = query_credit_detail::request(&stage(), gwsr, 1200).unwrap();
    let detail = query_credit_detail::parse_reply(send_multipart(&h, &request).as_bytes()).unwrap();
    assert_eq!(detail.status.as_str(), "要關帳");

    // QueryCreditCardPeriodInfo and CreditCardPeriodAction on a paid recurring order.
    let plan = trade_no("MR");
    h.checkout(&order(
        &plan,
        299,
        &receiver,
        Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: 299,
            period_type: PeriodType::Month,
            frequency: 1,
            exec_times: 3,
            period_return_url: Some(receiver.url("/period")),
        }),
    ));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": plan }));
    let request = query_period_info::request(&stage(), &plan, None, &h.clock()).unwrap();
    let info = query_period_info::parse_reply(send_multipart(&h, &request).as_bytes()).unwrap();
    assert_eq!(info.total_success_times, Some(1));
    let request = period_action::request(&stage(), &plan, None, &h.clock()).unwrap();
    let cancelled = period_action::parse_reply(send_multipart(&h, &request).as_bytes(), &stage()).unwrap();
    assert_eq!((cancelled.rtn_code, cancelled.merchant_trade_no.as_str()), (1, plan.as_str()));
}

#[test]
fn a_broken_multipart_body_is_a_parameter_error_not_a_signature_error() {
    let h = Harness::start();
    let request = query_trade_info::request(&stage(), "A1", None, &h.clock()).unwrap();
    let cut = multipart(&request.fields).replace(&format!("--{BOUNDARY}--\r\n"), "");
    let (_, body) = h.post(request.path, Some(&multipart_type()), &cut);
    assert!(body.starts_with("RtnCode=0&RtnMsg=Parameter Error: the multipart/form-data body"), "{body}");
    let (_, body) = h.post(request.path, Some("multipart/form-data"), &multipart(&request.fields));
    assert!(body.contains("Parameter Error") && body.contains("boundary"), "{body}");
}

/// The Content-Types that are neither encoding, and what each sends: a JSON object of the
/// fields, the form body under a text label, and no Content-Type at all.
fn other_encodings(fields: &Fields) -> Vec<(Option<&'static str>, String, &'static str)> {
    let object: serde_json::Map<String, serde_json::Value> =
        fields.iter().map(|(k, v)| (k.to_string(), json!(v))).collect();
    vec![
        (Some("application/json"), serde_json::Value::Object(object).to_string(), "Content-Type application/json"),
        (Some("text/plain; charset=utf-8"), fields.to_form_body(), "Content-Type text/plain"),
        (None, fields.to_form_body(), "no Content-Type"),
    ]
}

/// An API's reply parser, its result dropped.
type ParseReply = fn(&[u8]) -> omg_core::Result<()>;

#[test]
fn another_content_type_gets_each_apis_parameter_error_naming_it() {
    let h = Harness::anytime();
    let receiver = Receiver::start();
    let no = trade_no("CT");
    h.checkout(&order(&no, 500, &receiver, Payment::default()));
    h.control_ok("/_sim/pay", json!({ "merchant_trade_no": no }));
    let paid = h.order(&no);
    let (trade, gwsr) =
        (paid["trade_no"].as_str().unwrap().to_string(), paid["card"]["gwsr"].as_str().unwrap().to_string());
    let clock = h.clock();

    // The plain `RtnCode=0&RtnMsg=Parameter Error: ...` of QueryTradeInfo, QueryCreditCardPeriodInfo
    // and DoAction, read by the core as the gateway's refusal, never as a signature error.
    let plain: [(ApiRequest, ParseReply); 3] = [
        (query_trade_info::request(&stage(), &no, None, &clock).unwrap(), |b| {
            query_trade_info::parse_reply(b, &stage()).map(|_| ())
        }),
        (query_period_info::request(&stage(), &no, None, &clock).unwrap(), |b| {
            query_period_info::parse_reply(b).map(|_| ())
        }),
        (do_action::request(&stage(), &no, &trade, Action::Capture, 500, None).unwrap(), |b| {
            do_action::parse_reply(b).map(|_| ())
        }),
    ];
    for (request, parse) in &plain {
        for (content_type, body, named) in other_encodings(&request.fields) {
            let (status, reply) = h.post(request.path, content_type, &body);
            assert_eq!(status, 200);
            assert!(reply.starts_with("RtnCode=0&RtnMsg=Parameter Error: "), "{}: {reply}", request.path);
            assert!(reply.contains(named) && !reply.contains("CheckMacValue"), "{}: {reply}", request.path);
            let msg = gateway_msg(&parse(reply.as_bytes()).unwrap_err());
            assert!(msg.contains(named), "{msg}");
        }
    }
    // Nothing was captured by the refused DoAction.
    assert_eq!(h.order(&no)["card"]["state"], "authorised");

    // QueryTrade/V2 answers its generic `error` word, followed by the reason.
    let request = query_credit_detail::request(&stage(), &gwsr, 500).unwrap();
    for (content_type, body, named) in other_encodings(&request.fields) {
        let (_, reply) = h.post(request.path, content_type, &body);
        let msg = gateway_msg(&query_credit_detail::parse_reply(reply.as_bytes()).unwrap_err());
        assert!(msg.starts_with("error (") && msg.contains(named), "{msg}");
    }

    // CreditCardPeriodAction signs its refusals (RtnCode 10200083): a form under another label
    // still names its merchant, whose keys sign the refusal; JSON names none, so it goes unsigned.
    let request = period_action::request(&stage(), &no, None, &clock).unwrap();
    let (_, reply) = h.post(request.path, Some("text/plain"), &request.fields.to_form_body());
    let err = period_action::parse_reply(reply.as_bytes(), &stage()).unwrap_err();
    assert!(matches!(&err, Error::Gateway { rtn_code: Some(10200083), .. }), "{err:?}");
    assert!(gateway_msg(&err).contains("Content-Type text/plain"), "{err:?}");
    let (content_type, body, named) = other_encodings(&request.fields).remove(0);
    let (_, reply) = h.post(request.path, content_type, &body);
    assert!(reply.starts_with("RtnCode=10200083&RtnMsg=Parameter Error: ") && reply.contains(named), "{reply}");

    // AioCheckOut: the error page, code `-` and the parameter error, no order.
    let next = trade_no("CT");
    let checkout =
        omg_core::checkout(&order(&next, 100, &receiver, Payment::default()), &stage(), &h.environment(), &clock)
            .unwrap();
    for (content_type, body, named) in other_encodings(&checkout.fields) {
        let (status, page) = h.post("/Cashier/AioCheckOut/V5", content_type, &body);
        assert_eq!(status, 200);
        assert!(page.contains("<span id=\"rtn-code\">-</span>"), "{page}");
        assert!(page.contains("Parameter Error: ") && page.contains(named), "{page}");
        assert!(!page.contains("10200073"), "{page}");
    }
    let (status, _) = h.get(&format!("/_sim/orders/{next}"));
    assert_eq!(status, 404, "no order was created");
}
