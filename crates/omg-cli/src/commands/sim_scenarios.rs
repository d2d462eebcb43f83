//! The scenarios of `omg sim trigger`: fixtures in one command, as `stripe trigger` creates what
//! an event needs. Each one
//!
//! 1. builds an order and signs it with the merchant's keys (omg-core's `Client::checkout`, as a
//!    merchant's server does),
//! 2. POSTs the signed form to omg-sim's AioCheckOut/V5 as the payer's browser does
//!    (`application/x-www-form-urlencoded`), so the order goes through the gateway's own checks,
//! 3. makes the event happen through the control API (the payer pays, picks a bank, a code
//!    expires, the clock moves for recurring charges),
//! 4. waits for the first attempt of every notification it caused, and prints the order number
//!    and what the merchant's URLs answered (a spinner on a terminal while it waits).

use std::time::{Duration, Instant};

use omg_core::client::{Client, ClientOptions};
use omg_core::order::{AllMethods, Atm, Barcode, Credit, CreditInstallments, CreditRecurring, Cvs, PeriodType};
use omg_core::SystemClock;
use omg_core::{generate_merchant_trade_no, rules, Config, Credentials, Environment, Error, Order, Payment, Result};
use serde_json::{json, Value};

use super::sim_api::{attempt_line, encode, print_json, text, Control};
use super::sim_trigger_args::{Event, TriggerArgs};
use crate::progress::Progress;

/// The default TotalAmount of a scenario's order.
const DEFAULT_AMOUNT: i64 = 1200;
/// How long to wait for the first attempt of each notification: longer than omg-sim's delivery
/// timeout (10 s), so a slow receiver is reported with the simulator's verdict.
const DELIVERY_WAIT: Duration = Duration::from_secs(15);
const DAY_SECONDS: i64 = 86_400;

/// What a scenario is given.
pub struct ScenarioInput {
    return_url: String,
    payment_info_url: Option<String>,
    period_return_url: Option<String>,
    amount: i64,
    /// ChoosePayment as the gateway writes it (`Credit`, `ATM`, ..., `ALL`), if given.
    method: Option<String>,
    sub_payment: Option<String>,
    installments: Option<u32>,
    periods: u32,
    failed: u32,
    credentials: Credentials,
    json: bool,
}

impl ScenarioInput {
    pub fn from_args(args: &TriggerArgs) -> Result<ScenarioInput> {
        let return_url = args.return_url.clone().ok_or_else(|| {
            Error::invalid(
                "--return-url",
                rules::REQUIRED,
                "give --return-url http://127.0.0.1:PORT/... : where your app receives the payment result",
            )
        })?;
        let method = args.method.as_deref().map(choose_payment).transpose()?;
        Ok(ScenarioInput {
            return_url,
            payment_info_url: args.payment_info_url.clone(),
            period_return_url: args.period_return_url.clone(),
            amount: args.amount.unwrap_or(DEFAULT_AMOUNT),
            method,
            sub_payment: args.sub_payment.clone(),
            installments: args.installments,
            periods: args.periods,
            failed: args.failed,
            credentials: args.keys.credentials_for_body(None)?,
            json: args.target.json,
        })
    }
}

/// ChoosePayment as the gateway writes it, from any letter case.
fn choose_payment(method: &str) -> Result<String> {
    ["Credit", "ATM", "CVS", "BARCODE", "AFTEE", "ALL"]
        .into_iter()
        .find(|m| m.eq_ignore_ascii_case(method.trim()))
        .map(str::to_string)
        .ok_or_else(|| {
            Error::invalid("--method", rules::ONE_OF, "--method is one of Credit, ATM, CVS, BARCODE, AFTEE, ALL")
        })
}

/// The order a scenario places: its ChoosePayment, and the method the payer picks on the page.
struct Plan {
    choose_payment: String,
    pick: Option<&'static str>,
}

