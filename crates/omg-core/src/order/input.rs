//! An order written the way a language binding receives it: a mapping from field names in the
//! language's own casing (`returnUrl`, `return_url`) to loosely typed values (text, whole
//! numbers, true/false, lists, an instant). This file turns such a mapping into wire fields and
//! then into an [`Order`], so no binding needs to know a field name, a separator or a yes/no
//! spelling of the protocol.
//!
//! Rules, field by field (names resolved with [`super::aliases::wire_name`]):
//!
//! | value | accepted for | wire text |
//! |---|---|---|
//! | text | every field | as given |
//! | whole number | every field | decimal (`100`) |
//! | true/false | `NeedExtraPaidInfo` | `Y` / `N` |
//! | true/false | `BindingCard` | `1` / `0` |
//! | list | `ItemName` | items joined with `#` |
//! | list | `CreditInstallment` | numbers joined with `,` |
//! | list | `IgnorePayment` | methods joined with `#` |
//! | instant (Unix seconds) | `MerchantTradeDate` | Taiwan time, `yyyy/MM/dd HH:mm:ss` |
//!
//! Anything else (including [`InputValue::Unsupported`]) is a `type` error naming the wire field.
//! A name the order model does not know is kept as given, as an extra field (its charset is checked by [`Order::validate`]). `MerchantID`
//! and `CheckMacValue` are refused (`not_allowed`): the client fills them. Two names meaning the
//! same wire field (`returnUrl` and `ReturnURL`) are a `duplicate`. Every problem is reported at
//! once, together with those of [`Order::from_fields`].

use super::aliases::wire_name;
use super::names::{BINDING_CARD, CHECK_MAC_VALUE, CREDIT_INSTALLMENT, IGNORE_PAYMENT, ITEM_NAME, MERCHANT_ID, MERCHANT_TRADE_DATE, NEED_EXTRA_PAID_INFO};
use super::{Order, ITEM_SEPARATOR};
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::taiwan_time::TaiwanDateTime;

/// One value of an order mapping, as a binding received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputValue {
    Text(String),
    Integer(i64),
    Bool(bool),
    List(Vec<InputValue>),
    /// A point in time in Unix seconds (a JavaScript `Date`, a Python `datetime`).
    Instant(i64),
    /// A value no field takes (a fraction, a nested object), described for the error message
    /// (`"the number 1.5"`). Reported as a `type` error naming the wire field, with the others.
    Unsupported(String),
}

/// The separators of list values, the same as `Order::to_fields` writes.
const INSTALLMENT_SEPARATOR: &str = ",";
const IGNORE_SEPARATOR: &str = "#";

/// Builds an order from `(name, value)` entries; see the module documentation for the rules.
/// The order is not validated yet: `checkout` does that (every rule, all errors at once).
pub fn order_from_input<N: AsRef<str>>(entries: impl IntoIterator<Item = (N, InputValue)>) -> Result<Order> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut fields = Fields::new();
    // Fields whose value was refused: `from_fields` would call them missing as well.
    let mut refused: Vec<String> = Vec::new();
    for (name, value) in entries {
        let given = name.as_ref();
        let wire = wire_name(given).unwrap_or(given);
        if wire == MERCHANT_ID || wire == CHECK_MAC_VALUE {
            errors.push(FieldError::new(wire, "not_allowed", format!("{wire} is filled in by the client, not by the order")));
            continue;
        }
        if fields.contains(wire) {
            errors.push(FieldError::new(wire, "duplicate", format!("{wire} is given more than once (as {given:?} and another spelling)")));
            continue;
        }
        match wire_text(wire, value) {
            Ok(text) => fields.push(wire, text),
            Err(e) => {
                refused.push(wire.to_string());
                errors.push(e);
            }
        }
    }
    match Order::from_fields(&fields) {
        Ok(order) if errors.is_empty() => Ok(order),
        Ok(_) => Err(Error::Validation(errors)),
        Err(Error::Validation(more)) => {
            errors.extend(more.into_iter().filter(|e| !refused.contains(&e.field)));
            Err(Error::Validation(errors))
        }
        Err(other) => Err(other),
    }
}

/// The wire text of one value of field `wire`.
fn wire_text(wire: &str, value: InputValue) -> Result<String, FieldError> {
    match value {
        InputValue::Text(text) => Ok(text),
        InputValue::Integer(n) => Ok(n.to_string()),
        InputValue::Bool(yes) => match wire {
            NEED_EXTRA_PAID_INFO => Ok(if yes { "Y" } else { "N" }.to_string()),
            BINDING_CARD => Ok(if yes { "1" } else { "0" }.to_string()),
            _ => Err(type_error(wire, "true/false")),
        },
        InputValue::List(items) => {
            let separator = match wire {
                ITEM_NAME => ITEM_SEPARATOR.to_string(),
                CREDIT_INSTALLMENT => INSTALLMENT_SEPARATOR.to_string(),
                IGNORE_PAYMENT => IGNORE_SEPARATOR.to_string(),
                _ => return Err(type_error(wire, "a list")),
            };
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    InputValue::Text(text) => parts.push(text),
                    InputValue::Integer(n) => parts.push(n.to_string()),
                    _ => {
                        return Err(FieldError::new(wire, "type", format!("the items of {wire} must be text or whole numbers")));
                    }
                }
            }
            Ok(parts.join(&separator))
        }
        InputValue::Instant(unix) => match wire {
            MERCHANT_TRADE_DATE => Ok(TaiwanDateTime::from_unix(unix).trade_date()),
            _ => Err(type_error(wire, "a date")),
        },
        InputValue::Unsupported(what) => Err(type_error(wire, &what)),
    }
}

