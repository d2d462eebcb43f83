//! The client: omg-core's `client::Client` (credentials, gateway, keep-alive connections, retry
//! policy). Pure operations (checkout, notification verification, test notifications) run
//! synchronously; the server APIs return Promises computed on the libuv pool (`network.rs`).

use std::time::Duration;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use omg_core::client::{Client as CoreClient, ClientOptions as CoreOptions};
use omg_core::api::do_action::DoActionResult;
use omg_core::notify::template::{self, Template};
use omg_core::{Config, Credentials, Environment, Error, Fields};

use crate::checkout::Checkout;
use crate::convert::{fields_from_object, Utf8Text};
use crate::error::{invalid, to_js, IntoJs};
use crate::network::ApiCall;
use crate::notification::{self, AnyNotification};
use crate::order::order_from_object;
use crate::results::{JsCreditDetail, JsDoActionResult, JsPeriodActionResult, JsPeriodInfo, JsTradeInfo};

/// What `new Client(options)` takes. Every field is optional; missing credentials are an error
/// except for `Client.stage()`.
#[napi(object)]
#[derive(Default)]
pub struct ClientOptions {
    pub merchant_id: Option<String>,
    pub hash_key: Option<String>,
    pub hash_iv: Option<String>,
    /// QueryTrade/V2's per-merchant number (back office, credit card settings).
    pub credit_check_code: Option<String>,
    /// `"stage"` (default), `"production"`, or an http(s) base URL.
    pub environment: Option<String>,
    /// Any other gateway, such as omg-sim's `http://127.0.0.1:PORT`. Not with `environment: "production"`.
    pub base_url: Option<String>,
    pub connect_timeout_ms: Option<u32>,
    pub read_timeout_ms: Option<u32>,
    /// Retries of the three queries (never of DoAction or CreditCardPeriodAction).
    pub retries: Option<u32>,
    pub initial_backoff_ms: Option<u32>,
    pub max_backoff_ms: Option<u32>,
    pub max_reply_bytes: Option<u32>,
}

#[napi]
pub struct Client {
    inner: CoreClient,
}

/// The environment of `options`: `baseUrl` wins over the default stage; `environment` is parsed
/// by omg-core.
fn environment(options: &ClientOptions) -> Result<Environment> {
    let named = options.environment.as_deref().map(Environment::parse).transpose().into_js()?;
    match (&options.base_url, named) {
        (Some(_), Some(Environment::Production)) => Err(invalid("baseUrl", "conflict", "baseUrl cannot be combined with environment \"production\"")),
        (Some(url), _) => match Environment::parse(url) {
            Ok(custom @ Environment::Custom(_)) => Ok(custom),
            _ => Err(invalid("baseUrl", "format", "baseUrl must start with http:// or https://")),
        },
        (None, named) => Ok(named.unwrap_or(Environment::Stage)),
    }
}

fn credentials(options: &ClientOptions, stage_default: bool) -> Result<Credentials> {
    let credentials = match (&options.merchant_id, &options.hash_key, &options.hash_iv) {
        (None, None, None) if stage_default => Credentials::stage(),
        (id, key, iv) => {
            let mut missing = Vec::new();
            for (name, value) in [("merchantId", id), ("hashKey", key), ("hashIv", iv)] {
                if value.is_none() {
                    missing.push(omg_core::FieldError::new(name, "required", format!("{name} is required")));
                }
            }
            if !missing.is_empty() {
                return Err(to_js(Error::Validation(missing)));
            }
            Credentials::new(id.clone().unwrap_or_default(), key.clone().unwrap_or_default(), iv.clone().unwrap_or_default()).into_js()?
        }
    };
    Ok(match &options.credit_check_code {
        Some(code) => credentials.with_credit_check_code(code.clone()),
        None => credentials,
    })
}

/// omg-core's transport options: its defaults, overridden by what `options` sets.
fn transport_options(options: &ClientOptions) -> CoreOptions {
    let ms = |v: u32| Duration::from_millis(u64::from(v));
    let mut o = CoreOptions::default();
    if let Some(v) = options.connect_timeout_ms {
        o.connect_timeout = ms(v);
    }
    if let Some(v) = options.read_timeout_ms {
        o.read_timeout = ms(v);
    }
    if let Some(v) = options.retries {
        o.retry.max_retries = v;
    }
    if let Some(v) = options.initial_backoff_ms {
        o.retry.initial_backoff = ms(v);
    }
    if let Some(v) = options.max_backoff_ms {
        o.retry.max_backoff = ms(v);
    }
    if let Some(v) = options.max_reply_bytes {
        o.max_reply_bytes = v as usize;
    }
    o
}

impl Client {
    fn build(options: ClientOptions, stage_default: bool) -> Result<Self> {
        let config = Config { credentials: credentials(&options, stage_default)?, environment: environment(&options)? };
        Ok(Client { inner: CoreClient::new(config, transport_options(&options)).into_js()? })
    }

    fn config(&self) -> &Config {
        self.inner.config()
    }
}

