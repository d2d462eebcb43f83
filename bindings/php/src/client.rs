//! `Omg\Payment\Client`: omg-core's client (credentials, gateway, keep-alive connections, retry
//! policy), built from an options array by omg-core's `ClientSettings` (the same names, units,
//! defaults and conflict rule as Python, Node and .NET). Its PHP method table is operations.rs,
//! generated from the contract; the bodies that are not uniform are here. PHP is synchronous: the
//! server APIs block until the gateway answers (never longer than the timeouts).

use ext_php_rs::convert::IntoZval;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use omg_core::boundary::casing::camel_case;
use omg_core::boundary::{ClientSettings, Described, CLIENT_SETTINGS};
use omg_core::client::settings::name_settings_by;
use omg_core::notify::template::{self, Template};
use omg_core::notify::Endpoint;
use omg_core::{Fields, Notification as CoreNotification};

use crate::checkout::Checkout;
use crate::convert::{self, type_error};
use crate::described::from_core;
use crate::errors::IntoPhp;
use crate::guard::entry;
use crate::logging::Logger;
use crate::view::to_zval;
use crate::{notification, order, receive};

#[php_class]
#[php(name = "Omg\\Payment\\Client")]
pub struct Client {
    inner: omg_core::Client,
    /// `setLogger()`'s logger; none: PHP's error_log (logging.rs).
    logger: Logger,
}

/// The options array as `(name, value)` pairs of text for `ClientSettings::from_named`: strings
/// as they are, ints and floats in decimal (`connectTimeout => 2.5` seconds); null means "not
/// given". Other types are a TypeError naming the option.
fn named_values(options: Option<&ZendHashTable>) -> PhpResult<Vec<(String, String)>> {
    let Some(options) = options else { return Ok(Vec::new()) };
    let mut values = Vec::with_capacity(options.len());
    for entry in convert::entries("Argument #1 ($options)", options) {
        let (name, value) = entry?;
        let value = value.dereference();
        let text = if value.is_null() {
            continue;
        } else if let Some(n) = value.long() {
            n.to_string()
        } else if let Some(f) = value.double() {
            f.to_string()
        } else if let Some(text) = convert::utf8(&name, value)? {
            text
        } else {
            return Err(type_error(&format!("Argument #1 ($options)['{name}']"), "of type string|int|float", value));
        };
        values.push((name, text));
    }
    Ok(values)
}

impl Client {
    pub(crate) fn build(options: Option<&ZendHashTable>) -> PhpResult<Self> {
        // platformId is one of omg-core's settings, like every other option.
        let settings = ClientSettings::from_named(named_values(options)?)
            .map_err(|e| name_settings_by(e, camel_case))
            .into_php()?;
        Ok(Client { inner: settings.into_client().into_php()?, logger: Logger::default() })
    }

    pub fn core(&self) -> &omg_core::Client {
        &self.inner
    }

    /// A server API call (operations.rs): its client events (retries, failure, unknown outcome)
    /// go to the logger before the result is returned or its exception thrown (PHP runs no logger
    /// after a throw).
    pub(crate) fn api<T: omg_core::boundary::Described>(
        &self,
        call: impl FnOnce(&omg_core::Client) -> omg_core::Result<T>,
    ) -> PhpResult<Zval> {
        entry(|| {
            let result = call(&self.inner);
            self.logger.write_client_events();
            from_core(&result.into_php()?)
        })
    }

    /// A server API call whose answer is a yes (the keys self-check), logged as [`Client::api`].
    pub(crate) fn call(&self, call: impl FnOnce(&omg_core::Client) -> omg_core::Result<bool>) -> PhpResult<bool> {
        entry(|| {
            let result = call(&self.inner);
            self.logger.write_client_events();
            result.into_php()
        })
    }
}

/// The bodies of the table's members that are not uniform (operations.rs, generated, is the
/// class's `#[php_impl]`).
impl Client {
    pub(crate) fn from_environment() -> PhpResult<Self> {
        Ok(Client { inner: omg_core::Client::from_env().into_php()?, logger: Logger::default() })
    }

