//! An order from named, loosely typed values: what a language binding has in hand
//! (`total_amount=100`, `credit_installment=[3, 6]`, `need_extra_paid_info=True`).
//!
//! Names may be written in any language's casing (see [`super::aliases`]); values are turned
//! into the wire text of their field here, so that no binding needs to know which field spells
//! yes/no as `Y`/`N` and which as `1`/`0`, or which list is joined with `,` and which with `#`.
//! The result goes through [`Order::from_fields`], so every rule is the wire form's.

use super::aliases::wire_name;
use super::names::*;
use super::Order;
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::rules;

/// One value as a binding hands it over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Number(i64),
    /// A yes/no: only fields that have a yes/no spelling accept it.
    Flag(bool),
    /// Several values: only fields that hold a list accept it (text and numbers inside).
    List(Vec<Value>),
}

/// The fields the SDK fills itself: a caller cannot set them.
const FILLED_BY_SDK: [&str; 4] = [MERCHANT_ID, PAYMENT_TYPE, ENCRYPT_TYPE, CHECK_MAC_VALUE];

/// How a yes/no is written in the fields that take one.
fn flag_spelling(wire: &str) -> Option<(&'static str, &'static str)> {
    match wire {
        NEED_EXTRA_PAID_INFO => Some(("Y", "N")),
        BINDING_CARD => Some(("1", "0")),
        _ => None,
    }
}

/// The separator of the fields that hold a list.
fn list_separator(wire: &str) -> Option<&'static str> {
    match wire {
        CREDIT_INSTALLMENT => Some(","),
        IGNORE_PAYMENT | ITEM_NAME => Some("#"),
        _ => None,
    }
}

