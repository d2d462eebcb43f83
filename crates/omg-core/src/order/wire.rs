//! The order's wire form, both ways: `Order::to_fields` (what the SDK sends) and
//! `Order::from_fields` (how the simulator reads an incoming order and how the language
//! bindings build one from a mapping of wire names to values).

use super::choices::{AtmBank, CvsStore, InvoiceMark, Language, Method, PeriodType, UnionPay};
use super::names::*;
use super::payment::{
    AllMethods, Atm, Barcode, CardBinding, Credit, CreditInstallments, CreditRecurring, Cvs, Payment,
};
use super::Order;
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::rules;

/// The separator of `CreditInstallment` values.
const INSTALLMENT_SEPARATOR: char = ',';
/// The separator of `IgnorePayment` method names.
const IGNORE_SEPARATOR: char = '#';

impl Order {
    /// The order as wire fields, ready to sign: MerchantID, MerchantTradeNo, MerchantTradeDate
    /// (when set), PaymentType=aio, TotalAmount, TradeDesc, ItemName, ReturnURL, ChoosePayment,
    /// EncryptType=1, then every optional field that is set, then `extra` as given.
    ///
    /// Does not validate: call [`Order::validate`] first (`checkout` does). An extra field that
    /// collides with a modelled one is emitted as given, and signing then refuses it.
    pub fn to_fields(&self, merchant_id: &str) -> Fields {
        let mut out = Emitter(Fields::new());
        out.text(MERCHANT_ID, merchant_id);
        out.text(MERCHANT_TRADE_NO, &self.merchant_trade_no);
        out.optional(MERCHANT_TRADE_DATE, self.merchant_trade_date.as_deref());
        out.text(PAYMENT_TYPE, "aio");
        out.text(TOTAL_AMOUNT, &self.total_amount.to_string());
        out.text(TRADE_DESC, &self.trade_desc);
        out.text(ITEM_NAME, &self.item_name);
        out.text(RETURN_URL, &self.return_url);
        out.text(CHOOSE_PAYMENT, self.payment.choose_payment());
        out.text(ENCRYPT_TYPE, "1");

        out.optional(STORE_ID, self.store_id.as_deref());
        out.optional(ORDER_RESULT_URL, self.order_result_url.as_deref());
        out.optional(CLIENT_BACK_URL, self.client_back_url.as_deref());
        out.optional(ITEM_URL, self.item_url.as_deref());
        out.optional(REMARK, self.remark.as_deref());
        out.optional(PLATFORM_ID, self.platform_id.as_deref());
        out.optional(INVOICE_MARK, self.invoice_mark.map(InvoiceMark::as_wire));
        for (name, value) in CUSTOM_FIELDS.iter().zip(self.custom_fields()) {
            out.optional(name, value);
        }
        out.optional(LANGUAGE, self.language.map(Language::as_wire));
        out.optional(NEED_EXTRA_PAID_INFO, self.need_extra_paid_info.map(|y| if y { "Y" } else { "N" }));
        out.optional(RISK_MERCHANT_MEMBER_ID, self.risk_merchant_member_id.as_deref());
        out.optional(DEVICE_SOURCE, self.device_source.as_deref());

        out.payment(&self.payment);

        for (name, value) in &self.extra {
            out.text(name, value);
        }
        out.0
    }

