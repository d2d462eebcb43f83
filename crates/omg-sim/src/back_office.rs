//! The back office (廠商後台) at the simulator's root, as the real gateway gives merchants one: the
//! orders with their state, amount, method and payment code; per order every notification
//! attempt (URL, HTTP status, the reply, and why it did or did not count) and what the payer
//! sees; buttons for what `omg sim trigger`, `resend`, `advance` and `faults` do; the clock.
//!
//! One server-rendered page, no external assets (it works offline), every value escaped with
//! omg-core's `html::escape`. The buttons are plain forms posting to `/_sim/back-office/...`
//! (routes/back_office.rs), which act and send the browser back here. A short script reloads
//! the page when a new delivery attempt or order arrives, unless a form field has the focus.

use omg_core::html::escape;

use crate::delivery::{Attempt, DeliveryCounters};
use crate::faults::{api_name, api_names, FaultSpec};
use crate::gateway::is_code_method;
use crate::recurring::ExecStatus;
use crate::store::{CodeKind, OrderStatus, SimOrder};

/// Everything the page shows, read from the simulator under its locks and then rendered.
pub struct View {
    pub base_url: String,
    /// Taiwan time, `yyyy/MM/dd HH:mm:ss`.
    pub clock: String,
    pub offset_seconds: i64,
    pub merchants: Vec<String>,
    /// Newest first.
    pub orders: Vec<SimOrder>,
    pub attempts: Vec<Attempt>,
    pub counters: DeliveryCounters,
    pub faults: Vec<FaultSpec>,
    /// The order whose details are open (after acting on it).
    pub open_order: Option<String>,
    /// What the last button did, or why it could not.
    pub notice: Option<String>,
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#222;font-size:15px}\
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.4rem 0 .4rem}\
table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}\
th{background:#f3f3f3}.note{color:#666;font-size:.9rem}.ok{color:#060}.not-ok{color:#a00}\
form.inline{display:inline}button{margin:.1rem .2rem .1rem 0}code{font-size:.85rem;word-break:break-all}\
details{margin:.4rem 0;border:1px solid #ddd;border-radius:4px;padding:.3rem .6rem}summary{cursor:pointer;font-weight:600}\
#notice{background:#fff7d6;border:1px solid #e6d27a;padding:.4rem .6rem}label{margin-right:.6rem}";

/// Reloads when the number of delivery attempts or orders changes (new notifications, a payment
/// made on another tab), never while the user is filling a form.
const SCRIPT: &str = "(function(){var b=document.body;setInterval(function(){var a=document.activeElement;\
if(a&&/^(INPUT|SELECT|TEXTAREA)$/.test(a.tagName))return;fetch('/_sim/stats').then(function(r){return r.json()})\
.then(function(s){if(String(s.deliveries.attempts)!==b.dataset.attempts||String(s.orders)!==b.dataset.orders)location.reload()})\
.catch(function(){})},1500)})();";

pub fn page(view: &View) -> String {
    let mut body = String::new();
    body.push_str(&header(view));
    if let Some(notice) = &view.notice {
        body.push_str(&format!("<p id=\"notice\">{}</p>\n", escape(notice)));
    }
    body.push_str(&clock(view));
    body.push_str(&orders(view));
    body.push_str(&new_order_form(view));
    body.push_str(&faults(view));
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-Hant\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n\
<title>omg-sim 廠商後台 back office</title>\n<style>{STYLE}</style>\n</head>\n\
<body data-attempts=\"{}\" data-orders=\"{}\">\n{body}<script>{SCRIPT}</script>\n</body>\n</html>\n",
        view.counters.attempts,
        view.orders.len()
    )
}

fn header(view: &View) -> String {
    format!(
        "<h1>omg-sim 廠商後台 back office</h1>\n<p class=\"note\">The offline gateway at <code>{}</code>: no real \
money moves, everything is in memory. Merchants: {}. From a shell: <code>omg sim trigger --list</code>, \
<code>omg sim deliveries</code>, <code>omg sim faults list</code>.</p>\n",
        escape(&view.base_url),
        escape(&view.merchants.join(", "))
    )
}

fn clock(view: &View) -> String {
    let offset = if view.offset_seconds == 0 {
        "real time".to_string()
    } else {
        format!("moved {} ahead of real time", duration_text(view.offset_seconds))
    };
    let mut html = format!(
        "<h2>模擬時鐘 Simulator clock</h2>\n<p><span id=\"clock-now\">{}</span> Taiwan time ({})</p>\n\
<form method=\"post\" action=\"/_sim/back-office/advance\" id=\"advance\">",
        escape(&view.clock),
        escape(&offset)
    );
    for (seconds, label, id) in [
        (3600, "+1 hour", "advance-hour"),
        (86_400, "+1 day", "advance-day"),
        (31 * 86_400, "+31 days", "advance-month"),
    ] {
        html.push_str(&format!(
            "<button type=\"submit\" name=\"seconds\" value=\"{seconds}\" id=\"{id}\">{label}</button>"
        ));
    }
    html.push_str(
        " <span class=\"note\">runs what falls due: recurring charges, the 20:00 settlement, code expiry, the \
daily auto-close</span></form>\n",
    );
    html
}

fn duration_text(seconds: i64) -> String {
    let (days, hours, minutes) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60);
    match (days, hours) {
        (0, 0) => format!("{minutes} min"),
        (0, h) => format!("{h} h {minutes} min"),
        (d, h) => format!("{d} d {h} h"),
    }
}

