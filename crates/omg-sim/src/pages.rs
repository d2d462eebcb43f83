//! The HTML the payer's browser sees: the hosted payment page (card form, method choice, issued
//! payment codes), result pages, error pages, and auto-submitting forms back to the merchant.
//! Every value that came from a request is escaped with omg-core's `html::escape`; the only
//! markup not written here is the barcode SVG, which omg-core's `barcode` module draws (and
//! escapes) itself.

use omg_core::html::escape;
use omg_core::{barcode, FieldError};

use crate::gateway::{self, BrowserPost, CheckoutRefusal};
use crate::store::{CodeKind, OrderStatus, SimOrder};
use crate::terms::sub_payments;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.4rem}table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}\
.box{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}.note{color:#666;font-size:.9rem}\
button{font-size:1rem;padding:.5rem 1.2rem;margin:.3rem .3rem .3rem 0}label{display:block;margin:.4rem 0}\
.code{font-family:monospace;font-size:1.3rem;letter-spacing:.1rem}.error{color:#a00}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-Hant\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<p class=\"note\">omg-sim — offline OMG gateway (no real money moves)</p>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

fn summary(order: &SimOrder) -> String {
    let t = &order.terms;
    let mut items = String::new();
    for item in t.items() {
        items.push_str(&format!("<li>{}</li>", escape(item)));
    }
    format!(
        "<table id=\"order\">\
<tr><th>商店訂單編號 MerchantTradeNo</th><td id=\"merchant-trade-no\">{}</td></tr>\
<tr><th>交易編號 TradeNo</th><td id=\"trade-no\">{}</td></tr>\
<tr><th>金額 Amount</th><td id=\"amount\">NT$ {}</td></tr>\
<tr><th>商品 Items</th><td><ul id=\"items\">{}</ul></td></tr>\
<tr><th>交易描述 Description</th><td>{}</td></tr>\
<tr><th>付款方式 Method</th><td id=\"method\">{}</td></tr>\
</table>\n",
        escape(&t.merchant_trade_no),
        escape(&order.trade_no),
        t.total_amount,
        items,
        escape(&t.trade_desc),
        escape(order.method.as_deref().unwrap_or(&t.choose_payment)),
    )
}

fn action_url(order: &SimOrder, action: &str) -> String {
    format!("/SimPayment/{}/{}", escape(&order.trade_no), action)
}

/// The page for an order in its current state (what `GET /SimPayment/{TradeNo}` shows);
/// `back_url` is where its link back to the shop leads (ClientBackURL, forwarded; may be empty).
pub fn payment_page(order: &SimOrder, back_url: &str) -> String {
    let mut body = format!("<h1>付款 Payment</h1>\n{}", summary(order));
    match order.status {
        OrderStatus::AwaitingPayer => match order.method.as_deref() {
            None => body.push_str(&method_choice(order)),
            Some("Credit") => body.push_str(&card_form(order)),
            Some(method) if !sub_payments(method).is_empty() => body.push_str(&sub_payment_choice(order, method)),
            Some(_) => body.push_str(&plain_pay_form(order)),
        },
        OrderStatus::CodeIssued => body.push_str(&code_box(order, back_url)),
        OrderStatus::Paid => body.push_str(&result_box(back_url, true)),
        OrderStatus::Declined => body.push_str(&result_box(back_url, false)),
        OrderStatus::Expired => body.push_str(
            "<div class=\"box\" id=\"result\"><p class=\"error\">此訂單已逾期 This order has expired.</p></div>\n",
        ),
        OrderStatus::Abandoned => body.push_str(
            "<div class=\"box\" id=\"result\"><p class=\"error\">此訂單已取消 This order was given up (90 days unpaid).</p></div>\n",
        ),
    }
    page("omg-sim 付款 Payment", &body)
}

fn method_choice(order: &SimOrder) -> String {
    let mut html = format!(
        "<div class=\"box\"><p>請選擇付款方式 Choose a payment method:</p>\n<form method=\"post\" action=\"{}\">\n",
        action_url(order, "choose")
    );
    for method in &order.terms.offered_methods {
        html.push_str(&format!(
            "<button type=\"submit\" name=\"method\" value=\"{0}\" id=\"method-{0}\">{1}</button>\n",
            escape(method),
            escape(method_label(method))
        ));
    }
    html.push_str("</form></div>\n");
    html
}

/// An ATM, CVS or BARCODE order with no code yet: the payer picks the bank or store chain, and
/// only then is the code issued (and PaymentInfoURL sent).
fn sub_payment_choice(order: &SimOrder, method: &str) -> String {
    let mut html = format!(
        "<div class=\"box\" id=\"sub-payment\"><p>請選擇繳費銀行或超商 Choose where to pay:</p>\n<form method=\"post\" action=\"{}\">\n\
<input type=\"hidden\" name=\"method\" value=\"{}\">\n",
        action_url(order, "choose"),
        escape(method)
    );
    for sub in sub_payments(method) {
        html.push_str(&format!(
            "<button type=\"submit\" name=\"sub_payment\" value=\"{0}\" id=\"sub-{0}\">{0}</button>\n",
            escape(sub)
        ));
    }
    html.push_str("</form></div>\n");
    html
}

fn method_label(method: &str) -> &'static str {
    match method {
        "Credit" => "信用卡 Credit card",
        "ATM" => "ATM 轉帳 Bank transfer",
        "CVS" => "超商代碼 Convenience store code",
        "BARCODE" => "超商條碼 Convenience store barcode",
        "AFTEE" => "AFTEE 先享後付 Buy now, pay later",
        _ => "Other",
    }
}

fn card_form(order: &SimOrder) -> String {
    let mut installments = String::new();
    if !order.terms.credit_installment.is_empty() {
        installments.push_str("<label>分期 Installments <select name=\"installments\" id=\"installments\">");
        for n in &order.terms.credit_installment {
            installments.push_str(&format!("<option value=\"{n}\">{n} 期</option>"));
        }
        installments.push_str("</select></label>\n");
    }
    let recurring = match &order.terms.period {
        Some(p) => format!(
            "<p class=\"note\" id=\"recurring\">定期定額 Recurring: NT$ {} every {} {} , {} times.</p>\n",
            p.amount,
            p.frequency,
            match p.period_type.as_wire() {
                "D" => "day(s)",
                "M" => "month(s)",
                _ => "year(s)",
            },
            p.exec_times
        ),
        None => String::new(),
    };
    format!(
        "<div class=\"box\">\n<form method=\"post\" action=\"{pay}\" id=\"card-form\">\n\
<label>卡號 Card number <input name=\"card_number\" id=\"card-number\" value=\"4311-9522-2222-2222\" autocomplete=\"off\"></label>\n\
<label>有效期限 Expiry <input name=\"expiry\" id=\"expiry\" value=\"12/30\"></label>\n\
<label>CVV <input name=\"cvv\" id=\"cvv\" value=\"{cvv}\" size=\"4\"></label>\n{installments}{recurring}\
<button type=\"submit\" id=\"pay\">付款 Pay</button>\n</form>\n\
<form method=\"post\" action=\"{decline}\"><button type=\"submit\" id=\"decline\">拒絕 Decline</button></form>\n\
<p class=\"note\">Test card 4311-9522-2222-2222, CVV 222. \"Decline\" simulates a refused card.</p>\n</div>\n",
        pay = action_url(order, "pay"),
        decline = action_url(order, "decline"),
        cvv = gateway::TEST_CVV,
    )
}

fn plain_pay_form(order: &SimOrder) -> String {
    format!(
        "<div class=\"box\">\n<form method=\"post\" action=\"{}\"><button type=\"submit\" id=\"pay\">付款 Pay</button></form>\n\
<form method=\"post\" action=\"{}\"><button type=\"submit\" id=\"decline\">拒絕 Decline</button></form>\n</div>\n",
        action_url(order, "pay"),
        action_url(order, "decline")
    )
}

fn code_box(order: &SimOrder, back_url: &str) -> String {
    let Some(code) = &order.code else { return String::new() };
    let mut html = String::from("<div class=\"box\" id=\"payment-code\">\n");
    match code.kind {
        CodeKind::Atm => html.push_str(&format!(
            "<p>請轉帳至 Transfer to:</p><p>銀行代碼 Bank code <span class=\"code\" id=\"bank-code\">{}</span></p>\
<p>虛擬帳號 Account <span class=\"code\" id=\"v-account\">{}</span></p>",
            escape(&code.bank_code),
            escape(&code.v_account)
        )),
        CodeKind::Cvs => html.push_str(&format!(
            "<p>超商繳費代碼 Payment code:</p><p class=\"code\" id=\"payment-no\">{}</p>",
            escape(&code.payment_no)
        )),
        CodeKind::Barcode => {
            let segments = [code.barcodes[0].as_str(), code.barcodes[1].as_str(), code.barcodes[2].as_str()];
            html.push_str("<p>請至超商櫃台出示條碼 Show these barcodes at the counter:</p><div id=\"barcodes\">");
            match barcode::stacked_svg(&segments) {
                Ok(svg) => html.push_str(&svg),
                Err(e) => html.push_str(&format!("<p class=\"error\">{}</p>", escape(&e.to_string()))),
            }
            html.push_str("</div>");
        }
    }
    html.push_str(&format!(
        "<p>繳費期限 Pay before <span id=\"expire-date\">{}</span></p>\n\
<form method=\"post\" action=\"{}\"><button type=\"submit\" id=\"pay-code\">模擬繳費 Simulate paying this code</button></form>\n",
        escape(&code.expire_date),
        action_url(order, "pay-code")
    ));
    html.push_str(&back_link(back_url));
    html.push_str("</div>\n");
    html
}

fn back_link(back_url: &str) -> String {
    if back_url.is_empty() {
        String::new()
    } else {
        format!("<p><a id=\"back\" href=\"{}\">返回商店 Back to the shop</a></p>\n", escape(back_url))
    }
}

fn result_box(back_url: &str, paid: bool) -> String {
    let text = if paid {
        "<p id=\"paid\">付款成功 Payment succeeded.</p>"
    } else {
        "<p id=\"declined\" class=\"error\">付款失敗 Payment failed.</p>"
    };
    format!("<div class=\"box\" id=\"result\">{text}\n{}</div>\n", back_link(back_url))
}

/// A page whose form posts `post` to the merchant at once (OrderResultURL, ClientRedirectURL).
/// With JavaScript off, the payer presses the button.
pub fn auto_submit(post: &BrowserPost, title: &str) -> String {
    let mut body = format!(
        "<form id=\"omg-sim-post\" method=\"post\" action=\"{}\" accept-charset=\"UTF-8\">\n",
        escape(&post.url)
    );
    for (name, value) in &post.fields {
        body.push_str(&format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">\n", escape(name), escape(value)));
    }
    body.push_str(
        "<p>返回商店中… Returning to the shop…</p>\n<button type=\"submit\" id=\"continue\">繼續 Continue</button>\n</form>\n\
<script>HTMLFormElement.prototype.submit.call(document.getElementById(\"omg-sim-post\"));</script>\n",
    );
    page(title, &body)
}

