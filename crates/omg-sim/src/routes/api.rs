//! The five server APIs. Requests are read from an urlencoded or multipart form
//! (request_body.rs), verified and parsed by omg-core's `api::*::parse_request` and answered with
//! its `render_reply`; what is here is only the simulator's state turned into those typed replies.
//!
//! Refusals (the simulator's choices where the gateway's are undocumented; every one is read as
//! `Error::Gateway` by omg-core's `parse_reply`):
//! - a body that gives no fields (another Content-Type, none, unreadable):
//!   `RtnCode=0&RtnMsg=Parameter Error: <why>` — never a CheckMacValue error
//!   (CreditCardPeriodAction: RtnCode 10200083, signed when the body names a merchant;
//!   QueryTrade/V2: `{"RtnMsg":"error (<why>)","RtnValue":null}`);
//! - unknown MerchantID or bad CheckMacValue: `RtnCode=10200073&RtnMsg=CheckMacValue Error`
//!   (CreditCardPeriodAction: its own signed reply with RtnCode 10200083 and empty ids;
//!   QueryTrade/V2: the document's generic `{"RtnMsg":"error","RtnValue":null}`);
//! - other field errors: `RtnCode=0&RtnMsg=Parameter Error: ...`;
//! - TimeStamp more than 3 minutes off the simulator clock: `RtnCode=0&RtnMsg=TimeStamp ...`
//!   (CreditCardPeriodAction: signed, RtnCode 10200083).

use std::borrow::Cow;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use omg_core::api::{self, do_action, period_action, query_credit_detail, query_period_info, query_trade_info};
use omg_core::taiwan_time::TaiwanDateTime;
use omg_core::{Credentials, Error, Fields};

use super::gateway_text;
use crate::gateway::{
    self, CancelOutcome, FAILED_RTN_CODE, ORDER_NOT_FOUND, PERIOD_ACTION_ERROR, SCHEDULE_STOPPED, SIGNATURE_ERROR,
    SUCCESS,
};
use crate::request_body::{self, ContentType};
use crate::sim::Sim;
use crate::store::{OrderStatus, SimOrder};

const CHECK_MAC_ERROR: &str = "CheckMacValue Error";
/// QueryTrade/V2's generic refusal word (protocol.md §6 lists error_Stop, error_nopay, error).
const GENERIC_ERROR: &str = "error";

/// Why a request could not be checked at all.
enum Unaccepted {
    /// The body gave no fields (another Content-Type, none, or an unreadable body): a parameter
    /// error naming why, never a CheckMacValue error.
    Unreadable(String),
    /// No configured merchant has the MerchantID (or PlatformID): nothing can check the
    /// signature, so it is the gateway's CheckMacValue error.
    UnknownMerchant(String),
}

/// The request's fields and the credentials of its merchant.
fn read<'s>(
    sim: &'s Sim,
    content_type: &ContentType,
    body: &[u8],
) -> Result<(Fields, Cow<'s, Credentials>), Unaccepted> {
    let fields = request_body::form_fields(content_type, body).map_err(|e| Unaccepted::Unreadable(e.0))?;
    let credentials = credentials_for(sim, &fields).map_err(Unaccepted::UnknownMerchant)?;
    Ok((fields, credentials))
}

/// The credentials a request's fields are checked with. With a PlatformID, the platform signs for
/// its sub-merchant: the request is checked as the sub-merchant's MerchantID with the platform's keys.
/// The merchant's own keys are borrowed, not copied (three strings per request).
fn credentials_for<'s>(sim: &'s Sim, fields: &Fields) -> Result<Cow<'s, Credentials>, String> {
    let merchant_id = fields.get("MerchantID").unwrap_or("");
    let platform_id = fields.get("PlatformID").filter(|p| !p.is_empty());
    let keys = sim.signing_credentials(merchant_id, platform_id).ok_or_else(|| {
        format!("no merchant {:?} is configured in this simulator", platform_id.unwrap_or(merchant_id))
    })?;
    match platform_id {
        None => Ok(Cow::Borrowed(keys)),
        Some(_) => {
            Credentials::new(merchant_id, keys.hash_key(), keys.hash_iv()).map(Cow::Owned).map_err(|e| e.to_string())
        }
    }
}

