//! The AioCheckOut/V5 order (protocol.md §4): a typed model of everything a merchant can ask
//! for, its validation (every broken rule at once) and its wire form, both ways.
//!
//! - `payment`: the payment methods and their options;
//! - `choices`: the closed value sets (Language, PeriodType, banks, stores, ...);
//! - `names`: the wire field names;
//! - `wire`: `Order::to_fields` / `Order::from_fields`;
//! - `validate`: `Order::validate` and every rule (documented in docs/orders.md);
//! - `url`: the small URL checks the rules need;
//! - `values`: an order from named, loosely typed values (for the language bindings).

pub mod aliases;
pub mod choices;
pub mod names;
pub mod payment;
mod url;
mod validate;
pub mod values;
mod wire;

pub use choices::{AtmBank, CvsStore, InvoiceMark, Language, Method, PeriodType, UnionPay};
pub use payment::{AllMethods, Atm, Barcode, CardBinding, Credit, CreditInstallments, CreditRecurring, Cvs, Payment};
pub(crate) use url::{explicit_port, is_https, same_route};

/// The separator of several item names in `ItemName`; the gateway shows one item per line.
pub const ITEM_SEPARATOR: char = '#';

/// One order to be paid through AioCheckOut/V5.
///
/// Required fields are plain values; optional ones are `Option`s and are sent only when `Some`.
/// An optional text field set to `Some("")` is sent as an empty value (`StoreID=`), which the
/// gateway treats as not given; it passes validation (except MerchantTradeDate, which when given
/// must be a date).
///
/// Build one with [`Order::new`] and set the optional fields directly, or read one from wire
/// fields with [`Order::from_fields`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Order {
    /// `MerchantTradeNo`: 1–20 ASCII letters and digits, unique forever for the merchant (see
    /// `trade_no::generate_merchant_trade_no`).
    pub merchant_trade_no: String,
    /// `MerchantTradeDate` (`yyyy/MM/dd HH:mm:ss`, Taiwan time); `checkout` fills in the current
    /// Taiwan time when `None`.
    pub merchant_trade_date: Option<String>,
    /// `TotalAmount`: whole New Taiwan dollars, ≥ 1.
    pub total_amount: i64,
    /// `TradeDesc` (≤200).
    pub trade_desc: String,
    /// `ItemName` (≤400): several items joined with `#` (see [`join_items`]).
    pub item_name: String,
    /// `ReturnURL` (≤200): the server URL the payment result is posted to.
    pub return_url: String,
    /// `ChoosePayment` and its method-specific fields.
    pub payment: Payment,

    /// `StoreID` (≤20)
    pub store_id: Option<String>,
    /// `OrderResultURL` (≤200): where the payer's browser is posted the result.
    pub order_result_url: Option<String>,
    /// `ClientBackURL` (≤200): the "back to the shop" link on the gateway's page.
    pub client_back_url: Option<String>,
    /// `ItemURL` (≤200)
    pub item_url: Option<String>,
    /// `Remark` (≤100)
    pub remark: Option<String>,
    /// `PlatformID` (≤10): for platform merchants, who sign with the platform's keys.
    pub platform_id: Option<String>,
    /// `InvoiceMark`
    pub invoice_mark: Option<InvoiceMark>,
    /// `CustomField1` (≤50, restricted characters; returned in every notification)
    pub custom_field1: Option<String>,
    /// `CustomField2`
    pub custom_field2: Option<String>,
    /// `CustomField3`
    pub custom_field3: Option<String>,
    /// `CustomField4`
    pub custom_field4: Option<String>,
    /// `Language` of the payment page.
    pub language: Option<Language>,
    /// `NeedExtraPaidInfo`: `Y` adds card/bank details to the payment notification.
    pub need_extra_paid_info: Option<bool>,
    /// `RiskMerchantMemberID` (≤50)
    pub risk_merchant_member_id: Option<String>,
    /// `DeviceSource`: the spec says to leave it empty; only `Some("")` is accepted.
    pub device_source: Option<String>,

    /// Fields the model does not know, sent as given after all the others. A name equal
    /// (ignoring case) to a field the model knows is a validation error: set the typed field.
    pub extra: Vec<(String, String)>,
}