#[napi]
impl Client {
    #[napi(constructor, catch_unwind)]
    pub fn new(options: Option<ClientOptions>) -> Result<Self> {
        Client::build(options.unwrap_or_default(), false)
    }

    /// The public stage merchant 1000031 on the stage gateway (or on `options.baseUrl`).
    #[napi(factory, catch_unwind)]
    pub fn stage(options: Option<ClientOptions>) -> Result<Self> {
        Client::build(options.unwrap_or_default(), true)
    }

    /// `OMG_MERCHANT_ID`, `OMG_HASH_KEY`, `OMG_HASH_IV`, `OMG_CREDIT_CHECK_CODE`, `OMG_ENV`,
    /// `OMG_BASE_URL`.
    #[napi(factory, catch_unwind)]
    pub fn from_env() -> Result<Self> {
        Ok(Client { inner: CoreClient::from_env().into_js()? })
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

    /// Verifies a raw notification body (bytes as received).
    #[napi(catch_unwind)]
    pub fn verify_notification_bytes(&self, body: BufferSlice) -> Result<AnyNotification> {
        self.inner.verify_notification(&body).map(notification::to_js).into_js()
    }

    /// Verifies a raw notification body given as text (its UTF-8 bytes).
    #[napi(catch_unwind)]
    pub fn verify_notification_text(&self, body: Utf8Text) -> Result<AnyNotification> {
        let body = body.0;
        self.inner.verify_notification(body.as_bytes()).map(notification::to_js).into_js()
    }

    /// Verifies fields a framework already parsed (prefer the raw body: see docs/node.md).
    #[napi(catch_unwind)]
    pub fn verify_notification_fields(&self, fields: Object) -> Result<AnyNotification> {
        let fields = fields_from_object(&fields)?;
        omg_core::Notification::from_fields(fields, &self.config().credentials).map(notification::to_js).into_js()
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

    /// QueryTradeInfo/V5 (retried).
    #[napi(ts_return_type = "Promise<JsTradeInfo>")]
    pub fn query_trade(&self, merchant_trade_no: String) -> AsyncTask<ApiCall<omg_core::api::query_trade_info::TradeInfo, JsTradeInfo>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.query_trade(&merchant_trade_no), JsTradeInfo::from)
    }

    /// QueryCreditCardPeriodInfo (retried).
    #[napi(ts_return_type = "Promise<JsPeriodInfo>")]
    pub fn query_period(&self, merchant_trade_no: String) -> AsyncTask<ApiCall<omg_core::api::query_period_info::PeriodInfo, JsPeriodInfo>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.query_period(&merchant_trade_no), JsPeriodInfo::from)
    }

    /// CreditCardPeriodAction Cancel (never retried).
    #[napi(ts_return_type = "Promise<JsPeriodActionResult>")]
    pub fn cancel_period(&self, merchant_trade_no: String) -> AsyncTask<ApiCall<omg_core::api::period_action::PeriodActionResult, JsPeriodActionResult>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.cancel_period(&merchant_trade_no), JsPeriodActionResult::from)
    }

    /// DoAction C (never retried).
    #[napi(ts_return_type = "Promise<JsDoActionResult>")]
    pub fn capture(&self, merchant_trade_no: String, trade_no: String, amount: i64) -> AsyncTask<ApiCall<DoActionResult, JsDoActionResult>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.capture(&merchant_trade_no, &trade_no, amount), JsDoActionResult::from)
    }

    /// DoAction R (never retried).
    #[napi(ts_return_type = "Promise<JsDoActionResult>")]
    pub fn refund(&self, merchant_trade_no: String, trade_no: String, amount: i64) -> AsyncTask<ApiCall<DoActionResult, JsDoActionResult>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.refund(&merchant_trade_no, &trade_no, amount), JsDoActionResult::from)
    }

    /// DoAction E (never retried).
    #[napi(ts_return_type = "Promise<JsDoActionResult>")]
    pub fn cancel_capture(&self, merchant_trade_no: String, trade_no: String, amount: i64) -> AsyncTask<ApiCall<DoActionResult, JsDoActionResult>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.cancel_capture(&merchant_trade_no, &trade_no, amount), JsDoActionResult::from)
    }

    /// DoAction N (never retried).
    #[napi(ts_return_type = "Promise<JsDoActionResult>")]
    pub fn abandon(&self, merchant_trade_no: String, trade_no: String, amount: i64) -> AsyncTask<ApiCall<DoActionResult, JsDoActionResult>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.abandon(&merchant_trade_no, &trade_no, amount), JsDoActionResult::from)
    }

    /// QueryTrade/V2 (retried).
    #[napi(ts_return_type = "Promise<JsCreditDetail>")]
    pub fn query_credit_detail(&self, credit_refund_id: String, credit_amount: i64) -> AsyncTask<ApiCall<omg_core::api::query_credit_detail::CreditDetail, JsCreditDetail>> {
        let client = self.inner.clone();
        ApiCall::new(move || client.query_credit_detail(&credit_refund_id, credit_amount), JsCreditDetail::from)
    }
}
