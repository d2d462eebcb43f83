//! Work that falls due as the clock moves: recurring charges, settlement, the daily auto-close,
//! expiry of codes, and the 90-day abandonment of unpaid orders and uncaptured authorisations.

use omg_core::taiwan_time::TaiwanDateTime;
use omg_core::Clock;

use super::notification_fields::{period_charge_fields, signed};
use super::refusals::{FAILED_RTN_CODE, SUCCESS};
use crate::card::{next_auto_close, Action, CardState, ABANDON_AFTER_SECONDS};
use crate::delivery::{Notification, NotifyKind};
use crate::ids;
use crate::recurring::{Charge, ExecStatus, Schedule};
use crate::sim::Sim;
use crate::store::{OrderKey, OrderStatus, Store};

/// Makes the next `count` recurring charges of an order fail.
pub fn fail_next_charges(sim: &Sim, key: &OrderKey, count: u32) -> Result<(), String> {
    let mut store = sim.store();
    let order = store.get_mut(key).ok_or("no such order")?;
    let schedule = order.schedule.as_mut().ok_or("the order has no recurring schedule (is it paid?)")?;
    schedule.fail_next = count;
    Ok(())
}

/// What one run of due work did.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct DueReport {
    pub period_charges: u32,
    pub settlements: u32,
    pub expired: u32,
    /// Authorisations captured by the daily auto-close (daily auto-close only).
    pub auto_closed: u32,
    /// Orders still unpaid, and authorisations never captured, 90 days on: given up.
    pub abandoned: u32,
}

/// Runs everything due at the simulator's current time: recurring charges (each at its own due
/// time, several if the clock jumped over several periods), settlement of pending captures and
/// refunds, the daily auto-close, expiry of unpaid codes, abandonment after 90 days.
pub fn run_due(sim: &Sim) -> DueReport {
    let now = sim.clock.now_unix();
    let mut report = DueReport::default();
    let mut notifications = Vec::new();
    {
        let mut store = sim.store();
        for key in store.active_keys() {
            run_due_for(sim, &mut store, &key, now, &mut report, &mut notifications);
        }
    }
    sim.notify_all(notifications);
    report
}

fn run_due_for(
    sim: &Sim,
    store: &mut Store,
    key: &OrderKey,
    now: i64,
    report: &mut DueReport,
    notifications: &mut Vec<Notification>,
) {
    let Some(order) = store.get_mut(key) else { return };
    if let Some(card) = order.card.as_mut() {
        if card.settle(now) {
            report.settlements += 1;
        }
        // Daily auto-close: an authorisation still open at 20:15 is captured in full by the
        // gateway itself (only with daily auto-close on).
        if sim.config.daily_auto_close && card.state == CardState::Authorised {
            let close_at = next_auto_close(card.authorised_at);
            if close_at <= now && card.apply(Action::Capture, card.authorised_amount, close_at).is_ok() {
                report.auto_closed += 1;
            }
        }
        // V1.3.7 pp.44–45: an authorisation never captured is abandoned after 90 days.
        if card.state == CardState::Authorised && now >= card.authorised_at + ABANDON_AFTER_SECONDS {
            card.state = CardState::Abandoned;
            report.abandoned += 1;
        }
    }
    // An order whose payer never paid (an ALL page never answered, a card never entered) is
    // given up after as long: TradeStatus 10200095 from then on.
    if order.status == OrderStatus::AwaitingPayer && now >= order.created_at + ABANDON_AFTER_SECONDS {
        order.status = OrderStatus::Abandoned;
        report.abandoned += 1;
    }
    if let Some(code) = &order.code {
        if order.status == OrderStatus::CodeIssued && now >= code.expire_at {
            order.status = OrderStatus::Expired;
            report.expired += 1;
        }
    }
    loop {
        let due = store.get_mut(key).and_then(|o| o.schedule.as_ref()).and_then(Schedule::next_due);
        let Some((period, due)) = due.filter(|(_, at)| *at <= now) else { break };
        let seq = store.next_seq();
        let Some(order) = store.get_mut(key) else { return };
        let Some(schedule) = order.schedule.as_mut() else { return };
        let fail = schedule.take_forced_failure();
        let charge = Charge {
            period,
            success: !fail,
            rtn_code: if fail { FAILED_RTN_CODE } else { SUCCESS },
            rtn_msg: if fail {
                "授權失敗 (failure forced by the omg-sim control API)".into()
            } else {
                "交易成功".into()
            },
            amount: schedule.amount,
            gwsr: if fail { String::new() } else { ids::gwsr(seq) },
            auth_code: if fail { String::new() } else { ids::auth_code(seq) },
            process_date: TaiwanDateTime::from_unix(due).trade_date(),
            trade_no: ids::trade_no(due, seq),
            at: due,
        };
        schedule.record(charge.clone());
        report.period_charges += 1;
        // V1.3.7 p.26: the gateway posts to PeriodReturnURL after each successful authorisation;
        // a failed charge is only in QueryCreditCardPeriodInfo's ExecLog.
        if fail {
            continue;
        }
        if let Some(fields) = signed(sim, order, period_charge_fields(order, &charge)) {
            notifications.push(Notification {
                kind: NotifyKind::PeriodReturnURL,
                merchant_id: order.terms.merchant_id.clone(),
                merchant_trade_no: order.terms.merchant_trade_no.clone(),
                url: order.terms.period.as_ref().map(|p| p.period_return_url.clone()).unwrap_or_default(),
                fields,
            });
        }
    }
    let Some(order) = store.get_mut(key) else { return };
    let waiting_code = order.status == OrderStatus::CodeIssued;
    let pending_settlement = order.card.as_ref().is_some_and(|c| c.settles_at.is_some());
    let running = order.schedule.as_ref().is_some_and(|s| s.status == ExecStatus::Running);
    // An open authorisation waits for the auto-close or the 90-day abandonment; an unpaid order
    // for its payer or the abandonment.
    let authorised = order.card.as_ref().is_some_and(|c| c.state == CardState::Authorised);
    let awaiting_payer = order.status == OrderStatus::AwaitingPayer;
    if !(waiting_code || pending_settlement || running || authorised || awaiting_payer) {
        store.deactivate(key);
    }
}
