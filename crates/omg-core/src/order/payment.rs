//! How the payer pays: one enum variant per payment method (protocol.md §4 "Per payment method"),
//! each holding only the options that method accepts, so a recurring field on an ATM order cannot
//! be written down in Rust at all. (`Order::from_fields` refuses such mixtures on the wire.)

use super::choices::{AtmBank, CvsStore, Method, PeriodType, UnionPay};

/// The payment method of an order and its options. `ChoosePayment` on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Payment {
    /// `Credit`, paid at once.
    Credit(Credit),
    /// `Credit` with `CreditInstallment` (E.SUN-acquired merchants only).
    CreditInstallments(CreditInstallments),
    /// `Credit` with `PeriodAmount`/`PeriodType`/`Frequency`/`ExecTimes`: a recurring charge.
    CreditRecurring(CreditRecurring),
    /// `ATM`: a virtual bank account to transfer to.
    Atm(Atm),
    /// `CVS`: a payment code for a convenience store kiosk.
    Cvs(Cvs),
    /// `BARCODE`: three barcodes printed and paid at a convenience store counter.
    Barcode(Barcode),
    /// `AFTEE`: buy now, pay later. No options are known.
    Aftee,
    /// `ALL`: the payer chooses on the gateway's page.
    All(AllMethods),
}

impl Default for Payment {
    /// A one-time credit card payment with no options: the most common order.
    fn default() -> Self {
        Payment::Credit(Credit::default())
    }
}

impl Payment {
    /// The `ChoosePayment` value.
    pub fn choose_payment(&self) -> &'static str {
        match self {
            Payment::Credit(_) | Payment::CreditInstallments(_) | Payment::CreditRecurring(_) => {
                Method::Credit.as_wire()
            }
            Payment::Atm(_) => Method::Atm.as_wire(),
            Payment::Cvs(_) => Method::Cvs.as_wire(),
            Payment::Barcode(_) => Method::Barcode.as_wire(),
            Payment::Aftee => Method::Aftee.as_wire(),
            Payment::All(_) => "ALL",
        }
    }
}

/// One-time credit card payment options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Credit {
    /// `BindingCard`: remember the card for this member (`1`) or not (`0`).
    pub binding_card: Option<bool>,
    /// `MerchantMemberID` (≤30): the member whose card is remembered; required with
    /// `binding_card: Some(true)`.
    pub merchant_member_id: Option<String>,
    /// `UnionPay`: whether UnionPay cards are offered.
    pub union_pay: Option<UnionPay>,
}

/// Credit card payment in installments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreditInstallments {
    /// `CreditInstallment`: the numbers of installments the payer may choose from, a non-empty
    /// subset of 3, 6, 12, 18, 24, 30 without repeats. Sent comma-joined in the given order.
    pub installments: Vec<u32>,
    /// `BindingCard` / `MerchantMemberID`: card binding is allowed with installments (only
    /// UnionPay excludes it, V1.3.7 p.15).
    pub binding: CardBinding,
}

/// `BindingCard` and `MerchantMemberID`: remember the card for a member of the shop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardBinding {
    /// `BindingCard`: `1` remembers the card for `merchant_member_id`.
    pub binding_card: Option<bool>,
    /// `MerchantMemberID` (≤30): required with `binding_card: Some(true)`.
    pub merchant_member_id: Option<String>,
}

/// A recurring credit card charge (定期定額).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditRecurring {
    /// `PeriodAmount`: the amount of every charge; must equal the order's TotalAmount.
    pub period_amount: i64,
    /// `PeriodType`: the unit of `frequency`.
    pub period_type: PeriodType,
    /// `Frequency`: charge every this many units (D 1–365, M 1–12, Y 1).
    pub frequency: i64,
    /// `ExecTimes`: how many charges in all (D 2–999, M 2–99, Y 2–9).
    pub exec_times: i64,
    /// `PeriodReturnURL`: the server URL told of each charge from the 2nd on.
    pub period_return_url: Option<String>,
    /// `BindingCard` / `MerchantMemberID`: allowed with recurring (V1.3.7 p.15).
    pub binding: CardBinding,
}