/// The wire text of `value` for the field `wire` (a wire name).
pub fn wire_text(wire: &str, value: &Value) -> std::result::Result<String, FieldError> {
    match value {
        Value::Text(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Flag(yes) => match flag_spelling(wire) {
            Some((y, n)) => Ok(if *yes { y } else { n }.to_string()),
            None => {
                Err(FieldError::new(wire, rules::FORMAT, format!("{wire} takes text or a number, not a yes/no value")))
            }
        },
        Value::List(items) => {
            let Some(separator) = list_separator(wire) else {
                return Err(FieldError::new(wire, rules::FORMAT, format!("{wire} takes one value, not a list")));
            };
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                let part = match item {
                    Value::Text(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Flag(_) | Value::List(_) => {
                        return Err(FieldError::new(
                            wire,
                            rules::FORMAT,
                            format!("{wire} is a list of text or numbers"),
                        ))
                    }
                };
                // An item holding the separator would silently become two; an empty one shows as
                // a blank line on the payment page (protocol.md §4): both are refused, not split.
                if part.contains(separator) {
                    return Err(FieldError::new(
                        wire,
                        rules::SEPARATOR,
                        format!("{wire} item {part:?} contains {separator:?}, the item separator"),
                    ));
                }
                if part.trim().is_empty() {
                    return Err(FieldError::new(wire, rules::EMPTY_ITEM, format!("{wire} has an empty item")));
                }
                parts.push(part);
            }
            Ok(parts.join(separator))
        }
    }
}

impl Order {
    /// Builds an order from `(name, value)` pairs (names in any casing: `return_url`,
    /// `returnUrl`, `ReturnURL`) and `extra` fields sent as given.
    ///
    /// Every problem is reported at once as `Error::Validation`: a name that is no AioCheckOut
    /// field (rule `unknown`), a field the SDK fills itself — MerchantID, PaymentType,
    /// EncryptType, CheckMacValue — (rule `not_allowed`), one field named twice in two casings
    /// (rule `duplicate`), a value of the wrong shape (rule `format`), and everything
    /// [`Order::from_fields`] refuses. The order's own rules (lengths, ranges) are checked by
    /// [`Order::validate`] / `checkout`, which also refuses `extra` names that collide with known
    /// fields.
    pub fn from_named_values<N: AsRef<str>>(
        values: impl IntoIterator<Item = (N, Value)>,
        extra: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Order> {
        let mut errors = Vec::new();
        let mut fields = Fields::new();
        // Fields whose value was refused here: they are left out of `fields`, so the wire form's
        // rules would report each again as missing ("is required"). One error per fault.
        let mut refused: Vec<&'static str> = Vec::new();
        for (name, value) in values {
            let name = name.as_ref();
            let Some(wire) = wire_name(name) else {
                errors.push(FieldError::new(
                    name,
                    rules::UNKNOWN,
                    format!("{name} is not an AioCheckOut field; send fields the SDK does not know as extra fields"),
                ));
                continue;
            };
            if FILLED_BY_SDK.contains(&wire) {
                errors.push(FieldError::new(wire, rules::NOT_ALLOWED, format!("{wire} is filled in by the SDK")));
                continue;
            }
            if fields.contains(wire) {
                errors.push(FieldError::new(
                    wire,
                    rules::DUPLICATE,
                    format!("{wire} is given twice ({name} is one of them)"),
                ));
                continue;
            }
            match wire_text(wire, &value) {
                Ok(text) => fields.push(wire, text),
                Err(e) => {
                    errors.push(e);
                    refused.push(wire);
                }
            }
        }
        let not_refused = |e: &FieldError| !refused.contains(&e.field.as_str());
        match Order::from_fields(&fields) {
            Ok(mut order) if errors.is_empty() => {
                order.extra.extend(extra);
                Ok(order)
            }
            Ok(order) => {
                // Report the order's own rules too, so one call shows every problem.
                errors.extend(order.validation_errors().into_iter().filter(not_refused));
                Err(Error::Validation(errors))
            }
            Err(Error::Validation(more)) => {
                errors.extend(more.into_iter().filter(not_refused));
                Err(Error::Validation(errors))
            }
            Err(other) => Err(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::Payment;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn base() -> Vec<(&'static str, Value)> {
        vec![
            ("merchant_trade_no", text("A1")),
            ("total_amount", Value::Number(100)),
            ("trade_desc", text("shop")),
            ("item_name", Value::List(vec![text("T-shirt"), text("Mug")])),
            ("return_url", text("https://shop.example/r")),
        ]
    }

    #[test]
    fn values_become_the_wire_text_of_their_field() {
        let mut values = base();
        values.push(("choose_payment", text("Credit")));
        values.push(("credit_installment", Value::List(vec![Value::Number(3), Value::Number(6)])));
        values.push(("need_extra_paid_info", Value::Flag(true)));
        let order = Order::from_named_values(values, [("X_Extra".to_string(), "1".to_string())]).unwrap();
        assert_eq!(order.item_name, "T-shirt#Mug");
        assert_eq!(order.total_amount, 100);
        assert_eq!(order.need_extra_paid_info, Some(true));
        assert!(matches!(&order.payment, Payment::CreditInstallments(c) if c.installments == vec![3, 6]));
        assert_eq!(order.extra, vec![("X_Extra".to_string(), "1".to_string())]);
        let fields = order.to_fields("1000031");
        assert_eq!(fields.get("CreditInstallment"), Some("3,6"));
        assert_eq!(fields.get("NeedExtraPaidInfo"), Some("Y"));
    }

    #[test]
    fn binding_card_and_ignore_payment_use_their_own_spelling() {
        let mut values = base();
        values.push(("ChoosePayment", text("Credit")));
        values.push(("bindingCard", Value::Flag(false)));
        let fields = Order::from_named_values(values, []).unwrap().to_fields("1");
        assert_eq!(fields.get("BindingCard"), Some("0"));

        let mut values = base();
        values.push(("choose_payment", text("ALL")));
        values.push(("ignore_payment", Value::List(vec![text("ATM"), text("CVS")])));
        let fields = Order::from_named_values(values, []).unwrap().to_fields("1");
        assert_eq!(fields.get("IgnorePayment"), Some("ATM#CVS"));
    }

    #[test]
    fn every_naming_and_shape_problem_is_reported_with_the_orders_own() {
        let values = vec![
            ("merchant_trade_no", text("A1")),
            ("retrun_url", text("https://x.example")),
            ("merchant_id", text("2000132")),
            ("trade_desc", Value::Flag(true)),
            ("total_amount", Value::List(vec![])),
            ("TradeDesc", text("again")),
        ];
        let err = Order::from_named_values(values, []).unwrap_err();
        let got: Vec<(&str, &str)> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
        assert!(got.contains(&("retrun_url", "unknown")), "{got:?}");
        assert!(got.contains(&("MerchantID", "not_allowed")), "{got:?}");
        assert!(got.contains(&("TradeDesc", "format")), "{got:?}");
        assert!(got.contains(&("TotalAmount", "format")), "{got:?}");
        assert!(got.contains(&("ReturnURL", "required")), "{got:?}");
        assert!(got.contains(&("ChoosePayment", "required")), "{got:?}");

        // With every field present, the order's own rules are reported beside a naming error.
        let mut values = base();
        values.push(("choose_payment", text("Credit")));
        values.push(("total_amount_typo", Value::Number(1)));
        values[1] = ("total_amount", Value::Number(0));
        let err = Order::from_named_values(values, []).unwrap_err();
        let got: Vec<(&str, &str)> = err.field_errors().iter().map(|e| (e.field.as_str(), e.rule.as_str())).collect();
        assert_eq!(got, [("total_amount_typo", "unknown"), ("TotalAmount", "range")]);
    }

    #[test]
    fn the_same_field_in_two_casings_is_a_duplicate() {
        let mut values = base();
        values.push(("choose_payment", text("Credit")));
        values.push(("ReturnURL", text("https://other.example/r")));
        let err = Order::from_named_values(values, []).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "ReturnURL");
        assert_eq!(err.field_errors()[0].rule, "duplicate");
    }
}
