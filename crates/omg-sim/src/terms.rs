//! What the simulator remembers of an order: a flat summary of omg-core's validated
//! [`omg_core::Order`], with the gateway's defaults filled in (ATM valid 3 days, CVS 10080
//! minutes, BARCODE 7 days). No rule is checked here: `Order::from_fields` + `validate` did that.

use omg_core::order::{AtmBank, CvsStore, Method, Payment, PeriodType};
use omg_core::Order;
use serde::{Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodTerms {
    #[serde(serialize_with = "wire_period_type")]
    pub period_type: PeriodType,
    pub frequency: u32,
    pub exec_times: u32,
    pub amount: i64,
    pub period_return_url: String,
}

pub(crate) fn wire_period_type<S: Serializer>(t: &PeriodType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(t.as_wire())
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
    /// ChoosePayment: `Credit`, `ATM`, `CVS`, `BARCODE`, `AFTEE` or `ALL`.
    pub choose_payment: String,
    /// The methods the payer may use (one, or several for `ALL` less IgnorePayment).
    pub offered_methods: Vec<String>,
    /// ChooseSubPayment as the order sent it: the ATM bank, the CVS store chain or `BARCODE`;
    /// empty when the payer picks on the payment page.
    pub choose_sub_payment: String,
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
    /// ExpireDate: the ATM account is valid through the end of the day this many days after it is
    /// issued (Taiwan time). None when ExpireMinute is given instead.
    pub atm_expire_days: Option<i64>,
    /// ExpireMinute (V1.4.9): the ATM account is valid this many minutes.
    pub atm_expire_minutes: Option<i64>,
    pub cvs_expire_minutes: i64,
    pub barcode_expire_minutes: i64,
    pub desc: [String; 4],
}

const DAY_MINUTES: i64 = 24 * 60;
/// The gateway's default ExpireDate for an ATM account.
const ATM_DEFAULT_DAYS: i64 = 3;

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

impl OrderTerms {
    /// The summary of a validated order sent by `merchant_id`.
    pub fn new(merchant_id: &str, order: &Order) -> Self {
        let mut terms = OrderTerms {
            merchant_id: merchant_id.to_string(),
            merchant_trade_no: order.merchant_trade_no.clone(),
            merchant_trade_date: text(&order.merchant_trade_date),
            store_id: text(&order.store_id),
            platform_id: text(&order.platform_id),
            total_amount: order.total_amount,
            trade_desc: order.trade_desc.clone(),
            item_name: order.item_name.clone(),
            choose_payment: order.payment.choose_payment().to_string(),
            offered_methods: Vec::new(),
            choose_sub_payment: String::new(),
            return_url: order.return_url.clone(),
            order_result_url: text(&order.order_result_url),
            client_back_url: text(&order.client_back_url),
            payment_info_url: String::new(),
            client_redirect_url: String::new(),
            need_extra_paid_info: order.need_extra_paid_info == Some(true),
            custom_fields: order.custom_fields().map(|f| f.unwrap_or("").to_string()),
            credit_installment: Vec::new(),
            period: None,
            atm_expire_days: Some(ATM_DEFAULT_DAYS),
            atm_expire_minutes: None,
            cvs_expire_minutes: 10_080,
            barcode_expire_minutes: 7 * DAY_MINUTES,
            desc: Default::default(),
        };
        let only = |m: Method| vec![m.as_wire().to_string()];
        match &order.payment {
            Payment::Credit(_) => terms.offered_methods = only(Method::Credit),
            Payment::CreditInstallments(c) => {
                terms.offered_methods = only(Method::Credit);
                terms.credit_installment = c.installments.clone();
            }
            Payment::CreditRecurring(r) => {
                terms.offered_methods = only(Method::Credit);
                terms.period = Some(PeriodTerms {
                    period_type: r.period_type,
                    frequency: r.frequency.clamp(1, 365) as u32,
                    exec_times: r.exec_times.clamp(1, 999) as u32,
                    amount: r.period_amount,
                    period_return_url: text(&r.period_return_url),
                });
            }
            Payment::Atm(a) => {
                terms.offered_methods = only(Method::Atm);
                terms.choose_sub_payment = a.bank.map(|b| b.as_wire().to_string()).unwrap_or_default();
                // ExpireMinute overrides ExpireDate (protocol.md §4).
                if let Some(minutes) = a.expire_minutes {
                    (terms.atm_expire_days, terms.atm_expire_minutes) = (None, Some(minutes));
                } else if let Some(days) = a.expire_days {
                    terms.atm_expire_days = Some(days);
                }
                terms.payment_info_url = text(&a.payment_info_url);
                terms.client_redirect_url = text(&a.client_redirect_url);
            }
            Payment::Cvs(c) => {
                terms.offered_methods = only(Method::Cvs);
                terms.choose_sub_payment = c.store.map(|s| s.as_wire().to_string()).unwrap_or_default();
                terms.cvs_expire_minutes = c.expire_minutes.unwrap_or(10_080);
                terms.desc = [&c.desc_1, &c.desc_2, &c.desc_3, &c.desc_4].map(text);
                terms.payment_info_url = text(&c.payment_info_url);
                terms.client_redirect_url = text(&c.client_redirect_url);
            }
            Payment::Barcode(b) => {
                terms.offered_methods = only(Method::Barcode);
                terms.barcode_expire_minutes = b.expire_days.unwrap_or(7) * DAY_MINUTES;
                terms.desc = [&b.desc_1, &b.desc_2, &b.desc_3, &b.desc_4].map(text);
                terms.payment_info_url = text(&b.payment_info_url);
                terms.client_redirect_url = text(&b.client_redirect_url);
            }
            Payment::Aftee => terms.offered_methods = only(Method::Aftee),
            Payment::All(a) => {
                terms.offered_methods = Method::ALL
                    .iter()
                    .filter(|m| !a.ignore_payment.contains(m))
                    .map(|m| m.as_wire().to_string())
                    .collect();
                terms.payment_info_url = text(&a.payment_info_url);
                terms.client_redirect_url = text(&a.client_redirect_url);
                // The per-method expiries an ALL order may carry (protocol.md §4).
                if let Some(days) = a.atm_expire_days {
                    terms.atm_expire_days = Some(days);
                }
                if let Some(minutes) = a.cvs_expire_minutes {
                    terms.cvs_expire_minutes = minutes;
                }
            }
        }
        terms
    }

    /// The items of ItemName (joined with `#` on the wire).
    pub fn items(&self) -> Vec<&str> {
        self.item_name.split(omg_core::order::ITEM_SEPARATOR).filter(|s| !s.is_empty()).collect()
    }

    pub fn offers(&self, method: &str) -> bool {
        self.offered_methods.iter().any(|m| m == method)
    }

    /// The PaymentType the gateway reports when this order is paid with `method` through
    /// `sub_payment` (the bank or store chain; the gateway's first choice when None).
    pub fn payment_type(&self, method: &str, sub_payment: Option<&str>) -> String {
        match method {
            "Credit" => "Credit_CreditCard".into(),
            "ATM" | "CVS" | "BARCODE" => {
                let sub = sub_payment.unwrap_or_else(|| default_sub_payment(method));
                format!("{method}_{sub}")
            }
            "AFTEE" => "AFTEE_AFTEE".into(),
            other => other.to_string(),
        }
    }

    /// The bank or store chain the order fixed with ChooseSubPayment, if it did.
    pub fn fixed_sub_payment(&self) -> Option<&str> {
        Some(self.choose_sub_payment.as_str()).filter(|s| !s.is_empty())
    }
}

/// The sub-payments (ChooseSubPayment, protocol.md §9) a payer can pick for a code method, the
/// gateway's default first; empty for the other methods.
pub fn sub_payments(method: &str) -> Vec<&'static str> {
    match method {
        "ATM" => AtmBank::ALL.iter().map(|b| b.as_wire()).collect(),
        "CVS" => CvsStore::ALL.iter().map(|s| s.as_wire()).collect(),
        "BARCODE" => vec!["BARCODE"],
        _ => Vec::new(),
    }
}

