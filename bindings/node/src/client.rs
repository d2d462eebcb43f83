//! The client: omg-core's `client::Client` (credentials, gateway, keep-alive connections, retry
//! policy), built by omg-core's `ClientSettings` from the options the JS layer hands over as
//! names and text (the same names, units, defaults and conflict rule as every other language).
//! Pure operations (checkout, notification verification, test notifications) run synchronously;
//! the server APIs (operations.rs, generated from the contract) return Promises computed on the
//! libuv pool (`network.rs`), their results built from the description (`described.rs`).

use napi::bindgen_prelude::*;
use napi_derive::napi;
use omg_core::boundary::casing::camel_case;
use omg_core::boundary::ClientSettings;
use omg_core::client::settings::name_settings_by;
use omg_core::client::Client as CoreClient;
use omg_core::notify::template::{self, Template};
use omg_core::{Config, Fields};

use crate::checkout::Checkout;
use crate::convert::{fields_from_object, Utf8Text};
use crate::described::Described;
use crate::errors::IntoJs;
use crate::notification::{self, AnyNotification};
use crate::order::order_from_object;

#[napi]
pub struct Client {
    inner: CoreClient,
}

/// A verified notification, its kind fixed by `endpoint` when one is named.
fn received_at(
    verified: omg_core::Result<omg_core::Notification>,
    endpoint: Option<String>,
) -> Result<AnyNotification> {
    let endpoint = endpoint.map(|name| omg_core::notify::Endpoint::parse(&name)).transpose().into_js()?;
    let verified = verified.into_js()?;
    Ok(notification::to_js(match endpoint {
        Some(endpoint) => verified.received_at(endpoint),
        None => verified,
    }))
}

impl Client {
    pub(crate) fn config(&self) -> &Config {
        self.inner.config()
    }

    /// The core client, for the generated network operations (operations.rs).
    pub(crate) fn core(&self) -> &CoreClient {
        &self.inner
    }
}

#[napi]
impl Client {
    /// The client of the settings `names[i] = values[i]` (the options the caller gave, values as
    /// text; `ClientSettings::from_named` reads them). No credentials: the public stage merchant,
    /// except in production.
    #[napi(constructor, catch_unwind)]
    pub fn new(names: Vec<String>, values: Vec<String>) -> Result<Self> {
        let settings = ClientSettings::from_named(names.into_iter().zip(values))
            .map_err(|e| name_settings_by(e, camel_case))
            .into_js()?;
        Ok(Client { inner: settings.into_client().into_js()? })
    }

    /// The effective settings: a described `ClientSettings` (never a secret).
    #[napi(getter, ts_return_type = "ClientSettings")]
    pub fn settings(&self) -> Described {
        Described::of(&ClientSettings {
            config: self.inner.config().clone(),
            options: *self.inner.options(),
            platform_id: self.inner.platform_id().map(str::to_string),
        })
    }

    /// `OMG_MERCHANT_ID`, `OMG_HASH_KEY`, `OMG_HASH_IV`, `OMG_CREDIT_CHECK_CODE`, `OMG_ENV`,
    /// `OMG_BASE_URL`.
    #[napi(factory, catch_unwind)]
    pub fn from_env() -> Result<Self> {
        Ok(Client { inner: CoreClient::from_env().into_js()? })
    }

    /// Validates and signs an order (pure, no network).
    #[napi(catch_unwind)]
    pub fn checkout(&self, order: Object) -> Result<Checkout> {
        let order = order_from_object(&order)?;
        Ok(Checkout::new(self.inner.checkout(&order).into_js()?))
    }

    /// Verifies a raw notification body (bytes as received). `endpoint` (`return_url`,
    /// `payment_info_url`, `period_return_url` or the gateway's names) fixes the kind.
    #[napi(catch_unwind)]
    pub fn verify_notification_bytes(&self, body: BufferSlice, endpoint: Option<String>) -> Result<AnyNotification> {
        received_at(self.inner.verify_notification(&body), endpoint)
    }

    /// Verifies a raw notification body given as text (its UTF-8 bytes).
    #[napi(catch_unwind)]
    pub fn verify_notification_text(&self, body: Utf8Text, endpoint: Option<String>) -> Result<AnyNotification> {
        let body = body.0;
        received_at(self.inner.verify_notification(body.as_bytes()), endpoint)
    }

    /// Verifies fields a framework already parsed (prefer the raw body: see docs/node.md).
    #[napi(catch_unwind)]
    pub fn verify_notification_fields(&self, fields: Object, endpoint: Option<String>) -> Result<AnyNotification> {
        let fields = fields_from_object(&fields)?;
        received_at(omg_core::Notification::from_fields(fields, &self.config().credentials), endpoint)
    }

    /// A realistic notification of `kind` (`payment_result`, `atm_code_issued`,
    /// `cvs_code_issued`, `barcode_code_issued`, `period_charge`) with `fields` set on top, signed
    /// with this client's keys: the form body the gateway would POST.
    #[napi(catch_unwind)]
    pub fn sign_test_notification(&self, kind: String, fields: Option<Object>) -> Result<String> {
        let template = Template::parse(&kind).into_js()?;
        let overrides = match fields {
            Some(f) => fields_from_object(&f)?,
            None => Fields::new(),
        };
        template::sign_test_notification(template, &overrides, &self.config().credentials).into_js()
    }
}
