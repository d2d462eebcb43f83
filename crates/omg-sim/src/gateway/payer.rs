//! The payer's side of an order's life: choose a method, get a payment code, pay, be declined,
//! pay the code; and the back office's simulated payment.

use omg_core::taiwan_time::TaiwanDateTime;
use omg_core::Clock;

use super::notification_fields::{browser_result, code_issued_fields, result_notification, signed};
use super::payment_page::{is_code_method, BrowserPost, TEST_CARD};
use super::refusals::{FAILED_RTN_CODE, SUCCESS};
use super::status_name;
use crate::card::CardPayment;
use crate::delivery::{Notification, NotifyKind};
use crate::ids;
use crate::recurring::{Charge, Schedule};
use crate::sim::Sim;
use crate::store::{CodeKind, IssuedCode, OrderKey, OrderStatus, SimOrder, Store};
use crate::terms::{default_sub_payment, sub_payments, OrderTerms};

/// What the payer's browser gets after an action on the payment page.
#[derive(Clone, Debug, Default)]
pub struct PayerOutcome {
    /// An auto-submitting form to the merchant, when the order named a URL for it.
    pub post: Option<BrowserPost>,
}

/// The payer's choice on the payment page: a method (on an `ALL` page) and, for ATM, CVS and
/// BARCODE, the bank or store chain. The code is issued as soon as both are known; until then
/// the order has no code (the page asks for the bank or store). `method` None keeps the method
/// already chosen; `sub_payment` None keeps the one already fixed (ChooseSubPayment), if any.
pub fn choose_method(sim: &Sim, key: &OrderKey, method: Option<&str>, sub_payment: Option<&str>) -> Result<(), String> {
    let now = sim.clock.now_unix();
    let mut notifications = Vec::new();
    {
        let mut store = sim.store();
        let order = store.get_mut(key).ok_or("no such order")?;
        if order.status != OrderStatus::AwaitingPayer {
            return Err(format!("the order is {}, its method cannot change", status_name(order.status)));
        }
        let method = match (method, order.method.as_deref()) {
            (Some(m), _) => m.to_string(),
            (None, Some(m)) => m.to_string(),
            (None, None) => return Err("the payer has not chosen a payment method yet: give \"method\"".into()),
        };
        if !order.terms.offers(&method) {
            return Err(format!("this order does not offer {method}"));
        }
        if order.method.as_deref() != Some(method.as_str()) {
            // Another method: a bank or store picked for the previous one no longer applies.
            order.sub_payment = order.terms.fixed_sub_payment().map(String::from);
        }
        order.method = Some(method.clone());
        if let Some(sub) = sub_payment {
            let offered = sub_payments(&method);
            if !offered.contains(&sub) {
                return Err(format!("{method} has no bank or store {sub:?} (one of: {})", offered.join(", ")));
            }
            if order.terms.fixed_sub_payment().is_some_and(|fixed| fixed != sub) {
                return Err(format!("the order fixed ChooseSubPayment={}", order.terms.choose_sub_payment));
            }
            order.sub_payment = Some(sub.to_string());
        }
        let needs_code = is_code_method(&method);
        order.payment_type = (!needs_code || order.sub_payment.is_some())
            .then(|| order.terms.payment_type(&method, order.sub_payment.as_deref()));
        if needs_code && order.sub_payment.is_some() {
            notifications.extend(issue_code(sim, &mut store, key, &method, now));
        }
    }
    sim.notify_all(notifications);
    Ok(())
}

/// The payer's choices as the control API makes them: `method` when given (an ALL page), then,
/// for an ATM, CVS or BARCODE order with no code yet, `sub_payment` or the gateway's first bank or
/// store (FIRST, CVS, BARCODE), which issues the code.
pub fn payer_picks(sim: &Sim, key: &OrderKey, method: Option<&str>, sub_payment: Option<&str>) -> Result<(), String> {
    let current = sim.store().get(&key.0, &key.1).map(|o| o.method.clone()).ok_or("no such order")?;
    if let Some(m) = method.filter(|m| current.as_deref() != Some(*m)) {
        choose_method(sim, key, Some(m), None)?;
    }
    let waiting = sim.store().get(&key.0, &key.1).filter(|o| awaits_sub_payment(o)).and_then(|o| o.method.clone());
    match (waiting, sub_payment) {
        (Some(m), sub) => choose_method(sim, key, None, Some(sub.unwrap_or_else(|| default_sub_payment(&m)))),
        (None, Some(sub)) => choose_method(sim, key, None, Some(sub)),
        (None, None) => Ok(()),
    }
}

