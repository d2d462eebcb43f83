//! The client entry points: create and free a client, checkout, notifications, the server APIs.
//! Each converts its arguments, calls omg-core's `Client`, and writes the JSON view of the
//! result. Network calls block the calling thread until the reply (or the timeout).

use std::ffi::c_char;

use omg_core::notify::template::{self, Template};
use omg_core::api::do_action::Action;
use omg_core::{Client, Notification};

use crate::entry::{run, Failure, Outcome};
use crate::handles::{self, OmgClientHandle};
use crate::input::{bytes, json, packed_fields, text};
use crate::order::order_from_json;
use crate::output::OutString;
use crate::status::OmgStatus;
use crate::views;

/// Writes a new handle to `out_client` (checked before anything else is done).
unsafe fn put_client(out_client: *mut OmgClientHandle, make: impl FnOnce() -> Result<Client, Failure>) -> Result<(), Failure> {
    if out_client.is_null() {
        return Err(Failure::Argument("out_client is NULL".into()));
    }
    unsafe { *out_client = 0 };
    let handle = handles::insert(make()?);
    unsafe { *out_client = handle };
    Ok(())
}

/// A client from settings: a JSON object of names to text values (`merchant_id`, `hash_key`,
/// `hash_iv`, `credit_check_code`, `environment`, `base_url`, `connect_timeout` and
/// `read_timeout` in seconds, `retries`), by omg-core's one set of rules. Missing credentials are
/// a validation error.
///
/// # Safety
/// `settings` points to `settings_len` readable bytes (or is NULL with length 0); `out_client`
/// to a writable handle; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_new(settings: *const u8, settings_len: usize, out_client: *mut OmgClientHandle, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || unsafe {
        let settings = text(settings, settings_len, "settings")?;
        put_client(out_client, || views::client_from_settings(&json(settings, "settings")?, false))
    })
}

/// As [`omg_client_new`], but without credentials the client is the public stage merchant
/// 1000031 (on the stage gateway unless `environment` / `base_url` say otherwise).
///
/// # Safety
/// As [`omg_client_new`].
#[no_mangle]
pub unsafe extern "C" fn omg_client_stage(settings: *const u8, settings_len: usize, out_client: *mut OmgClientHandle, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || unsafe {
        let settings = text(settings, settings_len, "settings")?;
        put_client(out_client, || views::client_from_settings(&json(settings, "settings")?, true))
    })
}

/// A client from the `OMG_*` environment variables (docs/client.md).
///
/// # Safety
/// `out_client` points to a writable handle; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_from_env(out_client: *mut OmgClientHandle, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || unsafe { put_client(out_client, || Ok(Client::from_env()?)) })
}

/// Frees a client. A handle that is unknown or already freed answers `OMG_ERR_HANDLE` and
/// changes nothing; calls in progress on other threads finish first.
#[no_mangle]
pub extern "C" fn omg_client_free(client: OmgClientHandle) -> OmgStatus {
    run(std::ptr::null_mut(), || handles::remove(client))
}

/// `{"merchant_id", "base_url", "is_production"}` of a client (never its keys).
///
/// # Safety
/// `out_json` points to a writable pointer; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_describe(client: OmgClientHandle, out_json: *mut *mut c_char, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        out.put_json(views::client_description(&*handles::get(client)?))
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
pub unsafe extern "C" fn omg_client_checkout(client: OmgClientHandle, order: *const u8, order_len: usize, out_json: *mut *mut c_char, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let client = handles::get(client)?;
        let order = order_from_json(&json(text(order, order_len, "order")?, "order")?)?;
        out.put_json(views::checkout(&client.checkout(&order)?))
    })
}

/// Verifies a notification's raw body, exactly the bytes received, and writes the typed
/// notification's JSON view (its `kind` tells which of the three it is).
///
/// # Safety
/// `body` points to `body_len` readable bytes; `out_json` to a writable pointer; `out_error` is
/// NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_verify_notification(client: OmgClientHandle, body: *const u8, body_len: usize, out_json: *mut *mut c_char, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let client = handles::get(client)?;
        let body = bytes(body, body_len, "body")?;
        out.put_json(views::notification(&client.verify_notification(body)?))
    })
}

/// Verifies fields a framework already parsed, packed as `key NUL value NUL key NUL value`
/// (UTF-8, no NUL at the end). Prefer the raw body.
///
/// # Safety
/// As [`omg_client_verify_notification`].
#[no_mangle]
pub unsafe extern "C" fn omg_client_verify_notification_fields(client: OmgClientHandle, fields: *const u8, fields_len: usize, out_json: *mut *mut c_char, out_error: *mut *mut c_char) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let client = handles::get(client)?;
        let fields = packed_fields(text(fields, fields_len, "fields")?, "fields")?;
        out.put_json(views::notification(&Notification::from_fields(fields, &client.config().credentials)?))
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

