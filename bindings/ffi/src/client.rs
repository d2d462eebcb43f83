//! The client entry points: create and free a client, checkout, notifications (the server APIs
//! are operations.rs, generated from the contract). Each converts its arguments, calls omg-core's
//! `Client`, and writes the JSON view of the result.

use omg_core::rules;
use std::ffi::c_char;

use omg_core::boundary::{
    notification_to_flat, notification_to_json_text, receive_notification, ClientSettings, Described,
};
use omg_core::notify::template::{self, Template};
use omg_core::notify::Endpoint;
use omg_core::{Client, Error, FieldError, Notification};

use crate::convert::{bytes, json, packed_fields, text};
use crate::errors::Failure;
use crate::guard::run;
use crate::handles::{self, OmgClientHandle};
use crate::order::order_from_json;
use crate::output::{OutBytes, OutString};
use crate::status::OmgStatus;

/// Writes a new handle to `out_client` (checked before anything else is done).
unsafe fn put_client(
    out_client: *mut OmgClientHandle,
    make: impl FnOnce() -> Result<Client, Failure>,
) -> Result<(), Failure> {
    if out_client.is_null() {
        return Err(Failure::Argument("out_client is NULL".into()));
    }
    unsafe { *out_client = 0 };
    let handle = handles::insert(make()?);
    unsafe { *out_client = handle };
    Ok(())
}

/// A client from settings: a JSON object of setting names to text values (`merchant_id`,
/// `hash_key`, `hash_iv`, `credit_check_code`, `environment`, `base_url`, `connect_timeout`,
/// `read_timeout`, `retries`, `initial_backoff`, `max_backoff`, `max_reply_bytes`; seconds for
/// times), read by omg-core's `ClientSettings::from_named`: the same names, defaults and rules as
/// every language. No credentials at all (outside production) is the public stage merchant.
///
/// # Safety
/// `settings` points to `settings_len` readable bytes (or is NULL with length 0); `out_client`
/// to a writable handle; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_new(
    settings: *const u8,
    settings_len: usize,
    out_client: *mut OmgClientHandle,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let settings = text(settings, settings_len, "settings")?;
        put_client(out_client, || client_from_settings(&json(settings, "settings")?))
    })
}

/// A client from the `OMG_*` environment variables (docs/client.md).
///
/// # Safety
/// `out_client` points to a writable handle; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_from_env(
    out_client: *mut OmgClientHandle,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe { put_client(out_client, || Ok(Client::from_env()?)) })
}

/// The client of a settings object: every value must be text (the rule `format` otherwise).
fn client_from_settings(settings: &serde_json::Value) -> Result<Client, Failure> {
    let serde_json::Value::Object(members) = settings else {
        return Err(Failure::Core(Error::Decode("settings must be a JSON object".into())));
    };
    let mut pairs = Vec::with_capacity(members.len());
    let mut errors = Vec::new();
    for (name, value) in members {
        match value {
            serde_json::Value::String(text) => pairs.push((name.as_str(), text.as_str())),
            serde_json::Value::Null => {}
            _ => errors.push(FieldError::new(name.as_str(), rules::FORMAT, format!("{name} must be given as text"))),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Core(Error::Validation(errors)));
    }
    Ok(ClientSettings::from_named(pairs)?.into_client()?)
}

/// Frees a client. A handle that is unknown or already freed answers `OMG_ERR_HANDLE` and
/// changes nothing; calls in progress on other threads finish first.
#[no_mangle]
pub extern "C" fn omg_client_free(client: OmgClientHandle) -> OmgStatus {
    run(std::ptr::null_mut(), || handles::remove(client))
}

/// The client's effective settings: the `ClientSettings` view (defaults filled in, never a secret).
///
/// # Safety
/// `out_json` points to a writable pointer; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_describe(
    client: OmgClientHandle,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let client = handles::get(client)?;
        out.put_json(
            ClientSettings {
                config: client.config().clone(),
                options: *client.options(),
                platform_id: client.platform_id().map(str::to_string),
            }
            .to_json(),
        )
    })
}

