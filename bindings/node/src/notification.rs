//! Verified notifications: one class per kind (`PaymentResult`, `PaymentCodeIssued`,
//! `PeriodCharge`, the class names of `omg_core::boundary`), each holding omg-core's
//! `Notification`. No field is listed here: each class reads described field number `index` of
//! its kind (`describedField`), and the JS layer (node/lib/notification.js) defines one getter per
//! described field from `describedTypes()`, reading it on access (nothing is converted up front).
//! That layer also puts a common `Notification` base class under the three.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use omg_core::boundary;
use omg_core::notify::NotificationKind;
use serde_json::Value;

use crate::described::DescribedField;
use crate::errors::IntoJs;

/// Described field number `index` of the notification's kind.
fn described_field(notification: &omg_core::Notification, index: u32) -> Result<DescribedField> {
    let desc = boundary::notification_desc(notification.kind());
    let field = desc
        .fields
        .get(index as usize)
        .ok_or_else(|| Error::new(Status::InvalidArg, format!("{} has no described field {index}", desc.name)))?;
    let json = boundary::notification_field_json(notification, field.name).unwrap_or(Value::Null);
    Ok(DescribedField { ty: &field.ty, json })
}

/// The three notification classes; they differ only in name (the description of their kind
/// gives their fields).
macro_rules! notification_classes {
    ($($(#[$doc:meta])* $class:ident;)*) => {
        $(
            $(#[$doc])*
            #[napi]
            pub struct $class {
                inner: omg_core::Notification,
            }

            #[napi]
            impl $class {
                /// Described field number `index` of this kind (for the JS layer's getters).
                #[napi(catch_unwind)]
                pub fn described_field(&self, index: u32) -> Result<DescribedField> {
                    described_field(&self.inner, index)
                }

                /// Any field by its exact wire name; `undefined` when absent.
                #[napi]
                pub fn get(&self, name: String) -> Either<String, ()> {
                    // napi-rs writes `None` as `null`; an absent field is `undefined`.
                    match self.inner.get(&name) {
                        Some(value) => Either::A(value.to_string()),
                        None => Either::B(()),
                    }
                }

                /// Throws a validation error (rule amount_mismatch, required or format) unless the
                /// notified amount is `expected`.
                #[napi(catch_unwind)]
                pub fn expect_amount(&self, expected: i64) -> Result<()> {
                    self.inner.expect_amount(expected).into_js()
                }
            }
        )*
    };
}

notification_classes! {
    /// ReturnURL / OrderResultURL: the outcome of a payment.
    PaymentResult;
    /// PaymentInfoURL / ClientRedirectURL: an ATM account or a CVS/BARCODE code was issued.
    PaymentCodeIssued;
    /// PeriodReturnURL: one recurring charge, from the 2nd period on.
    PeriodCharge;
}

/// The JS object of a verified notification: the class of its kind.
pub type AnyNotification = Either3<PaymentResult, PaymentCodeIssued, PeriodCharge>;

pub fn to_js(inner: omg_core::Notification) -> AnyNotification {
    match inner.kind() {
        NotificationKind::PaymentResult => Either3::A(PaymentResult { inner }),
        NotificationKind::PaymentCodeIssued => Either3::B(PaymentCodeIssued { inner }),
        NotificationKind::PeriodCharge => Either3::C(PeriodCharge { inner }),
    }
}