fn orders(view: &View) -> String {
    let mut html = format!(
        "<h2>訂單 Orders</h2>\n<p class=\"note\">{} order(s); notifications: {} sent, {} acknowledged, {} gave up, {} still \
being attempted.</p>\n",
        view.orders.len(),
        view.counters.notifications,
        view.counters.delivered,
        view.counters.failed,
        view.counters.in_flight
    );
    if view.orders.is_empty() {
        html.push_str(
            "<p id=\"no-orders\">No orders yet. Create one below, post one from your shop, or run \
<code>omg sim trigger card-paid --return-url http://127.0.0.1:PORT/your/route</code>.</p>\n",
        );
        return html;
    }
    html.push_str(
        "<table id=\"orders\">\n<tr><th>MerchantTradeNo</th><th>商店 Merchant</th><th>狀態 State</th><th>金額 Amount</th>\
<th>付款方式 Method</th><th>代碼 Code</th><th>TradeNo</th><th>Created (Taiwan time)</th><th>Actions</th></tr>\n",
    );
    for order in &view.orders {
        html.push_str(&order_row(order));
    }
    html.push_str("</table>\n");
    for order in &view.orders {
        html.push_str(&order_details(view, order));
    }
    html
}

fn order_id(order: &SimOrder) -> String {
    escape(&order.terms.merchant_trade_no)
}

fn state_text(order: &SimOrder) -> &'static str {
    match order.status {
        OrderStatus::AwaitingPayer if order.method.as_deref().is_some_and(is_code_method) => {
            "awaiting payer (no code yet)"
        }
        OrderStatus::AwaitingPayer => "awaiting payer",
        OrderStatus::CodeIssued => "code issued",
        OrderStatus::Paid if order.schedule.as_ref().is_some_and(|s| s.status == ExecStatus::Running) => {
            "paid (recurring)"
        }
        OrderStatus::Paid => "paid",
        OrderStatus::Declined => "declined",
        OrderStatus::Expired => "expired",
        OrderStatus::Abandoned => "abandoned",
    }
}

fn method_text(order: &SimOrder) -> String {
    let chosen = order.payment_type.clone().or_else(|| order.method.clone());
    match chosen {
        Some(method) if method != order.terms.choose_payment => format!("{} ({})", order.terms.choose_payment, method),
        Some(method) => method,
        None => order.terms.choose_payment.clone(),
    }
}

fn code_text(order: &SimOrder) -> String {
    let Some(code) = &order.code else { return String::new() };
    match code.kind {
        CodeKind::Atm => format!("bank {} account {} (until {})", code.bank_code, code.v_account, code.expire_date),
        CodeKind::Cvs => format!("{} (until {})", code.payment_no, code.expire_date),
        CodeKind::Barcode => {
            format!("{} / {} / {} (until {})", code.barcodes[0], code.barcodes[1], code.barcodes[2], code.expire_date)
        }
    }
}

fn order_row(order: &SimOrder) -> String {
    let id = order_id(order);
    format!(
        "<tr id=\"order-{id}\" class=\"order\"><td><a href=\"/?order={id}#detail-{id}\">{id}</a></td><td>{}</td>\
<td class=\"state\">{}</td><td class=\"amount\">NT$ {}</td><td class=\"method\">{}</td><td class=\"code\">{}</td><td>{}</td>\
<td>{}</td><td>{}</td></tr>\n",
        escape(&order.terms.merchant_id),
        escape(state_text(order)),
        order.terms.total_amount,
        escape(&method_text(order)),
        escape(&code_text(order)),
        escape(&order.trade_no),
        escape(&order.trade_date),
        actions(order)
    )
}

