//! What the gateway does, apart from HTTP: accept an order, let the payer pay or fail, issue and
//! pay payment codes, run recurring charges and settlement as the clock moves, cancel schedules,
//! capture and refund. Every notification is built with omg-core's `notify::builder` and signed
//! with the merchant's keys; every function here returns after releasing the store's lock and
//! hands its notifications to the background deliverer.

use omg_core::mac::{self, HashMethod};
use omg_core::notify::builder::{atm_extra, cvs_extra, CodeIssued, CreditExtra, PaymentResult, PeriodCharge, RecurringExtra};
use omg_core::taiwan_time::TaiwanDateTime;
use omg_core::{Clock, FieldError, Fields, Order};

use crate::card::{Action, CardPayment, Refusal};
use crate::delivery::{Notification, NotifyKind};
use crate::ids;
use crate::recurring::{Charge, ExecStatus, Schedule};
use crate::sim::Sim;
use crate::store::{CodeKind, IssuedCode, OrderKey, OrderStatus, SimOrder, Store};
use crate::terms::OrderTerms;

/// RtnCode of a declined card (ReturnURL / OrderResultURL), a failed recurring charge and a
/// refused DoAction. The real gateway's code for these is not documented; `0` is the
/// simulator's choice: plainly "not success", never mistaken for a documented code.
pub const FAILED_RTN_CODE: i64 = 0;
/// The documented codes the simulator answers with.
pub const SIGNATURE_ERROR: i64 = 10200073;
pub const DUPLICATE_TRADE_NO: i64 = 10200058;
pub const NO_PAYMENT_METHOD: i64 = 10300023;
pub const ORDER_NOT_FOUND: i64 = 10200047;
pub const SCHEDULE_STOPPED: i64 = 100006;
pub const NEVER_CHOSE: i64 = 10200095;

/// The test card the payment page offers (protocol.md §1).
pub const TEST_CARD: &str = "4311952222222222";
pub const TEST_CVV: &str = "222";

/// Why AioCheckOut refused an order: the error page shows the code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckoutRefusal {
    /// 10200073: the CheckMacValue does not match (or the MerchantID is unknown, so no key can check it).
    Signature(String),
    /// The order breaks rules: every field error from omg-core.
    Invalid(Vec<FieldError>),
    /// 10200058: the MerchantTradeNo was used before by this merchant.
    Duplicate(String),
}

impl CheckoutRefusal {
    /// The RtnCode shown on the error page, when the refusal has a documented one.
    pub fn code(&self) -> Option<i64> {
        match self {
            CheckoutRefusal::Signature(_) => Some(SIGNATURE_ERROR),
            CheckoutRefusal::Invalid(errors) if errors.iter().all(|e| e.field == "TotalAmount") => Some(10200069),
            // omg-core refuses an IgnorePayment that leaves nothing; the gateway's code for it:
            CheckoutRefusal::Invalid(errors) if errors.iter().all(|e| e.field == "IgnorePayment" && e.rule == "conflict") => Some(NO_PAYMENT_METHOD),
            CheckoutRefusal::Invalid(_) => None,
            CheckoutRefusal::Duplicate(_) => Some(DUPLICATE_TRADE_NO),
        }
    }

    pub fn message(&self) -> String {
        match self {
            CheckoutRefusal::Signature(_) => "CheckMacValue Error.".into(),
            CheckoutRefusal::Invalid(_) if self.code() == Some(NO_PAYMENT_METHOD) => "本次交易未提供任何付款方式 (no payment method is left after IgnorePayment)".into(),
            CheckoutRefusal::Invalid(errors) => format!("Parameter Error: {}", errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>().join(", ")),
            CheckoutRefusal::Duplicate(no) => format!("訂單編號重複 (MerchantTradeNo {no} was already used)"),
        }
    }
}

/// A form the payer's browser is made to post (OrderResultURL, ClientRedirectURL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrowserPost {
    pub url: String,
    pub fields: Fields,
}

