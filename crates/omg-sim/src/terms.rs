//! What the simulator needs to remember of an order, read from its fields once omg-core has
//! validated them (so nothing here re-checks a rule: absent or odd values fall back to the
//! protocol's defaults).

use omg_core::Fields;
use serde::Serialize;

use crate::recurring::PeriodType;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodTerms {
    pub period_type: PeriodType,
    pub frequency: u32,
    pub exec_times: u32,
    pub amount: i64,
    pub period_return_url: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrderTerms {
    pub merchant_id: String,
    pub merchant_trade_no: String,
    pub merchant_trade_date: String,
    pub store_id: String,
    pub platform_id: String,
    pub total_amount: i64,
    pub trade_desc: String,
    pub item_name: String,
    pub choose_payment: String,
    pub choose_sub_payment: String,
    pub ignore_payment: Vec<String>,
    pub return_url: String,
    pub order_result_url: String,
    pub client_back_url: String,
    pub payment_info_url: String,
    pub client_redirect_url: String,
    pub need_extra_paid_info: bool,
    pub custom_fields: [String; 4],
    /// The installment counts the payer may pick (empty: pay at once).
    pub credit_installment: Vec<u32>,
    pub period: Option<PeriodTerms>,
    /// ATM: minutes until the virtual account expires (ExpireMinute, else ExpireDate days).
    pub atm_expire_minutes: i64,
    /// CVS: minutes (StoreExpireDate); BARCODE: days (StoreExpireDate), already as minutes here.
    pub cvs_expire_minutes: i64,
    pub barcode_expire_minutes: i64,
    pub desc: [String; 4],
}

fn text(fields: &Fields, key: &str) -> String {
    fields.get(key).unwrap_or("").to_string()
}

fn number(fields: &Fields, key: &str) -> Option<i64> {
    fields.get(key).and_then(|v| v.trim().parse().ok())
}

impl OrderTerms {
    pub fn from_fields(fields: &Fields) -> Self {
        let period = match (fields.get("PeriodType").and_then(PeriodType::parse), number(fields, "PeriodAmount")) {
            (Some(period_type), Some(amount)) => Some(PeriodTerms {
                period_type,
                frequency: number(fields, "Frequency").unwrap_or(1).clamp(1, 365) as u32,
                exec_times: number(fields, "ExecTimes").unwrap_or(2).clamp(1, 999) as u32,
                amount,
                period_return_url: text(fields, "PeriodReturnURL"),
            }),
            _ => None,
        };
        let atm_expire_minutes = match number(fields, "ExpireMinute") {
            Some(minutes) if minutes > 0 => minutes,
            _ => number(fields, "ExpireDate").filter(|d| *d > 0).unwrap_or(3) * 24 * 60,
        };
        OrderTerms {
            merchant_id: text(fields, "MerchantID"),
            merchant_trade_no: text(fields, "MerchantTradeNo"),
            merchant_trade_date: text(fields, "MerchantTradeDate"),
            store_id: text(fields, "StoreID"),
            platform_id: text(fields, "PlatformID"),
            total_amount: number(fields, "TotalAmount").unwrap_or(0),
            trade_desc: text(fields, "TradeDesc"),
            item_name: text(fields, "ItemName"),
            choose_payment: text(fields, "ChoosePayment"),
            choose_sub_payment: text(fields, "ChooseSubPayment"),
            ignore_payment: fields.get("IgnorePayment").unwrap_or("").split('#').filter(|s| !s.is_empty()).map(str::to_string).collect(),
            return_url: text(fields, "ReturnURL"),
            order_result_url: text(fields, "OrderResultURL"),
            client_back_url: text(fields, "ClientBackURL"),
            payment_info_url: text(fields, "PaymentInfoURL"),
            client_redirect_url: text(fields, "ClientRedirectURL"),
            need_extra_paid_info: fields.get("NeedExtraPaidInfo") == Some("Y"),
            custom_fields: [1, 2, 3, 4].map(|i| text(fields, &format!("CustomField{i}"))),
            credit_installment: fields.get("CreditInstallment").unwrap_or("").split(',').filter_map(|s| s.trim().parse().ok()).collect(),
            period,
            atm_expire_minutes,
            cvs_expire_minutes: number(fields, "StoreExpireDate").filter(|m| *m > 0).unwrap_or(10_080),
            barcode_expire_minutes: number(fields, "StoreExpireDate").filter(|d| *d > 0).unwrap_or(7) * 24 * 60,
            desc: [1, 2, 3, 4].map(|i| text(fields, &format!("Desc_{i}"))),
        }
    }

    /// The items of ItemName (joined with `#` on the wire).
    pub fn items(&self) -> Vec<&str> {
        self.item_name.split('#').filter(|s| !s.is_empty()).collect()
    }
}

/// A payment method the payer can use, as ChoosePayment names it.
pub const METHODS: [&str; 5] = ["Credit", "ATM", "CVS", "BARCODE", "AFTEE"];

/// The methods an `ALL` order offers: every method but the ignored ones.
pub fn offered_methods(terms: &OrderTerms) -> Vec<&'static str> {
    if terms.choose_payment != "ALL" {
        return METHODS.iter().copied().filter(|m| *m == terms.choose_payment).collect();
    }
    METHODS.iter().copied().filter(|m| !terms.ignore_payment.iter().any(|i| i.eq_ignore_ascii_case(m))).collect()
}

/// The PaymentType the gateway reports for a method (and the order's ChooseSubPayment).
pub fn payment_type(method: &str, sub_payment: &str) -> String {
    let sub = |default: &str| if sub_payment.is_empty() { default.to_string() } else { sub_payment.to_string() };
    match method {
        "Credit" => "Credit_CreditCard".into(),
        "ATM" => format!("ATM_{}", sub("FIRST")),
        "CVS" => format!("CVS_{}", sub("CVS")),
        "BARCODE" => "BARCODE_BARCODE".into(),
        "AFTEE" => "AFTEE_AFTEE".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_lists() {
        let f = Fields::from_pairs([
            ("MerchantTradeNo", "A1"),
            ("TotalAmount", "100"),
            ("ChoosePayment", "ALL"),
            ("IgnorePayment", "ATM#CVS"),
            ("ItemName", "a#b"),
            ("CreditInstallment", "3,6"),
        ])
        .unwrap();
        let t = OrderTerms::from_fields(&f);
        assert_eq!(t.items(), ["a", "b"]);
        assert_eq!(t.credit_installment, [3, 6]);
        assert_eq!(t.atm_expire_minutes, 3 * 24 * 60);
        assert_eq!(offered_methods(&t), ["Credit", "BARCODE", "AFTEE"]);
        assert_eq!(payment_type("ATM", ""), "ATM_FIRST");
        assert_eq!(payment_type("CVS", "IBON"), "CVS_IBON");
    }
}