/// Validates and signs an order (no network). `order` is a JSON object of named values (names in
/// any casing: `MerchantTradeNo`, `merchant_trade_no`; values text, whole numbers, booleans or
/// lists), plus `extra`: an array of `[name, value]` pairs sent as given. The result is the
/// checkout's JSON view (`action_url`, `fields`, `html`).
///
/// # Safety
/// `order` points to `order_len` readable bytes; `out_json` to a writable pointer; `out_error`
/// is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_checkout(
    client: OmgClientHandle,
    order: *const u8,
    order_len: usize,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let client = handles::get(client)?;
        let order = order_from_json(&json(text(order, order_len, "order")?, "order")?)?;
        out.put(client.checkout(&order)?.to_json_text())
    })
}

/// The endpoint argument: length 0 is none; otherwise omg-core's `Endpoint::parse`.
unsafe fn endpoint_arg(ptr: *const u8, len: usize) -> Result<Option<Endpoint>, Failure> {
    let name = unsafe { text(ptr, len, "endpoint")? };
    Ok((!name.is_empty()).then(|| Endpoint::parse(name)).transpose()?)
}

/// A verified notification, its kind fixed by `endpoint` when one is named.
fn received_at(notification: Notification, endpoint: Option<Endpoint>) -> Notification {
    match endpoint {
        Some(endpoint) => notification.received_at(endpoint),
        None => notification,
    }
}

/// The notification of a raw body (the arguments of [`omg_client_verify_notification`]).
///
/// # Safety
/// `body` and `endpoint` point to their lengths' readable bytes.
unsafe fn verified_body(
    client: OmgClientHandle,
    body: *const u8,
    body_len: usize,
    endpoint: *const u8,
    endpoint_len: usize,
) -> Result<Notification, Failure> {
    let client = handles::get(client)?;
    let endpoint = unsafe { endpoint_arg(endpoint, endpoint_len)? };
    let body = unsafe { bytes(body, body_len, "body")? };
    Ok(received_at(client.verify_notification(body)?, endpoint))
}

/// The notification of packed fields (the arguments of [`omg_client_verify_notification_fields`]).
///
/// # Safety
/// `fields` and `endpoint` point to their lengths' readable bytes.
unsafe fn verified_fields(
    client: OmgClientHandle,
    fields: *const u8,
    fields_len: usize,
    endpoint: *const u8,
    endpoint_len: usize,
) -> Result<Notification, Failure> {
    let client = handles::get(client)?;
    let endpoint = unsafe { endpoint_arg(endpoint, endpoint_len)? };
    let fields = packed_fields(unsafe { text(fields, fields_len, "fields")? }, "fields")?;
    Ok(received_at(Notification::from_fields(fields, &client.config().credentials)?, endpoint))
}

/// Verifies a notification's raw body, exactly the bytes received, and writes the typed
/// notification's JSON view (its `kind` tells which of the three it is). `endpoint` names the URL
/// that received it (`return_url`, `payment_info_url`, `period_return_url`, or the gateway's
/// names such as `ReturnURL`), so the kind is certain instead of inferred; length 0 is none.
///
/// # Safety
/// `body` and `endpoint` point to their lengths' readable bytes; `out_json` to a writable
/// pointer; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_verify_notification(
    client: OmgClientHandle,
    body: *const u8,
    body_len: usize,
    endpoint: *const u8,
    endpoint_len: usize,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        out.put(notification_to_json_text(&verified_body(client, body, body_len, endpoint, endpoint_len)?))
    })
}

/// [`omg_client_verify_notification`] with the notification's flat view instead of JSON: the
/// fields of its kind in the described order (omg-core's `boundary::flat`; the first is `kind`),
/// written to `out_flat` / `out_flat_len` and freed with `omg_bytes_free`. What .NET reads.
///
/// # Safety
/// As [`omg_client_verify_notification`]; `out_flat` and `out_flat_len` point to writable storage.
#[no_mangle]
pub unsafe extern "C" fn omg_client_verify_notification_flat(
    client: OmgClientHandle,
    body: *const u8,
    body_len: usize,
    endpoint: *const u8,
    endpoint_len: usize,
    out_flat: *mut *mut u8,
    out_flat_len: *mut usize,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutBytes::new(out_flat, out_flat_len, "out_flat")?;
        out.put(notification_to_flat(&verified_body(client, body, body_len, endpoint, endpoint_len)?))
    })
}

