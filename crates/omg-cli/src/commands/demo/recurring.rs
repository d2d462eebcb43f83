//! A recurring plan: created, charged for three periods on the simulator's accelerated clock,
//! queried, cancelled.

use omg_core::api::query_period_info::ExecStatus;
use omg_core::order::{CreditRecurring, PeriodType};
use omg_core::{NotificationKind, Payment};
use serde_json::json;

use super::report::{why, Report};
use super::Demo;

const AMOUNT: i64 = 299;
const EXEC_TIMES: i64 = 12;
const DAY: i64 = 86_400;

pub fn run(demo: &Demo, report: &mut Report) {
    report.section("Recurring plan");
    let mut flow = report.flow();
    let no = flow.step("recurring plan created (AioCheckOut/V5, PeriodType D)", || {
        let no = demo.trade_no()?;
        let payment = Payment::CreditRecurring(CreditRecurring {
            binding: Default::default(),
            period_amount: AMOUNT,
            period_type: PeriodType::Day,
            frequency: 1,
            exec_times: EXEC_TIMES,
            period_return_url: Some(demo.receiver.url("/period")),
        });
        let checkout = demo.client.checkout(&demo.order(&no, AMOUNT, "Daily coffee", payment)).map_err(why)?;
        demo.payer.submit(&checkout)?;
        Ok((no.clone(), format!("{no}, {AMOUNT} TWD every day, {EXEC_TIMES} times")))
    });
    flow.step("period 1 paid by card, ReturnURL verified", || {
        let no = no.as_deref().ok_or("no order")?;
        demo.payer.control("/_sim/pay", json!({ "merchant_trade_no": no }))?;
        let received = demo.receiver.wait_for("ReturnURL notification", |r| {
            r.path == "/return" && r.notification().is_some_and(|n| n.merchant_trade_no() == Some(no) && n.is_paid())
        })?;
        let n = received.notification().ok_or("not verified")?;
        n.expect_amount(AMOUNT).map_err(why)?;
        Ok(((), format!("RtnCode 1, TradeAmt {AMOUNT}")))
    });
    flow.step("periods 2 and 3 charged on the accelerated clock (PeriodReturnURL)", || {
        let no = no.as_deref().ok_or("no order")?;
        for period in [2, 3] {
            demo.payer.control("/_sim/advance", json!({ "seconds": DAY }))?;
            demo.receiver.wait_for(&format!("PeriodReturnURL notification of period {period}"), |r| {
                r.path == "/period"
                    && r.notification().is_some_and(|n| {
                        n.kind() == NotificationKind::PeriodCharge
                            && n.merchant_trade_no() == Some(no)
                            && n.total_success_times() == Some(period)
                    })
            })?;
        }
        Ok(((), "clock advanced 2 days; 2 period charges verified and acknowledged".to_string()))
    });
    flow.step("QueryCreditCardPeriodInfo: 3 charges, running", || {
        let no = no.as_deref().ok_or("no order")?;
        let info = demo.client.query_period(no).map_err(why)?;
        if info.total_success_times != Some(3) || info.exec_status != Some(ExecStatus::Running) {
            return Err(format!("TotalSuccessTimes {:?}, ExecStatus {:?}", info.total_success_times, info.exec_status));
        }
        Ok((
            (),
            format!(
                "TotalSuccessTimes 3, TotalSuccessAmount {}, {} entries in ExecLog",
                info.total_success_amount.unwrap_or(0),
                info.exec_log.len()
            ),
        ))
    });
    flow.step("plan cancelled (CreditCardPeriodAction), ExecStatus 0", || {
        let no = no.as_deref().ok_or("no order")?;
        let result = demo.client.cancel_period(no).map_err(why)?;
        let info = demo.client.query_period(no).map_err(why)?;
        if info.exec_status != Some(ExecStatus::Cancelled) {
            return Err(format!("ExecStatus {:?} after cancelling", info.exec_status));
        }
        Ok((
            (),
            format!("RtnCode {} (signed reply verified); QueryCreditCardPeriodInfo says cancelled", result.rtn_code),
        ))
    });
}