    /// One field of the effective settings (a property of the client: `merchantId`, ...).
    pub(crate) fn setting(&self, name: &str) -> PhpResult<Zval> {
        let field = CLIENT_SETTINGS.field(name).ok_or_else(|| format!("ClientSettings has no field {name}"))?;
        let value = self.effective_settings().field_json(name).unwrap_or_default();
        to_zval(&field.ty, &value, crate::described::object)
    }

    fn effective_settings(&self) -> ClientSettings {
        ClientSettings {
            config: self.inner.config().clone(),
            options: *self.inner.options(),
            platform_id: self.inner.platform_id().map(str::to_string),
        }
    }

    /// The effective settings as a `ClientSettings` object.
    pub(crate) fn settings_record(&self) -> PhpResult<Zval> {
        from_core(&self.effective_settings())
    }

    /// Validates and signs an order (no network): a `Checkout`.
    pub(crate) fn checkout_impl(&self, order: &ZendHashTable) -> PhpResult<Zval> {
        let order = order::from_array(order)?;
        Ok(Checkout::new(&self.inner.checkout(&order).into_php()?).into_zval(false)?)
    }

    /// Verifies a notification: the raw request body (a string of bytes, as received), or the
    /// fields already parsed (an array; prefer the raw body). `$endpoint` (`return_url`,
    /// `payment_info_url`, `period_return_url`, or the gateway's names such as `ReturnURL`) fixes
    /// the kind.
    pub(crate) fn verify_notification_impl(&self, body: &Zval, endpoint: Option<String>) -> PhpResult<Zval> {
        let endpoint = endpoint.as_deref().map(Endpoint::parse).transpose().into_php()?;
        let body = body.dereference();
        let verified = if let Some(bytes) = body.zend_str() {
            self.inner.verify_notification(bytes.as_bytes())
        } else if let Some(fields) = body.array() {
            let fields = convert::fields("Argument #1 ($body)", fields)?;
            CoreNotification::from_fields(fields, &self.inner.config().credentials)
        } else {
            return Err(type_error("Argument #1 ($body)", "of type string|array", body));
        };
        let verified = verified.into_php()?;
        notification::to_php(match endpoint {
            Some(endpoint) => verified.received_at(endpoint),
            None => verified,
        })
    }

    /// A realistic notification of `$kind` with `$fields` set on top, signed with this client's
    /// keys: the form body the gateway would POST.
    pub(crate) fn sign_test_notification_impl(
        &self,
        kind: Option<String>,
        fields: Option<&ZendHashTable>,
    ) -> PhpResult<Zval> {
        let template = Template::parse(kind.as_deref().unwrap_or("payment_result")).into_php()?;
        let overrides = match fields {
            Some(f) => convert::fields("Argument #2 ($fields)", f)?,
            None => Fields::new(),
        };
        let body =
            template::sign_test_notification(template, &overrides, &self.inner.config().credentials).into_php()?;
        Ok(body.into_zval(false)?)
    }

    /// `setLogger()`.
    pub(crate) fn replace_logger(&mut self, logger: &Zval) -> PhpResult<()> {
        self.logger = entry(|| Logger::from_arg("Argument #1 ($logger)", Some(logger)))?;
        Ok(())
    }

    /// `handleNotification()`: receive.rs.
    pub(crate) fn handle_notification_impl(
        &self,
        handler: &Zval,
        on_error: Option<&Zval>,
        logger: Option<&Zval>,
    ) -> PhpResult<bool> {
        let logger = Logger::from_arg("Argument #3 ($logger)", logger)?;
        receive::handle(&self.inner, handler, on_error, logger.or(&self.logger))
    }

    /// `__debugInfo()`: the merchant and the gateway, never the keys.
    pub(crate) fn debug_info(&self) -> Vec<(String, String)> {
        let config = self.inner.config();
        vec![
            ("merchantId".into(), config.credentials.merchant_id().to_string()),
            ("baseUrl".into(), config.environment.base_url().to_string()),
        ]
    }
}