/// True while a code order waits for the payer to pick the bank or store (no code yet).
pub fn awaits_sub_payment(order: &SimOrder) -> bool {
    order.status == OrderStatus::AwaitingPayer
        && order.method.as_deref().is_some_and(is_code_method)
        && order.sub_payment.is_none()
}

/// When a code issued at `now` stops being payable, and its ExpireDate as the notification writes
/// it. ATM ExpireDate is a date (`yyyy/MM/dd`, protocol.md §5): the account is valid through the
/// end of that day, Taiwan time, not N×24 hours; ExpireMinute (V1.4.9) counts minutes exactly.
/// CVS StoreExpireDate counts minutes and BARCODE days, both from `now`.
fn code_expiry(terms: &OrderTerms, method: &str, now: i64) -> (i64, String) {
    match method {
        "ATM" => match (terms.atm_expire_minutes, terms.atm_expire_days) {
            (Some(minutes), _) => {
                let at = now + minutes * 60;
                (at, TaiwanDateTime::from_unix(at).date())
            }
            (None, days) => {
                let last_day = TaiwanDateTime::from_unix(now + days.unwrap_or(3) * DAY_SECONDS);
                let next_midnight =
                    TaiwanDateTime { hour: 0, minute: 0, second: 0, ..last_day }.to_unix() + DAY_SECONDS;
                (next_midnight, last_day.date())
            }
        },
        "CVS" => {
            let at = now + terms.cvs_expire_minutes * 60;
            (at, TaiwanDateTime::from_unix(at).trade_date())
        }
        _ => {
            let at = now + terms.barcode_expire_minutes * 60;
            (at, TaiwanDateTime::from_unix(at).trade_date())
        }
    }
}

const DAY_SECONDS: i64 = 86_400;

pub(super) fn issue_code(sim: &Sim, store: &mut Store, key: &OrderKey, method: &str, now: i64) -> Vec<Notification> {
    let seq = store.next_seq();
    let Some(order) = store.get_mut(key) else { return Vec::new() };
    let t = &order.terms;
    let (expire_at, expire_date) = code_expiry(t, method, now);
    let empty = || IssuedCode {
        kind: CodeKind::Atm,
        bank_code: String::new(),
        v_account: String::new(),
        payment_no: String::new(),
        barcodes: Default::default(),
        expire_at,
        expire_date: expire_date.clone(),
    };
    let code = match method {
        "ATM" => IssuedCode {
            bank_code: ids::bank_code(order.sub_payment.as_deref().unwrap_or("")).into(),
            v_account: ids::virtual_account(seq),
            ..empty()
        },
        "CVS" => IssuedCode { kind: CodeKind::Cvs, payment_no: ids::cvs_payment_no(seq), ..empty() },
        _ => IssuedCode { kind: CodeKind::Barcode, barcodes: ids::barcodes(expire_at, seq, t.total_amount), ..empty() },
    };
    order.code = Some(code);
    order.status = OrderStatus::CodeIssued;
    let fields = code_issued_fields(order);
    let notification = signed(sim, order, fields).map(|fields| Notification {
        kind: NotifyKind::PaymentInfoURL,
        merchant_id: order.terms.merchant_id.clone(),
        merchant_trade_no: order.terms.merchant_trade_no.clone(),
        url: order.terms.payment_info_url.clone(),
        fields,
    });
    store.reindex(key);
    notification.into_iter().collect()
}

/// The ClientRedirectURL form of an issued code, when the order named one.
pub fn code_redirect(sim: &Sim, key: &OrderKey) -> Option<BrowserPost> {
    let store = sim.store();
    let order = store.get(&key.0, &key.1)?;
    if order.terms.client_redirect_url.is_empty() || order.code.is_none() {
        return None;
    }
    let fields = signed(sim, order, code_issued_fields(order))?;
    Some(BrowserPost { url: sim.browser_url(&order.terms.client_redirect_url), fields })
}

