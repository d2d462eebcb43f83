//! The back office's page (`GET /`) and its buttons (`POST /_sim/back-office/...`): each button
//! does what the control API and `omg sim trigger|resend|advance|faults` do, then sends the
//! browser back to the page (303) with a line saying what happened. Faults never apply here
//! (the paths are under `/_sim/`). The page itself is back_office.rs.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use omg_core::fields::form_encode_into;
use omg_core::order::{AllMethods, Atm, Barcode, Credit, Cvs};
use omg_core::taiwan_time::TaiwanDateTime;
use omg_core::{Clock, Environment, Fields, Order, Payment};

use super::control::pay_order;
use super::html;
use crate::back_office::{self, View};
use crate::faults::{fault_path, FaultSpec};
use crate::gateway;
use crate::sim::Sim;
use crate::store::OrderKey;

/// The page shows this many orders, newest first.
const SHOWN_ORDERS: usize = 200;

pub fn router() -> Router<Arc<Sim>> {
    Router::new()
        .route("/", get(show))
        .route("/_sim/back-office/new-order", post(new_order))
        .route("/_sim/back-office/resend", post(resend))
        .route("/_sim/back-office/advance", post(advance))
        .route("/_sim/back-office/faults", post(add_fault))
        .route("/_sim/back-office/faults/clear", post(clear_faults))
        .route("/_sim/back-office/{action}", post(act))
}

/// GET /[?order=NO&notice=...]
async fn show(State(sim): State<Arc<Sim>>, Query(query): Query<HashMap<String, String>>) -> Response {
    let view = view(&sim, query.get("order").cloned(), query.get("notice").cloned());
    html(back_office::page(&view))
}

fn view(sim: &Sim, open_order: Option<String>, notice: Option<String>) -> View {
    let mut orders: Vec<_> = sim.store().orders().cloned().collect();
    orders.sort_by(|a, b| (b.created_at, &b.trade_no).cmp(&(a.created_at, &a.trade_no)));
    orders.truncate(SHOWN_ORDERS);
    let now = sim.clock.now_unix();
    View {
        base_url: sim.base_url.clone(),
        clock: TaiwanDateTime::from_unix(now).trade_date(),
        offset_seconds: sim.clock.offset_seconds(),
        merchants: sim.config.merchants.iter().map(|m| m.id().to_string()).collect(),
        attempts: sim.deliverer.attempts(None),
        orders,
        counters: sim.deliverer.counters(),
        faults: sim.faults.list(),
        open_order,
        notice,
    }
}

/// Back to the page (303 See Other), with `notice` shown and `order`'s details open.
fn back(order: Option<&str>, notice: &str) -> Response {
    let mut location = String::from("/?");
    if let Some(no) = order {
        location.push_str("order=");
        form_encode_into(no, &mut location);
        location.push('&');
    }
    location.push_str("notice=");
    form_encode_into(notice, &mut location);
    if let Some(no) = order {
        location.push_str("#detail-");
        form_encode_into(no, &mut location);
    }
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

fn form(body: &[u8]) -> Fields {
    Fields::parse_form(body).unwrap_or_default()
}

fn given<'a>(form: &'a Fields, name: &str) -> Option<&'a str> {
    form.get(name).map(str::trim).filter(|v| !v.is_empty())
}

/// The order a button names (MerchantTradeNo and MerchantID).
fn order_key(sim: &Sim, form: &Fields) -> Result<OrderKey, String> {
    let no = given(form, "merchant_trade_no").ok_or("no order given")?;
    let store = sim.store();
    match given(form, "merchant_id") {
        Some(id) => store.get(id, no).map(|_| (id.to_string(), no.to_string())),
        None => store.key_by_trade_no_any_merchant(no),
    }
    .ok_or_else(|| format!("no order {no}"))
}

/// POST /_sim/back-office/{pay|decline|simulate|pay-code|expire|choose|fail-charges}
async fn act(State(sim): State<Arc<Sim>>, Path(action): Path<String>, body: Bytes) -> Response {
    let form = form(&body);
    let key = match order_key(&sim, &form) {
        Ok(key) => key,
        Err(e) => return back(None, &e),
    };
    let choice = (given(&form, "method"), given(&form, "sub_payment"));
    let result = match action.as_str() {
        "pay" => pay_order(&sim, &key, choice, None, None).map(|_| ()),
        "decline" => gateway::decline(&sim, &key, choice.0).map(|_| ()),
        "simulate" => gateway::simulate(&sim, &key),
        "pay-code" => gateway::pay_code(&sim, None, Some(&key)).map(|_| ()),
        "expire" => gateway::expire(&sim, &key),
        "choose" => gateway::payer_picks(&sim, &key, choice.0, choice.1),
        "fail-charges" => {
            let count = given(&form, "count").and_then(|c| c.parse().ok()).unwrap_or(1);
            gateway::fail_next_charges(&sim, &key, count)
        }
        other => return (StatusCode::NOT_FOUND, format!("no back-office action {other:?}")).into_response(),
    };
    let status = sim.store().get(&key.0, &key.1).map(|o| gateway::status_name(o.status)).unwrap_or("gone");
    let notice = match result {
        Ok(()) => format!("{action}: order {} is now {status}", key.1),
        Err(e) => format!("{action} refused: {e}"),
    };
    back(Some(&key.1), &notice)
}

