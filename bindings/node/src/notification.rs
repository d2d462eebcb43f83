//! A verified notification: every field received, its kind, and the checks a merchant runs
//! before acting on it. The accessors are omg-core's; absent fields read as `undefined`.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::OrderedFields;
use crate::error::IntoJs;

#[napi]
pub struct Notification {
    inner: omg_core::Notification,
}

impl Notification {
    pub fn new(inner: omg_core::Notification) -> Self {
        Notification { inner }
    }
}

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

/// Getters returning a text field of the notification, each named after an omg-core accessor.
macro_rules! text_getters {
    ($($method:ident),* $(,)?) => {
        #[napi]
        impl Notification {
            $(
                #[napi(getter)]
                pub fn $method(&self) -> Either<String, ()> {
                    opt_text(self.inner.$method())
                }
            )*
        }
    };
}

/// Getters returning a whole-number field (`undefined` when absent or not a number).
macro_rules! number_getters {
    ($($method:ident),* $(,)?) => {
        #[napi]
        impl Notification {
            $(
                #[napi(getter)]
                pub fn $method(&self) -> Either<i64, ()> {
                    opt(self.inner.$method())
                }
            )*
        }
    };
}

text_getters!(
    merchant_id,
    merchant_trade_no,
    store_id,
    rtn_msg,
    simulate_paid,
    trade_no,
    payment_type,
    trade_date,
    payment_date,
    payment_type_charge_fee,
    bank_code,
    v_account,
    payment_no,
    barcode1,
    barcode2,
    barcode3,
    expire_date,
    red_dan,
    red_de_amt,
    red_ok_amt,
    red_yet,
    stage,
    stast,
    staed,
    eci,
    pay_from,
    union_pay,
    atm_acc_bank,
    atm_acc_no,
    cvs_store_id,
    cvs_store_name,
    period_type,
    gwsr,
    process_date,
    auth_code,
);

number_getters!(
    rtn_code,
    trade_amt,
    frequency,
    exec_times,
    period_amount,
    total_success_times,
    total_success_amount,
    first_auth_amount,
    amount,
);

#[napi]
impl Notification {
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

    /// `payment_result`, `payment_code_issued` or `period_charge`.
    #[napi(getter)]
    pub fn kind(&self) -> String {
        self.inner.kind().as_str().to_string()
    }

    /// Every field received, in order, CheckMacValue and unknown fields included.
    #[napi(js_name = "rawFields")]
    pub fn raw_fields(&self) -> OrderedFields {
        OrderedFields(self.inner.raw().clone())
    }

    /// Any field by its exact name.
    #[napi]
    pub fn get(&self, name: String) -> Either<String, ()> {
        opt_text(self.inner.get(&name))
    }

    #[napi(getter)]
    pub fn is_paid(&self) -> bool {
        self.inner.is_paid()
    }

    #[napi(getter)]
    pub fn is_simulated(&self) -> bool {
        self.inner.is_simulated()
    }

    #[napi(getter)]
    pub fn dedupe_key(&self) -> String {
        self.inner.dedupe_key()
    }

    /// `TradeAmt`, or `Amount` for a period charge.
    #[napi(getter)]
    pub fn amount_field(&self) -> String {
        self.inner.amount_field().to_string()
    }

    /// Throws a validation error unless the notified amount is `expected`.
    #[napi(catch_unwind)]
    pub fn expect_amount(&self, expected: i64) -> Result<()> {
        self.inner.expect_amount(expected).into_js()
    }

    /// CustomField1 to CustomField4.
    #[napi]
    pub fn custom_field(&self, n: u32) -> Either<String, ()> {
        opt_text(u8::try_from(n).ok().and_then(|n| self.inner.custom_field(n)))
    }

    /// The three BARCODE segments, when all are present and non-empty.
    #[napi(getter)]
    pub fn barcodes(&self) -> Either<Vec<String>, ()> {
        opt(self.inner.barcodes().map(|b| b.iter().map(|s| s.to_string()).collect()))
    }
}
