//! INTERIM (until omg_core::boundary lands): JSON views of what crosses the ABI.

use omg_core::api::do_action::DoActionResult;
use omg_core::api::period_action::PeriodActionResult;
use omg_core::api::query_credit_detail::CreditDetail;
use omg_core::api::query_period_info::PeriodInfo;
use omg_core::api::query_trade_info::TradeInfo;
use omg_core::{Checkout, Client, Config, Credentials, Environment, Error, Fields, Notification};
use serde_json::{json, Value};

use crate::entry::Failure;

fn str_map(f: &Fields) -> Value {
    Value::Array(f.iter().map(|(k, v)| json!([k, v])).collect())
}

pub(crate) fn error_payload(e: &Error) -> Value {
    let mut p = json!({"kind": e.kind(), "message": e.to_string(), "field_errors": e.field_errors().iter().map(|f| json!({"field": f.field, "rule": f.rule, "message": f.message})).collect::<Vec<_>>(), "rtn_code": null, "rtn_msg": null, "timeout": false, "status": null, "outcome_unknown": false});
    match e {
        Error::Gateway { rtn_code, rtn_msg } => { p["rtn_code"] = json!(rtn_code); p["rtn_msg"] = json!(rtn_msg); }
        Error::Transport(t) => { p["timeout"] = json!(t.timeout); p["status"] = json!(t.status); p["outcome_unknown"] = json!(t.outcome_unknown); }
        _ => {}
    }
    p
}

pub(crate) fn client_from_settings(settings: &Value, stage_default: bool) -> Result<Client, Failure> {
    let get = |k: &str| settings.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let credentials = match (get("merchant_id"), get("hash_key"), get("hash_iv")) {
        (None, None, None) if stage_default => Credentials::stage(),
        (Some(a), Some(b), Some(c)) => Credentials::new(a, b, c)?,
        _ => return Err(Error::invalid("merchant_id", "required", "merchant_id, hash_key and hash_iv are required").into()),
    };
    let credentials = match get("credit_check_code") { Some(c) => credentials.with_credit_check_code(c), None => credentials };
    let environment = match get("base_url").or(get("environment")) { Some(e) => Environment::parse(&e)?, None => Environment::Stage };
    Ok(Client::new(Config { credentials, environment }, Default::default())?)
}

pub(crate) fn client_description(c: &Client) -> Value {
    json!({"merchant_id": c.config().credentials.merchant_id(), "base_url": c.config().environment.base_url(), "is_production": c.config().environment.is_production()})
}

pub(crate) fn checkout(c: &Checkout) -> Value {
    json!({"action_url": c.action_url, "fields": str_map(&c.fields), "html": c.html()})
}

pub(crate) fn notification(n: &Notification) -> Value {
    json!({"kind": n.kind().as_str(), "dedupe_key": n.dedupe_key(), "is_paid": n.is_paid(), "is_simulated": n.is_simulated(), "raw": str_map(n.raw())})
}

pub(crate) fn trade_info(t: &TradeInfo) -> Value {
    json!({"merchant_trade_no": t.merchant_trade_no, "trade_no": t.trade_no, "trade_amt": t.trade_amt, "is_paid": t.is_paid(), "raw": str_map(&t.raw)})
}

pub(crate) fn period_info(p: &PeriodInfo) -> Value {
    json!({"merchant_trade_no": p.merchant_trade_no, "rtn_code": p.rtn_code, "raw": p.raw})
}

pub(crate) fn period_action_result(r: &PeriodActionResult) -> Value {
    json!({"rtn_code": r.rtn_code, "rtn_msg": r.rtn_msg, "raw": str_map(&r.raw)})
}

pub(crate) fn do_action_result(r: &DoActionResult) -> Value {
    json!({"rtn_code": r.rtn_code, "rtn_msg": r.rtn_msg, "raw": str_map(&r.raw)})
}

pub(crate) fn credit_detail(d: &CreditDetail) -> Value {
    json!({"trade_id": d.trade_id, "amount": d.amount, "raw": d.raw})
}