/// What the payer's browser gets after an action on the payment page.
#[derive(Clone, Debug, Default)]
pub struct PayerOutcome {
    /// An auto-submitting form to the merchant, when the order named a URL for it.
    pub post: Option<BrowserPost>,
}

/// AioCheckOut/V5: verifies, validates and stores the order; returns its TradeNo. ATM, CVS and
/// BARCODE orders get their payment code at once (PaymentInfoURL is sent).
pub fn checkout(sim: &Sim, fields: &Fields) -> Result<OrderKey, CheckoutRefusal> {
    let merchant_id = fields.get("MerchantID").unwrap_or("");
    let platform_id = fields.get("PlatformID");
    let Some(credentials) = sim.signing_credentials(merchant_id, platform_id) else {
        return Err(CheckoutRefusal::Signature(format!("no merchant {merchant_id:?} is configured in this simulator")));
    };
    let method = HashMethod::from_encrypt_type(fields.get("EncryptType"));
    if let Err(e) = mac::verify(fields, credentials.hash_key(), credentials.hash_iv(), method) {
        return Err(CheckoutRefusal::Signature(e.to_string()));
    }
    let mut unsigned = fields.clone();
    unsigned.remove(mac::CHECK_MAC_VALUE);
    let order = Order::from_fields(&unsigned).map_err(|e| CheckoutRefusal::Invalid(e.field_errors().to_vec()))?;
    order.validate().map_err(|e| CheckoutRefusal::Invalid(e.field_errors().to_vec()))?;
    let mut errors = Vec::new();
    if merchant_id.is_empty() || merchant_id.chars().count() > 10 {
        errors.push(FieldError::new("MerchantID", "max_length", "MerchantID is required, at most 10 characters"));
    }
    if !errors.is_empty() {
        return Err(CheckoutRefusal::Invalid(errors));
    }
    let terms = OrderTerms::new(merchant_id, &order);
    if terms.offered_methods.is_empty() {
        let message = "IgnorePayment removes every payment method, so the payer could not pay";
        return Err(CheckoutRefusal::Invalid(vec![FieldError::new("IgnorePayment", "conflict", message)]));
    }
    let now = sim.clock.now_unix();
    let key: OrderKey = (terms.merchant_id.clone(), terms.merchant_trade_no.clone());
    let mut notifications = Vec::new();
    {
        let mut store = sim.store();
        if store.contains(&key) {
            return Err(CheckoutRefusal::Duplicate(terms.merchant_trade_no.clone()));
        }
        let seq = store.next_seq();
        let method = (terms.offered_methods.len() == 1).then(|| terms.offered_methods[0].clone());
        let order = SimOrder {
            payment_type: method.as_deref().map(|m| terms.payment_type(m)),
            method: method.clone(),
            terms,
            request: unsigned,
            trade_no: ids::trade_no(now, seq),
            created_at: now,
            trade_date: TaiwanDateTime::from_unix(now).trade_date(),
            status: OrderStatus::AwaitingPayer,
            payment_date: None,
            simulate_paid: false,
            installments: None,
            code: None,
            card: None,
            schedule: None,
            paid_from: None,
        };
        store.insert(order);
        if let Some(m) = method.as_deref().filter(|m| is_code_method(m)) {
            notifications.extend(issue_code(sim, &mut store, &key, m, now));
        }
    }
    sim.notify_all(notifications);
    Ok(key)
}

/// ATM, CVS and BARCODE pay with a code issued first.
pub fn is_code_method(method: &str) -> bool {
    matches!(method, "ATM" | "CVS" | "BARCODE")
}

/// The payer picks a method on an `ALL` page. Picking ATM/CVS/BARCODE issues the code at once.
pub fn choose_method(sim: &Sim, key: &OrderKey, method: &str) -> Result<(), String> {
    let now = sim.clock.now_unix();
    let mut notifications = Vec::new();
    {
        let mut store = sim.store();
        let order = store.get_mut(key).ok_or("no such order")?;
        if order.status != OrderStatus::AwaitingPayer {
            return Err(format!("the order is {}, its method cannot change", status_name(order.status)));
        }
        if !order.terms.offers(method) {
            return Err(format!("this order does not offer {method}"));
        }
        order.method = Some(method.to_string());
        order.payment_type = Some(order.terms.payment_type(method));
        if is_code_method(method) {
            notifications.extend(issue_code(sim, &mut store, key, method, now));
        }
    }
    sim.notify_all(notifications);
    Ok(())
}

