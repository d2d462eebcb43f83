//! Realistic notifications, correctly signed: for merchants' own tests of their notification
//! handler, and for omg-sim, which sends exactly these to merchants.
//!
//! Each notification is a struct with public fields. Its starting value (`Default`, or
//! `CodeIssued::atm/cvs/barcode`) fills what the gateway fills (RtnCode and RtnMsg of a success,
//! CustomField1–4 and StoreID present and empty, SimulatePaid `0`); set the rest with
//! struct-update syntax:
//!
//! ```
//! use omg_core::notify::builder::PaymentResult;
//! use omg_core::{notify, Credentials};
//!
//! let credentials = Credentials::stage();
//! let body = PaymentResult {
//!     merchant_id: credentials.merchant_id().into(),
//!     merchant_trade_no: "A240101100000x1y2".into(),
//!     trade_no: "2401011000001234".into(),
//!     trade_amt: 100,
//!     payment_date: "2024/01/01 10:01:00".into(),
//!     trade_date: "2024/01/01 10:00:00".into(),
//!     ..Default::default()
//! }
//! .sign(&credentials)
//! .unwrap();
//! let n = notify::verify_notification(body.as_bytes(), &credentials).unwrap();
//! assert!(n.is_paid());
//! ```
//!
//! Fields come in the order protocol.md §5 lists them (the signature does not depend on order).

use crate::config::Credentials;
use crate::error::Result;
use crate::fields::Fields;
use crate::mac::{self, HashMethod};

/// Signs `fields` (SHA-256) and returns the form body a gateway would POST, CheckMacValue last.
/// A CheckMacValue already among `fields` is replaced.
pub fn sign_notification(fields: Fields, credentials: &Credentials) -> Result<String> {
    sign_notification_with(fields, credentials, HashMethod::Sha256)
}

/// [`sign_notification`] with an explicit hash (MD5 for legacy merchants).
pub fn sign_notification_with(mut fields: Fields, credentials: &Credentials, method: HashMethod) -> Result<String> {
    fields.remove(mac::CHECK_MAC_VALUE);
    mac::sign_in_place(&mut fields, credentials.hash_key(), credentials.hash_iv(), method)?;
    Ok(fields.to_form_body())
}

fn push_custom_fields(fields: &mut Fields, custom: &[String; 4]) {
    for (i, value) in custom.iter().enumerate() {
        fields.push(format!("CustomField{}", i + 1), value.as_str());
    }
}

/// Appends `extra` (such as NeedExtraPaidInfo fields), replacing a field of the same name.
fn append(fields: &mut Fields, extra: &Fields) {
    for (k, v) in extra {
        fields.set(k, v);
    }
}

/// ReturnURL / OrderResultURL: the outcome of a payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentResult {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub store_id: String,
    /// Default 1 (paid).
    pub rtn_code: i64,
    /// Default `交易成功`.
    pub rtn_msg: String,
    pub trade_no: String,
    pub trade_amt: i64,
    /// `yyyy/MM/dd HH:mm:ss`, Taiwan time.
    pub payment_date: String,
    /// Default `Credit_CreditCard`.
    pub payment_type: String,
    /// Default `0`; may be decimal.
    pub payment_type_charge_fee: String,
    /// `yyyy/MM/dd HH:mm:ss`, Taiwan time: when the order was created.
    pub trade_date: String,
    /// Sends SimulatePaid `1` instead of `0`.
    pub simulate_paid: bool,
    pub custom_fields: [String; 4],
    /// Appended after CustomField4: NeedExtraPaidInfo fields ([`CreditExtra`], [`atm_extra`],
    /// [`cvs_extra`], [`RecurringExtra`]) or any other field.
    pub extra: Fields,
}

impl Default for PaymentResult {
    fn default() -> Self {
        PaymentResult {
            merchant_id: String::new(),
            merchant_trade_no: String::new(),
            store_id: String::new(),
            rtn_code: 1,
            rtn_msg: "交易成功".into(),
            trade_no: String::new(),
            trade_amt: 0,
            payment_date: String::new(),
            payment_type: "Credit_CreditCard".into(),
            payment_type_charge_fee: "0".into(),
            trade_date: String::new(),
            simulate_paid: false,
            custom_fields: Default::default(),
            extra: Fields::new(),
        }
    }
}