/// The plain `RtnCode=..&RtnMsg=..` answer to a request that could not be checked.
fn unaccepted(sim: &Sim, api: &str, why: Unaccepted) -> Response {
    match why {
        Unaccepted::Unreadable(detail) => {
            refusal(sim, api, FAILED_RTN_CODE, &format!("Parameter Error: {detail}"), &detail)
        }
        Unaccepted::UnknownMerchant(detail) => refusal(sim, api, SIGNATURE_ERROR, CHECK_MAC_ERROR, &detail),
    }
}

fn refusal(sim: &Sim, api: &str, code: i64, msg: &str, detail: &str) -> Response {
    sim.log(|| format!("{api} refused: {code} {msg} ({detail})"));
    gateway_text(api::render_refusal(code, msg))
}

/// A parse_request error as the gateway's answer: signature errors are 10200073, the rest
/// name the fields.
fn request_error(sim: &Sim, api: &str, e: &Error) -> Response {
    match e {
        Error::Signature(detail) => refusal(sim, api, SIGNATURE_ERROR, CHECK_MAC_ERROR, detail),
        other => refusal(sim, api, FAILED_RTN_CODE, &parameter_error(other), &other.to_string()),
    }
}

fn parameter_error(e: &Error) -> String {
    let fields: Vec<String> = e.field_errors().iter().map(|f| format!("{} ({})", f.field, f.rule)).collect();
    if fields.is_empty() {
        format!("Parameter Error: {e}")
    } else {
        format!("Parameter Error: {}", fields.join(", "))
    }
}

/// A TimeStamp is accepted when it is within 180 s of the simulator clock or of the real clock.
/// `/_sim/advance` moves the simulated business time (charges, settlement, expiry) forward; a
/// merchant app beside the simulator still stamps requests with real time, and refusing those
/// after every advance would make the accelerated clock useless to it.
fn stale(sim: &Sim, time_stamp: i64) -> bool {
    !api::time_stamp_is_fresh(time_stamp, &sim.clock) && !api::time_stamp_is_fresh(time_stamp, &omg_core::SystemClock)
}

fn stale_message(sim: &Sim, time_stamp: i64) -> String {
    use omg_core::Clock;
    format!(
        "TimeStamp {time_stamp} is more than 180 seconds from the gateway clock {} and from real time {}",
        sim.clock.now_unix(),
        omg_core::SystemClock.now_unix()
    )
}

/// Reads, verifies and parses a request of an API that refuses in plain `RtnCode=..&RtnMsg=..`
/// text, TimeStamp included: the request and the credentials that verified it (they sign the
/// reply), or the refusal to answer with.
fn accept_plain<'s, R>(
    sim: &'s Sim,
    api: &str,
    content_type: &ContentType,
    body: &[u8],
    parse: fn(&Fields, &Credentials) -> omg_core::Result<R>,
    time_stamp: fn(&R) -> i64,
) -> Result<(R, Cow<'s, Credentials>), Response> {
    let (fields, credentials) = read(sim, content_type, body).map_err(|why| unaccepted(sim, api, why))?;
    let request = parse(&fields, &credentials).map_err(|e| request_error(sim, api, &e))?;
    let stamp = time_stamp(&request);
    if stale(sim, stamp) {
        return Err(refusal(sim, api, FAILED_RTN_CODE, "TimeStamp Error", &stale_message(sim, stamp)));
    }
    Ok((request, credentials))
}

/// POST /Cashier/QueryTradeInfo/V5
pub async fn query_trade_info(State(sim): State<Arc<Sim>>, content_type: ContentType, body: Bytes) -> Response {
    const API: &str = "QueryTradeInfo";
    let accepted = accept_plain(&sim, API, &content_type, &body, query_trade_info::parse_request, |r| r.time_stamp);
    let (request, credentials) = match accepted {
        Ok(accepted) => accepted,
        Err(refused) => return refused,
    };
    let info = {
        let store = sim.store();
        let now = omg_core::Clock::now_unix(&sim.clock);
        store.get(&request.merchant_id, &request.merchant_trade_no).map(|order| trade_info(order, now))
    };
    // An unknown order: the ECPay family's signed reply, fields empty, TradeStatus=10200047.
    let rendered = match info {
        Some(info) => query_trade_info::render_reply(&info, &credentials),
        None => {
            sim.log(|| {
                format!("{API}: no order {} (signed reply, TradeStatus {ORDER_NOT_FOUND})", request.merchant_trade_no)
            });
            query_trade_info::render_not_found(&credentials)
        }
    };
    match rendered {
        Ok(body) => gateway_text(body),
        Err(e) => refusal(&sim, API, FAILED_RTN_CODE, "Internal Error", &e.to_string()),
    }
}

