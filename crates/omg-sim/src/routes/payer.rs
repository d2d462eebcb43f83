//! What the payer's browser does: post the order (AioCheckOut/V5), look at the payment page,
//! choose a method, pay, decline, pay an issued code.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use omg_core::Fields;

use super::html;
use crate::gateway::{self, CheckoutRefusal, PayRequest, PayerOutcome};
use crate::pages;
use crate::request_body::{self, ContentType, Unreadable};
use crate::sim::Sim;
use crate::store::{OrderKey, OrderStatus};

/// POST /Cashier/AioCheckOut/V5 (a form, urlencoded or multipart)
pub async fn checkout(State(sim): State<Arc<Sim>>, content_type: ContentType, body: Bytes) -> Response {
    let fields = match request_body::form_fields(&content_type, &body) {
        Ok(fields) => fields,
        Err(Unreadable(detail)) => {
            sim.log(|| format!("order refused: {detail}"));
            return html(pages::checkout_error(&CheckoutRefusal::Unreadable(detail)));
        }
    };
    match gateway::checkout(&sim, &fields) {
        Ok(key) => {
            sim.log(|| format!("order {} of merchant {} accepted", key.1, key.0));
            after_method(&sim, &key)
        }
        Err(refusal) => {
            sim.log(|| format!("order refused: {}", refusal.message()));
            html(pages::checkout_error(&refusal))
        }
    }
}

/// The page once the method is known: ATM/CVS/BARCODE with a ClientRedirectURL go back to the
/// merchant with the code at once; anything else shows the payment page.
fn after_method(sim: &Sim, key: &OrderKey) -> Response {
    if let Some(post) = gateway::code_redirect(sim, key) {
        return html(pages::auto_submit(&post, "omg-sim 取號成功 Payment code issued"));
    }
    show_key(sim, key)
}

fn show_key(sim: &Sim, key: &OrderKey) -> Response {
    let store = sim.store();
    match store.get(&key.0, &key.1) {
        Some(order) => html(pages::payment_page(order, &sim.browser_url(&order.terms.client_back_url))),
        None => (StatusCode::NOT_FOUND, html(pages::payer_error("no such order"))).into_response(),
    }
}

fn key_of(sim: &Sim, trade_no: &str) -> Result<OrderKey, Response> {
    sim.store()
        .key_by_trade_no(trade_no)
        .ok_or_else(|| (StatusCode::NOT_FOUND, html(pages::payer_error("no such order"))).into_response())
}

fn refused(message: &str) -> Response {
    (StatusCode::CONFLICT, html(pages::payer_error(message))).into_response()
}

/// GET /SimPayment/{TradeNo}
pub async fn show(State(sim): State<Arc<Sim>>, Path(trade_no): Path<String>) -> Response {
    match key_of(&sim, &trade_no) {
        Ok(key) => show_key(&sim, &key),
        Err(response) => response,
    }
}

fn form(body: &[u8]) -> Fields {
    Fields::parse_form(body).unwrap_or_default()
}

/// POST /SimPayment/{TradeNo}/choose (method=Credit|ATM|CVS|BARCODE|AFTEE and, for ATM, CVS and
/// BARCODE, sub_payment=the bank or store chain; either alone keeps the other as it is)
pub async fn choose(State(sim): State<Arc<Sim>>, Path(trade_no): Path<String>, body: Bytes) -> Response {
    let key = match key_of(&sim, &trade_no) {
        Ok(key) => key,
        Err(response) => return response,
    };
    let form = form(&body);
    let given = |name: &str| form.get(name).filter(|v| !v.is_empty()).map(String::from);
    let (method, sub_payment) = (given("method"), given("sub_payment"));
    match gateway::choose_method(&sim, &key, method.as_deref(), sub_payment.as_deref()) {
        Ok(()) => after_method(&sim, &key),
        Err(e) => refused(&e),
    }
}

/// After paying or declining: back to the merchant's OrderResultURL, else the result page.
fn after_result(sim: &Sim, key: &OrderKey, outcome: PayerOutcome) -> Response {
    match outcome.post {
        Some(post) => html(pages::auto_submit(&post, "omg-sim 付款結果 Payment result")),
        None => show_key(sim, key),
    }
}

/// POST /SimPayment/{TradeNo}/pay (card_number, installments)
pub async fn pay(State(sim): State<Arc<Sim>>, Path(trade_no): Path<String>, body: Bytes) -> Response {
    let key = match key_of(&sim, &trade_no) {
        Ok(key) => key,
        Err(response) => return response,
    };
    let form = form(&body);
    let request = PayRequest {
        method: None,
        installments: form.get("installments").and_then(|n| n.parse().ok()),
        card_number: form.get("card_number").map(|n| n.chars().filter(char::is_ascii_digit).collect()),
    };
    match gateway::pay(&sim, &key, request) {
        Ok(outcome) => after_result(&sim, &key, outcome),
        Err(e) => refused(&e),
    }
}

/// POST /SimPayment/{TradeNo}/decline
pub async fn decline(State(sim): State<Arc<Sim>>, Path(trade_no): Path<String>) -> Response {
    let key = match key_of(&sim, &trade_no) {
        Ok(key) => key,
        Err(response) => return response,
    };
    match gateway::decline(&sim, &key, None) {
        Ok(outcome) => after_result(&sim, &key, outcome),
        Err(e) => refused(&e),
    }
}

/// POST /SimPayment/{TradeNo}/pay-code: the payer pays the issued code at the bank or store.
pub async fn pay_code(State(sim): State<Arc<Sim>>, Path(trade_no): Path<String>) -> Response {
    let key = match key_of(&sim, &trade_no) {
        Ok(key) => key,
        Err(response) => return response,
    };
    let is_code_order = sim.store().get(&key.0, &key.1).is_some_and(|o| o.status == OrderStatus::CodeIssued);
    if !is_code_order {
        return refused("this order has no payment code waiting to be paid");
    }
    match gateway::pay_code(&sim, None, Some(&key)) {
        Ok(key) => show_key(&sim, &key),
        Err(e) => refused(&e),
    }
}
