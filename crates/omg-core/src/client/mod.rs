//! The gateway client: the only part of omg-core that opens sockets.
//!
//! It is transport and nothing else. Every call builds its request with `api::*::request` and
//! reads the reply with `api::*::parse_reply`; this module adds the HTTP POST (one keep-alive
//! `ureq` agent per client, timeouts, a reply size cap, no redirects) and the retry policy:
//!
//! - the three queries (QueryTradeInfo, QueryCreditCardPeriodInfo, QueryTrade/V2) are retried on
//!   connection errors, timeouts, HTTP 5xx and empty replies, with capped, jittered exponential
//!   backoff ([`RetryPolicy`]);
//! - DoAction and CreditCardPeriodAction move money or end a schedule and are NEVER retried. When
//!   one fails after it may have reached the gateway — a timeout, a dropped connection, any HTTP
//!   status other than 2xx (a redirect, a 4xx including 429, a 5xx: each proves a server read the
//!   request), and also a 200 whose body cannot be read or trusted — the error is a
//!   [`TransportError`] with `outcome_unknown: true` whose message names the query that tells what
//!   happened. Only a connection that was never made (refused, name not found, connect timeout,
//!   bad URL, TLS handshake) is a known "not sent".
//!
//! - `options`: [`ClientOptions`], [`RetryPolicy`], defaults and `OMG_*` overrides;
//! - `transport`: one POST and the meaning of each way it can fail;
//! - `retry`: the retry loop and the backoff;
//! - `credentials_check`: the keys self-check (`check_credentials`, `omg doctor`);
//! - `events`: what the client tells the `log` facade (off unless the application installs a
//!   logger; never a secret).

mod credentials_check;
mod events;
mod options;
mod retry;
mod setting_names;
pub mod settings;
mod transport;

pub use credentials_check::{wrong_keys_message, CredentialsCheck, KEY_VARIABLES};
pub use events::{log_to_stderr, LOG_TARGET};

pub use options::{
    ClientOptions, RetryPolicy, DEFAULT_CONNECT_TIMEOUT, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF,
    DEFAULT_MAX_REPLY_BYTES, DEFAULT_MAX_RETRIES, DEFAULT_READ_TIMEOUT, MAX_RETRIES_LIMIT, MAX_TIMEOUT,
};

use std::fmt;
use std::sync::Arc;

use crate::api::do_action::{self, Action, DoActionResult};
use crate::api::period_action::{self, PeriodActionResult};
use crate::api::query_credit_detail::{self, CreditDetail};
use crate::api::query_period_info::{self, PeriodInfo};
use crate::api::query_trade_info::{self, TradeInfo};
use crate::api::{Api, ApiRequest};
use crate::checkout::{self, Checkout};
use crate::clock::{Clock, SystemClock};
use crate::config::{Config, Environment};
use crate::error::{Error, Result, TransportError};
use crate::notify::{self, Endpoint, Notification};
use crate::order::Order;

pub use settings::ClientSettings;

use transport::{Failure, Transport};

/// A merchant's connection to a gateway. `Send + Sync`; clone it or share it behind an `Arc` —
/// clones share one pool of keep-alive connections.
///
/// ```no_run
/// use omg_core::client::Client;
/// let client = Client::from_env()?;                 // OMG_* variables, else the stage merchant
/// let info = client.query_trade("A240101080000XYZ")?;
/// println!("paid: {}", info.is_paid());
/// # Ok::<(), omg_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    config: Config,
    options: ClientOptions,
    clock: Arc<dyn Clock>,
    transport: Transport,
    /// Sent as PlatformID on the four signed server APIs: a platform merchant acting for the
    /// sub-merchant of `config.credentials` (protocol.md §6).
    platform_id: Option<String>,
}