    /// Reads wire fields into a typed order.
    ///
    /// - MerchantID, CheckMacValue are skipped (they belong to the envelope, not the order);
    ///   PaymentType and EncryptType, when present, must be `aio` and `1`.
    /// - MerchantTradeNo, TotalAmount, TradeDesc, ItemName, ReturnURL and ChoosePayment must be
    ///   present (`required`); numbers must be whole numbers (`format`); closed value sets must
    ///   hold one of their values (`one_of`).
    /// - A method-specific field with a non-empty value under another ChoosePayment is
    ///   `not_allowed` (PeriodAmount with ATM); credit one-time, installment and recurring
    ///   fields mixed together are a `conflict`. An empty method-specific field under another
    ///   method is ignored, as the gateway treats empty fields as not given.
    /// - An empty value of a typed optional field (`Language=`) means "not given"; an empty
    ///   value of a text field is kept as `Some("")`.
    /// - Every other field goes to `extra`, in order.
    ///
    /// Every problem is reported at once. The rules of [`Order::validate`] (lengths, ranges,
    /// charsets) are not applied here: call it (or `checkout`) next.
    pub fn from_fields(fields: &Fields) -> Result<Order> {
        let mut r = Reader { fields, errors: Vec::new() };
        r.expect_if_present(PAYMENT_TYPE, "aio");
        r.expect_if_present(ENCRYPT_TYPE, "1");

        let merchant_trade_no = r.required(MERCHANT_TRADE_NO);
        let total_amount = r.required_number(TOTAL_AMOUNT);
        let trade_desc = r.required(TRADE_DESC);
        let item_name = r.required(ITEM_NAME);
        let return_url = r.required(RETURN_URL);
        let payment = read_payment(&mut r);

        let order = Order {
            merchant_trade_no,
            merchant_trade_date: r.text(MERCHANT_TRADE_DATE),
            total_amount: total_amount.unwrap_or_default(),
            trade_desc,
            item_name,
            return_url,
            payment: payment.unwrap_or_default(),
            store_id: r.text(STORE_ID),
            order_result_url: r.text(ORDER_RESULT_URL),
            client_back_url: r.text(CLIENT_BACK_URL),
            item_url: r.text(ITEM_URL),
            remark: r.text(REMARK),
            platform_id: r.text(PLATFORM_ID),
            invoice_mark: r.choice(INVOICE_MARK, InvoiceMark::from_wire, InvoiceMark::listing),
            custom_field1: r.text(CUSTOM_FIELDS[0]),
            custom_field2: r.text(CUSTOM_FIELDS[1]),
            custom_field3: r.text(CUSTOM_FIELDS[2]),
            custom_field4: r.text(CUSTOM_FIELDS[3]),
            language: r.choice(LANGUAGE, Language::from_wire, Language::listing),
            need_extra_paid_info: r.choice(NEED_EXTRA_PAID_INFO, yes_no, || "Y, N".into()),
            risk_merchant_member_id: r.text(RISK_MERCHANT_MEMBER_ID),
            device_source: r.text(DEVICE_SOURCE),
            extra: fields.iter().filter(|(k, _)| !is_known(k)).map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        };
        if r.errors.is_empty() {
            Ok(order)
        } else {
            Err(Error::Validation(r.errors))
        }
    }
}

/// Reads ChoosePayment and the fields of that method. None when the method cannot be told;
/// the errors are in `r`.
fn read_payment(r: &mut Reader) -> Option<Payment> {
    let Some(choose) = r.non_empty(CHOOSE_PAYMENT) else {
        r.error(CHOOSE_PAYMENT, rules::REQUIRED, "ChoosePayment is required");
        return None;
    };
    let allowed: &[&str] = match choose {
        "Credit" => &[
            BINDING_CARD,
            MERCHANT_MEMBER_ID,
            UNION_PAY,
            CREDIT_INSTALLMENT,
            PERIOD_AMOUNT,
            PERIOD_TYPE,
            FREQUENCY,
            EXEC_TIMES,
            PERIOD_RETURN_URL,
        ],
        "ATM" => &[EXPIRE_DATE, EXPIRE_MINUTE, CHOOSE_SUB_PAYMENT, PAYMENT_INFO_URL, CLIENT_REDIRECT_URL],
        "CVS" | "BARCODE" => &[
            STORE_EXPIRE_DATE,
            CHOOSE_SUB_PAYMENT,
            DESCS[0],
            DESCS[1],
            DESCS[2],
            DESCS[3],
            PAYMENT_INFO_URL,
            CLIENT_REDIRECT_URL,
        ],
        "AFTEE" => &[CHOOSE_SUB_PAYMENT],
        // V1.3.7 pp.13–15: "ALL 或 ATM", "ALL 或 CVS", "ALL 或 Credit".
        "ALL" => &[
            IGNORE_PAYMENT,
            PAYMENT_INFO_URL,
            CLIENT_REDIRECT_URL,
            EXPIRE_DATE,
            STORE_EXPIRE_DATE,
            DESCS[0],
            DESCS[1],
            DESCS[2],
            DESCS[3],
            BINDING_CARD,
            MERCHANT_MEMBER_ID,
        ],
        other => {
            r.error(
                CHOOSE_PAYMENT,
                rules::ONE_OF,
                format!("ChoosePayment must be one of Credit, ATM, CVS, BARCODE, AFTEE, ALL, not {other:?}"),
            );
            return None;
        }
    };
    for name in METHOD_SPECIFIC {
        if !allowed.contains(name) && r.non_empty(name).is_some() {
            r.error(name, rules::NOT_ALLOWED, format!("{name} cannot be sent with ChoosePayment={choose}"));
        }
    }
    let payment = match choose {
        "Credit" => read_credit(r)?,
        "ATM" => Payment::Atm(Atm {
            expire_days: r.number(EXPIRE_DATE),
            expire_minutes: r.number(EXPIRE_MINUTE),
            bank: r.choice(CHOOSE_SUB_PAYMENT, AtmBank::from_wire, AtmBank::listing),
            payment_info_url: r.text(PAYMENT_INFO_URL),
            client_redirect_url: r.text(CLIENT_REDIRECT_URL),
        }),
        "CVS" => Payment::Cvs(Cvs {
            expire_minutes: r.number(STORE_EXPIRE_DATE),
            store: r.choice(CHOOSE_SUB_PAYMENT, CvsStore::from_wire, CvsStore::listing),
            desc_1: r.text(DESCS[0]),
            desc_2: r.text(DESCS[1]),
            desc_3: r.text(DESCS[2]),
            desc_4: r.text(DESCS[3]),
            payment_info_url: r.text(PAYMENT_INFO_URL),
            client_redirect_url: r.text(CLIENT_REDIRECT_URL),
        }),
        "BARCODE" => {
            r.sole_sub_payment("BARCODE");
            Payment::Barcode(Barcode {
                expire_days: r.number(STORE_EXPIRE_DATE),
                desc_1: r.text(DESCS[0]),
                desc_2: r.text(DESCS[1]),
                desc_3: r.text(DESCS[2]),
                desc_4: r.text(DESCS[3]),
                payment_info_url: r.text(PAYMENT_INFO_URL),
                client_redirect_url: r.text(CLIENT_REDIRECT_URL),
            })
        }
        "AFTEE" => {
            r.sole_sub_payment("AFTEE");
            Payment::Aftee
        }
        _ => Payment::All(AllMethods {
            ignore_payment: r.ignore_payment(),
            payment_info_url: r.text(PAYMENT_INFO_URL),
            client_redirect_url: r.text(CLIENT_REDIRECT_URL),
            atm_expire_days: r.number(EXPIRE_DATE),
            cvs_expire_minutes: r.number(STORE_EXPIRE_DATE),
            desc_1: r.text(DESCS[0]),
            desc_2: r.text(DESCS[1]),
            desc_3: r.text(DESCS[2]),
            desc_4: r.text(DESCS[3]),
            binding: read_binding(r),
        }),
    };
    Some(payment)
}