fn trade_info(order: &SimOrder, now: i64) -> query_trade_info::TradeInfo {
    let t = &order.terms;
    let paid = order.status == OrderStatus::Paid;
    // 0 while the payer may still pay, on the page or at the bank or store; 10200095 ("payer
    // never chose / order cancelled", protocol.md §7) only once the gateway gave the order up.
    let trade_status = match order.status {
        OrderStatus::Paid => query_trade_info::TradeStatus::Paid,
        OrderStatus::Abandoned => query_trade_info::TradeStatus::NeverChosePayment,
        _ => query_trade_info::TradeStatus::NotPaid,
    };
    let fee = if paid { charge_fee_of(order) } else { "0".to_string() };
    let handling_charge =
        if paid && settled(order, now) { gateway::handling_charge(order).to_string() } else { "0".into() };
    query_trade_info::TradeInfo {
        merchant_id: t.merchant_id.clone(),
        merchant_trade_no: t.merchant_trade_no.clone(),
        store_id: t.store_id.clone(),
        trade_no: if order.method.is_some() { order.trade_no.clone() } else { String::new() },
        trade_amt: Some(t.total_amount),
        payment_date: if paid { order.payment_date.clone().unwrap_or_default() } else { String::new() },
        payment_type: order.payment_type.clone().unwrap_or_default(),
        handling_charge,
        payment_type_charge_fee: fee,
        trade_date: order.trade_date.clone(),
        trade_status,
        item_name: t.item_name.clone(),
        custom_fields: t.custom_fields.clone(),
        extra: if paid { gateway::extra_paid_info(order) } else { Fields::new() },
        raw: Fields::new(),
    }
}

fn charge_fee_of(order: &SimOrder) -> String {
    gateway::charge_fee(order)
}

/// Whether a paid order's money has settled, so its HandlingCharge is known: a card payment once
/// its capture settled; any other at the first daily settlement (20:00 Taiwan time) after it was
/// paid. Until then HandlingCharge is 0.
fn settled(order: &SimOrder, now: i64) -> bool {
    match &order.card {
        Some(card) => card.state == crate::card::CardState::Captured && card.settles_at.is_none(),
        None => order.paid_at.is_some_and(|paid_at| now >= crate::card::next_settlement(paid_at)),
    }
}

/// POST /Cashier/QueryCreditCardPeriodInfo (JSON, labelled text/html as some deployments do)
pub async fn query_period_info(State(sim): State<Arc<Sim>>, content_type: ContentType, body: Bytes) -> Response {
    const API: &str = "QueryCreditCardPeriodInfo";
    let accepted = accept_plain(&sim, API, &content_type, &body, query_period_info::parse_request, |r| r.time_stamp);
    let (request, _) = match accepted {
        Ok(accepted) => accepted,
        Err(refused) => return refused,
    };
    let info = {
        let store = sim.store();
        store.get(&request.merchant_id, &request.merchant_trade_no).and_then(period_info)
    };
    let body = match info {
        Some(info) => query_period_info::render_reply(&info),
        None => query_period_info::render_not_found(&request.merchant_id, &request.merchant_trade_no),
    };
    gateway_text(body)
}

