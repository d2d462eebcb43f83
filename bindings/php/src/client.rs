//! `Omg\Payment\Client`: omg-core's client (credentials, gateway, keep-alive connections, retry
//! policy), built from an options array by omg-core's `ClientSettings` (the same names, units,
//! defaults and conflict rule as Python, Node and .NET). PHP is synchronous: the server APIs
//! block until the gateway answers (never longer than the timeouts).

use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use omg_core::boundary::casing::camel_case;
use omg_core::boundary::ClientSettings;
use omg_core::client::settings::name_settings_by;
use omg_core::notify::template::{self, Template};
use omg_core::notify::Endpoint;
use omg_core::{Fields, Notification as CoreNotification};

use crate::args::{self, type_error};
use crate::checkout::Checkout;
use crate::described::from_core;
use crate::exceptions::IntoPhp;
use crate::guard::entry;
use crate::logging::Logger;
use crate::{notification, order, receive};

#[php_class]
#[php(name = "Omg\\Payment\\Client")]
pub struct Client {
    inner: omg_core::Client,
    /// `setLogger()`'s logger; none: PHP's error_log (logging.rs).
    logger: Logger,
}

/// The PHP name of a method of Client, as TypeErrors name it.
const CLASS: &str = "Omg\\Payment\\Client";

/// The options array as `(name, value)` pairs of text for `ClientSettings::from_named`: strings
/// as they are, ints and floats in decimal (`connectTimeout => 2.5` seconds); null means "not
/// given". Other types are a TypeError naming the option.
fn named_values(options: Option<&ZendHashTable>) -> PhpResult<Vec<(String, String)>> {
    let Some(options) = options else { return Ok(Vec::new()) };
    let mut values = Vec::with_capacity(options.len());
    for entry in args::entries("Argument #1 ($options)", options) {
        let (name, value) = entry?;
        let value = value.dereference();
        let text = if value.is_null() {
            continue;
        } else if let Some(n) = value.long() {
            n.to_string()
        } else if let Some(f) = value.double() {
            f.to_string()
        } else if let Some(text) = args::utf8(&name, value)? {
            text
        } else {
            return Err(type_error(&format!("Argument #1 ($options)['{name}']"), "of type string|int|float", value));
        };
        values.push((name, text));
    }
    Ok(values)
}

impl Client {
    fn build(options: Option<&ZendHashTable>) -> PhpResult<Self> {
        // platformId is one of omg-core's settings, like every other option.
        let settings = ClientSettings::from_named(named_values(options)?)
            .map_err(|e| name_settings_by(e, camel_case))
            .into_php()?;
        Ok(Client { inner: settings.into_client().into_php()?, logger: Logger::default() })
    }

    pub fn core(&self) -> &omg_core::Client {
        &self.inner
    }

    /// A server API call: its client events (retries, failure, unknown outcome) go to the logger
    /// before the result is returned or its exception thrown (PHP runs no logger after a throw).
    fn api<T: omg_core::boundary::Described>(
        &self,
        call: impl FnOnce(&omg_core::Client) -> omg_core::Result<T>,
    ) -> PhpResult<Zval> {
        entry(|| {
            let result = call(&self.inner);
            self.logger.write_client_events();
            from_core(&result.into_php()?)
        })
    }

    /// A DoAction (capture, refund, cancel a capture, abandon), its amount an int or digit string.
    fn do_action(
        &self,
        method: &str,
        amount: &Zval,
        call: impl FnOnce(&omg_core::Client, i64) -> omg_core::Result<omg_core::api::do_action::DoActionResult>,
    ) -> PhpResult<Zval> {
        let amount = entry(|| args::amount(&format!("{CLASS}::{method}"), "Argument #3 ($amount)", amount))?;
        self.api(|client| call(client, amount))
    }
}

#[php_impl]
impl Client {
    /// `new Client(['merchantId' => ..., 'hashKey' => ..., 'hashIv' => ..., 'baseUrl' => ...])`;
    /// with no merchant options, the public stage merchant. docs/php.md lists every option.
    pub fn __construct(options: Option<&ZendHashTable>) -> PhpResult<Self> {
        entry(|| Client::build(options))
    }

    /// The public stage merchant 1000031 on the stage gateway (or on `$options['baseUrl']`).
    pub fn stage(options: Option<&ZendHashTable>) -> PhpResult<Self> {
        entry(|| Client::build(options))
    }