fn issue_code(sim: &Sim, store: &mut Store, key: &OrderKey, method: &str, now: i64) -> Vec<Notification> {
    let seq = store.next_seq();
    let Some(order) = store.get_mut(key) else { return Vec::new() };
    let t = &order.terms;
    let code = match method {
        "ATM" => {
            let expire_at = now + t.atm_expire_minutes * 60;
            IssuedCode {
                kind: CodeKind::Atm,
                bank_code: ids::bank_code(&t.atm_bank).into(),
                v_account: ids::virtual_account(seq),
                payment_no: String::new(),
                barcodes: Default::default(),
                expire_at,
                expire_date: TaiwanDateTime::from_unix(expire_at).date(),
            }
        }
        "CVS" => {
            let expire_at = now + t.cvs_expire_minutes * 60;
            IssuedCode {
                kind: CodeKind::Cvs,
                bank_code: String::new(),
                v_account: String::new(),
                payment_no: ids::cvs_payment_no(seq),
                barcodes: Default::default(),
                expire_at,
                expire_date: TaiwanDateTime::from_unix(expire_at).trade_date(),
            }
        }
        _ => {
            let expire_at = now + t.barcode_expire_minutes * 60;
            IssuedCode {
                kind: CodeKind::Barcode,
                bank_code: String::new(),
                v_account: String::new(),
                payment_no: String::new(),
                barcodes: ids::barcodes(expire_at, seq, t.total_amount),
                expire_at,
                expire_date: TaiwanDateTime::from_unix(expire_at).trade_date(),
            }
        }
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
    Some(BrowserPost { url: order.terms.client_redirect_url.clone(), fields })
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
            choose_method(sim, key, method)?;
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
            OrderStatus::CodeIssued => return Err("this order waits for its payment code to be paid: use pay-code".into()),
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
                    Some(n) => return Err(format!("{n} installments are not offered (CreditInstallment {:?})", order.terms.credit_installment)),
                    None => None,
                }
            };
            order.installments = installments;
            let mut card = CardPayment::authorised(ids::gwsr(seq), ids::auth_code(seq), order.terms.total_amount, now);
            card.card_number = request.card_number.clone().filter(|n| n.len() >= 10).unwrap_or_else(|| TEST_CARD.to_string());
            if let Some(period) = &order.terms.period {
                let mut schedule = Schedule::new(period.period_type, period.frequency, period.exec_times, period.amount, now);
                schedule.record(Charge {
                    period: 1,
                    success: true,
                    rtn_code: 1,
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
        let result = result_notification(sim, order, 1, "交易成功", false);
        let post = result.as_ref().and_then(|n| browser_result(order, &n.fields));
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
            choose_method(sim, key, method)?;
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
        let result = result_notification(sim, order, FAILED_RTN_CODE, "付款失敗 (declined on the omg-sim payment page)", false);
        let post = result.as_ref().and_then(|n| browser_result(order, &n.fields));
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
        order.payment_type = Some(order.terms.payment_type(&method));
        order.payment_date = Some(TaiwanDateTime::from_unix(now).trade_date());
        let n = result_notification(sim, order, 1, "交易成功", true);
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
            (Some(code), _) => store.key_by_code(code).ok_or_else(|| format!("no order has the payment code {code:?}"))?,
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
        order.paid_from = Some(match issued.kind {
            CodeKind::Atm => ("812".to_string(), "12345".to_string()),
            _ => ("006598".to_string(), "omg-sim 便利商店".to_string()),
        });
        (key, result_notification(sim, order, 1, "交易成功", false))
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
}

/// Runs everything due at the simulator's current time: recurring charges (each at its own due
/// time, several if the clock jumped over several periods), settlement of pending captures and
/// refunds, expiry of unpaid codes.
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

fn run_due_for(sim: &Sim, store: &mut Store, key: &OrderKey, now: i64, report: &mut DueReport, notifications: &mut Vec<Notification>) {
    let Some(order) = store.get_mut(key) else { return };
    if let Some(card) = order.card.as_mut() {
        if card.settle(now) {
            report.settlements += 1;
        }
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
            rtn_code: if fail { FAILED_RTN_CODE } else { 1 },
            rtn_msg: if fail { "授權失敗 (failure forced by the omg-sim control API)".into() } else { "交易成功".into() },
            amount: schedule.amount,
            gwsr: if fail { String::new() } else { ids::gwsr(seq) },
            auth_code: if fail { String::new() } else { ids::auth_code(seq) },
            process_date: TaiwanDateTime::from_unix(due).trade_date(),
            trade_no: ids::trade_no(due, seq),
            at: due,
        };
        schedule.record(charge.clone());
        report.period_charges += 1;
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
    if !(waiting_code || pending_settlement || running) {
        store.deactivate(key);
    }
}

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

fn status_name(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::AwaitingPayer => "waiting for the payer",
        OrderStatus::CodeIssued => "waiting for its payment code to be paid",
        OrderStatus::Paid => "paid",
        OrderStatus::Declined => "declined",
        OrderStatus::Expired => "expired",
    }
}

/// Signs fields with the keys the order was signed with.
fn signed(sim: &Sim, order: &SimOrder, mut fields: Fields) -> Option<Fields> {
    let credentials = sim.signing_credentials(&order.terms.merchant_id, Some(&order.terms.platform_id))?;
    mac::sign_in_place(&mut fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256).ok()?;
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

/// The NeedExtraPaidInfo fields of a paid order (empty unless it asked for them).
pub fn extra_paid_info(order: &SimOrder) -> Fields {
    let mut extra = Fields::new();
    if !order.terms.need_extra_paid_info {
        return extra;
    }
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
                pay_from: String::new(),
                union_pay: "0".into(),
            };
            for (k, v) in &credit.fields() {
                extra.set(k, v);
            }
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
            if let Some((store_id, name)) = &order.paid_from {
                extra = cvs_extra(store_id, name);
            }
        }
        _ => {}
    }
    extra
}