/// Verifies fields a framework already parsed, packed as `key NUL value NUL key NUL value`
/// (UTF-8, no NUL at the end), `endpoint` as for [`omg_client_verify_notification`]. Prefer the
/// raw body.
///
/// # Safety
/// As [`omg_client_verify_notification`].
#[no_mangle]
pub unsafe extern "C" fn omg_client_verify_notification_fields(
    client: OmgClientHandle,
    fields: *const u8,
    fields_len: usize,
    endpoint: *const u8,
    endpoint_len: usize,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        out.put(notification_to_json_text(&verified_fields(client, fields, fields_len, endpoint, endpoint_len)?))
    })
}

/// [`omg_client_verify_notification_fields`] with the flat view, as
/// [`omg_client_verify_notification_flat`].
///
/// # Safety
/// As [`omg_client_verify_notification_flat`].
#[no_mangle]
pub unsafe extern "C" fn omg_client_verify_notification_fields_flat(
    client: OmgClientHandle,
    fields: *const u8,
    fields_len: usize,
    endpoint: *const u8,
    endpoint_len: usize,
    out_flat: *mut *mut u8,
    out_flat_len: *mut usize,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutBytes::new(out_flat, out_flat_len, "out_flat")?;
        out.put(notification_to_flat(&verified_fields(client, fields, fields_len, endpoint, endpoint_len)?))
    })
}

/// Receives one HTTP request carrying a notification, for a web helper: omg-core decides what to
/// refuse (method, Content-Type, size over `max_bytes`, signature, ...) and with which HTTP status.
/// `content_type` of length 0 means the header is absent. Writes
/// `{"status": 200|4xx, "reply": "1|OK" or "0|reason", "notification": view or null,
/// "error": error payload or null, "handler_failed": {"status", "reply"}, "unexpected":
/// {"status", "reply", "message"} or null}`; the call itself fails only on bad arguments. A
/// helper runs the merchant's handler on the notification and only then answers `status` /
/// `reply` (`handler_failed` when the handler failed, `unexpected` and its log line `message`
/// when the route does not take the notification's kind).
///
/// # Safety
/// `method`, `content_type` and `body` point to their lengths' readable bytes; `out_json` to a
/// writable pointer; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_receive_notification(
    client: OmgClientHandle,
    method: *const u8,
    method_len: usize,
    content_type: *const u8,
    content_type_len: usize,
    body: *const u8,
    body_len: usize,
    max_bytes: usize,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let client = handles::get(client)?;
        let method = text(method, method_len, "method")?;
        let content_type = text(content_type, content_type_len, "content_type")?;
        let body = bytes(body, body_len, "body")?;
        let content_type = (!content_type.is_empty()).then_some(content_type);
        out.put(
            receive_notification(method, content_type, body, max_bytes, &client.config().credentials).to_json_text(),
        )
    })
}

/// A realistic test notification of `kind` (`payment_result`, `atm_code_issued`,
/// `cvs_code_issued`, `barcode_code_issued`, `period_charge`) with `fields` (packed as for
/// [`omg_client_verify_notification_fields`]) set on top, signed with the client's keys: the
/// form body the gateway would POST.
///
/// # Safety
/// `kind` and `fields` point to their lengths' readable bytes; `out_body` to a writable pointer;
/// `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_sign_test_notification(
    client: OmgClientHandle,
    kind: *const u8,
    kind_len: usize,
    fields: *const u8,
    fields_len: usize,
    out_body: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_body, "out_body")?;
        let client = handles::get(client)?;
        let template = Template::parse(text(kind, kind_len, "kind")?)?;
        let overrides = packed_fields(text(fields, fields_len, "fields")?, "fields")?;
        out.put(template::sign_test_notification(template, &overrides, &client.config().credentials)?)
    })
}