/// POST /_sim/back-office/resend (notification_id)
async fn resend(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let form = form(&body);
    let order = given(&form, "merchant_trade_no");
    let Some(id) = given(&form, "notification_id").and_then(|id| id.parse::<u64>().ok()) else {
        return back(order, "re-send refused: no notification id");
    };
    match sim.deliverer.resend(id) {
        Some(new_id) => back(order, &format!("re-sent notification #{id} as #{new_id}")),
        None => back(order, &format!("re-send refused: no notification #{id}")),
    }
}

/// POST /_sim/back-office/advance (seconds)
async fn advance(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let form = form(&body);
    let seconds =
        given(&form, "seconds").and_then(|s| s.parse::<i64>().ok()).filter(|s| (1..=366 * 86_400).contains(s));
    let Some(seconds) = seconds else {
        return back(None, "advance refused: seconds must be between 1 and 366 days");
    };
    sim.clock.advance(seconds);
    let ran = gateway::run_due(&sim);
    back(
        None,
        &format!(
            "clock moved {seconds} s: {} recurring charge(s), {} settlement(s), {} expired, {} auto-closed, {} abandoned",
            ran.period_charges, ran.settlements, ran.expired, ran.auto_closed, ran.abandoned
        ),
    )
}

/// POST /_sim/back-office/faults (path, effect, value, count): one fault, as `POST /_sim/faults`.
async fn add_fault(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let form = form(&body);
    match fault_from_form(&form) {
        Ok(spec) => {
            let path = spec.path.clone();
            sim.faults.set(spec);
            back(None, &format!("fault added for {path}"))
        }
        Err(e) => back(None, &format!("fault refused: {e}")),
    }
}

fn fault_from_form(form: &Fields) -> Result<FaultSpec, String> {
    let path = fault_path(given(form, "path").unwrap_or("*"))?;
    let number = |what: &str| -> Result<u64, String> {
        given(form, "value").and_then(|v| v.parse().ok()).ok_or_else(|| format!("{what} needs a number in Value"))
    };
    let status = |what: &str| number(what).and_then(|n| u16::try_from(n).map_err(|_| format!("{what}: {n}?")));
    let mut spec = FaultSpec { path, ..Default::default() };
    match given(form, "effect").unwrap_or("") {
        "status" => spec.status = Some(status("status")?),
        "delay_ms" => spec.delay_ms = number("delay_ms")?,
        "apply_then_status" => spec.apply_then_status = Some(status("apply_then_status")?),
        "drop_connection" => spec.drop_connection = true,
        "apply_then_drop" => spec.apply_then_drop = true,
        "malformed_body" => spec.malformed_body = true,
        "wrong_signature" => spec.wrong_signature = true,
        other => return Err(format!("unknown effect {other:?}")),
    }
    spec.count = match given(form, "count") {
        Some(count) => Some(count.parse().map_err(|_| "Count must be a whole number (or empty: until cleared)")?),
        None => None,
    };
    spec.check()?;
    Ok(spec)
}

async fn clear_faults(State(sim): State<Arc<Sim>>) -> Response {
    sim.faults.clear();
    back(None, "every fault cleared")
}

/// POST /_sim/back-office/new-order (merchant_id, method, amount, return_url, payment_info_url):
/// the order signed with that merchant's keys, as the auto-submitting form a shop's page sends
/// the payer's browser to AioCheckOut/V5 with. Its ClientBackURL leads back here.
async fn new_order(State(sim): State<Arc<Sim>>, body: Bytes) -> Response {
    let form = form(&body);
    match signed_order_page(&sim, &form) {
        Ok(page) => html(page),
        Err(e) => back(None, &format!("new order refused: {e}")),
    }
}

fn signed_order_page(sim: &Sim, form: &Fields) -> Result<String, String> {
    let merchant_id = given(form, "merchant_id").unwrap_or(omg_core::Credentials::stage().merchant_id()).to_string();
    let merchant = sim.merchant(&merchant_id).ok_or_else(|| format!("no merchant {merchant_id}"))?;
    let amount = given(form, "amount").and_then(|a| a.parse::<i64>().ok()).ok_or("Amount must be a whole number")?;
    let return_url = given(form, "return_url").ok_or("give the ReturnURL: your app's notification route")?;
    let info_url = given(form, "payment_info_url").map(str::to_string);
    let payment = match given(form, "method").unwrap_or("Credit") {
        "Credit" => Payment::Credit(Credit::default()),
        "ATM" => Payment::Atm(Atm { payment_info_url: info_url, ..Default::default() }),
        "CVS" => Payment::Cvs(Cvs { payment_info_url: info_url, ..Default::default() }),
        "BARCODE" => Payment::Barcode(Barcode { payment_info_url: info_url, ..Default::default() }),
        "AFTEE" => Payment::Aftee,
        "ALL" => Payment::All(AllMethods { payment_info_url: info_url, ..Default::default() }),
        other => return Err(format!("unknown method {other:?}")),
    };
    let no = omg_core::generate_merchant_trade_no("BO", &sim.clock).map_err(|e| e.to_string())?;
    let mut order = Order::new(&no, amount, "omg-sim back office", "Test item", return_url, payment);
    order.client_back_url = Some(format!("{}/?order={no}#detail-{no}", sim.base_url));
    let environment = Environment::Custom(sim.base_url.clone());
    let checkout =
        omg_core::checkout(&order, &merchant.credentials, &environment, &sim.clock).map_err(|e| e.to_string())?;
    Ok(checkout.html())
}