/// The schedule of a recurring order, None when the order has none (not recurring, not paid).
fn period_info(order: &SimOrder) -> Option<query_period_info::PeriodInfo> {
    let schedule = order.schedule.as_ref()?;
    let first = schedule.charges.first();
    let card_number = order.card.as_ref().map(|c| c.card_number.as_str()).unwrap_or(gateway::TEST_CARD);
    let status = match schedule.status {
        crate::recurring::ExecStatus::Cancelled => query_period_info::ExecStatus::Cancelled,
        crate::recurring::ExecStatus::Running => query_period_info::ExecStatus::Running,
        crate::recurring::ExecStatus::Finished => query_period_info::ExecStatus::Finished,
    };
    Some(query_period_info::PeriodInfo {
        merchant_id: order.terms.merchant_id.clone(),
        merchant_trade_no: order.terms.merchant_trade_no.clone(),
        trade_no: order.trade_no.clone(),
        rtn_code: SUCCESS,
        period_type: schedule.period_type.as_wire().to_string(),
        frequency: Some(i64::from(schedule.frequency)),
        exec_times: Some(i64::from(schedule.exec_times)),
        period_amount: Some(schedule.amount),
        amount: first.map(|c| c.amount),
        gwsr: first.map(|c| c.gwsr.clone()).unwrap_or_default(),
        process_date: first.map(|c| c.process_date.clone()).unwrap_or_default(),
        auth_code: first.map(|c| c.auth_code.clone()).unwrap_or_default(),
        card4no: card_number.get(card_number.len().saturating_sub(4)..).unwrap_or("").to_string(),
        card6no: card_number.get(..6).unwrap_or("").to_string(),
        total_success_times: Some(i64::from(schedule.total_success_times())),
        total_success_amount: Some(schedule.total_success_amount()),
        exec_status: Some(status),
        exec_log: schedule
            .charges
            .iter()
            .map(|c| query_period_info::ExecLogEntry {
                rtn_code: Some(c.rtn_code),
                rtn_msg: c.rtn_msg.clone(),
                amount: Some(c.amount),
                gwsr: c.gwsr.clone(),
                process_date: c.process_date.clone(),
                auth_code: c.auth_code.clone(),
                trade_no: c.trade_no.clone(),
            })
            .collect(),
        raw: serde_json::Value::Null,
    })
}

/// POST /Cashier/CreditCardPeriodAction (signed replies, refusals included)
pub async fn period_action(State(sim): State<Arc<Sim>>, content_type: ContentType, body: Bytes) -> Response {
    const API: &str = "CreditCardPeriodAction";
    let (fields, credentials) = match read(&sim, &content_type, &body) {
        Ok(read) => read,
        Err(Unaccepted::Unreadable(detail)) => return period_action_unreadable(&sim, &body, &detail),
        Err(why) => return unaccepted(&sim, API, why),
    };
    let signed_reply = |code: i64, msg: &str, merchant_id: &str, merchant_trade_no: &str| -> Response {
        signed_period_reply(&sim, &credentials, code, msg, (merchant_id, merchant_trade_no), ReplyEncoding::Raw)
    };
    let request = match period_action::parse_request(&fields, &credentials) {
        Ok(request) => request,
        Err(e) => {
            let msg = match &e {
                Error::Signature(_) => CHECK_MAC_ERROR.to_string(),
                other => parameter_error(other),
            };
            sim.log(|| format!("{API} refused: {e}"));
            return signed_reply(PERIOD_ACTION_ERROR, &msg, "", "");
        }
    };
    if stale(&sim, request.time_stamp) {
        sim.log(|| stale_message(&sim, request.time_stamp));
        return signed_reply(PERIOD_ACTION_ERROR, "TimeStamp Error", "", "");
    }
    let (id, no) = (request.merchant_id.as_str(), request.merchant_trade_no.as_str());
    match gateway::cancel_schedule(&sim, id, no) {
        // As the gateway sends it: 停用成功, form-encoded (protocol.md §6; the core verifies it raw,
        // then decoded).
        CancelOutcome::Cancelled => {
            signed_period_reply(&sim, &credentials, SUCCESS, CANCELLED_MSG, (id, no), ReplyEncoding::Form)
        }
        CancelOutcome::AlreadyStopped => signed_reply(SCHEDULE_STOPPED, "該訂單狀態為停用中", id, no),
        CancelOutcome::NotFound => {
            signed_reply(ORDER_NOT_FOUND, "查無此訂單 (no recurring order with this MerchantTradeNo)", id, no)
        }
    }
}

/// CreditCardPeriodAction's success message (V1.3.7 p.40: the reply is form-urlencoded).
const CANCELLED_MSG: &str = "停用成功";