fn result_notification(sim: &Sim, order: &SimOrder, rtn_code: i64, rtn_msg: &str, simulate_paid: bool) -> Option<Notification> {
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
        payment_type_charge_fee: if rtn_code == 1 { charge_fee(order) } else { "0".into() },
        trade_date: order.trade_date.clone(),
        simulate_paid,
        custom_fields: t.custom_fields.clone(),
        extra: if rtn_code == 1 { extra_paid_info(order) } else { Fields::new() },
    };
    let fields = signed(sim, order, result.fields())?;
    Some(Notification { kind: NotifyKind::ReturnURL, merchant_id: t.merchant_id.clone(), merchant_trade_no: t.merchant_trade_no.clone(), url: t.return_url.clone(), fields })
}

fn browser_result(order: &SimOrder, fields: &Fields) -> Option<BrowserPost> {
    (!order.terms.order_result_url.is_empty()).then(|| BrowserPost { url: order.terms.order_result_url.clone(), fields: fields.clone() })
}

fn code_issued_fields(order: &SimOrder) -> Fields {
    let t = &order.terms;
    let Some(code) = &order.code else { return Fields::new() };
    let mut issued = match code.kind {
        CodeKind::Atm => CodeIssued::atm(&code.bank_code, &code.v_account, &code.expire_date),
        CodeKind::Cvs => CodeIssued::cvs(&code.payment_no, &code.expire_date),
        CodeKind::Barcode => CodeIssued::barcode([&code.barcodes[0], &code.barcodes[1], &code.barcodes[2]], &code.expire_date),
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

fn period_charge_fields(order: &SimOrder, charge: &Charge) -> Fields {
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
