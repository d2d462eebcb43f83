//! The merchant's server actions on an order: cancel a recurring schedule, DoAction.

use omg_core::Clock;

use crate::card::{Action, Refusal};
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
pub fn do_action(sim: &Sim, merchant_id: &str, merchant_trade_no: &str, trade_no: &str, action: Action, amount: i64) -> Result<(), String> {
    let now = sim.clock.now_unix();
    let mut store = sim.store();
    let key = (merchant_id.to_string(), merchant_trade_no.to_string());
    let order = store.get_mut(&key).ok_or("error_nopay: no such order")?;
    if order.trade_no != trade_no {
        return Err("error_TradeNo: TradeNo does not belong to MerchantTradeNo".into());
    }
    let card = order.card.as_mut().ok_or("error_nopay: the order has no card authorisation")?;
    card.apply(action, amount, now).map_err(|Refusal(msg)| msg)?;
    store.reindex(&key);
    Ok(())
}

