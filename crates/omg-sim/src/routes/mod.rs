//! The HTTP surface: the gateway's paths (AioCheckOut and the five server APIs), the payer's
//! pages under `/SimPayment/`, the control API under `/_sim/`, and the back office at `/` (its
//! buttons post to `/_sim/back-office/...`).

// Handlers return `Result<_, Response>` so a refusal is built where it is decided; the size of
// a Response on the error path does not matter for a test gateway.
#![allow(clippy::result_large_err)]

mod api;
mod back_office;
mod control;
mod payer;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use omg_core::api::Api;

use crate::sim::Sim;

pub fn router(sim: Arc<Sim>) -> Router {
    let limit = sim.config.max_body_bytes;
    Router::new()
        .route(omg_core::checkout::CHECKOUT_PATH, post(payer::checkout))
        .route("/SimPayment/{trade_no}", get(payer::show))
        .route("/SimPayment/{trade_no}/choose", post(payer::choose))
        .route("/SimPayment/{trade_no}/pay", post(payer::pay))
        .route("/SimPayment/{trade_no}/decline", post(payer::decline))
        .route("/SimPayment/{trade_no}/pay-code", post(payer::pay_code))
        .route(Api::QueryTradeInfo.path(), post(api::query_trade_info))
        .route(Api::QueryPeriodInfo.path(), post(api::query_period_info))
        .route(Api::PeriodAction.path(), post(api::period_action))
        .route(Api::DoAction.path(), post(api::do_action))
        .route(Api::QueryCreditDetail.path(), post(api::query_credit_detail))
        .merge(control::router())
        .merge(back_office::router())
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(sim)
}

async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "404 Not Found (omg-sim)")
        .into_response()
}

/// An HTML page with status 200.
pub(crate) fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// A raw text reply, labelled `text/html` as the real gateway labels its `k=v` replies.
pub(crate) fn gateway_text(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}