/// Credit: one-time, installments or recurring, told apart by which fields are present.
fn read_credit(r: &mut Reader) -> Option<Payment> {
    // Card binding goes with installments and recurring too; UnionPay is what excludes them
    // (V1.3.7 p.15).
    const ONE_TIME: [&str; 1] = [UNION_PAY];
    const RECURRING: [&str; 5] = [PERIOD_AMOUNT, PERIOD_TYPE, FREQUENCY, EXEC_TIMES, PERIOD_RETURN_URL];
    let installments = r.non_empty(CREDIT_INSTALLMENT).is_some();
    let recurring = RECURRING.iter().any(|name| r.non_empty(name).is_some());

    if installments && recurring {
        r.error(CREDIT_INSTALLMENT, rules::CONFLICT, "CreditInstallment cannot be combined with a recurring payment (PeriodAmount, PeriodType, Frequency, ExecTimes)");
    }
    if installments || recurring {
        let kind = if recurring { "a recurring payment" } else { "CreditInstallment" };
        for name in ONE_TIME {
            if r.non_empty(name).is_some() {
                r.error(
                    name,
                    rules::CONFLICT,
                    format!("{name} is for one-time card payments and cannot be combined with {kind}"),
                );
            }
        }
    }

    if recurring {
        let period_amount = r.required_number(PERIOD_AMOUNT);
        let period_type = r.required_choice(PERIOD_TYPE, PeriodType::from_wire, PeriodType::listing);
        let frequency = r.required_number(FREQUENCY);
        let exec_times = r.required_number(EXEC_TIMES);
        return Some(Payment::CreditRecurring(CreditRecurring {
            period_amount: period_amount?,
            period_type: period_type?,
            frequency: frequency?,
            exec_times: exec_times?,
            period_return_url: r.text(PERIOD_RETURN_URL),
            binding: read_binding(r),
        }));
    }
    if installments {
        return Some(Payment::CreditInstallments(CreditInstallments {
            installments: r.installments(),
            binding: read_binding(r),
        }));
    }
    Some(Payment::Credit(Credit {
        binding_card: r.choice(BINDING_CARD, zero_one, || "0, 1".into()),
        merchant_member_id: r.text(MERCHANT_MEMBER_ID),
        union_pay: r.choice(UNION_PAY, UnionPay::from_wire, UnionPay::listing),
    }))
}

