//! Verified notifications as Python objects: a `Notification` base class with what every
//! notification has, and one subclass per kind (`PaymentResult`, `PaymentCodeIssued`,
//! `PeriodCharge`) with that kind's fields as snake_case properties. Every property reads
//! omg-core's accessor of the same name; nothing here knows a wire name.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use omg_core::notify::{Notification as CoreNotification, NotificationKind};

use crate::convert::{fields_to_dict, repr_opt};
use crate::errors::IntoPy;

/// A notification whose CheckMacValue was verified. Always one of the subclasses
/// `PaymentResult`, `PaymentCodeIssued` or `PeriodCharge`.
#[pyclass(subclass, frozen, module = "omg_payment")]
pub struct Notification {
    pub inner: CoreNotification,
}

/// The Python object for a verified notification: the subclass of its kind.
pub fn to_python(py: Python<'_>, inner: CoreNotification) -> PyResult<Py<PyAny>> {
    let kind = inner.kind();
    let base = PyClassInitializer::from(Notification { inner });
    Ok(match kind {
        NotificationKind::PaymentResult => Py::new(py, base.add_subclass(PaymentResult))?.into_any(),
        NotificationKind::PaymentCodeIssued => Py::new(py, base.add_subclass(PaymentCodeIssued))?.into_any(),
        NotificationKind::PeriodCharge => Py::new(py, base.add_subclass(PeriodCharge))?.into_any(),
    })
}

#[pymethods]
impl Notification {
    /// `"payment_result"`, `"payment_code_issued"` or `"period_charge"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind().as_str()
    }

    /// Every field received, in order, CheckMacValue and unknown fields included (a new dict).
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        fields_to_dict(py, self.inner.raw())
    }

    /// A key equal for re-sent copies of one notification and different for different events:
    /// store it under a UNIQUE constraint to act on each notification exactly once.
    #[getter]
    fn dedupe_key(&self) -> String {
        self.inner.dedupe_key()
    }

    /// True for a payment simulated from the merchant back office (SimulatePaid=1): no money
    /// moved, never ship goods for it.
    #[getter]
    fn is_simulated(&self) -> bool {
        self.inner.is_simulated()
    }

    /// True when money was taken: a payment result or a period charge with RtnCode 1 that is not
    /// a back-office simulation (see is_simulated).
    #[getter]
    fn is_paid(&self) -> bool {
        self.inner.is_paid()
    }

    /// The MerchantID field (always there: verification refuses a notification without it).
    #[getter]
    fn merchant_id(&self) -> String {
        self.inner.merchant_id().unwrap_or_default().to_owned()
    }

    /// The MerchantTradeNo field: your order number (always there: verification refuses a
    /// notification without it).
    #[getter]
    fn merchant_trade_no(&self) -> String {
        self.inner.merchant_trade_no().unwrap_or_default().to_owned()
    }

    /// The StoreID field.
    #[getter]
    fn store_id(&self) -> Option<String> {
        self.inner.store_id().map(str::to_owned)
    }

    /// The RtnCode field as an int (1 paid, 2 ATM account issued, 10100073 CVS/BARCODE code issued).
    #[getter]
    fn rtn_code(&self) -> Option<i64> {
        self.inner.rtn_code()
    }

    /// The RtnMsg field. Never branch on it: a re-sent notification may word it differently.
    #[getter]
    fn rtn_msg(&self) -> Option<String> {
        self.inner.rtn_msg().map(str::to_owned)
    }

    /// CustomField1 to CustomField4 as a tuple (None for an absent one).
    #[getter]
    fn custom_fields(&self) -> (Option<String>, Option<String>, Option<String>, Option<String>) {
        let f = |n| self.inner.custom_field(n).map(str::to_owned);
        (f(1), f(2), f(3), f(4))
    }

    /// The name of the field holding this notification's amount (TradeAmt, or Amount for a
    /// period charge).
    #[getter]
    fn amount_field(&self) -> &'static str {
        self.inner.amount_field()
    }

    /// Any field by its exact wire name, or None.
    fn get(&self, name: &str) -> Option<String> {
        self.inner.get(name).map(str::to_owned)
    }

    /// Raises ValidationError (rule amount_mismatch, required or format) unless the notified
    /// amount is `amount`, the amount of your order.
    fn expect_amount(&self, py: Python<'_>, amount: &Bound<'_, PyAny>) -> PyResult<()> {
        let amount = crate::convert::amount("amount", amount)?;
        self.inner.expect_amount(amount).py_err(py)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let inner = &slf.get().inner;
        Ok(format!(
            "<{} merchant_trade_no={:?} rtn_code={} dedupe_key={:?}>",
            slf.get_type().name()?,
            inner.merchant_trade_no().unwrap_or(""),
            repr_opt(inner.rtn_code()),
            inner.dedupe_key()
        ))
    }
}

