//! The control API under `/_sim/`: JSON in, JSON out. Lets a test act as the payer, move the
//! clock, read what was delivered and make endpoints misbehave. Documented with an example per
//! endpoint in docs/simulator.md.
//!
//! Errors: `{"error": "..."}` with 400 (unreadable input), 404 (no such order) or 409 (the
//! order is not in a state that allows the action).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use omg_core::taiwan_time::TaiwanDateTime;
use omg_core::Clock;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::delivery::NotifyKind;
use crate::faults::{fault_path, FaultSpec};
use crate::gateway::{self, PayRequest};
use crate::sim::Sim;
use crate::store::OrderKey;

pub fn router() -> Router<Arc<Sim>> {
    Router::new()
        .route("/_sim/health", get(health))
        .route("/_sim/merchants", get(merchants))
        .route("/_sim/clock", get(clock))
        .route("/_sim/advance", post(advance))
        .route("/_sim/orders", get(orders))
        .route("/_sim/orders/{merchant_trade_no}", get(order))
        .route("/_sim/choose", post(choose))
        .route("/_sim/pay", post(pay))
        .route("/_sim/decline", post(decline))
        .route("/_sim/simulate", post(simulate))
        .route("/_sim/pay-code", post(pay_code))
        .route("/_sim/expire", post(expire))
        .route("/_sim/fail-charges", post(fail_charges))
        .route("/_sim/deliveries", get(deliveries))
        .route("/_sim/resend", post(resend))
        .route("/_sim/faults", get(list_faults).post(add_fault).delete(clear_faults))
        .route("/_sim/reset", post(reset))
        .route("/_sim/stats", get(stats))
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

fn ok(value: Value) -> Response {
    Json(value).into_response()
}

/// Reads a JSON body; an empty body counts as `{}`.
fn body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Response> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}" } else { bytes };
    serde_json::from_slice(bytes).map_err(|e| error(StatusCode::BAD_REQUEST, format!("unreadable JSON body: {e}")))
}

/// Names an order: MerchantTradeNo, and MerchantID when more than one merchant used that number.
#[derive(Deserialize)]
struct OrderRef {
    merchant_trade_no: String,
    #[serde(default)]
    merchant_id: Option<String>,
}

fn find(sim: &Sim, merchant_trade_no: &str, merchant_id: Option<&str>) -> Result<OrderKey, Response> {
    let store = sim.store();
    let key = match merchant_id {
        Some(id) => store.get(id, merchant_trade_no).map(|_| (id.to_string(), merchant_trade_no.to_string())),
        None => store.key_by_trade_no_any_merchant(merchant_trade_no),
    };
    key.ok_or_else(|| {
        error(
            StatusCode::NOT_FOUND,
            format!("no order {merchant_trade_no} (give merchant_id when several merchants used the number)"),
        )
    })
}

/// Reads a JSON body that names an order (`order_of` picks the `OrderRef` out of it) and finds
/// that order: how every action on one order begins.
fn body_and_order<T: DeserializeOwned>(
    sim: &Sim,
    bytes: &[u8],
    order_of: impl Fn(&T) -> &OrderRef,
) -> Result<(T, OrderKey), Response> {
    let req: T = body(bytes)?;
    let order = order_of(&req);
    let key = find(sim, &order.merchant_trade_no, order.merchant_id.as_deref())?;
    Ok((req, key))
}

/// The answer to an action on one order: the order as it is now, or why the action was refused.
fn order_updated(sim: &Sim, key: &OrderKey, result: Result<(), String>) -> Response {
    match result {
        Ok(()) => ok(json!({ "order": order_json(sim, key) })),
        Err(e) => error(StatusCode::CONFLICT, e),
    }
}

fn order_json(sim: &Sim, key: &OrderKey) -> Value {
    let store = sim.store();
    store.get(&key.0, &key.1).map(|o| serde_json::to_value(o).unwrap_or(Value::Null)).unwrap_or(Value::Null)
}

async fn health() -> Response {
    ok(json!({ "ok": true }))
}

