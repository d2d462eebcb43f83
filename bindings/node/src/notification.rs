//! Verified notifications: one class per kind (`PaymentResult`, `PaymentCodeIssued`,
//! `PeriodCharge`), each with what every notification has and that kind's fields. Every getter
//! reads omg-core's accessor of the same name; absent fields read as `undefined`. The JS layer
//! (node/lib/notification.js) puts a common `Notification` base class under the three.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use omg_core::notify::NotificationKind;

use crate::convert::OrderedFields;
use crate::error::IntoJs;

/// `Some(v)` → v, `None` → `undefined` (napi-rs writes `None` as `null`).
fn opt<T>(value: Option<T>) -> Either<T, ()> {
    match value {
        Some(v) => Either::A(v),
        None => Either::B(()),
    }
}

fn opt_text(value: Option<&str>) -> Either<String, ()> {
    opt(value.map(str::to_string))
}

/// One notification class: the getters every notification has, then `text` getters (text
/// fields) and `number` getters (whole-number fields) of its kind.
macro_rules! notification_class {
    ($(#[$doc:meta])* $class:ident { text: [$($text:ident),* $(,)?], number: [$($number:ident),* $(,)?] $(,)? }) => {
        $(#[$doc])*
        #[napi]
        pub struct $class {
            inner: omg_core::Notification,
        }

        #[napi]
        impl $class {
            /// `payment_result`, `payment_code_issued` or `period_charge`.
            #[napi(getter)]
            pub fn kind(&self) -> &'static str {
                self.inner.kind().as_str()
            }

            /// Every field received, in order, CheckMacValue and unknown fields included.
            #[napi]
            pub fn raw_fields(&self) -> OrderedFields {
                OrderedFields(self.inner.raw().clone())
            }

            /// Any field by its exact wire name.
            #[napi]
            pub fn get(&self, name: String) -> Either<String, ()> {
                opt_text(self.inner.get(&name))
            }

            /// Equal for re-sent copies of one notification, different for different events.
            #[napi(getter)]
            pub fn dedupe_key(&self) -> String {
                self.inner.dedupe_key()
            }

            /// SimulatePaid=1: a payment simulated from the back office. Never ship goods for it.
            #[napi(getter)]
            pub fn is_simulated(&self) -> bool {
                self.inner.is_simulated()
            }

            /// A payment result or period charge with RtnCode 1, not a simulation.
            #[napi(getter)]
            pub fn is_paid(&self) -> bool {
                self.inner.is_paid()
            }

            /// Always there: verification refuses a notification without it.
            #[napi(getter)]
            pub fn merchant_id(&self) -> String {
                self.inner.merchant_id().unwrap_or_default().to_owned()
            }

            /// Always there: verification refuses a notification without it.
            #[napi(getter)]
            pub fn merchant_trade_no(&self) -> String {
                self.inner.merchant_trade_no().unwrap_or_default().to_owned()
            }

            #[napi(getter)]
            pub fn store_id(&self) -> Either<String, ()> {
                opt_text(self.inner.store_id())
            }

            #[napi(getter)]
            pub fn rtn_code(&self) -> Either<i64, ()> {
                opt(self.inner.rtn_code())
            }

            /// Never branch on it: a re-sent notification may carry another message.
            #[napi(getter)]
            pub fn rtn_msg(&self) -> Either<String, ()> {
                opt_text(self.inner.rtn_msg())
            }

            /// CustomField1 to CustomField4 (`undefined` where absent).
            #[napi(getter, ts_return_type = "[string | undefined, string | undefined, string | undefined, string | undefined]")]
            pub fn custom_fields(&self) -> Vec<Either<String, ()>> {
                (1..=4).map(|n| opt_text(self.inner.custom_field(n))).collect()
            }

            /// The field holding the amount: `TradeAmt`, or `Amount` for a period charge.
            #[napi(getter)]
            pub fn amount_field(&self) -> &'static str {
                self.inner.amount_field()
            }

            /// Throws a validation error (rule amount_mismatch, required or format) unless the
            /// notified amount is `expected`.
            #[napi(catch_unwind)]
            pub fn expect_amount(&self, expected: i64) -> Result<()> {
                self.inner.expect_amount(expected).into_js()
            }

            $(
                #[napi(getter)]
                pub fn $text(&self) -> Either<String, ()> {
                    opt_text(self.inner.$text())
                }
            )*

            $(
                #[napi(getter)]
                pub fn $number(&self) -> Either<i64, ()> {
                    opt(self.inner.$number())
                }
            )*
        }
    };
}

notification_class!(
    /// ReturnURL / OrderResultURL: the outcome of a payment.
    PaymentResult {
        text: [
            trade_no, payment_date, payment_type, payment_type_charge_fee, trade_date, simulate_paid, red_dan, red_de_amt,
            red_ok_amt, red_yet, stage, stast, staed, eci, gwsr, process_date, auth_code, payment_no, pay_from, union_pay, atm_acc_bank,
            atm_acc_no, cvs_store_id, cvs_store_name, period_type,
        ],
        number: [trade_amt, amount, frequency, exec_times, period_amount, total_success_times, total_success_amount],
    }
);

notification_class!(
    /// PaymentInfoURL / ClientRedirectURL: an ATM account or a CVS/BARCODE code was issued.
    PaymentCodeIssued {
        text: [trade_no, payment_type, trade_date, bank_code, v_account, payment_no, barcode1, barcode2, barcode3, expire_date],
        number: [trade_amt],
    }
);

notification_class!(
    /// PeriodReturnURL: one recurring charge, from the 2nd period on.
    PeriodCharge {
        text: [period_type, gwsr, process_date, auth_code],
        number: [amount, frequency, exec_times, first_auth_amount, total_success_times],
    }
);

#[napi]
impl PaymentResult {
    /// The last 4 digits of the card (NeedExtraPaidInfo), named as on the wire.
    #[napi(getter, js_name = "card4no")]
    pub fn card4no(&self) -> Either<String, ()> {
        opt_text(self.inner.card4no())
    }

    /// The first 6 digits of the card (NeedExtraPaidInfo), named as on the wire.
    #[napi(getter, js_name = "card6no")]
    pub fn card6no(&self) -> Either<String, ()> {
        opt_text(self.inner.card6no())
    }
}

#[napi]
impl PaymentCodeIssued {
    /// The three BARCODE segments, top to bottom, when all are present and non-empty.
    #[napi(getter, ts_return_type = "[string, string, string] | undefined")]
    pub fn barcodes(&self) -> Either<Vec<String>, ()> {
        opt(self.inner.barcodes().map(|b| b.iter().map(|s| s.to_string()).collect()))
    }
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