/// How the payer (or the control API) pays.
#[derive(Clone, Debug, Default)]
pub struct PayRequest {
    /// For an `ALL` order that has no method yet.
    pub method: Option<String>,
    /// For an installment order: one of its CreditInstallment counts (default: the first).
    pub installments: Option<u32>,
    /// The card number typed on the page (default: the test card).
    pub card_number: Option<String>,
}

/// The payer pays (card or AFTEE authorised; for a code order, the issued code is paid).
pub fn pay(sim: &Sim, key: &OrderKey, request: PayRequest) -> Result<PayerOutcome, String> {
    if let Some(method) = &request.method {
        let needs_choice = sim.store().get(&key.0, &key.1).is_some_and(|o| o.method.is_none());
        if needs_choice {
            choose_method(sim, key, Some(method), None)?;
        }
    }
    let now = sim.clock.now_unix();
    let (notification, post) = {
        let mut store = sim.store();
        let seq = store.next_seq();
        let order = store.get_mut(key).ok_or("no such order")?;
        let Some(method) = order.method.clone() else {
            return Err("the payer has not chosen a payment method yet: give \"method\"".into());
        };
        match order.status {
            OrderStatus::CodeIssued => {
                return Err("this order waits for its payment code to be paid: use pay-code".into())
            }
            OrderStatus::AwaitingPayer if is_code_method(&method) => {
                return Err(format!(
                    "this {method} order has no payment code yet: the payer picks a bank or store first"
                ))
            }
            OrderStatus::AwaitingPayer => {}
            other => return Err(format!("the order is {}, it cannot be paid", status_name(other))),
        }
        if method == "Credit" {
            let installments = if order.terms.credit_installment.is_empty() {
                None
            } else {
                let chosen = request.installments.or_else(|| order.terms.credit_installment.first().copied());
                match chosen {
                    Some(n) if order.terms.credit_installment.contains(&n) => Some(n),
                    Some(n) => {
                        return Err(format!(
                            "{n} installments are not offered (CreditInstallment {:?})",
                            order.terms.credit_installment
                        ))
                    }
                    None => None,
                }
            };
            order.installments = installments;
            let mut card = CardPayment::authorised(ids::gwsr(seq), ids::auth_code(seq), order.terms.total_amount, now);
            card.card_number =
                request.card_number.clone().filter(|n| n.len() >= 10).unwrap_or_else(|| TEST_CARD.to_string());
            if let Some(period) = &order.terms.period {
                let mut schedule =
                    Schedule::new(period.period_type, period.frequency, period.exec_times, period.amount, now);
                schedule.record(Charge {
                    period: 1,
                    success: true,
                    rtn_code: SUCCESS,
                    rtn_msg: "交易成功".into(),
                    amount: period.amount,
                    gwsr: card.gwsr.clone(),
                    auth_code: card.auth_code.clone(),
                    process_date: TaiwanDateTime::from_unix(now).trade_date(),
                    trade_no: order.trade_no.clone(),
                    at: now,
                });
                order.schedule = Some(schedule);
            }
            order.card = Some(card);
        }
        order.status = OrderStatus::Paid;
        order.payment_date = Some(TaiwanDateTime::from_unix(now).trade_date());
        order.paid_at = Some(now);
        let result = result_notification(sim, order, SUCCESS, "交易成功", false);
        let post = result.as_ref().and_then(|n| browser_result(sim, order, &n.fields));
        store.reindex(key);
        (result, post)
    };
    sim.notify_all(notification.into_iter().collect());
    Ok(PayerOutcome { post })
}

