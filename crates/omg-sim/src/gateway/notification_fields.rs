//! The fields of every notification the gateway sends, built with omg-core's `notify::builder`
//! and signed with the keys the order was signed with.

use omg_core::mac;
use omg_core::notify::builder::{
    atm_extra, cvs_extra, whole_extras_set, CodeIssued, CreditExtra, PaymentResult, PeriodCharge, RecurringExtra,
};
use omg_core::Fields;

use super::payment_page::{BrowserPost, TEST_CARD};
use super::refusals::SUCCESS;
use crate::delivery::{Notification, NotifyKind};
use crate::recurring::Charge;
use crate::sim::Sim;
use crate::store::{CodeKind, OrderStatus, SimOrder};

/// Signs fields with the keys and the hash the order was signed with.
pub(super) fn signed(sim: &Sim, order: &SimOrder, mut fields: Fields) -> Option<Fields> {
    let credentials = sim.signing_credentials(&order.terms.merchant_id, Some(&order.terms.platform_id))?;
    mac::sign_in_place(&mut fields, credentials.hash_key(), credentials.hash_iv(), order.hash).ok()?;
    Some(fields)
}

/// The handling fee the gateway reports: 2.75 % for cards, NT$10 for ATM, NT$25 for CVS/BARCODE.
pub fn charge_fee(order: &SimOrder) -> String {
    match order.method.as_deref() {
        Some("Credit") => (order.terms.total_amount.saturating_mul(275).saturating_add(5000) / 10_000).to_string(),
        Some("ATM") => "10".into(),
        Some("CVS") | Some("BARCODE") => "25.00".into(),
        _ => "0".into(),
    }
}

/// HandlingCharge, what the acquirer keeps: an Int (QueryTradeInfo), the charge fee in whole NT$
/// (a CVS/BARCODE fee of `25.00` is 25).
pub fn handling_charge(order: &SimOrder) -> i64 {
    charge_fee(order).split('.').next().and_then(|whole| whole.parse().ok()).unwrap_or(0)
}

/// The NeedExtraPaidInfo fields of an order (empty unless it asked for them). As ECPay-family
/// gateways do, the whole extras set is sent whatever the method, the fields that do not apply
/// present and empty (protocol.md §5); those of the method are filled once it is paid.
pub fn extra_paid_info(order: &SimOrder) -> Fields {
    if !order.terms.need_extra_paid_info {
        return Fields::new();
    }
    let filled =
        if order.status == OrderStatus::Paid || order.card.is_some() { filled_extras(order) } else { Fields::new() };
    whole_extras_set(&filled)
}

/// The extras of the order's method, filled.
fn filled_extras(order: &SimOrder) -> Fields {
    let mut extra = Fields::new();
    match order.method.as_deref() {
        Some("Credit") => {
            let card = order.card.as_ref();
            let number = card.map(|c| c.card_number.as_str()).unwrap_or(TEST_CARD);
            let total = order.terms.total_amount;
            let (stage, stast, staed) = match order.installments {
                Some(n) if n > 0 => {
                    let each = total / i64::from(n);
                    (n.to_string(), (total - each * (i64::from(n) - 1)).to_string(), each.to_string())
                }
                _ => ("0".into(), "0".into(), "0".into()),
            };
            let credit = CreditExtra {
                card4no: number.get(number.len().saturating_sub(4)..).unwrap_or("").to_string(),
                card6no: number.get(..6).unwrap_or("").to_string(),
                red_dan: "0".into(),
                red_de_amt: "0".into(),
                red_ok_amt: "0".into(),
                red_yet: "0".into(),
                stage,
                stast,
                staed,
                eci: "5".into(),
                gwsr: card.map(|c| c.gwsr.clone()).unwrap_or_default(),
                process_date: order.payment_date.clone().unwrap_or_default(),
                auth_code: card.map(|c| c.auth_code.clone()).unwrap_or_default(),
                amount: total,
                union_pay: "0".into(),
            };
            extra = credit.fields();
            if let (Some(period), Some(schedule)) = (&order.terms.period, &order.schedule) {
                let recurring = RecurringExtra {
                    period_type: period.period_type.as_wire().into(),
                    frequency: i64::from(period.frequency),
                    exec_times: i64::from(period.exec_times),
                    period_amount: period.amount,
                    total_success_times: i64::from(schedule.total_success_times()),
                    total_success_amount: schedule.total_success_amount(),
                };
                for (k, v) in &recurring.fields() {
                    extra.set(k, v);
                }
            }
        }
        Some("ATM") => {
            if let Some((bank, account)) = &order.paid_from {
                extra = atm_extra(bank, account);
            }
        }
        Some("CVS") => {
            if let (Some((store_id, name)), Some(code)) = (&order.paid_from, &order.code) {
                extra = cvs_extra(&code.payment_no, store_chain(order.payment_type.as_deref()), store_id, name);
            }
        }
        _ => {}
    }
    extra
}