/// One subclass of Notification whose properties read omg-core's accessors of the same names.
macro_rules! notification_kind {
    (
        $(#[$meta:meta])* $class:ident;
        text { $($text:ident => $text_doc:literal;)* }
        number { $($number:ident => $number_doc:literal;)* }
        $($more:item)*
    ) => {
        $(#[$meta])*
        #[pyclass(extends = Notification, frozen, module = "omg_payment")]
        pub struct $class;

        #[pymethods]
        impl $class {
            $(
                #[doc = $text_doc]
                #[getter]
                fn $text(slf: &Bound<'_, Self>) -> Option<String> {
                    slf.as_super().get().inner.$text().map(str::to_owned)
                }
            )*
            $(
                #[doc = $number_doc]
                #[getter]
                fn $number(slf: &Bound<'_, Self>) -> Option<i64> {
                    slf.as_super().get().inner.$number()
                }
            )*
            $($more)*
        }
    };
}

notification_kind! {
    /// ReturnURL / OrderResultURL: the outcome of a payment. Fulfil only from the server
    /// notification (ReturnURL), only when `is_paid` and not `is_simulated`, after
    /// `expect_amount(order_total)`.
    PaymentResult;
    text {
        trade_no => "TradeNo: the gateway's trade number.";
        payment_date => "PaymentDate (yyyy/MM/dd HH:mm:ss, Taiwan time).";
        payment_type => "PaymentType, e.g. Credit_CreditCard, ATM_FIRST, CVS_CVS (unknown names are kept).";
        payment_type_charge_fee => "PaymentTypeChargeFee: the fee, as text (it may be decimal, e.g. 25.00).";
        trade_date => "TradeDate (yyyy/MM/dd HH:mm:ss): when the order was created.";
        simulate_paid => "SimulatePaid: 1 for a back-office simulation (see is_simulated).";
        card4no => "card4no: last 4 card digits (NeedExtraPaidInfo=Y).";
        card6no => "card6no: first 6 card digits (NeedExtraPaidInfo=Y).";
        red_dan => "red_dan: bonus points used (NeedExtraPaidInfo=Y).";
        red_de_amt => "red_de_amt: amount paid with bonus points (NeedExtraPaidInfo=Y).";
        red_ok_amt => "red_ok_amt: amount charged after bonus points (NeedExtraPaidInfo=Y).";
        red_yet => "red_yet: remaining bonus points (NeedExtraPaidInfo=Y).";
        stage => "stage: number of installments (NeedExtraPaidInfo=Y).";
        stast => "stast: first installment amount (NeedExtraPaidInfo=Y).";
        staed => "staed: each further installment amount (NeedExtraPaidInfo=Y).";
        eci => "eci: 3-D Secure result (NeedExtraPaidInfo=Y).";
        gwsr => "gwsr: the card authorisation number, the CreditRefundId of query_credit_detail (NeedExtraPaidInfo=Y).";
        process_date => "process_date: when the card was charged (NeedExtraPaidInfo=Y).";
        auth_code => "auth_code: the bank's authorisation code (NeedExtraPaidInfo=Y).";
        payment_no => "PaymentNo: the CVS code that was paid (CVS, NeedExtraPaidInfo=Y; empty for other methods).";
        pay_from => "PayFrom: the CVS store chain that took the payment, e.g. family, ibon (CVS, NeedExtraPaidInfo=Y). Not a card field.";
        union_pay => "UnionPay (NeedExtraPaidInfo=Y).";
        atm_acc_bank => "ATMAccBank: the payer's bank code (ATM, NeedExtraPaidInfo=Y).";
        atm_acc_no => "ATMAccNo: the payer's account digits (ATM, NeedExtraPaidInfo=Y).";
        cvs_store_id => "CVSStoreID: the store that took the payment (CVS, NeedExtraPaidInfo=Y).";
        cvs_store_name => "CVSStoreName (CVS, NeedExtraPaidInfo=Y).";
        period_type => "PeriodType D/M/Y (first payment of a recurring order, NeedExtraPaidInfo=Y).";
    }
    number {
        trade_amt => "TradeAmt: the amount paid, as an int. Check it with expect_amount().";
        amount => "amount: the authorised amount (credit card, NeedExtraPaidInfo=Y).";
        frequency => "Frequency (recurring, NeedExtraPaidInfo=Y).";
        exec_times => "ExecTimes (recurring, NeedExtraPaidInfo=Y).";
        period_amount => "PeriodAmount (recurring, NeedExtraPaidInfo=Y).";
        total_success_times => "TotalSuccessTimes (recurring, NeedExtraPaidInfo=Y).";
        total_success_amount => "TotalSuccessAmount (recurring, NeedExtraPaidInfo=Y).";
    }
}

notification_kind! {
    /// PaymentInfoURL / ClientRedirectURL: an ATM account or a CVS/BARCODE payment code was
    /// issued (RtnCode 2 or 10100073; anything else is a failed issue). Nothing is paid yet:
    /// the PaymentResult follows when the payer pays.
    PaymentCodeIssued;
    text {
        trade_no => "TradeNo: the gateway's trade number.";
        payment_type => "PaymentType, e.g. ATM_FIRST, CVS_CVS, BARCODE_BARCODE.";
        trade_date => "TradeDate (yyyy/MM/dd HH:mm:ss): when the order was created.";
        bank_code => "BankCode: the bank of the ATM virtual account.";
        v_account => "vAccount: the ATM virtual account number.";
        payment_no => "PaymentNo: the CVS payment code.";
        barcode1 => "Barcode1: the first BARCODE segment (empty for CVS).";
        barcode2 => "Barcode2: the second BARCODE segment.";
        barcode3 => "Barcode3: the third BARCODE segment.";
        expire_date => "ExpireDate: yyyy/MM/dd for ATM, yyyy/MM/dd HH:mm:ss for CVS and BARCODE.";
    }
    number {
        trade_amt => "TradeAmt: the amount to pay, as an int.";
    }

    /// The three BARCODE segments, top to bottom, when all are present and non-empty; else None.
    /// Draw them with barcode_svg(notification.barcodes).
    #[getter]
    fn barcodes(slf: &Bound<'_, Self>) -> Option<(String, String, String)> {
        slf.as_super().get().inner.barcodes().map(|[a, b, c]| (a.to_owned(), b.to_owned(), c.to_owned()))
    }
}

notification_kind! {
    /// PeriodReturnURL: one recurring card charge, from the 2nd period on. Sent once only: a
    /// missed one is recovered with query_period().
    PeriodCharge;
    text {
        period_type => "PeriodType: D, M or Y.";
        gwsr => "Gwsr: the card authorisation number of this charge.";
        process_date => "ProcessDate: when the card was charged.";
        auth_code => "AuthCode: the bank's authorisation code.";
    }
    number {
        amount => "Amount: the amount charged this period. Check it with expect_amount().";
        frequency => "Frequency.";
        exec_times => "ExecTimes: how many charges in all.";
        first_auth_amount => "FirstAuthAmount: the amount authorised in the first period.";
        total_success_times => "TotalSuccessTimes: successful charges so far, this one included.";
    }
}