async fn merchants(State(sim): State<Arc<Sim>>) -> Response {
    let list: Vec<Value> = sim
        .config
        .merchants
        .iter()
        .map(|m| json!({ "merchant_id": m.id(), "platform_id": m.platform_id, "has_credit_check_code": m.credentials.credit_check_code().is_some() }))
        .collect();
    ok(json!({ "merchants": list }))
}

fn clock_json(sim: &Sim) -> Value {
    let now = sim.clock.now_unix();
    json!({ "now_unix": now, "taiwan_time": TaiwanDateTime::from_unix(now).trade_date(), "offset_seconds": sim.clock.offset_seconds() })
}

async fn clock(State(sim): State<Arc<Sim>>) -> Response {
    ok(clock_json(&sim))
}

#[derive(Deserialize)]
struct Advance {
    seconds: i64,
}

/// POST /_sim/advance {"seconds": 86400}: moves the clock and runs what fell due.
async fn advance(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let advance: Advance = match body(&bytes) {
        Ok(a) => a,
        Err(response) => return response,
    };
    if !(0..=100 * 365 * 86_400).contains(&advance.seconds) {
        return error(StatusCode::BAD_REQUEST, "seconds must be between 0 and 100 years");
    }
    sim.clock.advance(advance.seconds);
    let report = gateway::run_due(&sim);
    let mut value = clock_json(&sim);
    value["ran"] = serde_json::to_value(report).unwrap_or(Value::Null);
    ok(value)
}

async fn orders(State(sim): State<Arc<Sim>>) -> Response {
    let store = sim.store();
    let mut list: Vec<_> = store.orders().collect();
    list.sort_by_key(|o| (o.created_at, o.trade_no.clone()));
    ok(json!({ "orders": list }))
}

#[derive(Deserialize)]
struct MerchantQuery {
    merchant_id: Option<String>,
}

async fn order(State(sim): State<Arc<Sim>>, Path(no): Path<String>, Query(q): Query<MerchantQuery>) -> Response {
    match find(&sim, &no, q.merchant_id.as_deref()) {
        Ok(key) => ok(order_json(&sim, &key)),
        Err(response) => response,
    }
}

#[derive(Deserialize)]
struct PayBody {
    /// The order, and what the payer picks first if not yet: a method for an ALL order, the bank
    /// or store for a code order with none.
    #[serde(flatten)]
    choice: PayerChoice,
    #[serde(default)]
    installments: Option<u32>,
    #[serde(default)]
    card_number: Option<String>,
}

/// The result of a payer action: the order, and the form the payer's browser would post.
fn payer_result(sim: &Sim, key: &OrderKey, post: Option<gateway::BrowserPost>) -> Response {
    let browser_post = post
        .map(|p| json!({ "url": p.url, "fields": p.fields.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>() }));
    ok(json!({ "order": order_json(sim, key), "browser_post": browser_post }))
}

/// What the payer picks on the page: a method (an ALL order) and a bank or store (a code order).
#[derive(Deserialize)]
struct PayerChoice {
    #[serde(flatten)]
    order: OrderRef,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    sub_payment: Option<String>,
}

/// POST /_sim/choose {"merchant_trade_no": ..., "method": "ATM", "sub_payment": "KGI"}: what the
/// payer picks on the payment page — a method on an ALL page and, for ATM, CVS and BARCODE, the
/// bank or store (default: the gateway's first), which issues the code. Answers the order and
/// the ClientRedirectURL form, if the order has one.
async fn choose(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let (req, key) = match body_and_order(&sim, &bytes, |r: &PayerChoice| &r.order) {
        Ok(found) => found,
        Err(response) => return response,
    };
    match gateway::payer_picks(&sim, &key, req.method.as_deref(), req.sub_payment.as_deref()) {
        Ok(()) => payer_result(&sim, &key, gateway::code_redirect(&sim, &key)),
        Err(e) => error(StatusCode::CONFLICT, e),
    }
}