/// One button that posts `action` about `order` (and `extra` hidden fields).
fn button(order: &SimOrder, action: &str, label: &str, extra: &[(&str, &str)]) -> String {
    let mut hidden = format!(
        "<input type=\"hidden\" name=\"merchant_trade_no\" value=\"{}\"><input type=\"hidden\" name=\"merchant_id\" value=\"{}\">",
        order_id(order),
        escape(&order.terms.merchant_id)
    );
    for (name, value) in extra {
        hidden.push_str(&format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape(name), escape(value)));
    }
    format!(
        "<form class=\"inline\" method=\"post\" action=\"/_sim/back-office/{action}\">{hidden}\
<button type=\"submit\" id=\"{action}-{}\">{}</button></form>",
        order_id(order),
        escape(label)
    )
}

/// The buttons that make sense in the order's state: what `omg sim trigger EVENT NO` does.
fn actions(order: &SimOrder) -> String {
    let mut html = String::new();
    let method = order.method.as_deref();
    match order.status {
        OrderStatus::AwaitingPayer => {
            match method {
                None => html.push_str(&button(order, "pay", "Pay by card", &[("method", "Credit")])),
                Some(m) if is_code_method(m) => {
                    html.push_str(&button(order, "choose", "Issue the code", &[]));
                    html.push_str(&button(order, "pay", "Pay", &[]));
                }
                Some(_) => {
                    html.push_str(&button(order, "pay", "Pay", &[]));
                    html.push_str(&button(order, "decline", "Decline", &[]));
                }
            }
            html.push_str(&button(order, "simulate", "Simulate paid", &[]));
            html.push_str(&button(order, "expire", "Expire", &[]));
        }
        OrderStatus::CodeIssued => {
            html.push_str(&button(order, "pay-code", "Pay the code", &[]));
            html.push_str(&button(order, "simulate", "Simulate paid", &[]));
            html.push_str(&button(order, "expire", "Expire", &[]));
        }
        OrderStatus::Paid if order.schedule.as_ref().is_some_and(|s| s.status == ExecStatus::Running) => {
            html.push_str(&button(order, "fail-charges", "Fail the next charge", &[("count", "1")]));
        }
        _ => {}
    }
    html
}

/// What the payer's browser shows for the order now, and where it was sent.
fn payer_saw(order: &SimOrder) -> String {
    let shown = match order.status {
        OrderStatus::AwaitingPayer => match order.method.as_deref() {
            None => "a choice of payment methods".to_string(),
            Some("Credit") => "the card form (test card 4311-9522-2222-2222)".to_string(),
            Some(m) if is_code_method(m) => "a choice of bank or store (no code yet)".to_string(),
            Some(m) => format!("the {m} payment form"),
        },
        OrderStatus::CodeIssued => format!("the payment code: {}", code_text(order)),
        OrderStatus::Paid => "付款成功 Payment succeeded".to_string(),
        OrderStatus::Declined => "付款失敗 Payment failed".to_string(),
        OrderStatus::Expired => "此訂單已逾期 This order has expired".to_string(),
        OrderStatus::Abandoned => "此訂單已取消 This order was given up".to_string(),
    };
    let sent = match order.status {
        OrderStatus::Paid | OrderStatus::Declined if !order.terms.order_result_url.is_empty() => {
            format!("; the browser posted the signed result to OrderResultURL {}", order.terms.order_result_url)
        }
        OrderStatus::CodeIssued if !order.terms.client_redirect_url.is_empty() => {
            format!("; the browser posted the code to ClientRedirectURL {}", order.terms.client_redirect_url)
        }
        _ => String::new(),
    };
    format!("{shown}{sent}")
}