/// The body of the entry points that take a MerchantTradeNo.
unsafe fn by_merchant_trade_no<T>(
    client: OmgClientHandle,
    merchant_trade_no: *const u8,
    merchant_trade_no_len: usize,
    out_json: *mut *mut c_char,
    call: impl FnOnce(&Client, &str) -> omg_core::Result<T>,
    view: impl FnOnce(&T) -> serde_json::Value,
) -> Outcome {
    let out = unsafe { OutString::new(out_json, "out_json")? };
    let client = handles::get(client)?;
    let no = unsafe { text(merchant_trade_no, merchant_trade_no_len, "merchant_trade_no")? };
    out.put_json(view(&call(&client, no)?))
}

/// QueryTradeInfo/V5 (retried by the client's policy): the `TradeInfo` view.
///
/// # Safety
/// `merchant_trade_no` points to its length's readable bytes; `out_json` to a writable pointer;
/// `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_query_trade(
    client: OmgClientHandle,
    merchant_trade_no: *const u8,
    merchant_trade_no_len: usize,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe { by_merchant_trade_no(client, merchant_trade_no, merchant_trade_no_len, out_json, Client::query_trade, views::trade_info) })
}

/// QueryCreditCardPeriodInfo (retried): the `PeriodInfo` view.
///
/// # Safety
/// As [`omg_client_query_trade`].
#[no_mangle]
pub unsafe extern "C" fn omg_client_query_period(
    client: OmgClientHandle,
    merchant_trade_no: *const u8,
    merchant_trade_no_len: usize,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe { by_merchant_trade_no(client, merchant_trade_no, merchant_trade_no_len, out_json, Client::query_period, views::period_info) })
}

/// CreditCardPeriodAction Cancel (NEVER retried): the `PeriodActionResult` view.
///
/// # Safety
/// As [`omg_client_query_trade`].
#[no_mangle]
pub unsafe extern "C" fn omg_client_cancel_period(
    client: OmgClientHandle,
    merchant_trade_no: *const u8,
    merchant_trade_no_len: usize,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe { by_merchant_trade_no(client, merchant_trade_no, merchant_trade_no_len, out_json, Client::cancel_period, views::period_action_result) })
}

/// DoAction: `action` is `C` capture, `R` refund, `E` cancel a pending capture, `N` abandon the
/// authorisation, for `amount` of the card payment `trade_no`. The `DoActionResult` view. NEVER
/// retried: a timeout after the request may have arrived is a transport error with
/// `outcome_unknown` true — find out with QueryTrade/V2 before doing anything else.
///
/// # Safety
/// `merchant_trade_no`, `trade_no` and `action` point to their lengths' readable bytes;
/// `out_json` to a writable pointer; `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_do_action(
    client: OmgClientHandle,
    merchant_trade_no: *const u8,
    merchant_trade_no_len: usize,
    trade_no: *const u8,
    trade_no_len: usize,
    action: *const u8,
    action_len: usize,
    amount: i64,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let client = handles::get(client)?;
        let no = text(merchant_trade_no, merchant_trade_no_len, "merchant_trade_no")?;
        let trade_no = text(trade_no, trade_no_len, "trade_no")?;
        let action = text(action, action_len, "action")?;
        let action = Action::from_code(action)
            .ok_or_else(|| Failure::Argument(format!("action must be C, R, E or N, not {action:?}")))?;
        out.put_json(views::do_action_result(&client.do_action(no, trade_no, action, amount)?))
    })
}

/// QueryTrade/V2 (retried; needs the client's credit_check_code): the `CreditDetail` view.
///
/// # Safety
/// `credit_refund_id` points to its length's readable bytes; `out_json` to a writable pointer;
/// `out_error` is NULL or points to a writable pointer.
#[no_mangle]
pub unsafe extern "C" fn omg_client_query_credit_detail(
    client: OmgClientHandle,
    credit_refund_id: *const u8,
    credit_refund_id_len: usize,
    credit_amount: i64,
    out_json: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> OmgStatus {
    run(out_error, || unsafe {
        let out = OutString::new(out_json, "out_json")?;
        let client = handles::get(client)?;
        let id = text(credit_refund_id, credit_refund_id_len, "credit_refund_id")?;
        out.put_json(views::credit_detail(&client.query_credit_detail(id, credit_amount)?))
    })
}
