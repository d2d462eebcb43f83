//! The rules of an AioCheckOut/V5 order (protocol.md §4; every rule and the choices behind it
//! are listed in docs/orders.md). `Order::validate` reports every broken rule at once, each
//! naming the wire field and a stable rule name.
//!
//! Lengths count characters (Unicode scalar values), not bytes: the gateway documents its limits
//! in characters ("400 characters, Chinese and English"), so `手機殼` is 3, not 9.

use super::choices::{Method, PeriodType, UnionPay};
use super::names::*;
use super::payment::{CardBinding, Credit, CreditInstallments, CreditRecurring, Payment};
use super::{url, Order};
use crate::error::{Error, FieldError, Result};
use crate::rules;
use crate::taiwan_time::TaiwanDateTime;

const MAX_URL: usize = 200;
/// The installment counts the gateway offers (30 since V1.4.9).
pub const INSTALLMENT_CHOICES: [u32; 6] = [3, 6, 12, 18, 24, 30];
/// The symbols CustomField1–4 may hold besides letters, digits and spaces (protocol.md §4).
pub const CUSTOM_FIELD_SYMBOLS: &str = ",.#()$[];%{}:/?&@<>!";

impl Order {
    /// Checks every rule and reports all broken ones together as `Error::Validation`.
    pub fn validate(&self) -> Result<()> {
        let errors = self.validation_errors();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(errors))
        }
    }

    /// Every broken rule, in wire-field order; empty when the order is valid.
    pub fn validation_errors(&self) -> Vec<FieldError> {
        let mut r = Rules::default();
        r.merchant_trade_no(&self.merchant_trade_no);
        if let Some(date) = &self.merchant_trade_date {
            if !is_trade_date(date) {
                r.push(
                    MERCHANT_TRADE_DATE,
                    rules::FORMAT,
                    "MerchantTradeDate must be a real Taiwan time written yyyy/MM/dd HH:mm:ss",
                );
            }
        }
        if self.total_amount < 1 {
            r.push(
                TOTAL_AMOUNT,
                rules::RANGE,
                format!("TotalAmount must be at least 1 (whole NT$), not {}", self.total_amount),
            );
        }
        r.required_text(TRADE_DESC, &self.trade_desc, 200);
        r.no_html(TRADE_DESC, &self.trade_desc);
        r.required_text(ITEM_NAME, &self.item_name, 400);
        r.no_html(ITEM_NAME, &self.item_name);
        if !self.item_name.is_empty() && self.items().any(|item| item.trim().is_empty()) {
            r.push(ITEM_NAME, rules::EMPTY_ITEM, "ItemName has an empty item (two # in a row, or # at either end)");
        }
        if self.return_url.is_empty() {
            r.push(RETURN_URL, rules::REQUIRED, "ReturnURL is required");
        } else {
            r.url(RETURN_URL, &self.return_url);
        }

        r.optional_text(STORE_ID, self.store_id.as_deref(), 20);
        if self.store_id.as_deref().is_some_and(|id| !id.bytes().all(|b| b.is_ascii_alphanumeric())) {
            r.push(STORE_ID, rules::CHARSET, "StoreID may hold only ASCII letters and digits");
        }
        r.optional_url(ORDER_RESULT_URL, self.order_result_url.as_deref());
        r.optional_url(CLIENT_BACK_URL, self.client_back_url.as_deref());
        r.optional_url(ITEM_URL, self.item_url.as_deref());
        r.optional_text(REMARK, self.remark.as_deref(), 100);
        r.no_html(REMARK, self.remark.as_deref().unwrap_or(""));
        r.optional_text(PLATFORM_ID, self.platform_id.as_deref(), 10);
        for (name, value) in CUSTOM_FIELDS.iter().zip(self.custom_fields()) {
            r.custom_field(name, value);
        }
        r.optional_text(RISK_MERCHANT_MEMBER_ID, self.risk_merchant_member_id.as_deref(), 50);
        if self.device_source.as_deref().is_some_and(|v| !v.is_empty()) {
            r.push(
                DEVICE_SOURCE,
                rules::NOT_ALLOWED,
                "DeviceSource must be left empty: the gateway detects the device itself",
            );
        }

        r.payment(&self.payment, self.total_amount);
        if self.language.is_some() && binds_card(&self.payment) {
            // V1.3.7 p.13: with Language set the gateway's page offers no card binding.
            r.push(
                BINDING_CARD,
                crate::rules::CONFLICT,
                "BindingCard=1 cannot be combined with Language: the payment page in another language offers no card \
                 binding (V1.3.7 p.13)",
            );
        }
        if let Payment::CreditRecurring(recurring) = &self.payment {
            let browser_urls = [(ORDER_RESULT_URL, &self.order_result_url), (CLIENT_BACK_URL, &self.client_back_url)];
            r.period_return_url_is_no_browser_url(recurring.period_return_url.as_deref(), browser_urls);
        }
        r.extra(&self.extra);
        r.errors
    }
}