/// POST /_sim/pay: the payer pays (card, AFTEE; a code order's code, issued first with the
/// default bank or store when the payer had not picked one).
async fn pay(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let (req, key) = match body_and_order(&sim, &bytes, |r: &PayBody| &r.choice.order) {
        Ok(found) => found,
        Err(response) => return response,
    };
    let choice = (req.choice.method.as_deref(), req.choice.sub_payment.as_deref());
    match pay_order(&sim, &key, choice, req.installments, req.card_number) {
        Ok(post) => payer_result(&sim, &key, post),
        Err(e) => error(StatusCode::CONFLICT, e),
    }
}

/// What "the payer pays" means for an order in any state: first what the payer has not picked
/// yet (a method for an ALL order, the bank or store of a code order), then the card or AFTEE is
/// authorised, or the issued code is paid. The browser's post back to the shop, if any.
pub(super) fn pay_order(
    sim: &Sim,
    key: &OrderKey,
    (method, sub_payment): (Option<&str>, Option<&str>),
    installments: Option<u32>,
    card_number: Option<String>,
) -> Result<Option<gateway::BrowserPost>, String> {
    let method_missing = sim.store().get(&key.0, &key.1).is_some_and(|o| o.method.is_none());
    gateway::payer_picks(sim, key, method.filter(|_| method_missing), sub_payment)?;
    let waiting_code =
        sim.store().get(&key.0, &key.1).is_some_and(|o| o.status == crate::store::OrderStatus::CodeIssued);
    if waiting_code {
        return gateway::pay_code(sim, None, Some(key)).map(|_| None);
    }
    let request = PayRequest { method: None, installments, card_number };
    gateway::pay(sim, key, request).map(|outcome| outcome.post)
}

async fn decline(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    // The method the payer declines with, for an ALL order (sub_payment has no use here).
    let (req, key) = match body_and_order(&sim, &bytes, |r: &PayerChoice| &r.order) {
        Ok(found) => found,
        Err(response) => return response,
    };
    match gateway::decline(&sim, &key, req.method.as_deref()) {
        Ok(outcome) => payer_result(&sim, &key, outcome.post),
        Err(e) => error(StatusCode::CONFLICT, e),
    }
}

/// POST /_sim/simulate: a ReturnURL with SimulatePaid=1 (the back office's "simulate paid").
async fn simulate(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let (_, key) = match body_and_order(&sim, &bytes, |r: &OrderRef| r) {
        Ok(found) => found,
        Err(response) => return response,
    };
    order_updated(&sim, &key, gateway::simulate(&sim, &key))
}

#[derive(Deserialize)]
struct PayCodeBody {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    merchant_trade_no: Option<String>,
    #[serde(default)]
    merchant_id: Option<String>,
}

/// POST /_sim/pay-code {"code": "<vAccount | PaymentNo | Barcode2>"} or {"merchant_trade_no": ...}
async fn pay_code(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let req: PayCodeBody = match body(&bytes) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let key = match (&req.code, &req.merchant_trade_no) {
        (None, Some(no)) => match find(&sim, no, req.merchant_id.as_deref()) {
            Ok(key) => Some(key),
            Err(response) => return response,
        },
        _ => None,
    };
    match gateway::pay_code(&sim, req.code.as_deref(), key.as_ref()) {
        Ok(key) => ok(json!({ "order": order_json(&sim, &key) })),
        Err(e) if e.starts_with("no order") => error(StatusCode::NOT_FOUND, e),
        Err(e) if e.starts_with("give") => error(StatusCode::BAD_REQUEST, e),
        Err(e) => error(StatusCode::CONFLICT, e),
    }
}

async fn expire(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let (_, key) = match body_and_order(&sim, &bytes, |r: &OrderRef| r) {
        Ok(found) => found,
        Err(response) => return response,
    };
    order_updated(&sim, &key, gateway::expire(&sim, &key))
}

#[derive(Deserialize)]
struct FailCharges {
    #[serde(flatten)]
    order: OrderRef,
    count: u32,
}