fn plan(event: Event, input: &ScenarioInput) -> Result<Plan> {
    // (the methods the scenario's order may have, the payer's pick)
    let (allowed, pick): (&[&str], Option<&'static str>) = match event {
        Event::CardPaid | Event::CardDeclined => (&["Credit", "ALL"], Some("Credit")),
        Event::AtmIssuedThenPaid => (&["ATM", "ALL"], Some("ATM")),
        Event::CvsIssuedThenPaid => (&["CVS", "ALL"], Some("CVS")),
        Event::BarcodeIssuedThenPaid => (&["BARCODE", "ALL"], Some("BARCODE")),
        Event::CodeExpired => (&["ATM", "CVS", "BARCODE"], None),
        Event::Recurring => (&["Credit"], Some("Credit")),
        _ => (&["Credit", "ATM", "CVS", "BARCODE", "AFTEE", "ALL"], None),
    };
    let choose_payment = input.method.clone().unwrap_or_else(|| allowed[0].to_string());
    if !allowed.contains(&choose_payment.as_str()) {
        return Err(Error::invalid(
            "--method",
            rules::ONE_OF,
            format!("{} places an order of ChoosePayment {}, not {choose_payment}", event.name(), allowed.join(" or ")),
        ));
    }
    if input.installments.is_some() && event != Event::CardPaid {
        return Err(Error::invalid("--installments", rules::NOT_ALLOWED, "--installments goes with card-paid only"));
    }
    // code-expired: the payer picks a bank or store of the order's own method.
    let pick = pick.or(match (event, choose_payment.as_str()) {
        (Event::CodeExpired, "ATM") => Some("ATM"),
        (Event::CodeExpired, "CVS") => Some("CVS"),
        (Event::CodeExpired, _) => Some("BARCODE"),
        _ => None,
    });
    Ok(Plan { choose_payment, pick })
}

fn payment(event: Event, choose_payment: &str, input: &ScenarioInput) -> Payment {
    let info_url = input.payment_info_url.clone();
    match (event, choose_payment) {
        (Event::Recurring, _) => Payment::CreditRecurring(CreditRecurring {
            period_amount: input.amount,
            period_type: PeriodType::Day,
            frequency: 1,
            // The first charge, the successful periods, the failed ones (at least the 2 the
            // gateway requires of a schedule).
            exec_times: i64::from((1 + input.periods + input.failed).max(2)),
            period_return_url: input.period_return_url.clone(),
            binding: Default::default(),
        }),
        (_, "Credit") => match input.installments {
            Some(n) => Payment::CreditInstallments(CreditInstallments { installments: vec![n], ..Default::default() }),
            None => Payment::Credit(Credit::default()),
        },
        (_, "ATM") => Payment::Atm(Atm { payment_info_url: info_url, ..Default::default() }),
        (_, "CVS") => Payment::Cvs(Cvs { payment_info_url: info_url, ..Default::default() }),
        (_, "BARCODE") => Payment::Barcode(Barcode { payment_info_url: info_url, ..Default::default() }),
        (_, "AFTEE") => Payment::Aftee,
        _ => Payment::All(AllMethods { payment_info_url: info_url, ..Default::default() }),
    }
}

/// The notifications a scenario causes, by kind, in the order they are sent.
fn expected_notifications(event: Event, input: &ScenarioInput) -> Vec<&'static str> {
    let info = if input.payment_info_url.is_some() { vec!["PaymentInfoURL"] } else { vec![] };
    match event {
        Event::AtmIssuedThenPaid | Event::CvsIssuedThenPaid | Event::BarcodeIssuedThenPaid => {
            [info, vec!["ReturnURL"]].concat()
        }
        Event::CodeExpired => info,
        Event::Recurring => {
            let periods = if input.period_return_url.is_some() { input.periods as usize } else { 0 };
            [vec!["ReturnURL"], vec!["PeriodReturnURL"; periods]].concat()
        }
        _ => vec!["ReturnURL"],
    }
}