/// How a signed CreditCardPeriodAction reply is written.
#[derive(Clone, Copy)]
enum ReplyEncoding {
    /// Values as they are (`RtnMsg=CheckMacValue Error`): the refusals.
    Raw,
    /// Form-encoded (`RtnMsg=%E5%81%9C%E7%94%A8%E6%88%90%E5%8A%9F`), signed over the decoded
    /// values: the success, as the gateway sends it.
    Form,
}

/// A CreditCardPeriodAction reply signed with `credentials`; `ids` are (MerchantID,
/// MerchantTradeNo), empty in a refusal.
fn signed_period_reply(
    sim: &Sim,
    credentials: &Credentials,
    code: i64,
    msg: &str,
    ids: (&str, &str),
    encoding: ReplyEncoding,
) -> Response {
    let result = period_action::PeriodActionResult {
        rtn_code: code,
        rtn_msg: msg.to_string(),
        merchant_id: ids.0.to_string(),
        merchant_trade_no: ids.1.to_string(),
        raw: Fields::new(),
    };
    let rendered = match encoding {
        ReplyEncoding::Raw => period_action::render_reply(&result, credentials),
        ReplyEncoding::Form => form_encoded_period_reply(&result, credentials),
    };
    match rendered {
        Ok(body) => gateway_text(body),
        Err(e) => refusal(sim, "CreditCardPeriodAction", FAILED_RTN_CODE, "Internal Error", &e.to_string()),
    }
}

/// The reply fields in the documented order, signed over their values, then form-encoded.
fn form_encoded_period_reply(
    result: &period_action::PeriodActionResult,
    credentials: &Credentials,
) -> omg_core::Result<String> {
    let mut fields = Fields::new();
    fields.push("RtnCode", result.rtn_code.to_string());
    fields.push("RtnMsg", &result.rtn_msg);
    fields.push("MerchantID", &result.merchant_id);
    fields.push("MerchantTradeNo", &result.merchant_trade_no);
    omg_core::mac::sign_in_place(
        &mut fields,
        credentials.hash_key(),
        credentials.hash_iv(),
        omg_core::HashMethod::Sha256,
    )?;
    Ok(fields.to_form_body())
}

/// CreditCardPeriodAction's refusals are signed (10200083, empty ids). A body that could not be
/// read names no merchant for certain; when it is a form sent under another label, the keys of
/// its MerchantID sign the refusal, so the client reads the reason rather than a signature
/// failure. Otherwise there is no key to sign with and the refusal goes unsigned.
fn period_action_unreadable(sim: &Sim, body: &[u8], detail: &str) -> Response {
    let msg = format!("Parameter Error: {detail}");
    sim.log(|| format!("CreditCardPeriodAction refused: {msg}"));
    match request_body::fields_if_form(body).and_then(|fields| credentials_for(sim, &fields).ok()) {
        Some(credentials) => {
            signed_period_reply(sim, &credentials, PERIOD_ACTION_ERROR, &msg, ("", ""), ReplyEncoding::Raw)
        }
        None => refusal(sim, "CreditCardPeriodAction", PERIOD_ACTION_ERROR, &msg, detail),
    }
}

/// POST /CreditDetail/DoAction (unsigned replies)
pub async fn do_action(State(sim): State<Arc<Sim>>, content_type: ContentType, body: Bytes) -> Response {
    const API: &str = "DoAction";
    let (fields, credentials) = match read(&sim, &content_type, &body) {
        Ok(read) => read,
        Err(why) => return unaccepted(&sim, API, why),
    };
    let reply = |code: i64, msg: &str| {
        gateway_text(do_action::render_reply(&do_action::DoActionResult {
            merchant_id: fields.get("MerchantID").unwrap_or("").to_string(),
            merchant_trade_no: fields.get("MerchantTradeNo").unwrap_or("").to_string(),
            trade_no: fields.get("TradeNo").unwrap_or("").to_string(),
            rtn_code: code,
            rtn_msg: msg.to_string(),
            raw: Fields::new(),
        }))
    };
    let request = match do_action::parse_request(&fields, &credentials) {
        Ok(request) => request,
        Err(Error::Signature(detail)) => {
            sim.log(|| format!("{API} refused: {detail}"));
            return reply(SIGNATURE_ERROR, CHECK_MAC_ERROR);
        }
        Err(e) => {
            sim.log(|| format!("{API} refused: {e}"));
            return reply(FAILED_RTN_CODE, &parameter_error(&e));
        }
    };
    match gateway::do_action(
        &sim,
        &request.merchant_id,
        &request.merchant_trade_no,
        &request.trade_no,
        request.action,
        request.total_amount,
    ) {
        Ok(()) => reply(SUCCESS, "OK"),
        Err(msg) => {
            sim.log(|| format!("{API} refused: {msg}"));
            reply(FAILED_RTN_CODE, &msg)
        }
    }
}

