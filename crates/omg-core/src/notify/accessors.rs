//! Named accessors for every field of protocol.md §5. Text fields return the value exactly as
//! received (`None` when absent); whole-number fields return `None` when absent or not written
//! as an integer — `100.00` included, amounts are whole dollars (the text is still
//! in `raw()`). PaymentTypeChargeFee can be decimal (`25.00`) and stays text.
//!
//! Four fields are spelt differently by PeriodReturnURL (`Gwsr`, `ProcessDate`, `AuthCode`,
//! `Amount`) and by the NeedExtraPaidInfo extras of a payment result (`gwsr`, `process_date`,
//! `auth_code`, `amount`). Their accessors read the spelling of this notification's kind, so
//! `gwsr()` is the card authorisation number whichever notification carried it.

use super::kind::NotificationKind;
use super::notification::Notification;

fn whole_number(value: Option<&str>) -> Option<i64> {
    value?.trim().parse().ok()
}

/// Text accessors, one per field name.
macro_rules! text_fields {
    ($($(#[$doc:meta])* $method:ident => $name:literal;)*) => {
        impl Notification {
            $(
                $(#[$doc])*
                #[doc = concat!("The `", $name, "` field.")]
                pub fn $method(&self) -> Option<&str> {
                    self.get($name)
                }
            )*
        }
    };
}

/// Whole-number accessors, one per field name.
macro_rules! number_fields {
    ($($(#[$doc:meta])* $method:ident => $name:literal;)*) => {
        impl Notification {
            $(
                $(#[$doc])*
                #[doc = concat!("The `", $name, "` field as a whole number.")]
                pub fn $method(&self) -> Option<i64> {
                    whole_number(self.get($name))
                }
            )*
        }
    };
}

text_fields! {
    // Every notification.
    merchant_id => "MerchantID";
    merchant_trade_no => "MerchantTradeNo";
    store_id => "StoreID";
    /// Never branch on it: a re-sent notification may say `交易成功`, `paid` or `Succeeded`.
    rtn_msg => "RtnMsg";
    /// `1` for a back-office simulated payment; see `is_simulated`.
    simulate_paid => "SimulatePaid";
    // Payment result and payment code issued.
    /// The gateway's 20-character trade number.
    trade_no => "TradeNo";
    /// Table 9 of protocol.md, e.g. `Credit_CreditCard`, `ATM_FIRST`; unknown names are kept.
    payment_type => "PaymentType";
    trade_date => "TradeDate";
    payment_date => "PaymentDate";
    /// May be decimal, e.g. `25.00`.
    payment_type_charge_fee => "PaymentTypeChargeFee";
    // Payment code issued.
    /// ATM: the bank code of the virtual account.
    bank_code => "BankCode";
    /// ATM: the virtual account number.
    v_account => "vAccount";
    /// CVS: the payment code typed in at the store — on the code-issued notification, and again
    /// among the NeedExtraPaidInfo extras of the paid result.
    payment_no => "PaymentNo";
    /// BARCODE: the first of three Code 39 segments (present but empty for CVS).
    barcode1 => "Barcode1";
    barcode2 => "Barcode2";
    barcode3 => "Barcode3";
    /// `yyyy/MM/dd` for ATM, `yyyy/MM/dd HH:mm:ss` for CVS.
    expire_date => "ExpireDate";
    // NeedExtraPaidInfo, credit card.
    card4no => "card4no";
    card6no => "card6no";
    red_dan => "red_dan";
    red_de_amt => "red_de_amt";
    red_ok_amt => "red_ok_amt";
    red_yet => "red_yet";
    /// Installments: number of periods.
    stage => "stage";
    /// Installments: first payment.
    stast => "stast";
    /// Installments: each further payment.
    staed => "staed";
    eci => "eci";
    union_pay => "UnionPay";
    // NeedExtraPaidInfo, ATM and CVS.
    atm_acc_bank => "ATMAccBank";
    atm_acc_no => "ATMAccNo";
    /// CVS: the store chain that took the payment (`family`, `ibon`, `hilife`, `okmart`, ...).
    /// Not a card field, whatever some summaries say (protocol.md §5).
    pay_from => "PayFrom";
    cvs_store_id => "CVSStoreID";
    cvs_store_name => "CVSStoreName";
    // Recurring (period charge, and the recurring extras of a payment result).
    /// `D`, `M` or `Y`.
    period_type => "PeriodType";
}

number_fields! {
    /// `1` paid / done, `2` ATM account issued, `10100073` CVS/BARCODE code issued.
    rtn_code => "RtnCode";
    trade_amt => "TradeAmt";
    frequency => "Frequency";
    exec_times => "ExecTimes";
    period_amount => "PeriodAmount";
    total_success_times => "TotalSuccessTimes";
    total_success_amount => "TotalSuccessAmount";
    /// Period charge: the amount authorised in the first period.
    first_auth_amount => "FirstAuthAmount";
}

impl Notification {
    /// The field named `period_name` for a period charge and `extra_name` otherwise.
    fn by_kind(&self, period_name: &str, extra_name: &str) -> Option<&str> {
        match self.kind() {
            NotificationKind::PeriodCharge => self.get(period_name),
            _ => self.get(extra_name),
        }
    }

    /// CustomField1 to CustomField4 (`n` from 1 to 4; `None` for any other `n`).
    pub fn custom_field(&self, n: u8) -> Option<&str> {
        match n {
            1 => self.get("CustomField1"),
            2 => self.get("CustomField2"),
            3 => self.get("CustomField3"),
            4 => self.get("CustomField4"),
            _ => None,
        }
    }

    /// The card authorisation number: `Gwsr` of a period charge, the `gwsr` extra otherwise. It is
    /// the CreditRefundId of QueryTrade/V2.
    pub fn gwsr(&self) -> Option<&str> {
        self.by_kind("Gwsr", "gwsr")
    }

    /// When the card was charged: `ProcessDate` of a period charge, `process_date` otherwise.
    pub fn process_date(&self) -> Option<&str> {
        self.by_kind("ProcessDate", "process_date")
    }

    /// The bank's authorisation code: `AuthCode` of a period charge, `auth_code` otherwise.
    pub fn auth_code(&self) -> Option<&str> {
        self.by_kind("AuthCode", "auth_code")
    }

    /// The amount charged: `Amount` of a period charge, the `amount` extra (authorised amount)
    /// otherwise.
    pub fn amount(&self) -> Option<i64> {
        whole_number(self.by_kind("Amount", "amount"))
    }

    /// The three BARCODE segments, top to bottom, when all three are present and non-empty.
    pub fn barcodes(&self) -> Option<[&str; 3]> {
        let segments = [self.barcode1()?, self.barcode2()?, self.barcode3()?];
        if segments.iter().any(|s| s.is_empty()) {
            return None;
        }
        Some(segments)
    }
}
