//! The client: omg-core's `client::Client` (credentials, gateway, keep-alive connections, retry
//! policy), built by omg-core's `ClientSettings` from the options the JS layer hands over as
//! names and text (the same names, units, defaults and conflict rule as every other language).
//! Pure operations (checkout, notification verification, test notifications) run synchronously;
//! the server APIs return Promises computed on the libuv pool (`network.rs`), their results built
//! from the boundary description (`described.rs`).

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
use crate::error::IntoJs;
use crate::network::{ApiCall, LogCallback};
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

    /// The PlatformID sent on the server APIs, or `undefined`.
    #[napi(getter)]
    pub fn platform_id(&self) -> Option<String> {
        self.inner.platform_id().map(str::to_string)
    }

    #[napi(getter)]
    pub fn merchant_id(&self) -> String {
        self.config().credentials.merchant_id().to_string()
    }

    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.config().environment.base_url().to_string()
    }

    #[napi(getter)]
    pub fn is_production(&self) -> bool {
        self.config().environment.is_production()
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

    /// The credentials self-check: true when the gateway accepts the keys; a GatewayError
    /// (RtnCode 10200073) naming the OMG_* variables when it does not.
    #[napi(ts_return_type = "Promise<boolean>")]
    pub fn check_credentials(&self, log: Option<LogCallback>) -> AsyncTask<ApiCall<bool, bool>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.check_credentials().and_then(|check| check.into_result()), |accepted| accepted, log)
    }

    /// QueryTradeInfo/V5 (retried).
    #[napi(ts_return_type = "Promise<TradeInfo>")]
    pub fn query_trade(
        &self,
        merchant_trade_no: String,
        log: Option<LogCallback>,
    ) -> AsyncTask<ApiCall<omg_core::api::query_trade_info::TradeInfo, Described>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.query_trade(&merchant_trade_no), Described::from_owned, log)
    }

    /// QueryCreditCardPeriodInfo (retried).
    #[napi(ts_return_type = "Promise<PeriodInfo>")]
    pub fn query_period(
        &self,
        merchant_trade_no: String,
        log: Option<LogCallback>,
    ) -> AsyncTask<ApiCall<omg_core::api::query_period_info::PeriodInfo, Described>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.query_period(&merchant_trade_no), Described::from_owned, log)
    }

    /// CreditCardPeriodAction Cancel (never retried).
    #[napi(ts_return_type = "Promise<PeriodActionResult>")]
    pub fn cancel_period(
        &self,
        merchant_trade_no: String,
        log: Option<LogCallback>,
    ) -> AsyncTask<ApiCall<omg_core::api::period_action::PeriodActionResult, Described>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.cancel_period(&merchant_trade_no), Described::from_owned, log)
    }

    /// DoAction C (never retried).
    #[napi(ts_return_type = "Promise<DoActionResult>")]
    pub fn capture(
        &self,
        merchant_trade_no: String,
        trade_no: String,
        amount: i64,
        log: Option<LogCallback>,
    ) -> AsyncTask<ApiCall<omg_core::api::do_action::DoActionResult, Described>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.capture(&merchant_trade_no, &trade_no, amount), Described::from_owned, log)
    }

    /// DoAction R (never retried).
    #[napi(ts_return_type = "Promise<DoActionResult>")]
    pub fn refund(
        &self,
        merchant_trade_no: String,
        trade_no: String,
        amount: i64,
        log: Option<LogCallback>,
    ) -> AsyncTask<ApiCall<omg_core::api::do_action::DoActionResult, Described>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.refund(&merchant_trade_no, &trade_no, amount), Described::from_owned, log)
    }

    /// DoAction E (never retried).
    #[napi(ts_return_type = "Promise<DoActionResult>")]
    pub fn cancel_capture(
        &self,
        merchant_trade_no: String,
        trade_no: String,
        amount: i64,
        log: Option<LogCallback>,
    ) -> AsyncTask<ApiCall<omg_core::api::do_action::DoActionResult, Described>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.cancel_capture(&merchant_trade_no, &trade_no, amount), Described::from_owned, log)
    }

    /// DoAction N (never retried).
    #[napi(ts_return_type = "Promise<DoActionResult>")]
    pub fn abandon(
        &self,
        merchant_trade_no: String,
        trade_no: String,
        amount: i64,
        log: Option<LogCallback>,
    ) -> AsyncTask<ApiCall<omg_core::api::do_action::DoActionResult, Described>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.abandon(&merchant_trade_no, &trade_no, amount), Described::from_owned, log)
    }

    /// QueryTrade/V2 (retried).
    #[napi(ts_return_type = "Promise<CreditDetail>")]
    pub fn query_credit_detail(
        &self,
        credit_refund_id: String,
        credit_amount: i64,
        log: Option<LogCallback>,
    ) -> AsyncTask<ApiCall<omg_core::api::query_credit_detail::CreditDetail, Described>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.query_credit_detail(&credit_refund_id, credit_amount), Described::from_owned, log)
    }
}