fn type_error(wire: &str, what: &str) -> FieldError {
    FieldError::new(wire, "type", format!("{wire} cannot be {what}: give text or a whole number"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::{AtmBank, Method, Payment};

    fn text(s: &str) -> InputValue {
        InputValue::Text(s.to_string())
    }

    fn base() -> Vec<(&'static str, InputValue)> {
        vec![
            ("merchantTradeNo", text("A1")),
            ("totalAmount", InputValue::Integer(100)),
            ("tradeDesc", text("shop")),
            ("returnUrl", text("https://shop.example/return")),
        ]
    }

    #[test]
    fn any_casing_and_loose_values_become_the_wire_order() {
        let mut entries = base();
        entries.push(("item_name", InputValue::List(vec![text("T-shirt"), text("Mug")])));
        entries.push(("ChoosePayment", text("ATM")));
        entries.push(("chooseSubPayment", text("FIRST")));
        entries.push(("expireDate", InputValue::Integer(5)));
        entries.push(("needExtraPaidInfo", InputValue::Bool(true)));
        entries.push(("merchantTradeDate", InputValue::Instant(0)));
        let order = order_from_input(entries).unwrap();
        assert_eq!(order.item_name, "T-shirt#Mug");
        assert_eq!(order.total_amount, 100);
        assert_eq!(order.need_extra_paid_info, Some(true));
        assert_eq!(order.merchant_trade_date.as_deref(), Some("1970/01/01 08:00:00"));
        match order.payment {
            Payment::Atm(atm) => {
                assert_eq!(atm.expire_days, Some(5));
                assert_eq!(atm.bank, Some(AtmBank::First));
            }
            other => panic!("not ATM: {other:?}"),
        }
    }

    #[test]
    fn lists_use_the_separators_the_wire_reader_expects() {
        let mut entries = base();
        entries.push(("itemName", text("x")));
        entries.push(("choosePayment", text("Credit")));
        entries.push(("creditInstallment", InputValue::List(vec![InputValue::Integer(3), InputValue::Integer(6)])));
        let order = order_from_input(entries).unwrap();
        assert!(matches!(order.payment, Payment::CreditInstallments(ref i) if i.installments == [3, 6]), "{:?}", order.payment);

        let mut entries = base();
        entries.push(("itemName", text("x")));
        entries.push(("choosePayment", text("ALL")));
        entries.push(("ignorePayment", InputValue::List(vec![text("ATM"), text("CVS")])));
        let order = order_from_input(entries).unwrap();
        assert!(matches!(order.payment, Payment::All(ref a) if a.ignore_payment == [Method::Atm, Method::Cvs]), "{:?}", order.payment);
    }

    #[test]
    fn binding_card_true_is_one() {
        let mut entries = base();
        entries.push(("itemName", text("x")));
        entries.push(("choosePayment", text("Credit")));
        entries.push(("bindingCard", InputValue::Bool(true)));
        entries.push(("merchantMemberId", text("m1")));
        let order = order_from_input(entries).unwrap();
        assert!(matches!(order.payment, Payment::Credit(ref c) if c.binding_card == Some(true)), "{:?}", order.payment);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let entries = vec![
            ("merchantID", text("2000132")),
            ("returnUrl", text("https://a.example")),
            ("ReturnURL", text("https://b.example")),
            ("tradeDesc", InputValue::Bool(true)),
            ("remark", InputValue::List(vec![text("a")])),
            ("itemName", InputValue::List(vec![InputValue::Bool(false)])),
            ("totalAmount", InputValue::Instant(5)),
            ("storeId", InputValue::Unsupported("the number 1.5".into())),
        ];
        let err = order_from_input(entries).unwrap_err();
        let got: Vec<(&str, &str)> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
        for expected in [
            ("MerchantID", "not_allowed"),
            ("ReturnURL", "duplicate"),
            ("TradeDesc", "type"),
            ("Remark", "type"),
            ("ItemName", "type"),
            ("TotalAmount", "type"),
            ("StoreID", "type"),
            ("MerchantTradeNo", "required"),
            ("ChoosePayment", "required"),
        ] {
            assert!(got.contains(&expected), "{expected:?} missing from {got:?}");
        }
        assert!(!got.contains(&("TotalAmount", "required")), "a refused value is not also called missing: {got:?}");
    }

    #[test]
    fn unknown_names_are_kept_as_extra_fields() {
        let mut entries = base();
        entries.push(("itemName", text("x")));
        entries.push(("choosePayment", text("Credit")));
        entries.push(("Colour", text("red")));
        let order = order_from_input(entries).unwrap();
        assert_eq!(order.extra, vec![("Colour".to_string(), "red".to_string())]);
    }
}
