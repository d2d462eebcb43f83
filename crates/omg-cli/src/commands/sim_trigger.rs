//! `omg sim trigger`: make something happen on a running omg-sim, as `stripe trigger` does for
//! Stripe's test mode. A scenario (`card-paid`, `atm-issued-then-paid`, `recurring`, ...) needs no
//! order: it creates its own through the real checkout path (sim_scenarios.rs). An event (`pay NO`,
//! `expire NO`, ...) acts on an order that exists. `--list` lists both.

use clap::ValueEnum;
use omg_core::{rules, Error, Result};
use serde_json::{json, Value};

use super::sim_api::{print_json, text, Control};
use super::sim_scenarios::{self, ScenarioInput};
use super::sim_trigger_args::{Event, TriggerArgs};

pub fn run(control: &Control, args: &TriggerArgs) -> Result<()> {
    let Some(event) = args.event.filter(|_| !args.list) else {
        print_list(args.target.json);
        return Ok(());
    };
    if event.creates_order(args.order.as_deref()) {
        if let Some(no) = &args.order {
            return Err(Error::invalid(
                "order",
                rules::NOT_ALLOWED,
                format!(
                    "{} creates its own order: to act on order {no}, use an event (omg sim trigger pay {no}; --list)",
                    event.name()
                ),
            ));
        }
        let input = ScenarioInput::from_args(args)?;
        return sim_scenarios::run(control, event, &input);
    }
    let (path, body) = event_request(event, args)?;
    let value = control.post(path, body)?;
    if args.target.json {
        print_json(&value);
    } else {
        let order = &value["order"];
        outln!("{event:?}: order {} is now {}", text(&order["terms"]["merchant_trade_no"]), text(&order["status"]));
    }
    Ok(())
}

fn print_list(json_out: bool) {
    let events = Event::value_variants();
    if json_out {
        let list: Vec<Value> = events
            .iter()
            .map(|e| json!({ "name": e.name(), "creates_order": e.creates_order(None), "description": e.help() }))
            .collect();
        print_json(&json!({ "scenarios": list }));
        return;
    }
    outln!("Scenarios: each creates its own signed order (POSTed to AioCheckOut/V5 as a browser does), then");
    outln!("the event. omg sim trigger SCENARIO --return-url http://127.0.0.1:PORT/your/route");
    for e in events.iter().filter(|e| e.creates_order(None)) {
        outln!("  {:<26}{}", e.name(), e.help());
    }
    outln!();
    outln!("Events on an existing order: omg sim trigger EVENT MerchantTradeNo");
    for e in events.iter().filter(|e| !e.creates_order(None) || **e == Event::SimulatePaid) {
        outln!("  {:<26}{}", e.name(), e.help());
    }
}

/// The control-API call of an event on an existing order: (path, JSON body).
fn event_request(event: Event, args: &TriggerArgs) -> Result<(&'static str, Value)> {
    let order = args.order.as_deref();
    let need_order = || {
        order.ok_or_else(|| {
            Error::invalid(
                "order",
                rules::REQUIRED,
                "give the order's MerchantTradeNo (or use a scenario, which creates its own: omg sim trigger --list)",
            )
        })
    };
    let (method, sub_payment) = (args.method.as_deref(), args.sub_payment.as_deref());
    Ok(match event {
        Event::Choose => (
            "/_sim/choose",
            json!({ "merchant_trade_no": need_order()?, "method": method, "sub_payment": sub_payment }),
        ),
        Event::Pay => (
            "/_sim/pay",
            json!({
                "merchant_trade_no": need_order()?, "method": method, "sub_payment": sub_payment,
                "installments": args.installments
            }),
        ),
        Event::Decline => ("/_sim/decline", json!({ "merchant_trade_no": need_order()?, "method": method })),
        Event::SimulatePaid => ("/_sim/simulate", json!({ "merchant_trade_no": need_order()? })),
        Event::PayCode => match &args.code {
            Some(code) => ("/_sim/pay-code", json!({ "code": code })),
            None => ("/_sim/pay-code", json!({ "merchant_trade_no": need_order()? })),
        },
        Event::Expire => ("/_sim/expire", json!({ "merchant_trade_no": need_order()? })),
        Event::FailCharges => {
            ("/_sim/fail-charges", json!({ "merchant_trade_no": need_order()?, "count": args.count }))
        }
        _ => return Err(Error::invalid("event", rules::ONE_OF, format!("{} is a scenario", event.name()))),
    })
}