/// POST /_sim/fail-charges {"merchant_trade_no": ..., "count": 2}: the next 2 recurring charges fail.
async fn fail_charges(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let (req, key) = match body_and_order(&sim, &bytes, |r: &FailCharges| &r.order) {
        Ok(found) => found,
        Err(response) => return response,
    };
    order_updated(&sim, &key, gateway::fail_next_charges(&sim, &key, req.count))
}

#[derive(Deserialize)]
struct DeliveryQuery {
    merchant_trade_no: Option<String>,
}

/// GET /_sim/deliveries[?merchant_trade_no=...]: every delivery attempt, oldest first.
async fn deliveries(State(sim): State<Arc<Sim>>, Query(q): Query<DeliveryQuery>) -> Response {
    let attempts = sim.deliverer.attempts(q.merchant_trade_no.as_deref());
    ok(json!({ "attempts": attempts, "counters": sim.deliverer.counters() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResendBody {
    #[serde(default)]
    notification_id: Option<u64>,
    #[serde(default)]
    merchant_trade_no: Option<String>,
    /// With merchant_trade_no: ReturnURL, PaymentInfoURL or PeriodReturnURL (default: the latest of any).
    #[serde(default)]
    kind: Option<NotifyKind>,
}

/// POST /_sim/resend {"notification_id": 3} or {"merchant_trade_no": "...", "kind": "ReturnURL"}:
/// delivers that notification again (the latest of the order when no id is given), as a new
/// notification with its own attempts.
async fn resend(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let req: ResendBody = match body(&bytes) {
        Ok(r) => r,
        Err(response) => return response,
    };
    let id = match (req.notification_id, req.merchant_trade_no.as_deref()) {
        (Some(id), None) => id,
        (None, Some(no)) => match sim.deliverer.latest(no, req.kind) {
            Some(id) => id,
            None => return error(StatusCode::NOT_FOUND, format!("no notification was sent about order {no}")),
        },
        _ => return error(StatusCode::BAD_REQUEST, "give notification_id or merchant_trade_no (not both)"),
    };
    match sim.deliverer.resend(id) {
        Some(new_id) => ok(json!({ "notification_id": new_id, "resend_of": id })),
        None => error(StatusCode::NOT_FOUND, format!("no notification #{id} (forgotten after a reset, or never sent)")),
    }
}

async fn list_faults(State(sim): State<Arc<Sim>>) -> Response {
    ok(json!({ "faults": sim.faults.list() }))
}

/// POST /_sim/faults {"path": "/Cashier/QueryTradeInfo/V5", "status": 503, "count": 2} (or "path":
/// "query-trade": a short name of `faults::api_names`)
async fn add_fault(State(sim): State<Arc<Sim>>, bytes: Bytes) -> Response {
    let mut spec: FaultSpec = match body(&bytes) {
        Ok(s) => s,
        Err(response) => return response,
    };
    // A short name (`do-action`) stands for its path.
    spec.path = match fault_path(&spec.path) {
        Ok(path) => path,
        Err(e) => return error(StatusCode::BAD_REQUEST, e),
    };
    if let Err(e) = spec.check() {
        return error(StatusCode::BAD_REQUEST, e);
    }
    sim.faults.set(spec);
    ok(json!({ "faults": sim.faults.list() }))
}

async fn clear_faults(State(sim): State<Arc<Sim>>) -> Response {
    sim.faults.clear();
    ok(json!({ "faults": [] }))
}

/// POST /_sim/reset: forget orders, deliveries, faults, counters and the clock offset.
async fn reset(State(sim): State<Arc<Sim>>) -> Response {
    sim.reset();
    ok(json!({ "ok": true }))
}

/// GET /_sim/stats: TCP connections accepted, requests per path, delivery counters.
async fn stats(State(sim): State<Arc<Sim>>) -> Response {
    let stats = sim.stats.view();
    ok(json!({
        "connections_accepted": stats.connections_accepted,
        "requests_total": stats.requests_total,
        "requests": stats.requests,
        "deliveries": sim.deliverer.counters(),
        "orders": sim.store().len(),
    }))
}