    /// From OMG_MERCHANT_ID, OMG_HASH_KEY, OMG_HASH_IV, OMG_CREDIT_CHECK_CODE, OMG_ENV,
    /// OMG_BASE_URL, OMG_CONNECT_TIMEOUT_MS, OMG_READ_TIMEOUT_MS, OMG_MAX_RETRIES.
    pub fn from_env() -> PhpResult<Self> {
        entry(|| Ok(Client { inner: omg_core::Client::from_env().into_php()?, logger: Logger::default() }))
    }

    #[php(getter)]
    pub fn get_merchant_id(&self) -> String {
        self.inner.config().credentials.merchant_id().to_string()
    }

    #[php(getter)]
    pub fn get_base_url(&self) -> String {
        self.inner.config().environment.base_url().to_string()
    }

    /// The PlatformID sent on the server APIs (`platformId` option), or null.
    #[php(getter)]
    pub fn get_platform_id(&self) -> Option<String> {
        self.inner.platform_id().map(str::to_string)
    }

    #[php(getter)]
    pub fn get_is_production(&self) -> bool {
        self.inner.config().environment.is_production()
    }

    /// Validates and signs an order (no network): a `Checkout`.
    pub fn checkout(&self, order: &ZendHashTable) -> PhpResult<Checkout> {
        entry(|| {
            let order = order::from_array(order)?;
            Ok(Checkout::new(&self.inner.checkout(&order).into_php()?))
        })
    }

    /// Verifies a notification: the raw request body (a string of bytes, as received), or the
    /// fields already parsed (an array; prefer the raw body). Returns a `PaymentResult`,
    /// `PaymentCodeIssued` or `PeriodCharge`. `$endpoint` (`return_url`, `payment_info_url`,
    /// `period_return_url`, or the gateway's names such as `ReturnURL`) says which URL received
    /// it, so the kind is certain instead of inferred from RtnCode and the fields.
    pub fn verify_notification(&self, body: &Zval, endpoint: Option<String>) -> PhpResult<Zval> {
        entry(|| {
            let endpoint = endpoint.as_deref().map(Endpoint::parse).transpose().into_php()?;
            let body = body.dereference();
            let verified = if let Some(bytes) = body.zend_str() {
                self.inner.verify_notification(bytes.as_bytes())
            } else if let Some(fields) = body.array() {
                let fields = args::fields("Argument #1 ($body)", fields)?;
                CoreNotification::from_fields(fields, &self.inner.config().credentials)
            } else {
                return Err(type_error("Argument #1 ($body)", "of type string|array", body));
            };
            let verified = verified.into_php()?;
            notification::to_php(match endpoint {
                Some(endpoint) => verified.received_at(endpoint),
                None => verified,
            })
        })
    }

    /// A realistic notification of `$kind` (`payment_result`, `atm_code_issued`,
    /// `cvs_code_issued`, `barcode_code_issued`, `period_charge`) with `$fields` set on top,
    /// signed with this client's keys: the form body the gateway would POST.
    pub fn sign_test_notification(&self, kind: Option<String>, fields: Option<&ZendHashTable>) -> PhpResult<String> {
        entry(|| {
            let template = Template::parse(kind.as_deref().unwrap_or("payment_result")).into_php()?;
            let overrides = match fields {
                Some(f) => args::fields("Argument #2 ($fields)", f)?,
                None => Fields::new(),
            };
            template::sign_test_notification(template, &overrides, &self.inner.config().credentials).into_php()
        })
    }

    /// Where the client's log lines go: a PSR-3-shaped logger (any object with `warning()` and
    /// `error()`; `info()` too, when it has one, for retries), or null for PHP's `error_log`
    /// (warnings and errors). Lines never hold a key or a body.
    pub fn set_logger(&mut self, logger: &Zval) -> PhpResult<()> {
        self.logger = entry(|| Logger::from_arg("Argument #1 ($logger)", Some(logger)))?;
        Ok(())
    }