impl PaymentResult {
    /// The unsigned fields.
    pub fn fields(&self) -> Fields {
        let mut f = Fields::new();
        f.push("MerchantID", self.merchant_id.as_str());
        f.push("MerchantTradeNo", self.merchant_trade_no.as_str());
        f.push("StoreID", self.store_id.as_str());
        f.push("RtnCode", self.rtn_code.to_string());
        f.push("RtnMsg", self.rtn_msg.as_str());
        f.push("TradeNo", self.trade_no.as_str());
        f.push("TradeAmt", self.trade_amt.to_string());
        f.push("PaymentDate", self.payment_date.as_str());
        f.push("PaymentType", self.payment_type.as_str());
        f.push("PaymentTypeChargeFee", self.payment_type_charge_fee.as_str());
        f.push("TradeDate", self.trade_date.as_str());
        f.push("SimulatePaid", if self.simulate_paid { "1" } else { "0" });
        push_custom_fields(&mut f, &self.custom_fields);
        append(&mut f, &self.extra);
        f
    }

    /// The signed form body.
    pub fn sign(&self, credentials: &Credentials) -> Result<String> {
        sign_notification(self.fields(), credentials)
    }
}

/// What a payment-code notification issued, with the fields of that method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaymentCode {
    /// A virtual bank account. `expire_date` is `yyyy/MM/dd`.
    Atm { bank_code: String, v_account: String, expire_date: String },
    /// A code typed in at the store. `expire_date` is `yyyy/MM/dd HH:mm:ss`. Barcode1–3 are sent
    /// present and empty, as the gateway does.
    Cvs { payment_no: String, expire_date: String },
    /// Three Code 39 segments, top to bottom. `expire_date` is `yyyy/MM/dd HH:mm:ss`.
    Barcode { barcodes: [String; 3], expire_date: String },
}

/// PaymentInfoURL / ClientRedirectURL: an ATM account or a CVS/BARCODE code was issued. Start
/// from [`CodeIssued::atm`], [`CodeIssued::cvs`] or [`CodeIssued::barcode`], which set RtnCode,
/// RtnMsg and PaymentType for the method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeIssued {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub store_id: String,
    /// 2 for ATM, 10100073 for CVS and BARCODE; anything else is a failed issue.
    pub rtn_code: i64,
    pub rtn_msg: String,
    pub trade_no: String,
    pub trade_amt: i64,
    pub payment_type: String,
    /// `yyyy/MM/dd HH:mm:ss`, Taiwan time: when the order was created.
    pub trade_date: String,
    pub custom_fields: [String; 4],
    pub code: PaymentCode,
    /// Appended last: any further field.
    pub extra: Fields,
}

impl CodeIssued {
    fn with_code(code: PaymentCode, rtn_code: i64, rtn_msg: &str, payment_type: &str) -> Self {
        CodeIssued {
            merchant_id: String::new(),
            merchant_trade_no: String::new(),
            store_id: String::new(),
            rtn_code,
            rtn_msg: rtn_msg.into(),
            trade_no: String::new(),
            trade_amt: 0,
            payment_type: payment_type.into(),
            trade_date: String::new(),
            custom_fields: Default::default(),
            code,
            extra: Fields::new(),
        }
    }

    /// An ATM virtual account: RtnCode 2, PaymentType `ATM_FIRST`.
    pub fn atm(bank_code: &str, v_account: &str, expire_date: &str) -> Self {
        let code = PaymentCode::Atm {
            bank_code: bank_code.into(),
            v_account: v_account.into(),
            expire_date: expire_date.into(),
        };
        Self::with_code(code, 2, "Get VirtualAccount Succeeded", "ATM_FIRST")
    }

    /// A CVS payment code: RtnCode 10100073, PaymentType `CVS_CVS`.
    pub fn cvs(payment_no: &str, expire_date: &str) -> Self {
        let code = PaymentCode::Cvs { payment_no: payment_no.into(), expire_date: expire_date.into() };
        Self::with_code(code, 10100073, "Get CVS Code Succeeded.", "CVS_CVS")
    }

    /// Three BARCODE segments: RtnCode 10100073, PaymentType `BARCODE_BARCODE`.
    pub fn barcode(barcodes: [&str; 3], expire_date: &str) -> Self {
        let code = PaymentCode::Barcode { barcodes: barcodes.map(String::from), expire_date: expire_date.into() };
        Self::with_code(code, 10100073, "Get CVS Code Succeeded.", "BARCODE_BARCODE")
    }

