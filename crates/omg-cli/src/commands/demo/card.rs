//! A card payment from order to refund, and an installments order.

use omg_core::order::{Credit, CreditInstallments, Payment};
use omg_core::NotificationKind;
use serde_json::json;

use super::receiver::Received;
use super::report::{why, Report};
use super::Demo;

const AMOUNT: i64 = 1200;
const CAPTURE: i64 = 800;
const REFUND: i64 = 300;

/// Runs the card flows; returns the genuine ReturnURL notification for the forgery flow.
pub fn run(demo: &Demo, report: &mut Report) -> Option<Received> {
    report.section("Card payment");
    let genuine = card(demo, report);
    report.section("Installments");
    installments(demo, report);
    genuine
}

/// The payer pays `no`; (TradeNo, gwsr) from the simulator.
fn pay(demo: &Demo, body: serde_json::Value) -> Result<(String, String), String> {
    let paid = demo.payer.control("/_sim/pay", body)?;
    let trade_no = paid["order"]["trade_no"].as_str().unwrap_or("").to_string();
    let gwsr = paid["order"]["card"]["gwsr"].as_str().unwrap_or("").to_string();
    Ok((trade_no, gwsr))
}

/// Waits for the verified ReturnURL payment result of `no`.
fn payment_result(demo: &Demo, no: &str) -> Result<Received, String> {
    demo.receiver.wait_for("ReturnURL notification", |r| {
        r.path == "/return"
            && r.notification()
                .is_some_and(|n| n.merchant_trade_no() == Some(no) && n.kind() == NotificationKind::PaymentResult)
    })
}

fn card(demo: &Demo, report: &mut Report) -> Option<Received> {
    let mut flow = report.flow();
    let no = flow.step("card order created (AioCheckOut/V5)", || {
        let no = demo.trade_no()?;
        let order = demo.order(&no, AMOUNT, "T-shirt#Mug", Payment::Credit(Credit::default()));
        let checkout = demo.client.checkout(&order).map_err(why)?;
        demo.payer.submit(&checkout)?;
        let detail =
            format!("{no}, {AMOUNT} TWD, {} signed fields posted by the payer's browser", checkout.fields.len());
        Ok((no, detail))
    });
    let paid = flow.step("paid by card (simulated payer)", || {
        let no = no.as_deref().ok_or("no order")?;
        let (trade_no, gwsr) = pay(demo, json!({ "merchant_trade_no": no }))?;
        let detail = format!("TradeNo {trade_no}, card authorisation gwsr {gwsr}");
        Ok(((trade_no, gwsr), detail))
    });
    let genuine = flow.step("ReturnURL notification verified and acknowledged", || {
        let no = no.as_deref().ok_or("no order")?;
        let received = payment_result(demo, no)?;
        let n = received.notification().ok_or("not verified")?;
        if !n.is_paid() {
            return Err(format!("RtnCode {:?}, not paid", n.rtn_code()));
        }
        n.expect_amount(AMOUNT).map_err(why)?;
        // The gateway's own log: the merchant answered exactly 1|OK.
        let log = demo.payer.get(&format!("/_sim/deliveries?merchant_trade_no={no}"))?;
        let acknowledged = log["attempts"].as_array().is_some_and(|a| a.iter().any(|x| x["ok"] == json!(true)));
        if !acknowledged {
            return Err("the gateway did not record a 1|OK reply".into());
        }
        let detail = format!("CheckMacValue valid, RtnCode 1, TradeAmt {AMOUNT} as ordered, answered 1|OK");
        Ok((received, detail))
    });
    flow.step("QueryTradeInfo: the order is paid", || {
        let no = no.as_deref().ok_or("no order")?;
        let info = demo.client.query_trade(no).map_err(why)?;
        if !info.is_paid() || info.trade_amt != Some(AMOUNT) {
            return Err(format!("TradeStatus {}, TradeAmt {:?}", info.trade_status.as_str(), info.trade_amt));
        }
        Ok(((), format!("TradeStatus 1 (paid), TradeAmt {AMOUNT}, {} (signed reply verified)", info.payment_type)))
    });
    flow.step("partial capture (DoAction C)", || {
        let (no, (trade_no, _)) = (no.as_deref().ok_or("no order")?, paid.as_ref().ok_or("not paid")?);
        let result = demo.client.capture(no, trade_no, CAPTURE).map_err(why)?;
        Ok(((), format!("{CAPTURE} of {AMOUNT} TWD: RtnCode {} {}", result.rtn_code, result.rtn_msg)))
    });
    flow.step("partial refund (DoAction R)", || {
        let (no, (trade_no, _)) = (no.as_deref().ok_or("no order")?, paid.as_ref().ok_or("not paid")?);
        let result = demo.client.refund(no, trade_no, REFUND).map_err(why)?;
        Ok(((), format!("{REFUND} TWD: RtnCode {} {}", result.rtn_code, result.rtn_msg)))
    });
    flow.step("QueryTrade/V2 shows the capture and the refund", || {
        let (_, gwsr) = paid.as_ref().ok_or("not paid")?;
        let detail = demo.client.query_credit_detail(gwsr, AMOUNT).map_err(why)?;
        let expected = CAPTURE - REFUND;
        if detail.clsamt != Some(expected) {
            return Err(format!("captured amount {:?}, expected {expected}", detail.clsamt));
        }
        Ok((
            (),
            format!(
                "authorised {AMOUNT}, captured {expected} ({}), {} capture/refund entries",
                detail.status.as_str(),
                detail.close_data.len()
            ),
        ))
    });
    genuine
}

fn installments(demo: &Demo, report: &mut Report) {
    let mut flow = report.flow();
    let no = flow.step("installments order created (3, 6 or 12)", || {
        let no = demo.trade_no()?;
        let payment = Payment::CreditInstallments(CreditInstallments {
            binding: Default::default(),
            installments: vec![3, 6, 12],
        });
        let checkout = demo.client.checkout(&demo.order(&no, 6000, "Laptop", payment)).map_err(why)?;
        demo.payer.submit(&checkout)?;
        Ok((no.clone(), format!("{no}, 6000 TWD, CreditInstallment=3,6,12")))
    });
    flow.step("paid in 6 installments, notified and queried", || {
        let no = no.as_deref().ok_or("no order")?;
        pay(demo, json!({ "merchant_trade_no": no, "installments": 6 }))?;
        let received = payment_result(demo, no)?;
        let n = received.notification().ok_or("not verified")?;
        if n.get("stage") != Some("6") {
            return Err(format!("the notification says stage {:?}, not 6", n.get("stage")));
        }
        if !demo.client.query_trade(no).map_err(why)?.is_paid() {
            return Err("QueryTradeInfo says not paid".into());
        }
        let detail = format!(
            "stage 6: first {} then {} TWD a month; QueryTradeInfo says paid",
            n.get("stast").unwrap_or("?"),
            n.get("staed").unwrap_or("?")
        );
        Ok(((), detail))
    });
}
