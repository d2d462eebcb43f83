//! The three notification kinds as they cross a boundary. This file decides which accessors each
//! kind has (the bindings used to list them themselves, and differed); every field reads the
//! omg-core accessor of the same name (notify/accessors.rs), so a binding needs no wire name.
//!
//! A notification is one Rust type, [`Notification`], whatever its kind; the three views below
//! give each kind its own description. [`notification_to_json`] and [`notification_desc`] pick
//! the view of a notification's kind.

use serde_json::Value;

use crate::notify::{Notification, NotificationKind};

use super::desc::TypeDesc;
use super::described::{describe, Described};

/// A notification of kind `payment_result`, viewed with that kind's fields.
pub struct PaymentResult<'a>(pub &'a Notification);
/// A notification of kind `payment_code_issued`, viewed with that kind's fields.
pub struct PaymentCodeIssued<'a>(pub &'a Notification);
/// A notification of kind `period_charge`, viewed with that kind's fields.
pub struct PeriodCharge<'a>(pub &'a Notification);

/// One notification kind: the fields every notification has, written once here, then the kind's
/// own fields.
macro_rules! notification_kind {
    (
        $(#[doc = $doc:literal])+
        $static:ident : $view:ident as $name:literal |$n:ident| { $($fields:tt)* }
    ) => {
        describe! {
            $(#[doc = $doc])+
            $static: $view<'_> as $name |$n| {
                /// payment_result, payment_code_issued or period_charge.
                kind: Str in $crate::boundary::value_sets::NOTIFICATION_KIND = $n.0.kind().as_str(),
                /// Equal for re-sent copies of one notification and different for different events: store it under a UNIQUE constraint to act on each notification exactly once.
                dedupe_key: Str = &$n.0.dedupe_key(),
                /// True when money was taken: a payment result or a period charge with RtnCode 1.
                is_paid: Bool = $n.0.is_paid(),
                /// True for a payment simulated from the merchant back office (SimulatePaid=1): no money moved, never ship goods for it.
                is_simulated: Bool = $n.0.is_simulated(),
                /// MerchantID (always there: verification refuses a notification without it).
                merchant_id: Str = $n.0.merchant_id().unwrap_or_default(),
                /// MerchantTradeNo: your order number (always there: verification refuses a notification without it).
                merchant_trade_no: Str = $n.0.merchant_trade_no().unwrap_or_default(),
                /// StoreID.
                store_id: OptStr = $n.0.store_id(),
                /// RtnCode as a whole number (1 paid, 2 ATM account issued, 10100073 CVS/BARCODE code issued).
                rtn_code: OptInt = $n.0.rtn_code(),
                /// RtnMsg. Never branch on it: a re-sent notification may word it differently.
                rtn_msg: OptStr = $n.0.rtn_msg(),
                /// CustomField1 to CustomField4 (each absent when not sent).
                custom_fields: ListOfOptStr = &[1, 2, 3, 4].map(|i| $n.0.custom_field(i)),
                /// The name of the field holding this notification's amount: TradeAmt, or Amount for a period charge.
                amount_field: Str = $n.0.amount_field(),
                /// Every field received, in order, CheckMacValue and unknown fields included.
                raw: StrMap = $n.0.raw(),
                $($fields)*
            }
        }
    };
}

notification_kind! {
    /// ReturnURL / OrderResultURL: the outcome of a payment. Fulfil only from the server
    /// notification (ReturnURL), only when is_paid and not is_simulated, after checking the amount.
    PAYMENT_RESULT: PaymentResult as "PaymentResult" |n| {
        /// TradeNo: the gateway's trade number.
        trade_no: OptStr = n.0.trade_no(),
        /// TradeAmt: the amount paid, as a whole number. Check it against your order.
        trade_amt: OptInt = n.0.trade_amt(),
        /// PaymentDate (yyyy/MM/dd HH:mm:ss, Taiwan time).
        payment_date: OptStr = n.0.payment_date(),
        /// PaymentType, e.g. Credit_CreditCard, ATM_FIRST, CVS_CVS (unknown names are kept).
        payment_type: OptStr = n.0.payment_type(),
        /// PaymentTypeChargeFee: the fee, as text (it may be decimal, e.g. 25.00).
        payment_type_charge_fee: OptStr = n.0.payment_type_charge_fee(),
        /// TradeDate (yyyy/MM/dd HH:mm:ss): when the order was created.
        trade_date: OptStr = n.0.trade_date(),
        /// card4no: last 4 card digits (NeedExtraPaidInfo=Y).
        card4no: OptStr = n.0.card4no(),
        /// card6no: first 6 card digits (NeedExtraPaidInfo=Y).
        card6no: OptStr = n.0.card6no(),
        /// red_dan: bonus points used (NeedExtraPaidInfo=Y).
        red_dan: OptStr = n.0.red_dan(),
        /// red_de_amt: amount paid with bonus points (NeedExtraPaidInfo=Y).
        red_de_amt: OptStr = n.0.red_de_amt(),
        /// red_ok_amt: amount charged after bonus points (NeedExtraPaidInfo=Y).
        red_ok_amt: OptStr = n.0.red_ok_amt(),
        /// red_yet: remaining bonus points (NeedExtraPaidInfo=Y).
        red_yet: OptStr = n.0.red_yet(),
        /// stage: number of installments (NeedExtraPaidInfo=Y).
        stage: OptStr = n.0.stage(),
        /// stast: first installment amount (NeedExtraPaidInfo=Y).
        stast: OptStr = n.0.stast(),
        /// staed: each further installment amount (NeedExtraPaidInfo=Y).
        staed: OptStr = n.0.staed(),
        /// eci: 3-D Secure result (NeedExtraPaidInfo=Y).
        eci: OptStr = n.0.eci(),
        /// gwsr: the card authorisation number, the CreditRefundId of QueryTrade/V2 (NeedExtraPaidInfo=Y).
        gwsr: OptStr = n.0.gwsr(),
        /// process_date: when the card was charged (NeedExtraPaidInfo=Y).
        process_date: OptStr = n.0.process_date(),
        /// auth_code: the bank's authorisation code (NeedExtraPaidInfo=Y).
        auth_code: OptStr = n.0.auth_code(),
        /// amount: the authorised amount (credit card, NeedExtraPaidInfo=Y).
        amount: OptInt = n.0.amount(),
        /// SimulatePaid: 1 for a back-office simulation (see is_simulated).
        simulate_paid: OptStr = n.0.simulate_paid(),
        /// PaymentNo: the CVS code that was paid (CVS, NeedExtraPaidInfo=Y; empty for other methods).
        payment_no: OptStr = n.0.payment_no(),
        /// PayFrom: the convenience-store chain that took a CVS payment, e.g. family, ibon (CVS, NeedExtraPaidInfo=Y).
        pay_from: OptStr = n.0.pay_from(),
        /// UnionPay (NeedExtraPaidInfo=Y).
        union_pay: OptStr = n.0.union_pay(),
        /// ATMAccBank: the payer's bank code (ATM, NeedExtraPaidInfo=Y).
        atm_acc_bank: OptStr = n.0.atm_acc_bank(),
        /// ATMAccNo: the payer's account digits (ATM, NeedExtraPaidInfo=Y).
        atm_acc_no: OptStr = n.0.atm_acc_no(),
        /// CVSStoreID: the store that took the payment (CVS, NeedExtraPaidInfo=Y).
        cvs_store_id: OptStr = n.0.cvs_store_id(),
        /// CVSStoreName (CVS, NeedExtraPaidInfo=Y).
        cvs_store_name: OptStr = n.0.cvs_store_name(),
        /// PeriodType D/M/Y (first payment of a recurring order, NeedExtraPaidInfo=Y).
        period_type: OptStr = n.0.period_type(),
        /// Frequency (recurring, NeedExtraPaidInfo=Y).
        frequency: OptInt = n.0.frequency(),
        /// ExecTimes (recurring, NeedExtraPaidInfo=Y).
        exec_times: OptInt = n.0.exec_times(),
        /// PeriodAmount (recurring, NeedExtraPaidInfo=Y).
        period_amount: OptInt = n.0.period_amount(),
        /// TotalSuccessTimes (recurring, NeedExtraPaidInfo=Y).
        total_success_times: OptInt = n.0.total_success_times(),
        /// TotalSuccessAmount (recurring, NeedExtraPaidInfo=Y).
        total_success_amount: OptInt = n.0.total_success_amount(),
    }
}

notification_kind! {
    /// PaymentInfoURL / ClientRedirectURL: an ATM account or a CVS/BARCODE payment code was
    /// issued (RtnCode 2 or 10100073; anything else is a failed issue). Nothing is paid yet.
    PAYMENT_CODE_ISSUED: PaymentCodeIssued as "PaymentCodeIssued" |n| {
        /// TradeNo: the gateway's trade number.
        trade_no: OptStr = n.0.trade_no(),
        /// TradeAmt: the amount to pay, as a whole number.
        trade_amt: OptInt = n.0.trade_amt(),
        /// PaymentType, e.g. ATM_FIRST, CVS_CVS, BARCODE_BARCODE.
        payment_type: OptStr = n.0.payment_type(),
        /// TradeDate (yyyy/MM/dd HH:mm:ss): when the order was created.
        trade_date: OptStr = n.0.trade_date(),
        /// BankCode: the bank of the ATM virtual account.
        bank_code: OptStr = n.0.bank_code(),
        /// vAccount: the ATM virtual account number.
        v_account: OptStr = n.0.v_account(),
        /// PaymentNo: the CVS payment code.
        payment_no: OptStr = n.0.payment_no(),
        /// Barcode1: the first BARCODE segment (empty for CVS).
        barcode1: OptStr = n.0.barcode1(),
        /// Barcode2: the second BARCODE segment.
        barcode2: OptStr = n.0.barcode2(),
        /// Barcode3: the third BARCODE segment.
        barcode3: OptStr = n.0.barcode3(),
        /// ExpireDate: yyyy/MM/dd for ATM, yyyy/MM/dd HH:mm:ss for CVS and BARCODE.
        expire_date: OptStr = n.0.expire_date(),
        /// The three BARCODE segments, top to bottom, when all are present and non-empty; else absent.
        barcodes: OptStrList = n.0.barcodes().as_ref().map(|b| &b[..]),
    }
}

notification_kind! {
    /// PeriodReturnURL: one recurring card charge, from the 2nd period on. Sent once only: a
    /// missed one is recovered with QueryCreditCardPeriodInfo.
    PERIOD_CHARGE: PeriodCharge as "PeriodCharge" |n| {
        /// PeriodType: D, M or Y.
        period_type: OptStr = n.0.period_type(),
        /// Gwsr: the card authorisation number of this charge.
        gwsr: OptStr = n.0.gwsr(),
        /// ProcessDate: when the card was charged.
        process_date: OptStr = n.0.process_date(),
        /// AuthCode: the bank's authorisation code.
        auth_code: OptStr = n.0.auth_code(),
        /// Amount: the amount charged this period. Check it against your schedule.
        amount: OptInt = n.0.amount(),
        /// Frequency.
        frequency: OptInt = n.0.frequency(),
        /// ExecTimes: how many charges in all.
        exec_times: OptInt = n.0.exec_times(),
        /// FirstAuthAmount: the amount authorised in the first period.
        first_auth_amount: OptInt = n.0.first_auth_amount(),
        /// TotalSuccessTimes: successful charges so far, this one included.
        total_success_times: OptInt = n.0.total_success_times(),
    }
}

/// The description of the class a notification of `kind` is in every language.
pub fn notification_desc(kind: NotificationKind) -> &'static TypeDesc {
    match kind {
        NotificationKind::PaymentResult => &PAYMENT_RESULT,
        NotificationKind::PaymentCodeIssued => &PAYMENT_CODE_ISSUED,
        NotificationKind::PeriodCharge => &PERIOD_CHARGE,
    }
}

