//! AioCheckOut/V5: a validated order + credentials + clock → the signed fields and the URL the
//! payer's browser posts them to, and the auto-submitting HTML page that does the posting.

use crate::clock::Clock;
use crate::config::{Credentials, Environment};
use crate::error::{Error, FieldError, Result};
use crate::fields::Fields;
use crate::html::escape;
use crate::mac::{self, HashMethod};
use crate::order::{explicit_port, is_https, names, same_route, Order, Payment};
use crate::rules;
use crate::taiwan_time::TaiwanDateTime;

/// The AioCheckOut/V5 path on the gateway.
pub const CHECKOUT_PATH: &str = "/Cashier/AioCheckOut/V5";

/// A signed order, ready for the payer's browser to post to the gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkout {
    /// The gateway's AioCheckOut/V5 URL.
    pub action_url: String,
    /// Every field to post, CheckMacValue last.
    pub fields: Fields,
    /// What works but deserves a look, each naming its field: PeriodReturnURL equal to ReturnURL
    /// (rule `shared_route`: that route must accept period charges too, each sent only once);
    /// in production, a plain-http browser URL (OrderResultURL, ClientBackURL,
    /// ClientRedirectURL; rule `https`), which only makes the payer's browser show a warning
    /// (protocol.md §1). Empty otherwise.
    pub warnings: Vec<FieldError>,
}

/// Validates `order` (every error at once), fills MerchantTradeDate with the Taiwan time of
/// `clock` when the order has none, and signs the fields with SHA-256 (EncryptType 1).
///
/// In production it also refuses, in the same error list, what would work on stage but fail or
/// hurt in production (protocol.md §1): the public stage merchant's credentials (`MerchantID`,
/// rule `stage_credentials`), server callback URLs (ReturnURL, PaymentInfoURL, PeriodReturnURL)
/// that are not HTTPS (rule `https`) and server callback URLs on a port other than 80 or 443
/// (rule `port`; V1.3.7 p.8 binds only the gateway's own calls, not the browser URLs). A plain-http browser URL is not refused: it is in [`Checkout::warnings`].
pub fn checkout(
    order: &Order,
    credentials: &Credentials,
    environment: &Environment,
    clock: &dyn Clock,
) -> Result<Checkout> {
    let mut errors = order.validation_errors();
    let mut warnings = Vec::new();
    if environment.is_production() {
        let (refused, warned) = production_checks(order, credentials);
        errors.extend(refused);
        warnings = warned;
    }
    warnings.extend(shared_period_route(order));
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let mut fields = if order.merchant_trade_date.is_some() {
        order.to_fields(credentials.merchant_id())
    } else {
        let mut dated = order.clone();
        dated.merchant_trade_date = Some(TaiwanDateTime::from_unix(clock.now_unix()).trade_date());
        dated.to_fields(credentials.merchant_id())
    };
    mac::sign_in_place(&mut fields, credentials.hash_key(), credentials.hash_iv(), HashMethod::Sha256)?;
    Ok(Checkout { action_url: environment.url(CHECKOUT_PATH), fields, warnings })
}

/// The URLs only the payer's browser is sent to: plain http there makes the browser warn, nothing
/// breaks (V1.3.7 pp.8–13).
const BROWSER_URLS: [&str; 3] = [names::ORDER_RESULT_URL, names::CLIENT_BACK_URL, names::CLIENT_REDIRECT_URL];

/// What production refuses beyond the order's own rules, and what it only warns about.
fn production_checks(order: &Order, credentials: &Credentials) -> (Vec<FieldError>, Vec<FieldError>) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    if credentials.is_public_stage() {
        errors.push(FieldError::new(
            names::MERCHANT_ID,
            rules::STAGE_CREDENTIALS,
            "the public stage merchant's credentials cannot be used in production: use your own MerchantID, HashKey and HashIV",
        ));
    }
    for (name, url) in order.callback_urls() {
        if !is_https(url) {
            if BROWSER_URLS.contains(&name) {
                warnings.push(FieldError::new(
                    name,
                    rules::HTTPS,
                    format!("{name} is not https://: the payer's browser will show a security warning"),
                ));
            } else {
                errors.push(FieldError::new(
                    name,
                    rules::HTTPS,
                    format!("{name} must be an https:// URL in production"),
                ));
            }
        }
        // The port rule binds the gateway's own calls (p.8): a browser URL on another port is
        // opened by the payer's browser, which reaches any port.
        let server_callback = !BROWSER_URLS.contains(&name);
        if let Some(port) = explicit_port(url).filter(|p| server_callback && *p != "443" && *p != "80") {
            errors.push(FieldError::new(
                name,
                rules::PORT,
                format!("{name} uses port {port}; the production gateway calls only ports 443 and 80"),
            ));
        }
    }
    (errors, warnings)
}

/// PeriodReturnURL on the ReturnURL route: legal, and it works when that route accepts both
/// kinds — but a route written for payment results refuses the period charge
/// (`0|unexpected notification: period_charge`), and the gateway sends each period charge once
/// and never again: the charge is taken and never recorded. Said as a warning naming
/// PeriodReturnURL (rule `shared_route`).
fn shared_period_route(order: &Order) -> Option<FieldError> {
    let Payment::CreditRecurring(recurring) = &order.payment else { return None };
    let period = recurring.period_return_url.as_deref()?;
    if period.trim().is_empty() || !same_route(period, &order.return_url) {
        return None;
    }
    Some(FieldError::new(
        names::PERIOD_RETURN_URL,
        rules::SHARED_ROUTE,
        "PeriodReturnURL is the same URL as ReturnURL: that route must accept period charges (kind period_charge) \
         as well as payment results and answer 1|OK to both. The gateway sends each period charge once and never \
         again; a route that refuses it loses the charge (recover it with QueryCreditCardPeriodInfo). A route of \
         its own for PeriodReturnURL is simpler",
    ))
}

impl Checkout {
    /// A complete HTML page whose form posts the fields to the gateway as soon as it loads. With
    /// JavaScript off, the payer presses the visible button instead. Every value is
    /// HTML-escaped; the button has no name, so it adds no field to what was signed.
    pub fn html(&self) -> String {
        let mut page =
            String::with_capacity(1024 + self.fields.iter().map(|(k, v)| k.len() + v.len() + 48).sum::<usize>());
        page.push_str(concat!(
            "<!DOCTYPE html>\n",
            "<html>\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<meta name=\"robots\" content=\"noindex\">\n",
            "<title>前往付款 Redirecting to payment</title>\n",
            "</head>\n<body>\n",
        ));
        page.push_str(&format!(
            "<form id=\"omg-checkout\" method=\"post\" action=\"{}\" accept-charset=\"UTF-8\">\n",
            escape(&self.action_url)
        ));
        for (name, value) in &self.fields {
            page.push_str(&format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">\n", escape(name), escape(value)));
        }
        page.push_str(concat!(
            "<p>正在前往付款頁面… Redirecting to the payment page…</p>\n",
            "<button type=\"submit\">前往付款 Continue to payment</button>\n",
            "</form>\n",
            // Called through the prototype: a field named "submit" would otherwise shadow the
            // form's submit method.
            "<script>HTMLFormElement.prototype.submit.call(document.getElementById(\"omg-checkout\"));</script>\n",
            "</body>\n</html>\n",
        ));
        page
    }
}