    /// The unsigned fields: the common ones, CustomField1–4, then those of the method.
    pub fn fields(&self) -> Fields {
        let mut f = Fields::new();
        f.push("MerchantID", self.merchant_id.as_str());
        f.push("MerchantTradeNo", self.merchant_trade_no.as_str());
        f.push("StoreID", self.store_id.as_str());
        f.push("RtnCode", self.rtn_code.to_string());
        f.push("RtnMsg", self.rtn_msg.as_str());
        f.push("TradeNo", self.trade_no.as_str());
        f.push("TradeAmt", self.trade_amt.to_string());
        f.push("PaymentType", self.payment_type.as_str());
        f.push("TradeDate", self.trade_date.as_str());
        push_custom_fields(&mut f, &self.custom_fields);
        match &self.code {
            PaymentCode::Atm { bank_code, v_account, expire_date } => {
                f.push("BankCode", bank_code.as_str());
                f.push("vAccount", v_account.as_str());
                f.push("ExpireDate", expire_date.as_str());
            }
            PaymentCode::Cvs { payment_no, expire_date } => {
                f.push("PaymentNo", payment_no.as_str());
                f.push("ExpireDate", expire_date.as_str());
                f.push("Barcode1", "");
                f.push("Barcode2", "");
                f.push("Barcode3", "");
            }
            PaymentCode::Barcode { barcodes, expire_date } => {
                f.push("Barcode1", barcodes[0].as_str());
                f.push("Barcode2", barcodes[1].as_str());
                f.push("Barcode3", barcodes[2].as_str());
                f.push("ExpireDate", expire_date.as_str());
            }
        }
        append(&mut f, &self.extra);
        f
    }

    /// The signed form body.
    pub fn sign(&self, credentials: &Credentials) -> Result<String> {
        sign_notification(self.fields(), credentials)
    }
}

/// PeriodReturnURL: one recurring charge, 2nd period on. Note the capitalised names (`Gwsr`,
/// `ProcessDate`, `AuthCode`, `Amount`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodCharge {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub store_id: String,
    /// Default 1 (charged).
    pub rtn_code: i64,
    /// Default `交易成功`.
    pub rtn_msg: String,
    /// `D`, `M` or `Y`; default `M`.
    pub period_type: String,
    /// Default 1.
    pub frequency: i64,
    /// Default 12.
    pub exec_times: i64,
    /// This period's amount.
    pub amount: i64,
    pub gwsr: String,
    /// `yyyy/MM/dd HH:mm:ss`, Taiwan time.
    pub process_date: String,
    pub auth_code: String,
    pub first_auth_amount: i64,
    /// Successful charges so far, this one included.
    pub total_success_times: i64,
    pub custom_fields: [String; 4],
    /// Adds SimulatePaid `1`; the field is absent otherwise, as on the real gateway.
    pub simulate_paid: bool,
    /// Appended last: any further field.
    pub extra: Fields,
}

impl Default for PeriodCharge {
    fn default() -> Self {
        PeriodCharge {
            merchant_id: String::new(),
            merchant_trade_no: String::new(),
            store_id: String::new(),
            rtn_code: 1,
            rtn_msg: "交易成功".into(),
            period_type: "M".into(),
            frequency: 1,
            exec_times: 12,
            amount: 0,
            gwsr: String::new(),
            process_date: String::new(),
            auth_code: String::new(),
            first_auth_amount: 0,
            total_success_times: 2,
            custom_fields: Default::default(),
            simulate_paid: false,
            extra: Fields::new(),
        }
    }
}

impl PeriodCharge {
    /// The unsigned fields.
    pub fn fields(&self) -> Fields {
        let mut f = Fields::new();
        f.push("MerchantID", self.merchant_id.as_str());
        f.push("MerchantTradeNo", self.merchant_trade_no.as_str());
        f.push("StoreID", self.store_id.as_str());
        f.push("RtnCode", self.rtn_code.to_string());
        f.push("RtnMsg", self.rtn_msg.as_str());
        f.push("PeriodType", self.period_type.as_str());
        f.push("Frequency", self.frequency.to_string());
        f.push("ExecTimes", self.exec_times.to_string());
        f.push("Amount", self.amount.to_string());
        f.push("Gwsr", self.gwsr.as_str());
        f.push("ProcessDate", self.process_date.as_str());
        f.push("AuthCode", self.auth_code.as_str());
        f.push("FirstAuthAmount", self.first_auth_amount.to_string());
        f.push("TotalSuccessTimes", self.total_success_times.to_string());
        push_custom_fields(&mut f, &self.custom_fields);
        if self.simulate_paid {
            f.push("SimulatePaid", "1");
        }
        append(&mut f, &self.extra);
        f
    }