/// The payer's card is declined: the order is failed for good (its number cannot be reused).
pub fn decline(sim: &Sim, key: &OrderKey, method: Option<&str>) -> Result<PayerOutcome, String> {
    if let Some(method) = method {
        let needs_choice = sim.store().get(&key.0, &key.1).is_some_and(|o| o.method.is_none());
        if needs_choice {
            choose_method(sim, key, Some(method), None)?;
        }
    }
    let now = sim.clock.now_unix();
    let (notification, post) = {
        let mut store = sim.store();
        let order = store.get_mut(key).ok_or("no such order")?;
        if order.status != OrderStatus::AwaitingPayer {
            return Err(format!("the order is {}, it cannot be declined", status_name(order.status)));
        }
        if order.method.as_deref().map_or(true, is_code_method) {
            return Err("only a card or AFTEE payment can be declined (choose Credit or AFTEE)".into());
        }
        order.status = OrderStatus::Declined;
        order.payment_date = Some(TaiwanDateTime::from_unix(now).trade_date());
        let result =
            result_notification(sim, order, FAILED_RTN_CODE, "付款失敗 (declined on the omg-sim payment page)", false);
        let post = result.as_ref().and_then(|n| browser_result(sim, order, &n.fields));
        (result, post)
    };
    sim.notify_all(notification.into_iter().collect());
    Ok(PayerOutcome { post })
}

/// The back office's "simulate paid": a ReturnURL notification with SimulatePaid=1 and nothing
/// else. No money moves, so the order itself stays as it was (QueryTradeInfo still says unpaid).
pub fn simulate(sim: &Sim, key: &OrderKey) -> Result<(), String> {
    let now = sim.clock.now_unix();
    let notification = {
        let mut store = sim.store();
        let order = store.get_mut(key).ok_or("no such order")?;
        if order.status == OrderStatus::Paid {
            return Err("the order is already paid".into());
        }
        // The simulated result needs a method to report: the chosen one, else the first offered.
        let method = order.method.clone().or_else(|| order.terms.offered_methods.first().cloned()).unwrap_or_default();
        let saved = (order.payment_type.clone(), order.payment_date.clone());
        order.payment_type = Some(order.terms.payment_type(&method, order.sub_payment.as_deref()));
        order.payment_date = Some(TaiwanDateTime::from_unix(now).trade_date());
        let n = result_notification(sim, order, SUCCESS, "交易成功", true);
        (order.payment_type, order.payment_date) = saved;
        n
    };
    sim.notify_all(notification.into_iter().collect());
    Ok(())
}

/// The payer pays an issued ATM account, CVS code or BARCODE (by the code, or by order).
pub fn pay_code(sim: &Sim, code: Option<&str>, key: Option<&OrderKey>) -> Result<OrderKey, String> {
    let now = sim.clock.now_unix();
    let (key, notification) = {
        let mut store = sim.store();
        let key = match (code, key) {
            (Some(code), _) => {
                store.key_by_code(code).ok_or_else(|| format!("no order has the payment code {code:?}"))?
            }
            (None, Some(key)) => key.clone(),
            (None, None) => return Err("give \"code\" or \"merchant_trade_no\"".into()),
        };
        let order = store.get_mut(&key).ok_or("no such order")?;
        let Some(issued) = order.code.clone() else {
            return Err("this order has no payment code".into());
        };
        if order.status == OrderStatus::CodeIssued && now >= issued.expire_at {
            order.status = OrderStatus::Expired;
        }
        if order.status != OrderStatus::CodeIssued {
            return Err(format!("the order is {}, its code cannot be paid", status_name(order.status)));
        }
        order.status = OrderStatus::Paid;
        order.payment_date = Some(TaiwanDateTime::from_unix(now).trade_date());
        order.paid_at = Some(now);
        order.paid_from = Some(match issued.kind {
            CodeKind::Atm => ("812".to_string(), "12345".to_string()),
            _ => ("006598".to_string(), "omg-sim 便利商店".to_string()),
        });
        (key, result_notification(sim, order, SUCCESS, "交易成功", false))
    };
    sim.notify_all(notification.into_iter().collect());
    Ok(key)
}

/// Ends an unpaid order (its page or code can no longer be paid).
pub fn expire(sim: &Sim, key: &OrderKey) -> Result<(), String> {
    let mut store = sim.store();
    let order = store.get_mut(key).ok_or("no such order")?;
    match order.status {
        OrderStatus::AwaitingPayer | OrderStatus::CodeIssued => {
            order.status = OrderStatus::Expired;
            Ok(())
        }
        other => Err(format!("the order is {}, it cannot expire", status_name(other))),
    }
}