/// ATM virtual account options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Atm {
    /// `ExpireDate`: days the account stays valid, 1–60 (gateway default 3).
    pub expire_days: Option<i64>,
    /// `ExpireMinute`: minutes the account stays valid, 10–1440; overrides `expire_days`.
    pub expire_minutes: Option<i64>,
    /// `ChooseSubPayment`: the bank.
    pub bank: Option<AtmBank>,
    /// `PaymentInfoURL`: the server URL told of the account number.
    pub payment_info_url: Option<String>,
    /// `ClientRedirectURL`: where the payer's browser goes with the account number.
    pub client_redirect_url: Option<String>,
}

/// CVS payment code options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cvs {
    /// `StoreExpireDate`, in MINUTES for CVS: 1–10080 (gateway default and maximum 10080 = 7 days).
    pub expire_minutes: Option<i64>,
    /// `ChooseSubPayment`: the store chain.
    pub store: Option<CvsStore>,
    /// `Desc_1`..`Desc_4` (≤20 each): lines shown on the store's kiosk.
    pub desc_1: Option<String>,
    pub desc_2: Option<String>,
    pub desc_3: Option<String>,
    pub desc_4: Option<String>,
    /// `PaymentInfoURL`: the server URL told of the payment code.
    pub payment_info_url: Option<String>,
    /// `ClientRedirectURL`: where the payer's browser goes with the payment code.
    pub client_redirect_url: Option<String>,
}

/// BARCODE options. `ChooseSubPayment=BARCODE` is accepted on the wire but not kept: it is the
/// only choice there is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Barcode {
    /// `StoreExpireDate`, in DAYS for BARCODE: 1–30 (gateway default 7).
    pub expire_days: Option<i64>,
    /// `Desc_1`..`Desc_4` (≤20 each).
    pub desc_1: Option<String>,
    pub desc_2: Option<String>,
    pub desc_3: Option<String>,
    pub desc_4: Option<String>,
    /// `PaymentInfoURL`: the server URL told of the barcodes.
    pub payment_info_url: Option<String>,
    /// `ClientRedirectURL`: where the payer's browser goes with the barcodes.
    pub client_redirect_url: Option<String>,
}

/// `ChoosePayment=ALL` options.
///
/// V1.3.7 pp.13–15 accept the per-method options with ALL too ("ALL 或 ATM" for ExpireDate,
/// "ALL 或 CVS" for StoreExpireDate and Desc_1–4, "ALL 或 Credit" for BindingCard and
/// MerchantMemberID), so an ALL order can carry the ATM expiry, the CVS expiry and texts and card
/// binding at once. StoreExpireDate with ALL is the CVS one, in minutes (the document ties it to
/// CVS there).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllMethods {
    /// `IgnorePayment`: methods not to offer, `#`-joined on the wire, in the given order.
    pub ignore_payment: Vec<Method>,
    /// `PaymentInfoURL`
    pub payment_info_url: Option<String>,
    /// `ClientRedirectURL`
    pub client_redirect_url: Option<String>,
    /// `ExpireDate`: days an ATM account stays valid, 1–60.
    pub atm_expire_days: Option<i64>,
    /// `StoreExpireDate`: minutes a CVS code stays valid, 1–10080.
    pub cvs_expire_minutes: Option<i64>,
    /// `Desc_1`..`Desc_4` (≤20 each), shown at the store.
    pub desc_1: Option<String>,
    pub desc_2: Option<String>,
    pub desc_3: Option<String>,
    pub desc_4: Option<String>,
    /// `BindingCard` / `MerchantMemberID` for a card payment.
    pub binding: CardBinding,
}