/// True when the order asks to remember the payer's card (BindingCard=1), whatever its method.
fn binds_card(payment: &Payment) -> bool {
    let binding_card = match payment {
        Payment::Credit(c) => c.binding_card,
        Payment::CreditInstallments(i) => i.binding.binding_card,
        Payment::CreditRecurring(r) => r.binding.binding_card,
        Payment::All(a) => a.binding.binding_card,
        Payment::Atm(_) | Payment::Cvs(_) | Payment::Barcode(_) | Payment::Aftee => None,
    };
    binding_card == Some(true)
}

/// `<` followed by a letter, `/` or `!` and, later, `>`: the shape of a tag (`<b>`, `</a>`,
/// `<!-- -->`). A lone `<` or `a < b > c` is not one.
fn looks_like_html_tag(value: &str) -> bool {
    value.match_indices('<').any(|(at, _)| {
        let rest = &value[at + 1..];
        rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!') && rest.contains('>')
    })
}

/// Exactly `yyyy/MM/dd HH:mm:ss` (two digits everywhere) and a date that exists.
fn is_trade_date(s: &str) -> bool {
    const SHAPE: &[u8; 19] = b"dddd/dd/dd dd:dd:dd";
    s.len() == SHAPE.len()
        && s.bytes().zip(SHAPE).all(|(b, &want)| if want == b'd' { b.is_ascii_digit() } else { b == want })
        && TaiwanDateTime::parse(s).is_some()
}

#[derive(Default)]
struct Rules {
    errors: Vec<FieldError>,
}