/// What the payer gets when no bank or store is named: FIRST, CVS, BARCODE.
pub fn default_sub_payment(method: &str) -> &'static str {
    sub_payments(method).first().copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use omg_core::order::{AllMethods, Atm};

    #[test]
    fn all_honours_ignore_payment_and_defaults_are_filled() {
        let mut order = Order::new(
            "A1",
            100,
            "d",
            "a#b",
            "http://127.0.0.1:1/r",
            Payment::All(AllMethods { ignore_payment: vec![Method::Atm, Method::Cvs], ..Default::default() }),
        );
        let t = OrderTerms::new("1000031", &order);
        assert_eq!(t.items(), ["a", "b"]);
        assert_eq!(t.offered_methods, ["Credit", "BARCODE", "AFTEE"]);
        assert_eq!(t.payment_type("ATM", None), "ATM_FIRST");
        assert_eq!(t.fixed_sub_payment(), None);
        order.payment = Payment::Atm(Atm { bank: Some(AtmBank::Kgi), expire_days: Some(2), ..Default::default() });
        let t = OrderTerms::new("1000031", &order);
        assert_eq!(t.payment_type("ATM", t.fixed_sub_payment()), "ATM_KGI");
        assert_eq!((t.atm_expire_days, t.atm_expire_minutes), (Some(2), None));
        order.payment = Payment::Atm(Atm { expire_days: Some(2), expire_minutes: Some(30), ..Default::default() });
        let t = OrderTerms::new("1000031", &order);
        assert_eq!((t.atm_expire_days, t.atm_expire_minutes), (None, Some(30)));
        assert_eq!(sub_payments("CVS"), ["CVS", "FAMILY", "IBON"]);
        assert_eq!(default_sub_payment("BARCODE"), "BARCODE");
    }
}
