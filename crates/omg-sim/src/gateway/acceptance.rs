//! Order acceptance: AioCheckOut/V5 verifies, validates and stores an order.

use omg_core::mac::{self, HashMethod};
use omg_core::rules;
use omg_core::taiwan_time::TaiwanDateTime;
use omg_core::{Clock, FieldError, Fields, Order};

use super::payer::issue_code;
use super::payment_page::is_code_method;
use super::refusals::CheckoutRefusal;
use crate::ids;
use crate::sim::Sim;
use crate::store::{OrderKey, OrderStatus, SimOrder};
use crate::terms::OrderTerms;

/// AioCheckOut/V5: verifies, validates and stores the order; returns its key. An ATM, CVS or
/// BARCODE order that names its bank or store (ChooseSubPayment) gets its payment code at once
/// (PaymentInfoURL is sent); without one the order is created with no code yet, until the payer
/// picks on the payment page, as on the real gateway.
pub fn checkout(sim: &Sim, fields: &Fields) -> Result<OrderKey, CheckoutRefusal> {
    let merchant_id = fields.get("MerchantID").unwrap_or("");
    let platform_id = fields.get("PlatformID");
    let Some(credentials) = sim.signing_credentials(merchant_id, platform_id) else {
        return Err(CheckoutRefusal::Signature(format!("no merchant {merchant_id:?} is configured in this simulator")));
    };
    let hash = HashMethod::from_encrypt_type(fields.get("EncryptType"));
    if let Err(e) = mac::verify(fields, credentials.hash_key(), credentials.hash_iv(), hash) {
        return Err(CheckoutRefusal::Signature(e.to_string()));
    }
    let mut unsigned = fields.clone();
    unsigned.remove(mac::CHECK_MAC_VALUE);
    // A legacy merchant's EncryptType 0 (MD5) is the gateway's to honour; the order reader knows
    // only today's EncryptType 1, so it reads the order without that field.
    let mut order_fields = unsigned.clone();
    if hash == HashMethod::Md5 {
        order_fields.remove("EncryptType");
    }
    let order = Order::from_fields(&order_fields).map_err(|e| CheckoutRefusal::Invalid(e.field_errors().to_vec()))?;
    order.validate().map_err(|e| CheckoutRefusal::Invalid(e.field_errors().to_vec()))?;
    let mut errors = Vec::new();
    if merchant_id.is_empty() || merchant_id.chars().count() > 10 {
        errors.push(FieldError::new("MerchantID", rules::MAX_LENGTH, "MerchantID is required, at most 10 characters"));
    }
    // The gateway requires these on the wire (protocol.md §4), whatever a parser would default.
    for name in ["MerchantTradeDate", "PaymentType", "EncryptType"] {
        if fields.get(name).map_or(true, |v| v.trim().is_empty()) {
            errors.push(FieldError::new(name, rules::REQUIRED, format!("{name} is required")));
        }
    }
    if !errors.is_empty() {
        return Err(CheckoutRefusal::Invalid(errors));
    }
    let mut terms = OrderTerms::new(merchant_id, &order);
    if terms.choose_payment == "BARCODE" {
        // The order model drops BARCODE's only sub-payment; whether the merchant sent it decides
        // whether the payer must still pick it.
        terms.choose_sub_payment = fields.get("ChooseSubPayment").unwrap_or("").to_string();
    }
    if terms.offered_methods.is_empty() {
        let message = "IgnorePayment removes every payment method, so the payer could not pay";
        return Err(CheckoutRefusal::Invalid(vec![FieldError::new("IgnorePayment", rules::CONFLICT, message)]));
    }
    let now = sim.clock.now_unix();
    let key: OrderKey = (terms.merchant_id.clone(), terms.merchant_trade_no.clone());
    let mut notifications = Vec::new();
    {
        let mut store = sim.store();
        // Unique per merchant, and under a PlatformID across all the platform's merchants (§4).
        let platform = Some(terms.platform_id.as_str()).filter(|p| !p.is_empty());
        if store.contains(&key) || platform.is_some_and(|p| store.platform_has_trade_no(p, &terms.merchant_trade_no)) {
            return Err(CheckoutRefusal::Duplicate(terms.merchant_trade_no.clone()));
        }
        let seq = store.next_seq();
        let method = (terms.offered_methods.len() == 1).then(|| terms.offered_methods[0].clone());
        let sub_payment = terms.fixed_sub_payment().map(String::from);
        // A code method's PaymentType names the bank or store: unknown until one is picked.
        let payment_type = method
            .as_deref()
            .filter(|m| !is_code_method(m) || sub_payment.is_some())
            .map(|m| terms.payment_type(m, sub_payment.as_deref()));
        let order = SimOrder {
            payment_type,
            sub_payment: sub_payment.clone(),
            method: method.clone(),
            terms,
            request: unsigned,
            hash,
            trade_no: ids::trade_no(now, seq),
            created_at: now,
            trade_date: TaiwanDateTime::from_unix(now).trade_date(),
            status: OrderStatus::AwaitingPayer,
            payment_date: None,
            paid_at: None,
            simulate_paid: false,
            installments: None,
            code: None,
            card: None,
            schedule: None,
            paid_from: None,
        };
        store.insert(order);
        if let (Some(m), Some(_)) = (method.as_deref().filter(|m| is_code_method(m)), &sub_payment) {
            notifications.extend(issue_code(sim, &mut store, &key, m, now));
        }
    }
    sim.notify_all(notifications);
    Ok(key)
}