/// Shows the merchant, the gateway and the options; never HashKey, HashIV or CreditCheckCode.
impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("merchant_id", &self.config.credentials.merchant_id())
            .field("base_url", &self.config.environment.base_url())
            .field("platform_id", &self.platform_id)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `config` (credentials and gateway) with `options`. Fails only when an option
    /// makes no sense ([`ClientOptions::validate`]); it does not connect.
    pub fn new(config: Config, options: ClientOptions) -> Result<Client> {
        options.validate()?;
        let transport = Transport::new(&options);
        Ok(Client { config, options, clock: Arc::new(SystemClock), transport, platform_id: None })
    }

    /// The public stage merchant (1000031) on the stage gateway, default options.
    pub fn stage() -> Client {
        let options = ClientOptions::default();
        Client {
            config: Config::stage(),
            options,
            clock: Arc::new(SystemClock),
            transport: Transport::new(&options),
            platform_id: None,
        }
    }

    /// [`Config::from_env`] (`OMG_MERCHANT_ID`, `OMG_HASH_KEY`, `OMG_HASH_IV`,
    /// `OMG_CREDIT_CHECK_CODE`, `OMG_ENV`, `OMG_BASE_URL`) and [`ClientOptions::from_env`]
    /// (`OMG_CONNECT_TIMEOUT_MS`, `OMG_READ_TIMEOUT_MS`, `OMG_MAX_RETRIES`).
    pub fn from_env() -> Result<Client> {
        Client::new(Config::from_env()?, ClientOptions::from_env()?)
    }

    /// The same client reading time from `clock` (TimeStamp, MerchantTradeDate): for tests and
    /// for omg-sim's accelerated clock.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Client {
        self.clock = clock;
        self
    }

    /// The same client acting as a platform for its sub-merchant: `platform_id` is sent as
    /// PlatformID on QueryTradeInfo, QueryCreditCardPeriodInfo, CreditCardPeriodAction and
    /// DoAction (signed with this client's credentials: the sub-merchant's MerchantID and the
    /// platform's keys). An empty id sends none.
    pub fn with_platform_id(mut self, platform_id: impl Into<String>) -> Client {
        let id = platform_id.into();
        self.platform_id = (!id.is_empty()).then_some(id);
        self
    }

    /// The PlatformID sent on the server APIs, if any.
    pub fn platform_id(&self) -> Option<&str> {
        self.platform_id.as_deref()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// Signs `order` for AioCheckOut/V5 (no network): see [`checkout::checkout`]. In production
    /// this refuses the public stage merchant's keys and callback URLs that are not HTTPS on
    /// port 443/80, all in one `Error::Validation`.
    pub fn checkout(&self, order: &Order) -> Result<Checkout> {
        checkout::checkout(order, &self.config.credentials, &self.config.environment, self.clock.as_ref())
    }

    /// Verifies a notification body with this client's credentials (no network): see
    /// [`notify::verify_notification`].
    pub fn verify_notification(&self, body: &[u8]) -> Result<Notification> {
        notify::verify_notification(body, &self.config.credentials)
    }

    /// [`Client::verify_notification`] for a handler that knows which URL it serves: the kind
    /// comes from `endpoint` instead of being inferred from the fields (protocol.md §5).
    pub fn verify_notification_at(&self, body: &[u8], endpoint: Option<Endpoint>) -> Result<Notification> {
        let notification = notify::verify_notification(body, &self.config.credentials)?;
        Ok(match endpoint {
            Some(endpoint) => notification.received_at(endpoint),
            None => notification,
        })
    }

    /// QueryTradeInfo/V5: the state of one order. Retried per [`RetryPolicy`]. A reply about
    /// another order than the one asked for is an `Error::Decode`.
    pub fn query_trade(&self, merchant_trade_no: &str) -> Result<TradeInfo> {
        let request = query_trade_info::request(
            &self.config.credentials,
            merchant_trade_no,
            self.platform_id(),
            self.clock.as_ref(),
        )?;
        let info = query_trade_info::parse_reply(&self.send(&request)?, &self.config.credentials)?;
        if !info.merchant_trade_no.is_empty() && info.merchant_trade_no != merchant_trade_no {
            return Err(Error::Decode(format!(
                "the QueryTradeInfo reply is about order {}, not {merchant_trade_no}",
                info.merchant_trade_no
            )));
        }
        Ok(info)
    }

    /// QueryCreditCardPeriodInfo: a recurring schedule and its charges. Retried.
    pub fn query_period(&self, merchant_trade_no: &str) -> Result<PeriodInfo> {
        let request = query_period_info::request(
            &self.config.credentials,
            merchant_trade_no,
            self.platform_id(),
            self.clock.as_ref(),
        )?;
        query_period_info::parse_reply(&self.send(&request)?)
    }

    /// CreditCardPeriodAction `Cancel`: stops a recurring schedule for good. NEVER retried; an
    /// unknown outcome is reconciled with [`Client::query_period`] (ExecStatus `0` = cancelled).
    pub fn cancel_period(&self, merchant_trade_no: &str) -> Result<PeriodActionResult> {
        let request = period_action::request(
            &self.config.credentials,
            merchant_trade_no,
            self.platform_id(),
            self.clock.as_ref(),
        )?;
        let reply = self.send(&request)?;
        read_after_sending(Api::PeriodAction, period_action::parse_reply(&reply, &self.config.credentials))
    }

    /// DoAction: capture, refund, cancel a capture or abandon an authorisation. NEVER retried;
    /// an unknown outcome is reconciled with [`Client::query_credit_detail`].
    pub fn do_action(
        &self,
        merchant_trade_no: &str,
        trade_no: &str,
        action: Action,
        amount: i64,
    ) -> Result<DoActionResult> {
        self.refuse_on_stage(Api::DoAction)?;
        let request = do_action::request(
            &self.config.credentials,
            merchant_trade_no,
            trade_no,
            action,
            amount,
            self.platform_id(),
        )?;
        let reply = self.send(&request)?;
        read_after_sending(Api::DoAction, do_action::parse_reply(&reply))
    }

    /// DoAction `C`: capture `amount` (≤ the authorised amount).
    pub fn capture(&self, merchant_trade_no: &str, trade_no: &str, amount: i64) -> Result<DoActionResult> {
        self.do_action(merchant_trade_no, trade_no, Action::Capture, amount)
    }

    /// DoAction `R`: refund `amount`.
    pub fn refund(&self, merchant_trade_no: &str, trade_no: &str, amount: i64) -> Result<DoActionResult> {
        self.do_action(merchant_trade_no, trade_no, Action::Refund, amount)
    }

    /// DoAction `E`: take back a capture that is still pending.
    pub fn cancel_capture(&self, merchant_trade_no: &str, trade_no: &str, amount: i64) -> Result<DoActionResult> {
        self.do_action(merchant_trade_no, trade_no, Action::CancelCapture, amount)
    }

    /// DoAction `N`: abandon an authorisation that was not captured.
    pub fn abandon(&self, merchant_trade_no: &str, trade_no: &str, amount: i64) -> Result<DoActionResult> {
        self.do_action(merchant_trade_no, trade_no, Action::Abandon, amount)
    }

    /// QueryTrade/V2: a card payment's authorised, captured and refunded amounts, by its `gwsr`
    /// (`credit_refund_id`) and authorised amount. Needs the credentials' CreditCheckCode.
    /// Retried.
    pub fn query_credit_detail(&self, credit_refund_id: &str, credit_amount: i64) -> Result<CreditDetail> {
        self.refuse_on_stage(Api::QueryCreditDetail)?;
        let request = query_credit_detail::request(&self.config.credentials, credit_refund_id, credit_amount)?;
        query_credit_detail::parse_reply(&self.send(&request)?)
    }

    /// DoAction and QueryTrade/V2 do not exist on the real stage gateway (it cannot authorise real
    /// cards, V1.3.7 pp.45, 48): refuse them before sending instead of letting the request fail
    /// obscurely. omg-sim or any other base URL is fine. `Error::Validation` on field
    /// `environment`, rule `no_stage_api`.
    fn refuse_on_stage(&self, api: Api) -> Result<()> {
        if self.config.environment.base_url() != Environment::Stage.base_url() {
            return Ok(());
        }
        Err(Error::invalid(
            "environment",
            crate::rules::NO_STAGE_API,
            format!(
                "{} does not exist on the stage gateway ({}): stage cannot authorise real cards. Rehearse it against \
                 omg-sim (`omg sim`, then base URL http://127.0.0.1:PORT), or call it in production",
                api.name(),
                Environment::Stage.base_url()
            ),
        ))
    }

    /// POSTs a signed request and returns the reply body, retrying only what may be repeated.
    fn send(&self, request: &ApiRequest) -> Result<Vec<u8>> {
        let api = request.api;
        let url = request.url(&self.config.environment);
        let body = request.body();
        let mut attempt = 0;
        let sent = retry::with_retries(
            &self.options.retry,
            request.idempotent,
            || {
                attempt += 1;
                events::request_sent(api, &url, attempt);
                let result = self.transport.post_form(&url, &body);
                match &result {
                    Ok((status, reply)) => events::reply_received(api, *status, reply.len()),
                    Err(failure) => events::attempt_failed(api, attempt, failure),
                }
                result
            },
            |failure, next_attempt, wait| events::retrying(api, next_attempt, failure, wait),
        );
        sent.map(|(_, reply)| reply).map_err(|(failure, attempts)| transport_error(api, failure, attempts))
    }
}