impl Order {
    /// An order with the six things every order needs; every optional field is `None`.
    ///
    /// ```
    /// use omg_core::order::{join_items, Order, Payment};
    /// let order = Order::new("A240101080000XYZ", 1200, "Online shop", join_items(["T-shirt", "Mug"]),
    ///     "https://shop.example/omg/return", Payment::default());
    /// assert_eq!(order.item_name, "T-shirt#Mug");
    /// ```
    pub fn new(
        merchant_trade_no: impl Into<String>,
        total_amount: i64,
        trade_desc: impl Into<String>,
        item_name: impl Into<String>,
        return_url: impl Into<String>,
        payment: Payment,
    ) -> Self {
        Order {
            merchant_trade_no: merchant_trade_no.into(),
            total_amount,
            trade_desc: trade_desc.into(),
            item_name: item_name.into(),
            return_url: return_url.into(),
            payment,
            ..Order::default()
        }
    }

    /// The item names of `ItemName`, split at `#`.
    pub fn items(&self) -> impl Iterator<Item = &str> {
        self.item_name.split(ITEM_SEPARATOR)
    }

    /// The custom fields as an array, `CustomField1` first.
    pub fn custom_fields(&self) -> [Option<&str>; 4] {
        [&self.custom_field1, &self.custom_field2, &self.custom_field3, &self.custom_field4].map(|f| f.as_deref())
    }

    /// Every URL the gateway or the payer's browser is sent to, as (wire name, URL), for the
    /// ones that are set and not empty. Production requires each to be HTTPS.
    pub fn callback_urls(&self) -> Vec<(&'static str, &str)> {
        let mut urls = vec![(names::RETURN_URL, Some(self.return_url.as_str()))];
        urls.push((names::ORDER_RESULT_URL, self.order_result_url.as_deref()));
        urls.push((names::CLIENT_BACK_URL, self.client_back_url.as_deref()));
        let (info, redirect, period) = match &self.payment {
            Payment::Atm(a) => (&a.payment_info_url, &a.client_redirect_url, &None),
            Payment::Cvs(c) => (&c.payment_info_url, &c.client_redirect_url, &None),
            Payment::Barcode(b) => (&b.payment_info_url, &b.client_redirect_url, &None),
            Payment::All(a) => (&a.payment_info_url, &a.client_redirect_url, &None),
            Payment::CreditRecurring(r) => (&None, &None, &r.period_return_url),
            Payment::Credit(_) | Payment::CreditInstallments(_) | Payment::Aftee => (&None, &None, &None),
        };
        urls.push((names::PAYMENT_INFO_URL, info.as_deref()));
        urls.push((names::CLIENT_REDIRECT_URL, redirect.as_deref()));
        urls.push((names::PERIOD_RETURN_URL, period.as_deref()));
        urls.into_iter().filter_map(|(name, url)| url.filter(|u| !u.is_empty()).map(|u| (name, u))).collect()
    }
}

/// Joins item names into one `ItemName` with `#`, the gateway's item separator. A name that
/// itself contains `#` would show as two items on the payment page, and an empty one as a blank
/// line: `Order::validate` refuses an `ItemName` with an empty item, and [`try_join_items`]
/// refuses both before joining.
pub fn join_items<I>(items: I) -> String
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let mut joined = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            joined.push(ITEM_SEPARATOR);
        }
        joined.push_str(item.as_ref());
    }
    joined
}

/// [`join_items`], refusing an item that contains `#` (rule `separator`) or is empty (rule
/// `empty_item`) with `Error::Validation` on `ItemName`, instead of splitting it silently.
pub fn try_join_items<I>(items: I) -> crate::error::Result<String>
where
    I: IntoIterator,
    I::Item: AsRef<str>,
{
    let items: Vec<values::Value> = items.into_iter().map(|i| values::Value::Text(i.as_ref().to_string())).collect();
    values::wire_text(names::ITEM_NAME, &values::Value::List(items))
        .map_err(|e| crate::error::Error::Validation(vec![e]))
}