fn read_binding(r: &mut Reader) -> CardBinding {
    CardBinding {
        binding_card: r.choice(BINDING_CARD, zero_one, || "0, 1".into()),
        merchant_member_id: r.text(MERCHANT_MEMBER_ID),
    }
}

fn yes_no(s: &str) -> Option<bool> {
    match s {
        "Y" => Some(true),
        "N" => Some(false),
        _ => None,
    }
}

fn zero_one(s: &str) -> Option<bool> {
    match s {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// Parses a whole number written the plain way: an optional `-` and ASCII digits. (Rust's own
/// parser also takes a leading `+`, which no gateway field uses.)
pub(super) fn parse_whole_number(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads fields and collects every problem.
struct Reader<'a> {
    fields: &'a Fields,
    errors: Vec<FieldError>,
}

impl<'a> Reader<'a> {
    fn error(&mut self, field: &str, rule: crate::rules::Rule, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, rule, message));
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.fields.get(name)
    }

    fn non_empty(&self, name: &str) -> Option<&'a str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// A text field kept as received (an empty value included).
    fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }

    fn required(&mut self, name: &str) -> String {
        match self.get(name) {
            Some(v) => v.to_string(),
            None => {
                self.error(name, rules::REQUIRED, format!("{name} is required"));
                String::new()
            }
        }
    }

    fn expect_if_present(&mut self, name: &str, expected: &str) {
        if let Some(v) = self.get(name) {
            if v != expected {
                self.error(name, rules::ONE_OF, format!("{name} must be {expected}, not {v:?}"));
            }
        }
    }

    /// An optional whole number; empty means not given.
    fn number(&mut self, name: &str) -> Option<i64> {
        let raw = self.non_empty(name)?;
        match parse_whole_number(raw) {
            Some(n) => Some(n),
            None => {
                let message = format!("{name} must be a whole number, not {raw:?}");
                self.error(name, rules::FORMAT, message);
                None
            }
        }
    }

    fn required_number(&mut self, name: &str) -> Option<i64> {
        if self.non_empty(name).is_none() {
            self.error(name, rules::REQUIRED, format!("{name} is required"));
            return None;
        }
        self.number(name)
    }

    /// An optional value of a closed set; empty means not given.
    fn choice<T>(&mut self, name: &str, parse: fn(&str) -> Option<T>, listing: fn() -> String) -> Option<T> {
        let raw = self.non_empty(name)?;
        match parse(raw) {
            Some(v) => Some(v),
            None => {
                let message = format!("{name} must be one of {}, not {raw:?}", listing());
                self.error(name, rules::ONE_OF, message);
                None
            }
        }
    }

    fn required_choice<T>(&mut self, name: &str, parse: fn(&str) -> Option<T>, listing: fn() -> String) -> Option<T> {
        if self.non_empty(name).is_none() {
            self.error(name, rules::REQUIRED, format!("{name} is required"));
            return None;
        }
        self.choice(name, parse, listing)
    }

    /// ChooseSubPayment for a method whose only sub-payment is itself (BARCODE, AFTEE).
    fn sole_sub_payment(&mut self, only: &str) {
        if let Some(raw) = self.non_empty(CHOOSE_SUB_PAYMENT) {
            if raw != only {
                let message = format!("ChooseSubPayment must be {only} with ChoosePayment={only}, not {raw:?}");
                self.error(CHOOSE_SUB_PAYMENT, rules::ONE_OF, message);
            }
        }
    }

    fn installments(&mut self) -> Vec<u32> {
        let raw = self.non_empty(CREDIT_INSTALLMENT).unwrap_or_default();
        let parsed: Option<Vec<u32>> = raw
            .split(INSTALLMENT_SEPARATOR)
            .map(|part| if part.bytes().all(|b| b.is_ascii_digit()) { part.parse().ok() } else { None })
            .collect();
        match parsed {
            Some(list) => list,
            None => {
                let message = format!("CreditInstallment must be comma-joined numbers such as 3,6,12, not {raw:?}");
                self.error(CREDIT_INSTALLMENT, rules::FORMAT, message);
                Vec::new()
            }
        }
    }

    fn ignore_payment(&mut self) -> Vec<Method> {
        let Some(raw) = self.non_empty(IGNORE_PAYMENT) else {
            return Vec::new();
        };
        let mut methods = Vec::new();
        let mut unknown = Vec::new();
        for name in raw.split(IGNORE_SEPARATOR) {
            match Method::from_wire(name) {
                Some(m) => methods.push(m),
                None => unknown.push(format!("{name:?}")),
            }
        }
        if !unknown.is_empty() {
            let message = format!("IgnorePayment names {} but knows only {}", unknown.join(", "), Method::listing());
            self.error(IGNORE_PAYMENT, rules::ONE_OF, message);
        }
        methods
    }
}