fn order_details(view: &View, order: &SimOrder) -> String {
    let id = order_id(order);
    let attempts: Vec<&Attempt> = view
        .attempts
        .iter()
        .filter(|a| a.merchant_trade_no == order.terms.merchant_trade_no && a.merchant_id == order.terms.merchant_id)
        .collect();
    let open = if view.open_order.as_deref() == Some(order.terms.merchant_trade_no.as_str()) { " open" } else { "" };
    let mut html = format!(
        "<details id=\"detail-{id}\"{open}>\n<summary>{id} — {} — {} delivery attempt(s)</summary>\n\
<p class=\"payer\">付款人畫面 What the payer sees: <a href=\"/SimPayment/{}\" id=\"payer-page-{id}\">{}</a></p>\n\
<p class=\"note\">ReturnURL <code>{}</code>{}{}</p>\n",
        escape(state_text(order)),
        attempts.len(),
        escape(&order.trade_no),
        escape(&payer_saw(order)),
        escape(&order.terms.return_url),
        optional_url(" · PaymentInfoURL", &order.terms.payment_info_url),
        optional_url(" · PeriodReturnURL", order.terms.period.as_ref().map_or("", |p| p.period_return_url.as_str())),
    );
    if let Some(schedule) = &order.schedule {
        html.push_str(
            "<table class=\"charges\"><tr><th>Charge</th><th>Amount</th><th>RtnCode</th><th>When</th></tr>\n",
        );
        for c in &schedule.charges {
            html.push_str(&format!(
                "<tr><td>{}</td><td>NT$ {}</td><td class=\"{}\">{} {}</td><td>{}</td></tr>\n",
                c.period,
                c.amount,
                if c.success { "ok" } else { "not-ok" },
                c.rtn_code,
                escape(&c.rtn_msg),
                escape(&c.process_date)
            ));
        }
        html.push_str(&format!(
            "</table>\n<p class=\"note\">{} of {} charges run; a failed charge is not posted (only in \
QueryCreditCardPeriodInfo's ExecLog).</p>\n",
            schedule.charges.len(),
            schedule.exec_times
        ));
    }
    if attempts.is_empty() {
        html.push_str("<p class=\"note\">No notification sent about this order yet.</p>\n");
    } else {
        html.push_str(&deliveries_table(&id, &attempts));
    }
    html.push_str("</details>\n");
    html
}

fn optional_url(label: &str, url: &str) -> String {
    if url.is_empty() {
        String::new()
    } else {
        format!("{label} <code>{}</code>", escape(url))
    }
}

fn deliveries_table(order: &str, attempts: &[&Attempt]) -> String {
    let mut html = format!(
        "<table class=\"deliveries\" id=\"deliveries-{order}\">\n<tr><th>Notification</th><th>Kind</th><th>Attempt</th>\
<th>URL</th><th>HTTP status</th><th>Reply</th><th>Counted?</th><th></th></tr>\n"
    );
    for a in attempts {
        let resend_of = a.resend_of.map(|n| format!(" (re-send of #{n})")).unwrap_or_default();
        let url = match &a.forwarded_to {
            Some(to) => format!("{} → {}", a.url, to),
            None => a.url.clone(),
        };
        let status = a.status.map(|s| s.to_string()).unwrap_or_else(|| "no reply".into());
        let reply = match (&a.error, a.reply.is_empty()) {
            (Some(error), _) => error.clone(),
            (None, true) => "(empty)".into(),
            (None, false) => cut(&a.reply, 200),
        };
        let verdict = match &a.not_acknowledged {
            None => "<td class=\"verdict ok\">acknowledged: the reply was exactly 1|OK</td>".to_string(),
            Some(why) => format!(
                "<td class=\"verdict not-ok\">NOT ACKNOWLEDGED: {}{}</td>",
                escape(why),
                if a.gave_up { " — gave up" } else { "" }
            ),
        };
        // The re-send button sits on each notification's first attempt.
        let resend = if a.attempt == 1 {
            format!(
                "<form class=\"inline\" method=\"post\" action=\"/_sim/back-office/resend\">\
<input type=\"hidden\" name=\"notification_id\" value=\"{0}\"><input type=\"hidden\" name=\"merchant_trade_no\" value=\"{order}\">\
<button type=\"submit\" id=\"resend-{0}\">Re-send</button></form>",
                a.notification_id
            )
        } else {
            String::new()
        };
        html.push_str(&format!(
            "<tr class=\"delivery\" id=\"attempt-{}\" data-notification=\"{}\"><td>#{}{}</td><td>{:?}</td><td>{}/{}</td><td><code>{}</code></td>\
<td>{}</td><td><code>{}</code></td>{verdict}<td>{resend}</td></tr>\n",
            a.id,
            a.notification_id,
            a.notification_id,
            escape(&resend_of),
            a.kind,
            a.attempt,
            a.max_attempts,
            escape(&url),
            escape(&status),
            escape(&reply)
        ));
    }
    html.push_str("</table>\n");
    html
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}… ({} characters)", text.chars().count())
}