/// The gateway's error page: `訊息代碼 Message code：{code}` and `訊息說明 Note for message：{msg}`
/// (the layout the real gateway shows), then each field error.
pub fn checkout_error(refusal: &CheckoutRefusal) -> String {
    let code = refusal.code().map(|c| c.to_string()).unwrap_or_else(|| "-".into());
    let mut body = format!(
        "<h1>交易失敗 Transaction failed</h1>\n<div class=\"box\" id=\"error\">\n<p>訊息代碼 Message code：<span id=\"rtn-code\">{}</span></p>\n<p>訊息說明 Note for message：<span id=\"rtn-msg\">{}</span></p>\n",
        escape(&code),
        escape(&refusal.message())
    );
    if let CheckoutRefusal::Invalid(errors) = refusal {
        body.push_str(&field_errors(errors));
    }
    if let CheckoutRefusal::Signature(detail) = refusal {
        body.push_str(&format!("<p class=\"note\">{}</p>\n", escape(detail)));
    }
    body.push_str("</div>\n");
    page("omg-sim 交易失敗 Error", &body)
}

fn field_errors(errors: &[FieldError]) -> String {
    let mut html = String::from("<table id=\"field-errors\"><tr><th>Field</th><th>Rule</th><th>Problem</th></tr>\n");
    for e in errors {
        html.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&e.field),
            escape(&e.rule),
            escape(&e.message)
        ));
    }
    html.push_str("</table>\n");
    html
}

/// A short error page for the payer's actions (paying twice, an unknown order, ...).
pub fn payer_error(message: &str) -> String {
    page(
        "omg-sim",
        &format!("<h1>無法處理 Cannot do that</h1>\n<p class=\"error\" id=\"error\">{}</p>\n", escape(message)),
    )
}