pub fn run(control: &Control, event: Event, input: &ScenarioInput) -> Result<()> {
    let plan = plan(event, input)?;
    let progress = Progress::start(&format!("{}: placing the order", event.name()));
    let no = place_order(control, event, &plan, input)?;
    progress.set(&format!("{}: order {no} placed; the payer acts", event.name()));
    act(control, event, &plan, &no, input, &progress)?;
    let expected = expected_notifications(event, input);
    let deliveries = wait_for_deliveries(control, &no, &expected, &progress)?;
    let order = control.get(&format!("/_sim/orders/{}", encode(&no)))?;
    progress.finish();
    if input.json {
        let pending = expected.len().saturating_sub(deliveries.len());
        print_json(&json!({
            "scenario": event.name(),
            "merchant_trade_no": no,
            "trade_no": order["trade_no"],
            "order": order,
            "deliveries": deliveries,
            "deliveries_pending": pending,
        }));
    } else {
        report(event, &no, &order, &deliveries, &expected);
    }
    Ok(())
}

/// Signs the order and posts it as the payer's browser does; its MerchantTradeNo once omg-sim has
/// it, or the gateway's refusal (`訊息代碼` / `訊息說明` of its error page).
fn place_order(control: &Control, event: Event, plan: &Plan, input: &ScenarioInput) -> Result<String> {
    let no = generate_merchant_trade_no("TR", &SystemClock)?;
    let payment = payment(event, &plan.choose_payment, input);
    let order = Order::new(&no, input.amount, "omg sim trigger", "omg sim test item", &input.return_url, payment);
    let config =
        Config { credentials: input.credentials.clone(), environment: Environment::Custom(control.base().to_string()) };
    let checkout = Client::new(config, ClientOptions::default())?.checkout(&order)?;
    for w in &checkout.warnings {
        eprintln!("omg: warning: {}: {} ({})", w.field, w.message, w.rule);
    }
    let (status, page) = control.post_form(&checkout.action_url, &checkout.fields.to_form_body())?;
    if control.get(&format!("/_sim/orders/{}", encode(&no))).is_ok() {
        return Ok(no);
    }
    let code = element_text(&page, "rtn-code").and_then(|c| c.parse::<i64>().ok());
    let message = element_text(&page, "rtn-msg").unwrap_or_else(|| format!("HTTP {status}"));
    let hint = if code == Some(10200073) {
        format!(
            " (does omg-sim know merchant {}? start it with --merchant ID:KEY:IV, or unset OMG_MERCHANT_ID, \
             OMG_HASH_KEY and OMG_HASH_IV to use the stage merchant)",
            input.credentials.merchant_id()
        )
    } else {
        String::new()
    };
    // The code in the message, not as rtn_code: the generic advice of a 10200073 (check the
    // OMG_* keys) would repeat the hint above.
    let code = code.map(|c| format!("{c} ")).unwrap_or_default();
    Err(Error::Gateway { rtn_code: None, rtn_msg: format!("omg-sim refused the order: {code}{message}{hint}") })
}

/// The text of the element with this id on a page the simulator wrote (`<span id="rtn-msg">…</span>`).
fn element_text(page: &str, id: &str) -> Option<String> {
    let start = page.find(&format!("id=\"{id}\">"))? + id.len() + 6;
    let end = page[start..].find('<')? + start;
    let text = page[start..end].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    Some(text.trim().to_string())
}

/// The event itself, through the control API.
fn act(
    control: &Control,
    event: Event,
    plan: &Plan,
    no: &str,
    input: &ScenarioInput,
    progress: &Progress,
) -> Result<()> {
    let order = |extra: Value| {
        let mut body = json!({ "merchant_trade_no": no });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        body
    };
    let pick = plan.pick;
    match event {
        Event::CardPaid => {
            control.post("/_sim/pay", order(json!({ "method": pick, "installments": input.installments })))?;
        }
        Event::CardDeclined => {
            control.post("/_sim/decline", order(json!({ "method": pick })))?;
        }
        Event::AtmIssuedThenPaid | Event::CvsIssuedThenPaid | Event::BarcodeIssuedThenPaid | Event::CodeExpired => {
            control.post("/_sim/choose", order(json!({ "method": pick, "sub_payment": input.sub_payment })))?;
            if event == Event::CodeExpired {
                control.post("/_sim/expire", order(json!({})))?;
            } else {
                control.post("/_sim/pay-code", order(json!({})))?;
            }
        }
        Event::Recurring => {
            control.post("/_sim/pay", order(json!({})))?;
            if input.periods > 0 {
                progress.set(&format!("recurring: moving the clock {} day(s) for the period charges", input.periods));
                control.post("/_sim/advance", json!({ "seconds": i64::from(input.periods) * DAY_SECONDS }))?;
            }
            if input.failed > 0 {
                progress.set(&format!("recurring: {} failed charge(s)", input.failed));
                control.post("/_sim/fail-charges", order(json!({ "count": input.failed })))?;
                control.post("/_sim/advance", json!({ "seconds": i64::from(input.failed) * DAY_SECONDS }))?;
            }
        }
        _ => {
            control.post("/_sim/simulate", order(json!({})))?;
        }
    }
    Ok(())
}

