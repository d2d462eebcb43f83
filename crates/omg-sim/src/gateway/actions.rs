//! The merchant's server actions on an order: cancel a recurring schedule, DoAction.

use omg_core::Clock;

use crate::card::{in_auto_close_window, Action, CardPayment, Refusal, CAPTURE_LIMIT_SECONDS};
use crate::recurring::ExecStatus;
use crate::sim::Sim;

/// CreditCardPeriodAction Cancel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled,
    AlreadyStopped,
    NotFound,
}

pub fn cancel_schedule(sim: &Sim, merchant_id: &str, merchant_trade_no: &str) -> CancelOutcome {
    let mut store = sim.store();
    let key = (merchant_id.to_string(), merchant_trade_no.to_string());
    let Some(schedule) = store.get_mut(&key).and_then(|o| o.schedule.as_mut()) else {
        return CancelOutcome::NotFound;
    };
    if schedule.status != ExecStatus::Running {
        return CancelOutcome::AlreadyStopped;
    }
    schedule.status = ExecStatus::Cancelled;
    CancelOutcome::Cancelled
}

/// DoAction on a card payment: `Err` carries the RtnMsg of the refusal.
pub fn do_action(
    sim: &Sim,
    merchant_id: &str,
    merchant_trade_no: &str,
    trade_no: &str,
    action: Action,
    amount: i64,
) -> Result<(), String> {
    let now = sim.clock.now_unix();
    let mut store = sim.store();
    let key = (merchant_id.to_string(), merchant_trade_no.to_string());
    let order = store.get_mut(&key).ok_or("error_nopay: no such order")?;
    if order.trade_no != trade_no {
        return Err("error_TradeNo: TradeNo does not belong to MerchantTradeNo".into());
    }
    let installments = order.installments.is_some();
    let card = order.card.as_mut().ok_or("error_nopay: the order has no card authorisation")?;
    if installments && action == Action::Refund && amount != card.captured_amount - card.refunded_amount {
        // V1.3.7 p.44: an installment payment is refunded in full or not at all.
        return Err("error_installment: an installment payment can only be refunded in full".into());
    }
    card_time_rules(sim, card, action, now)?;
    card.apply(action, amount, now).map_err(|Refusal(msg)| msg)?;
    store.reindex(&key);
    Ok(())
}

/// The real gateway's time rules, when the simulator is started with them (V1.3.7 pp.44–45):
/// no DoAction while the daily auto-close runs (20:15–20:30 Taiwan time), and no capture more
/// than 21 days after the authorisation.
fn card_time_rules(sim: &Sim, card: &CardPayment, action: Action, now: i64) -> Result<(), String> {
    if sim.config.daily_auto_close && in_auto_close_window(now) {
        return Err(
            "error_autoClose: DoAction is not accepted from 20:15 to 20:30 while the daily auto-close runs".into()
        );
    }
    if sim.config.capture_limit && action == Action::Capture && now - card.authorised_at > CAPTURE_LIMIT_SECONDS {
        return Err("error_overDAY: a capture is only possible within 21 days of the authorisation".into());
    }
    Ok(())
}