/// Writes fields in order.
struct Emitter(Fields);

impl Emitter {
    fn text(&mut self, name: &str, value: &str) {
        self.0.push(name, value);
    }

    fn optional(&mut self, name: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.0.push(name, v);
        }
    }

    fn number(&mut self, name: &str, value: Option<i64>) {
        if let Some(n) = value {
            self.0.push(name, n.to_string());
        }
    }

    fn payment(&mut self, payment: &Payment) {
        match payment {
            Payment::Credit(c) => {
                self.optional(BINDING_CARD, c.binding_card.map(|b| if b { "1" } else { "0" }));
                self.optional(MERCHANT_MEMBER_ID, c.merchant_member_id.as_deref());
                self.optional(UNION_PAY, c.union_pay.map(UnionPay::as_wire));
            }
            Payment::CreditInstallments(i) => {
                let joined: Vec<String> = i.installments.iter().map(u32::to_string).collect();
                self.text(CREDIT_INSTALLMENT, &joined.join(&INSTALLMENT_SEPARATOR.to_string()));
                self.binding(&i.binding);
            }
            Payment::CreditRecurring(r) => {
                self.text(PERIOD_AMOUNT, &r.period_amount.to_string());
                self.text(PERIOD_TYPE, r.period_type.as_wire());
                self.text(FREQUENCY, &r.frequency.to_string());
                self.text(EXEC_TIMES, &r.exec_times.to_string());
                self.optional(PERIOD_RETURN_URL, r.period_return_url.as_deref());
                self.binding(&r.binding);
            }
            Payment::Atm(a) => {
                self.number(EXPIRE_DATE, a.expire_days);
                self.number(EXPIRE_MINUTE, a.expire_minutes);
                self.optional(CHOOSE_SUB_PAYMENT, a.bank.map(AtmBank::as_wire));
                self.optional(PAYMENT_INFO_URL, a.payment_info_url.as_deref());
                self.optional(CLIENT_REDIRECT_URL, a.client_redirect_url.as_deref());
            }
            Payment::Cvs(c) => {
                self.number(STORE_EXPIRE_DATE, c.expire_minutes);
                self.optional(CHOOSE_SUB_PAYMENT, c.store.map(CvsStore::as_wire));
                self.descs([&c.desc_1, &c.desc_2, &c.desc_3, &c.desc_4]);
                self.optional(PAYMENT_INFO_URL, c.payment_info_url.as_deref());
                self.optional(CLIENT_REDIRECT_URL, c.client_redirect_url.as_deref());
            }
            Payment::Barcode(b) => {
                self.number(STORE_EXPIRE_DATE, b.expire_days);
                self.descs([&b.desc_1, &b.desc_2, &b.desc_3, &b.desc_4]);
                self.optional(PAYMENT_INFO_URL, b.payment_info_url.as_deref());
                self.optional(CLIENT_REDIRECT_URL, b.client_redirect_url.as_deref());
            }
            Payment::Aftee => {}
            Payment::All(a) => {
                if !a.ignore_payment.is_empty() {
                    let names: Vec<&str> = a.ignore_payment.iter().map(|m| m.as_wire()).collect();
                    self.text(IGNORE_PAYMENT, &names.join(&IGNORE_SEPARATOR.to_string()));
                }
                self.optional(PAYMENT_INFO_URL, a.payment_info_url.as_deref());
                self.optional(CLIENT_REDIRECT_URL, a.client_redirect_url.as_deref());
                self.number(EXPIRE_DATE, a.atm_expire_days);
                self.number(STORE_EXPIRE_DATE, a.cvs_expire_minutes);
                self.descs([&a.desc_1, &a.desc_2, &a.desc_3, &a.desc_4]);
                self.binding(&a.binding);
            }
        }
    }

    fn binding(&mut self, b: &CardBinding) {
        self.optional(BINDING_CARD, b.binding_card.map(|b| if b { "1" } else { "0" }));
        self.optional(MERCHANT_MEMBER_ID, b.merchant_member_id.as_deref());
    }

    fn descs(&mut self, descs: [&Option<String>; 4]) {
        for (name, value) in DESCS.iter().zip(descs) {
            self.optional(name, value.as_deref());
        }
    }
}