    /// The notification helper for plain PHP: reads the request (php://input), verifies it, calls
    /// `$handler($notification)` and answers exactly `1|OK` once it returned (or ended the request
    /// with `exit`); a refused request (forged, not a POST form, too large, a kind the handler's
    /// parameter type does not accept) or a handler that throws is answered `0|...` with a non-2xx
    /// status. `$onError($throwable)` sees what went wrong; refusals and failures are logged
    /// through `$logger` (else the client's, else error_log). True when acknowledged.
    pub fn handle_notification(
        &self,
        handler: &Zval,
        onError: Option<&Zval>,
        logger: Option<&Zval>,
    ) -> PhpResult<bool> {
        entry(|| {
            let logger = Logger::from_arg("Argument #3 ($logger)", logger)?;
            receive::handle(self, handler, onError, logger.or(&self.logger))
        })
    }

    /// QueryTradeInfo/V5 (retried): a `TradeInfo`.
    pub fn query_trade(&self, merchantTradeNo: String) -> PhpResult<Zval> {
        self.api(|client| client.query_trade(&merchantTradeNo))
    }

    /// QueryCreditCardPeriodInfo (retried): a `PeriodInfo`.
    pub fn query_period(&self, merchantTradeNo: String) -> PhpResult<Zval> {
        self.api(|client| client.query_period(&merchantTradeNo))
    }

    /// CreditCardPeriodAction Cancel (never retried): a `PeriodActionResult`.
    pub fn cancel_period(&self, merchantTradeNo: String) -> PhpResult<Zval> {
        self.api(|client| client.cancel_period(&merchantTradeNo))
    }

    /// DoAction C, capture (never retried): a `DoActionResult`.
    pub fn capture(&self, merchantTradeNo: String, tradeNo: String, amount: &Zval) -> PhpResult<Zval> {
        self.do_action("capture", amount, |client, amount| client.capture(&merchantTradeNo, &tradeNo, amount))
    }

    /// DoAction R, refund (never retried): a `DoActionResult`.
    pub fn refund(&self, merchantTradeNo: String, tradeNo: String, amount: &Zval) -> PhpResult<Zval> {
        self.do_action("refund", amount, |client, amount| client.refund(&merchantTradeNo, &tradeNo, amount))
    }

    /// DoAction E, cancel a capture (never retried): a `DoActionResult`.
    pub fn cancel_capture(&self, merchantTradeNo: String, tradeNo: String, amount: &Zval) -> PhpResult<Zval> {
        self.do_action("cancelCapture", amount, |client, amount| {
            client.cancel_capture(&merchantTradeNo, &tradeNo, amount)
        })
    }

    /// DoAction N, abandon the authorisation (never retried): a `DoActionResult`.
    pub fn abandon(&self, merchantTradeNo: String, tradeNo: String, amount: &Zval) -> PhpResult<Zval> {
        self.do_action("abandon", amount, |client, amount| client.abandon(&merchantTradeNo, &tradeNo, amount))
    }

    /// QueryTrade/V2 (retried): a `CreditDetail`.
    pub fn query_credit_detail(&self, creditRefundId: String, creditAmount: &Zval) -> PhpResult<Zval> {
        let amount = entry(|| {
            args::amount(&format!("{CLASS}::queryCreditDetail"), "Argument #2 ($creditAmount)", creditAmount)
        })?;
        self.api(|client| client.query_credit_detail(&creditRefundId, amount))
    }

    /// The keys self-check: a QueryTradeInfo for a made-up order. True when the gateway accepts
    /// the CheckMacValue (it answers "not found"); a GatewayException (rtnCode 10200073) naming
    /// OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV when it refuses it; a TransportException
    /// when it cannot be reached. Read-only, retried like every query.
    pub fn check_credentials(&self) -> PhpResult<bool> {
        entry(|| {
            let result = self.inner.check_credentials().and_then(|check| check.into_result());
            self.logger.write_client_events();
            result.into_php()
        })
    }

    /// The effective settings (a `ClientSettings`: merchantId, environment, baseUrl, timeouts in
    /// seconds, retries, ...; never a key).
    pub fn settings(&self) -> PhpResult<Zval> {
        entry(|| {
            from_core(&ClientSettings {
                config: self.inner.config().clone(),
                options: *self.inner.options(),
                platform_id: self.inner.platform_id().map(str::to_string),
            })
        })
    }

    /// Never shows the keys.
    pub fn __debug_info(&self) -> Vec<(String, String)> {
        vec![("merchantId".into(), self.get_merchant_id()), ("baseUrl".into(), self.get_base_url())]
    }
}