/// The error a caller sees: the API's name, what happened, how many attempts, and — for a
/// money-moving call that may have arrived — that its outcome is unknown and which query
/// reconciles it.
fn transport_error(api: Api, failure: Failure, attempts: u32) -> Error {
    let outcome_unknown = !api.is_idempotent() && failure.maybe_sent;
    let mut message = format!("{}: {}", api.name(), failure.message);
    if attempts > 1 {
        message.push_str(&format!(" (after {attempts} attempts)"));
    }
    if outcome_unknown {
        let query = api.reconciled_by().map(|q| q.name()).unwrap_or("a query");
        message.push_str(&format!(
            "; the outcome is unknown: the request may have reached the gateway. Do not send it again: check what \
             happened with {query} first"
        ));
    }
    let reconcile_with = if outcome_unknown { api.reconciled_by() } else { None };
    events::failed(api, outcome_unknown, &message);
    Error::Transport(TransportError {
        message,
        timeout: failure.timeout,
        status: failure.status,
        outcome_unknown,
        reconcile_with,
    })
}

/// The reading of a money-moving call's reply. The request arrived (a reply came back), so a
/// reply that cannot be read or trusted — not the API's format, no RtnCode, a bad or missing
/// signature, a re-shaped body — says nothing about what the gateway did: the outcome is unknown
/// (a transport error with `outcome_unknown`, naming the reconciling query), never a plain decode
/// or signature error that a script might answer by sending it again. A refusal the gateway
/// stated (`Error::Gateway`) is a known outcome and stays as it is.
fn read_after_sending<T>(api: Api, reading: Result<T>) -> Result<T> {
    match reading {
        Err(error @ (Error::Decode(_) | Error::Signature(_) | Error::Validation(_))) => Err(transport_error(
            api,
            Failure {
                message: format!("the reply cannot be trusted ({error})"),
                timeout: false,
                status: None,
                maybe_sent: true,
                retryable: false,
            },
            1,
        )),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Credentials;

    fn failure(maybe_sent: bool) -> Failure {
        Failure {
            message: "read timeout: no complete reply in time".into(),
            timeout: true,
            status: None,
            maybe_sent,
            retryable: true,
        }
    }

    #[test]
    fn unknown_outcomes_name_the_reconciling_query() {
        let Error::Transport(t) = transport_error(Api::DoAction, failure(true), 1) else { panic!() };
        assert!(t.outcome_unknown && t.timeout);
        assert!(
            t.message.starts_with("DoAction: read timeout") && t.message.contains("QueryTrade/V2"),
            "{}",
            t.message
        );

        let Error::Transport(t) = transport_error(Api::PeriodAction, failure(true), 1) else { panic!() };
        assert!(t.outcome_unknown && t.message.contains("QueryCreditCardPeriodInfo"), "{}", t.message);

        // Not sent: known outcome (nothing happened).
        let Error::Transport(t) = transport_error(Api::DoAction, failure(false), 1) else { panic!() };
        assert!(!t.outcome_unknown && !t.message.contains("unknown"));

        // A query is never "unknown": it can simply be asked again.
        let Error::Transport(t) = transport_error(Api::QueryTradeInfo, failure(true), 4) else { panic!() };
        assert!(!t.outcome_unknown && t.message.contains("after 4 attempts"), "{}", t.message);
    }

    #[test]
    fn debug_never_shows_keys() {
        let credentials =
            Credentials::new("2000132", "SECRETKEY123", "SECRETIV456").unwrap().with_credit_check_code("998877");
        let client = Client::new(
            Config { credentials, environment: Environment::Custom("http://127.0.0.1:9".into()) },
            ClientOptions::default(),
        )
        .unwrap();
        let text = format!("{client:?}");
        assert!(text.contains("2000132") && text.contains("127.0.0.1:9"), "{text}");
        for secret in ["SECRETKEY123", "SECRETIV456", "998877"] {
            assert!(!text.contains(secret), "{text}");
        }
    }

    #[test]
    fn client_is_send_sync_and_clone() {
        fn assert_traits<T: Send + Sync + Clone + 'static>() {}
        assert_traits::<Client>();
    }

    #[test]
    fn checkout_goes_through_the_production_guard() {
        use crate::clock::FixedClock;
        use crate::order::Payment;
        let order =
            Order::new("A240101080000K3Z9Q2M", 100, "shop", "Mug", "http://shop.example/return", Payment::default());

        // The same order signs on stage (http callbacks are fine there)...
        let stage = Client::stage().with_clock(Arc::new(FixedClock(1_704_067_200)));
        let signed = stage.checkout(&order).unwrap();
        assert_eq!(signed.action_url, "https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5");
        assert_eq!(signed.fields.get("MerchantTradeDate"), Some("2024/01/01 08:00:00"));

        // ...but production refuses the public stage keys and the http callback, both at once.
        let production = Client::new(
            Config { credentials: Credentials::stage(), environment: Environment::Production },
            ClientOptions::default(),
        )
        .unwrap();
        let rules: Vec<(String, String)> = production
            .checkout(&order)
            .unwrap_err()
            .field_errors()
            .iter()
            .map(|e| (e.field.clone(), e.rule.clone()))
            .collect();
        assert!(rules.contains(&("MerchantID".into(), "stage_credentials".into())), "{rules:?}");
        assert!(rules.contains(&("ReturnURL".into(), "https".into())), "{rules:?}");

        // Own keys and an https callback: production signs it for the production host.
        let own = Credentials::new("3002607", "pwFHCqoQZGmho4w6", "EkRm7iFT261dpevs").unwrap();
        let production =
            Client::new(Config { credentials: own, environment: Environment::Production }, ClientOptions::default())
                .unwrap();
        let mut https = order.clone();
        https.return_url = "https://shop.example/return".into();
        assert_eq!(
            production.checkout(&https).unwrap().action_url,
            "https://payment.funpoint.com.tw/Cashier/AioCheckOut/V5"
        );
    }

    #[test]
    fn bad_options_are_refused_at_construction() {
        let options = ClientOptions { read_timeout: std::time::Duration::ZERO, ..ClientOptions::default() };
        let err = Client::new(Config::stage(), options).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "read_timeout");
    }
}