fn new_order_form(view: &View) -> String {
    let mut merchants = String::new();
    for id in &view.merchants {
        merchants.push_str(&format!("<option value=\"{0}\">{0}</option>", escape(id)));
    }
    let mut methods = String::new();
    for method in ["Credit", "ATM", "CVS", "BARCODE", "AFTEE", "ALL"] {
        methods.push_str(&format!("<option value=\"{method}\">{method}</option>"));
    }
    format!(
        "<h2>新增測試訂單 New test order</h2>\n<form method=\"post\" action=\"/_sim/back-office/new-order\" id=\"new-order\">\
<label>Merchant <select name=\"merchant_id\" id=\"new-merchant\">{merchants}</select></label>\
<label>Method <select name=\"method\" id=\"new-method\">{methods}</select></label>\
<label>Amount <input name=\"amount\" id=\"new-amount\" value=\"1200\" size=\"7\"></label>\
<label>ReturnURL <input name=\"return_url\" id=\"new-return-url\" size=\"40\" placeholder=\"http://127.0.0.1:PORT/omg/return\"></label>\
<label>PaymentInfoURL <input name=\"payment_info_url\" id=\"new-payment-info-url\" size=\"30\" placeholder=\"(optional)\"></label>\
<button type=\"submit\" id=\"new-order-submit\">Create and open the payment page</button></form>\n\
<p class=\"note\">The order is signed with the merchant's keys and posted to AioCheckOut/V5 by your browser, as a \
shop's page does; the payment page's link back leads here.</p>\n"
    )
}

fn faults(view: &View) -> String {
    let mut html = String::from("<h2>故障 Faults</h2>\n");
    if view.faults.is_empty() {
        html.push_str("<p id=\"no-faults\">No faults: every API answers normally.</p>\n");
    } else {
        html.push_str("<table id=\"faults\"><tr><th>API</th><th>Effect</th><th>Applies to</th></tr>\n");
        for fault in &view.faults {
            let name = match api_name(&fault.path) {
                Some(short) => format!("{short} ({})", fault.path),
                None if fault.path == "*" => "* (every API)".to_string(),
                None => fault.path.clone(),
            };
            let scope = match fault.count {
                Some(1) => "the next request".to_string(),
                Some(n) => format!("the next {n} requests"),
                None => "until cleared".to_string(),
            };
            html.push_str(&format!(
                "<tr class=\"fault\"><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&name),
                escape(&effects(fault)),
                escape(&scope)
            ));
        }
        html.push_str(
            "</table>\n<form method=\"post\" action=\"/_sim/back-office/faults/clear\"><button type=\"submit\" \
id=\"clear-faults\">Clear every fault</button></form>\n",
        );
    }
    let mut apis = String::from("<option value=\"*\">* (every API)</option>");
    for (short, path) in api_names() {
        apis.push_str(&format!("<option value=\"{0}\">{0} ({1})</option>", escape(short), escape(path)));
    }
    let mut effect_options = String::new();
    for (effect, label) in [
        ("status", "status: answer this HTTP status"),
        ("delay_ms", "delay_ms: wait this long"),
        ("drop_connection", "drop_connection"),
        ("apply_then_drop", "apply_then_drop: act, then drop"),
        ("apply_then_status", "apply_then_status: act, then answer this status"),
        ("malformed_body", "malformed_body"),
        ("wrong_signature", "wrong_signature"),
    ] {
        effect_options.push_str(&format!("<option value=\"{effect}\">{label}</option>"));
    }
    html.push_str(&format!(
        "<form method=\"post\" action=\"/_sim/back-office/faults\" id=\"add-fault\">\
<label>API <select name=\"path\" id=\"fault-path\">{apis}</select></label>\
<label>Effect <select name=\"effect\" id=\"fault-effect\">{effect_options}</select></label>\
<label>Value <input name=\"value\" id=\"fault-value\" size=\"6\" placeholder=\"503\"></label>\
<label>Count <input name=\"count\" id=\"fault-count\" size=\"4\" placeholder=\"all\"></label>\
<button type=\"submit\" id=\"add-fault-submit\">Add the fault</button></form>\n\
<p class=\"note\">The same faults as <code>omg sim faults add</code> and <code>POST /_sim/faults</code>; one per API, \
a new one replaces it.</p>\n"
    ));
    html
}

fn effects(fault: &FaultSpec) -> String {
    let mut effects = Vec::new();
    if fault.delay_ms > 0 {
        effects.push(format!("delay_ms {}", fault.delay_ms));
    }
    if let Some(status) = fault.status {
        effects.push(format!("status {status}"));
    }
    if let Some(status) = fault.apply_then_status {
        effects.push(format!("apply_then_status {status}"));
    }
    for (on, name) in [
        (fault.drop_connection, "drop_connection"),
        (fault.apply_then_drop, "apply_then_drop"),
        (fault.malformed_body, "malformed_body"),
        (fault.wrong_signature, "wrong_signature"),
    ] {
        if on {
            effects.push(name.to_string());
        }
    }
    effects.join(", ")
}