/// The JSON view of a verified notification, with the fields of its kind.
pub fn notification_to_json(notification: &Notification) -> Value {
    match notification.kind() {
        NotificationKind::PaymentResult => PaymentResult(notification).to_json(),
        NotificationKind::PaymentCodeIssued => PaymentCodeIssued(notification).to_json(),
        NotificationKind::PeriodCharge => PeriodCharge(notification).to_json(),
    }
}

/// [`notification_to_json`] written straight as JSON text (see [`Described::write_json`]).
pub fn notification_to_json_text(notification: &Notification) -> String {
    match notification.kind() {
        NotificationKind::PaymentResult => PaymentResult(notification).to_json_text(),
        NotificationKind::PaymentCodeIssued => PaymentCodeIssued(notification).to_json_text(),
        NotificationKind::PeriodCharge => PeriodCharge(notification).to_json_text(),
    }
}

/// The flat view ([`super::flat`]) of a verified notification, with the fields of its kind.
pub fn notification_to_flat(notification: &Notification) -> Vec<u8> {
    let mut out = Vec::with_capacity(1024);
    match notification.kind() {
        NotificationKind::PaymentResult => PaymentResult(notification).write_flat(&mut out),
        NotificationKind::PaymentCodeIssued => PaymentCodeIssued(notification).write_flat(&mut out),
        NotificationKind::PeriodCharge => PeriodCharge(notification).write_flat(&mut out),
    }
    out
}

/// One field (snake_case) of [`notification_to_json`], computed alone; `None` when the kind has
/// no such field.
pub fn notification_field_json(notification: &Notification, name: &str) -> Option<Value> {
    match notification.kind() {
        NotificationKind::PaymentResult => PaymentResult(notification).field_json(name),
        NotificationKind::PaymentCodeIssued => PaymentCodeIssued(notification).field_json(name),
        NotificationKind::PeriodCharge => PeriodCharge(notification).field_json(name),
    }
}