/// POST /CreditDetail/QueryTrade/V2 (JSON)
pub async fn query_credit_detail(State(sim): State<Arc<Sim>>, content_type: ContentType, body: Bytes) -> Response {
    const API: &str = "QueryTrade/V2";
    let json = |body: String| ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response();
    let error = |msg: &str, detail: &str| {
        sim.log(|| format!("{API} refused: {msg} ({detail})"));
        json(query_credit_detail::render_error(msg))
    };
    // The document lists three RtnMsg words for this API (error_Stop, error_nopay, error); a request
    // that cannot be verified (bad CheckMacValue, unknown merchant) or is wrong in a field gets
    // the generic `error`. A body that cannot be read says why after it.
    let (fields, credentials) = match read(&sim, &content_type, &body) {
        Ok(read) => read,
        Err(Unaccepted::Unreadable(detail)) => return error(&format!("error ({detail})"), &detail),
        Err(Unaccepted::UnknownMerchant(detail)) => return error(GENERIC_ERROR, &detail),
    };
    let request = match query_credit_detail::parse_request(&fields, &credentials) {
        Ok(request) => request,
        Err(e) => return error(GENERIC_ERROR, &e.to_string()),
    };
    let detail = {
        let store = sim.store();
        let order = store.key_by_gwsr(&request.credit_refund_id).and_then(|key| store.get(&key.0, &key.1).cloned());
        match order {
            Some(order) if order.terms.merchant_id == request.merchant_id => order,
            _ => return error("error_nopay", "no card payment with this CreditRefundId"),
        }
    };
    let Some(card) = detail.card.as_ref() else {
        return error("error_nopay", "no card payment with this CreditRefundId");
    };
    if card.authorised_amount != request.credit_amount {
        return error(
            GENERIC_ERROR,
            &format!("CreditAmount {} is not the authorised {}", request.credit_amount, card.authorised_amount),
        );
    }
    let reply = query_credit_detail::CreditDetail {
        // V1.3.7 p.50: TradeID is the authorisation's number (Int), the gwsr the query names,
        // not the order's 20-character TradeNo.
        trade_id: card.gwsr.clone(),
        amount: Some(card.authorised_amount),
        clsamt: Some(card.net_captured()),
        authtime: authtime(card.authorised_at),
        status: query_credit_detail::CreditStatus::parse(card.status_word()),
        close_data: card
            .close_data
            .iter()
            .map(|e| query_credit_detail::CloseEntry {
                status: query_credit_detail::CreditStatus::parse(e.status_word()),
                sno: e.sno.to_string(),
                amount: Some(e.amount),
                datetime: e.datetime.clone(),
            })
            .collect(),
        raw: serde_json::Value::Null,
    };
    json(query_credit_detail::render_reply(&reply))
}

/// The gateway's authtime style: `2016/5/12 下午 07:09:17` (no leading zeros in the date,
/// 12-hour clock with 上午/下午).
fn authtime(unix: i64) -> String {
    let t = TaiwanDateTime::from_unix(unix);
    let (half, hour) = match t.hour {
        0 => ("上午", 12),
        h if h < 12 => ("上午", h),
        12 => ("下午", 12),
        h => ("下午", h - 12),
    };
    format!("{}/{}/{} {} {:02}:{:02}:{:02}", t.year, t.month, t.day, half, hour, t.minute, t.second)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authtime_is_twelve_hour_with_am_pm_words() {
        // 2016/05/12 19:09:17 Taiwan time.
        let t = TaiwanDateTime::parse("2016/05/12 19:09:17").unwrap().to_unix();
        assert_eq!(authtime(t), "2016/5/12 下午 07:09:17");
        let t = TaiwanDateTime::parse("2016/05/12 00:05:00").unwrap().to_unix();
        assert_eq!(authtime(t), "2016/5/12 上午 12:05:00");
    }
}