/// PayFrom: the store chain that took a CVS payment. A FAMILY or IBON code is paid at that chain;
/// a plain CVS code could be paid anywhere, and the simulator's payer uses FamilyMart.
fn store_chain(payment_type: Option<&str>) -> &'static str {
    match payment_type {
        Some("CVS_IBON") => "ibon",
        _ => "family",
    }
}

pub(super) fn result_notification(
    sim: &Sim,
    order: &SimOrder,
    rtn_code: i64,
    rtn_msg: &str,
    simulate_paid: bool,
) -> Option<Notification> {
    let t = &order.terms;
    let result = PaymentResult {
        merchant_id: t.merchant_id.clone(),
        merchant_trade_no: t.merchant_trade_no.clone(),
        store_id: t.store_id.clone(),
        rtn_code,
        rtn_msg: rtn_msg.into(),
        trade_no: order.trade_no.clone(),
        trade_amt: t.total_amount,
        payment_date: order.payment_date.clone().unwrap_or_default(),
        payment_type: order.payment_type.clone().unwrap_or_default(),
        payment_type_charge_fee: if rtn_code == SUCCESS { charge_fee(order) } else { "0".into() },
        trade_date: order.trade_date.clone(),
        simulate_paid,
        custom_fields: t.custom_fields.clone(),
        extra: extra_paid_info(order),
    };
    let fields = signed(sim, order, result.fields())?;
    Some(Notification {
        kind: NotifyKind::ReturnURL,
        merchant_id: t.merchant_id.clone(),
        merchant_trade_no: t.merchant_trade_no.clone(),
        url: t.return_url.clone(),
        fields,
    })
}

/// The OrderResultURL form of a payment result, when the order named one (forwarded like every
/// browser URL).
pub(super) fn browser_result(sim: &Sim, order: &SimOrder, fields: &Fields) -> Option<BrowserPost> {
    (!order.terms.order_result_url.is_empty())
        .then(|| BrowserPost { url: sim.browser_url(&order.terms.order_result_url), fields: fields.clone() })
}

pub(super) fn code_issued_fields(order: &SimOrder) -> Fields {
    let t = &order.terms;
    let Some(code) = &order.code else { return Fields::new() };
    let mut issued = match code.kind {
        CodeKind::Atm => CodeIssued::atm(&code.bank_code, &code.v_account, &code.expire_date),
        CodeKind::Cvs => CodeIssued::cvs(&code.payment_no, &code.expire_date),
        CodeKind::Barcode => {
            CodeIssued::barcode([&code.barcodes[0], &code.barcodes[1], &code.barcodes[2]], &code.expire_date)
        }
    };
    issued.merchant_id = t.merchant_id.clone();
    issued.merchant_trade_no = t.merchant_trade_no.clone();
    issued.store_id = t.store_id.clone();
    issued.trade_no = order.trade_no.clone();
    issued.trade_amt = t.total_amount;
    issued.payment_type = order.payment_type.clone().unwrap_or_default();
    issued.trade_date = order.trade_date.clone();
    issued.custom_fields = t.custom_fields.clone();
    issued.fields()
}

pub(super) fn period_charge_fields(order: &SimOrder, charge: &Charge) -> Fields {
    let t = &order.terms;
    let schedule = order.schedule.as_ref();
    let charge_fields = PeriodCharge {
        merchant_id: t.merchant_id.clone(),
        merchant_trade_no: t.merchant_trade_no.clone(),
        store_id: t.store_id.clone(),
        rtn_code: charge.rtn_code,
        rtn_msg: charge.rtn_msg.clone(),
        period_type: schedule.map(|s| s.period_type.as_wire().to_string()).unwrap_or_default(),
        frequency: schedule.map(|s| i64::from(s.frequency)).unwrap_or(0),
        exec_times: schedule.map(|s| i64::from(s.exec_times)).unwrap_or(0),
        amount: charge.amount,
        gwsr: charge.gwsr.clone(),
        process_date: charge.process_date.clone(),
        auth_code: charge.auth_code.clone(),
        first_auth_amount: schedule.and_then(|s| s.charges.first()).map(|c| c.amount).unwrap_or(0),
        total_success_times: schedule.map(|s| i64::from(s.total_success_times())).unwrap_or(0),
        custom_fields: t.custom_fields.clone(),
        simulate_paid: false,
        extra: Fields::new(),
    };
    charge_fields.fields()
}