impl Rules {
    fn push(&mut self, field: &str, rule: crate::rules::Rule, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, rule, message));
    }

    fn merchant_trade_no(&mut self, no: &str) {
        if no.is_empty() {
            self.push(MERCHANT_TRADE_NO, rules::REQUIRED, "MerchantTradeNo is required");
            return;
        }
        self.max_length(MERCHANT_TRADE_NO, no, 20);
        if !no.bytes().all(|b| b.is_ascii_alphanumeric()) {
            self.push(MERCHANT_TRADE_NO, rules::CHARSET, "MerchantTradeNo may hold only ASCII letters and digits");
        }
    }

    fn max_length(&mut self, field: &str, value: &str, max: usize) {
        let count = value.chars().count();
        if count > max {
            self.push(
                field,
                rules::MAX_LENGTH,
                format!("{field} is {count} characters long; at most {max} are allowed"),
            );
        }
    }

    /// Length and the control-character rule of a free-text field.
    ///
    /// Control characters (newline, tab, ...) are refused because the payer's browser, not the
    /// SDK, submits the checkout form, and browsers rewrite line breaks in submitted values to
    /// CRLF: the gateway would hash a different value than the one signed and answer
    /// `CheckMacValue Error`. The other control characters have no place on a payment page.
    fn text(&mut self, field: &str, value: &str, max: usize) {
        self.max_length(field, value, max);
        if value.chars().any(char::is_control) {
            self.push(
                field,
                rules::CHARSET,
                format!("{field} must not contain control characters such as a line break"),
            );
        }
    }

    fn required_text(&mut self, field: &str, value: &str, max: usize) {
        if value.is_empty() {
            self.push(field, rules::REQUIRED, format!("{field} is required"));
        } else {
            self.text(field, value, max);
        }
    }

    fn optional_text(&mut self, field: &str, value: Option<&str>, max: usize) {
        if let Some(v) = value {
            self.text(field, v, max);
        }
    }

    fn url(&mut self, field: &str, value: &str) {
        self.max_length(field, value, MAX_URL);
        if let Some(problem) = url::problem(value) {
            self.push(field, rules::FORMAT, format!("{field} {problem}"));
        }
    }

    /// An empty optional URL is "not given" to the gateway, so it is not checked.
    fn optional_url(&mut self, field: &str, value: Option<&str>) {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            self.url(field, v);
        }
    }

    /// CustomField1–4: at most 50 characters, each a letter or digit (any script, so CJK too), a
    /// space, or one of the symbols the spec lists. The spec names letters, digits, CJK and those
    /// symbols; the space is allowed because it is signed and sent without trouble (`+`).
    fn custom_field(&mut self, field: &str, value: Option<&str>) {
        let Some(value) = value else { return };
        self.max_length(field, value, 50);
        // `<` and `>` are among the allowed symbols, but a tag is refused here as in every other
        // text field (V1.3.7 p.8 note 6): the gateway refuses the order.
        self.no_html(field, value);
        let bad: String =
            value.chars().filter(|&c| !(c.is_alphanumeric() || c == ' ' || CUSTOM_FIELD_SYMBOLS.contains(c))).collect();
        if !bad.is_empty() {
            self.push(
                field,
                rules::CHARSET,
                format!(
                    "{field} may hold letters, digits, spaces and {CUSTOM_FIELD_SYMBOLS} only; found {:?}",
                    bad.escape_debug().to_string()
                ),
            );
        }
    }

    fn range(&mut self, field: &str, value: i64, low: i64, high: i64, unit: &str) {
        if !(low..=high).contains(&value) {
            self.push(field, rules::RANGE, format!("{field} must be {low}–{high} {unit}, not {value}"));
        }
    }

    fn optional_range(&mut self, field: &str, value: Option<i64>, low: i64, high: i64, unit: &str) {
        if let Some(v) = value {
            self.range(field, v, low, high, unit);
        }
    }

    fn descs(&mut self, descs: [&Option<String>; 4]) {
        for (name, value) in DESCS.iter().zip(descs) {
            self.optional_text(name, value.as_deref(), 20);
            self.no_html(name, value.as_deref().unwrap_or(""));
        }
    }

    /// No text value may contain an HTML tag (V1.3.7 p.8 note 6, self-check p.52): the gateway
    /// refuses the order, so it is refused here first, naming the field.
    fn no_html(&mut self, field: &str, value: &str) {
        if looks_like_html_tag(value) {
            self.push(field, rules::HTML, format!("{field} must not contain an HTML tag (the gateway refuses them)"));
        }
    }

    fn payment(&mut self, payment: &Payment, total_amount: i64) {
        match payment {
            Payment::Credit(c) => self.credit(c),
            Payment::CreditInstallments(i) => self.installments(i),
            Payment::CreditRecurring(r) => self.recurring(r, total_amount),
            Payment::Atm(a) => {
                self.optional_range(EXPIRE_DATE, a.expire_days, 1, 60, "days");
                self.optional_range(EXPIRE_MINUTE, a.expire_minutes, 10, 1440, "minutes");
                self.optional_url(PAYMENT_INFO_URL, a.payment_info_url.as_deref());
                self.optional_url(CLIENT_REDIRECT_URL, a.client_redirect_url.as_deref());
            }
            Payment::Cvs(c) => {
                self.optional_range(STORE_EXPIRE_DATE, c.expire_minutes, 1, 10080, "minutes for CVS");
                self.descs([&c.desc_1, &c.desc_2, &c.desc_3, &c.desc_4]);
                self.optional_url(PAYMENT_INFO_URL, c.payment_info_url.as_deref());
                self.optional_url(CLIENT_REDIRECT_URL, c.client_redirect_url.as_deref());
            }
            Payment::Barcode(b) => {
                self.optional_range(STORE_EXPIRE_DATE, b.expire_days, 1, 30, "days for BARCODE");
                self.descs([&b.desc_1, &b.desc_2, &b.desc_3, &b.desc_4]);
                self.optional_url(PAYMENT_INFO_URL, b.payment_info_url.as_deref());
                self.optional_url(CLIENT_REDIRECT_URL, b.client_redirect_url.as_deref());
            }
            Payment::Aftee => {}
            Payment::All(a) => {
                let mut seen = Vec::new();
                for m in &a.ignore_payment {
                    if seen.contains(m) {
                        self.push(
                            IGNORE_PAYMENT,
                            rules::DUPLICATE,
                            format!("IgnorePayment names {} twice", m.as_wire()),
                        );
                    } else {
                        seen.push(*m);
                    }
                }
                if Method::ALL.iter().all(|m| seen.contains(m)) {
                    self.push(
                        IGNORE_PAYMENT,
                        rules::CONFLICT,
                        "IgnorePayment removes every payment method, so the payer could not pay",
                    );
                }
                self.optional_url(PAYMENT_INFO_URL, a.payment_info_url.as_deref());
                self.optional_url(CLIENT_REDIRECT_URL, a.client_redirect_url.as_deref());
                self.optional_range(EXPIRE_DATE, a.atm_expire_days, 1, 60, "days");
                self.optional_range(
                    STORE_EXPIRE_DATE,
                    a.cvs_expire_minutes,
                    1,
                    10080,
                    "minutes (the CVS expiry, with ALL)",
                );
                self.descs([&a.desc_1, &a.desc_2, &a.desc_3, &a.desc_4]);
                self.binding(&a.binding);
            }
        }
    }

    fn binding(&mut self, b: &CardBinding) {
        self.optional_text(MERCHANT_MEMBER_ID, b.merchant_member_id.as_deref(), 30);
        if b.binding_card == Some(true) && b.merchant_member_id.as_deref().unwrap_or_default().is_empty() {
            self.push(
                MERCHANT_MEMBER_ID,
                rules::REQUIRED,
                "MerchantMemberID is required with BindingCard=1 (the card is remembered for that member)",
            );
        }
    }

    fn credit(&mut self, c: &Credit) {
        self.optional_text(MERCHANT_MEMBER_ID, c.merchant_member_id.as_deref(), 30);
        if c.binding_card == Some(true) && c.merchant_member_id.as_deref().unwrap_or_default().is_empty() {
            self.push(
                MERCHANT_MEMBER_ID,
                rules::REQUIRED,
                "MerchantMemberID is required with BindingCard=1 (the card is remembered for that member)",
            );
        }
        if c.binding_card == Some(true) && c.union_pay == Some(UnionPay::UnionPayOnly) {
            // V1.3.7 p.15: UnionPay excludes card binding (as it excludes installments and recurring).
            self.push(
                BINDING_CARD,
                crate::rules::CONFLICT,
                "BindingCard=1 cannot be combined with UnionPay=1 (UnionPay only): UnionPay cards are not bound \
                 (V1.3.7 p.15)",
            );
        }
    }

    fn installments(&mut self, i: &CreditInstallments) {
        self.binding(&i.binding);
        if i.installments.is_empty() {
            self.push(
                CREDIT_INSTALLMENT,
                rules::REQUIRED,
                "CreditInstallment needs at least one number of installments",
            );
            return;
        }
        let unknown: Vec<String> =
            i.installments.iter().filter(|n| !INSTALLMENT_CHOICES.contains(n)).map(u32::to_string).collect();
        if !unknown.is_empty() {
            self.push(
                CREDIT_INSTALLMENT,
                rules::ONE_OF,
                format!("CreditInstallment offers 3, 6, 12, 18, 24, 30 only, not {}", unknown.join(", ")),
            );
        }
        for (index, n) in i.installments.iter().enumerate() {
            if i.installments[..index].contains(n) {
                self.push(CREDIT_INSTALLMENT, rules::DUPLICATE, format!("CreditInstallment lists {n} twice"));
            }
        }
    }

    fn recurring(&mut self, r: &CreditRecurring, total_amount: i64) {
        if r.period_amount != total_amount {
            self.push(
                PERIOD_AMOUNT,
                rules::MISMATCH,
                format!("PeriodAmount ({}) must equal TotalAmount ({total_amount})", r.period_amount),
            );
        }
        let (frequency, exec_times, unit) = match r.period_type {
            PeriodType::Day => ((1, 365), (2, 999), "for PeriodType D"),
            PeriodType::Month => ((1, 12), (2, 99), "for PeriodType M"),
            PeriodType::Year => ((1, 1), (2, 9), "for PeriodType Y"),
        };
        self.range(FREQUENCY, r.frequency, frequency.0, frequency.1, unit);
        self.range(EXEC_TIMES, r.exec_times, exec_times.0, exec_times.1, unit);
        self.optional_url(PERIOD_RETURN_URL, r.period_return_url.as_deref());
        self.binding(&r.binding);
    }

    /// PeriodReturnURL is a server notification, sent once per recurring charge and never again;
    /// OrderResultURL and ClientBackURL are pages for the payer's browser. A route that serves
    /// both would answer the charge with a page (or refuse it as unexpected) and the charge is
    /// taken but never recorded (issue 21 item 3), so the same URL is refused, naming
    /// PeriodReturnURL. (PeriodReturnURL = ReturnURL, two server notifications on one route, can
    /// work and is a checkout warning instead: `checkout`.)
    fn period_return_url_is_no_browser_url(
        &mut self,
        period_return_url: Option<&str>,
        browser_urls: [(&str, &Option<String>); 2],
    ) {
        let Some(period) = period_return_url.filter(|u| !u.trim().is_empty()) else { return };
        for (name, browser) in browser_urls {
            if browser.as_deref().is_some_and(|b| url::same_route(period, b)) {
                self.push(
                    PERIOD_RETURN_URL,
                    crate::rules::CONFLICT,
                    format!(
                        "PeriodReturnURL is the same URL as {name}, a page for the payer's browser: the gateway posts \
                         each recurring charge to PeriodReturnURL once and never again, so it needs a server route of \
                         its own that answers 1|OK"
                    ),
                );
            }
        }
    }

    /// Extra fields are sent as given, so their names must be plain parameter names, distinct,
    /// and not a field the model knows (two spellings of one field could not be signed
    /// unambiguously, and the typed field is the one that gets checked).
    fn extra(&mut self, extra: &[(String, String)]) {
        for (index, (name, value)) in extra.iter().enumerate() {
            if name.is_empty() {
                self.push("extra", rules::REQUIRED, "an extra field has an empty name");
                continue;
            }
            if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                self.push(
                    name,
                    rules::CHARSET,
                    format!("extra field name {name:?} may hold only ASCII letters, digits and _"),
                );
            }
            if let Some(known) = known_ignoring_case(name) {
                self.push(
                    name,
                    rules::CONFLICT,
                    format!("extra field {name} is the modelled field {known}: set the order's field instead"),
                );
            } else if extra[..index].iter().any(|(earlier, _)| earlier.eq_ignore_ascii_case(name)) {
                self.push(name, rules::DUPLICATE, format!("extra field {name} appears more than once (ignoring case)"));
            }
            if value.chars().any(char::is_control) {
                self.push(
                    name,
                    rules::CHARSET,
                    format!("{name} must not contain control characters such as a line break"),
                );
            }
        }
    }
}