    /// The signed form body.
    pub fn sign(&self, credentials: &Credentials) -> Result<String> {
        sign_notification(self.fields(), credentials)
    }
}

/// The NeedExtraPaidInfo fields of a credit card payment result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CreditExtra {
    pub card4no: String,
    pub card6no: String,
    pub red_dan: String,
    pub red_de_amt: String,
    pub red_ok_amt: String,
    pub red_yet: String,
    pub stage: String,
    pub stast: String,
    pub staed: String,
    pub eci: String,
    pub gwsr: String,
    pub process_date: String,
    pub auth_code: String,
    pub amount: i64,
    pub union_pay: String,
}

impl CreditExtra {
    pub fn fields(&self) -> Fields {
        let mut f = Fields::new();
        for (k, v) in [
            ("card4no", &self.card4no),
            ("card6no", &self.card6no),
            ("red_dan", &self.red_dan),
            ("red_de_amt", &self.red_de_amt),
            ("red_ok_amt", &self.red_ok_amt),
            ("red_yet", &self.red_yet),
            ("stage", &self.stage),
            ("stast", &self.stast),
            ("staed", &self.staed),
            ("eci", &self.eci),
            ("gwsr", &self.gwsr),
            ("process_date", &self.process_date),
            ("auth_code", &self.auth_code),
        ] {
            f.push(k, v.as_str());
        }
        f.push("amount", self.amount.to_string());
        f.push("UnionPay", self.union_pay.as_str());
        f
    }
}

/// The NeedExtraPaidInfo fields of an ATM payment result: the payer's bank and account.
pub fn atm_extra(atm_acc_bank: &str, atm_acc_no: &str) -> Fields {
    let mut f = Fields::new();
    f.push("ATMAccBank", atm_acc_bank);
    f.push("ATMAccNo", atm_acc_no);
    f
}

/// The NeedExtraPaidInfo fields of a CVS payment result: the code that was paid (PaymentNo), the
/// store chain (PayFrom: `family`, `ibon`, `hilife`, `okmart`, ...) and the store that took the
/// payment. PayFrom is a CVS field, not a card one (protocol.md §5).
pub fn cvs_extra(payment_no: &str, pay_from: &str, cvs_store_id: &str, cvs_store_name: &str) -> Fields {
    let mut f = Fields::new();
    f.push("PaymentNo", payment_no);
    f.push("PayFrom", pay_from);
    f.push("CVSStoreID", cvs_store_id);
    f.push("CVSStoreName", cvs_store_name);
    f
}

pub use crate::mac::shape::EXTRA_PAID_INFO_FIELDS;

/// The whole NeedExtraPaidInfo set as ECPay-family gateways send it whatever the payment method:
/// every field of [`EXTRA_PAID_INFO_FIELDS`], empty, then `filled` set on top. So a card result
/// carries `PaymentNo=&PayFrom=&ATMAccBank=&…` as real captures do (protocol.md §5).
pub fn whole_extras_set(filled: &Fields) -> Fields {
    let mut f = Fields::new();
    for name in EXTRA_PAID_INFO_FIELDS {
        f.push(name, "");
    }
    append(&mut f, filled);
    f
}

/// The NeedExtraPaidInfo fields of a recurring order's first payment result.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecurringExtra {
    pub period_type: String,
    pub frequency: i64,
    pub exec_times: i64,
    pub period_amount: i64,
    pub total_success_times: i64,
    pub total_success_amount: i64,
}

impl RecurringExtra {
    pub fn fields(&self) -> Fields {
        let mut f = Fields::new();
        f.push("PeriodType", self.period_type.as_str());
        f.push("Frequency", self.frequency.to_string());
        f.push("ExecTimes", self.exec_times.to_string());
        f.push("PeriodAmount", self.period_amount.to_string());
        f.push("TotalSuccessTimes", self.total_success_times.to_string());
        f.push("TotalSuccessAmount", self.total_success_amount.to_string());
        f
    }
}