/// The first attempt of each notification about order `no`, once there are as many as expected
/// (or after `DELIVERY_WAIT` with what there is).
fn wait_for_deliveries(control: &Control, no: &str, expected: &[&str], progress: &Progress) -> Result<Vec<Value>> {
    let deadline = Instant::now() + DELIVERY_WAIT;
    loop {
        let log = control.get(&format!("/_sim/deliveries?merchant_trade_no={}", encode(no)))?;
        let mut firsts: Vec<Value> = log["attempts"]
            .as_array()
            .map(|a| a.iter().filter(|x| x["attempt"] == json!(1)).cloned().collect())
            .unwrap_or_default();
        firsts.sort_by_key(|a| a["notification_id"].as_u64());
        if firsts.len() >= expected.len() || Instant::now() > deadline {
            return Ok(firsts);
        }
        let next = expected.get(firsts.len()).copied().unwrap_or("notification");
        progress.set(&format!("waiting for the {next} delivery of order {no}"));
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn report(event: Event, no: &str, order: &Value, deliveries: &[Value], expected: &[&str]) {
    let terms = &order["terms"];
    outln!(
        "order {no} created (TradeNo {}): {} NT${}",
        text(&order["trade_no"]),
        text(&terms["choose_payment"]),
        text(&terms["total_amount"])
    );
    outln!("{}: order {no} is now {}", event.name(), text(&order["status"]));
    if let Some(code) = code_line(&order["code"]) {
        outln!("  {code}");
    }
    for charge in order["schedule"]["charges"].as_array().into_iter().flatten() {
        let how = if charge["success"] == true {
            "charged".to_string()
        } else {
            format!(
                "FAILED (RtnCode {}; not posted, in QueryCreditCardPeriodInfo's ExecLog)",
                text(&charge["rtn_code"])
            )
        };
        outln!("  period {}: NT${} {how}", text(&charge["period"]), text(&charge["amount"]));
    }
    let mut unacknowledged = false;
    for attempt in deliveries {
        outln!("  {}", attempt_line(attempt));
        unacknowledged |= attempt["ok"] != true;
    }
    if deliveries.len() < expected.len() {
        outln!(
            "  {} notification(s) not attempted yet: omg sim deliveries --order {no}",
            expected.len() - deliveries.len()
        );
    }
    if expected.is_empty() {
        outln!("  (no notification: give --payment-info-url to be told of the code)");
    }
    if unacknowledged {
        outln!("  omg-sim re-sends ReturnURL and PaymentInfoURL until the reply is exactly 1|OK: omg sim deliveries --order {no}");
    }
}

/// The issued code, as the payer would quote it.
fn code_line(code: &Value) -> Option<String> {
    Some(match code["kind"].as_str()? {
        "Atm" => format!(
            "ATM bank {} account {}, pay by {}",
            text(&code["bank_code"]),
            text(&code["v_account"]),
            text(&code["expire_date"])
        ),
        "Cvs" => format!("CVS payment code {}, pay by {}", text(&code["payment_no"]), text(&code["expire_date"])),
        _ => format!(
            "BARCODE {} / {} / {}, pay by {}",
            text(&code["barcodes"][0]),
            text(&code["barcodes"][1]),
            text(&code["barcodes"][2]),
            text(&code["expire_date"])
        ),
    })
}
