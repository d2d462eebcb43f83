//! Checkout::html: an auto-submitting form with one hidden input per signed field, every value
//! HTML-escaped so that no order text can become markup.

use omg_core::order::{Order, Payment};
use omg_core::{checkout, html, Checkout, Credentials, Environment, FixedClock};

const XSS: &str = "\"><script>alert(1)</script>";

fn checkout_of(order: &Order) -> Checkout {
    checkout(order, &Credentials::stage(), &Environment::Stage, &FixedClock(1_704_067_200)).unwrap()
}

fn order() -> Order {
    Order::new(
        "A240101080000K3Z9Q2M",
        1200,
        "Tom's \"best\" shop & co",
        "T-shirt#Mug",
        "https://shop.example/omg/return",
        Payment::default(),
    )
}

/// Reverses html::escape (test-only: the SDK never needs to unescape).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// (name, value) of every `<input type="hidden" name="..." value="...">`, unescaped.
fn hidden_inputs(page: &str) -> Vec<(String, String)> {
    const START: &str = "<input type=\"hidden\" name=\"";
    page.split(START)
        .skip(1)
        .map(|rest| {
            let (name, rest) = rest.split_once("\" value=\"").expect("value attribute");
            let (value, _) = rest.split_once("\">").expect("end of input");
            (unescape(name), unescape(value))
        })
        .collect()
}

#[test]
fn a_script_in_a_value_comes_out_inert_and_round_trips() {
    // checkout refuses a tag in a text field (protocol.md §4)...
    let mut o = order();
    o.item_name = XSS.into();
    o.remark = Some(XSS.into());
    let rules: Vec<String> = o.validation_errors().into_iter().map(|e| e.rule).collect();
    assert_eq!(rules, ["html", "html"]);
    // ...and the page escapes whatever reaches it anyway (a value from extra, a future field).
    let mut c = checkout_of(&order());
    c.fields.set("ItemName", XSS);
    c.fields.set("Remark", XSS);
    let page = c.html();
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains(XSS));
    assert!(page.contains(&html::escape(XSS)));
    let inputs = hidden_inputs(&page);
    assert!(inputs.contains(&("ItemName".to_string(), XSS.to_string())));
    assert!(inputs.contains(&("Remark".to_string(), XSS.to_string())));
}

#[test]
fn the_form_posts_exactly_the_signed_fields_in_order() {
    let c = checkout_of(&order());
    let page = c.html();
    assert_eq!(hidden_inputs(&page), c.fields.clone().into_pairs());
    assert_eq!(page.matches("<input").count(), c.fields.len());
    assert!(page.contains("method=\"post\""));
    assert!(page.contains("action=\"https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5\""));
}

#[test]
fn the_page_submits_itself_and_offers_a_button_without_javascript() {
    let page = checkout_of(&order()).html();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    assert!(page.contains("<button type=\"submit\">"));
    // The button has no name, so pressing it adds no unsigned field.
    assert!(!page.contains("<button type=\"submit\" name"));
    let script = page.split("<script>").nth(1).expect("a script").split("</script>").next().unwrap();
    assert!(script.contains(".submit.call(document.getElementById(\"omg-checkout\"))"));
    assert!(page.contains("<form id=\"omg-checkout\""));
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn the_action_url_is_escaped_too() {
    let c = checkout(
        &order(),
        &Credentials::stage(),
        &Environment::Custom("http://127.0.0.1:9/\"><b>".into()),
        &FixedClock(0),
    )
    .unwrap();
    let page = c.html();
    assert!(!page.contains("<b>"));
    assert!(page.contains("action=\"http://127.0.0.1:9/&quot;&gt;&lt;b&gt;/Cashier/AioCheckOut/V5\""));
}

#[test]
fn escape_handles_each_markup_character() {
    assert_eq!(html::escape("&<>\"'"), "&amp;&lt;&gt;&quot;&#39;");
    for s in [XSS, "a & b", "手機殼 <3", "'single'"] {
        assert_eq!(unescape(&html::escape(s)), s);
    }
}
