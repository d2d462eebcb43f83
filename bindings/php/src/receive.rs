//! The notification helper for plain PHP (`$client->handleNotification($handler)`): read the
//! request, let omg-core's receipt step decide (omg_core::boundary::receive_notification: method,
//! Content-Type, size, signature → status and reply), run the merchant's handler, answer. The
//! reply is written here, so no merchant can get it wrong: exactly `1|OK` after the handler
//! returned; `0|...` with a non-2xx status when the request is refused or the handler throws.

use ext_php_rs::convert::IntoZval;
use ext_php_rs::prelude::*;
use ext_php_rs::types::Zval;
use ext_php_rs::zend::{ExecutorGlobals, SapiGlobals};
use omg_core::boundary::receive_notification;
use omg_core::notify::MAX_BODY_BYTES;

use crate::client::Client;
use crate::notification;

/// The status and reply when the handler throws: the gateway sends the notification again later.
const HANDLER_FAILED: (i64, &str) = (500, "0|the handler failed");

fn call(function: &str, args: Vec<&dyn ext_php_rs::convert::IntoZvalDyn>) -> PhpResult<Zval> {
    Ok(ZendCallable::try_from_name(function)?.try_call(args)?)
}

fn answer(status: i64, reply: &str) -> PhpResult<()> {
    // headers_sent() is true when the merchant's code already printed something: the status and
    // header can no longer be set then, but the reply is still written.
    if !call("headers_sent", vec![])?.bool().unwrap_or(false) {
        call("http_response_code", vec![&status])?;
        call("header", vec![&"Content-Type: text/plain; charset=utf-8"])?;
    }
    php_print!("{}", reply);
    Ok(())
}

/// Hands a throwable (taken from the engine) to `on_error`, or to error_log when there is none.
fn report(throwable: Zval, on_error: Option<&Zval>) -> PhpResult<()> {
    match on_error.filter(|f| f.is_callable()) {
        Some(f) => {
            f.try_call(vec![&throwable])?;
        }
        None => {
            let text =
                throwable.object().and_then(|o| o.try_call_method("__toString", vec![]).ok()).and_then(|z| z.string());
            call(
                "error_log",
                vec![&format!("omg_payment: notification handler failed: {}", text.unwrap_or_default())],
            )?;
        }
    }
    Ok(())
}

pub fn handle(client: &Client, handler: &Zval, on_error: Option<&Zval>) -> PhpResult<bool> {
    if !handler.is_callable() {
        return Err(crate::args::type_error("Argument #1 ($handler)", "a valid callback", handler));
    }
    let (method, content_type) = {
        let sapi = SapiGlobals::get();
        let info = sapi.request_info();
        (info.request_method().unwrap_or("").to_string(), info.content_type().map(str::to_string))
    };
    // At most one byte more than the cap: enough to tell the body is too large.
    let body =
        call("file_get_contents", vec![&"php://input", &false, &Zval::null(), &0i64, &((MAX_BODY_BYTES + 1) as i64)])?;
    let body = body.zend_str().map(|s| s.as_bytes().to_vec()).unwrap_or_default();

    let receipt = receive_notification(
        &method,
        content_type.as_deref(),
        &body,
        MAX_BODY_BYTES,
        &client.core().config().credentials,
    );
    let notification = match receipt.outcome {
        Ok(n) => n,
        Err(error) => {
            answer(i64::from(receipt.status), &receipt.reply)?;
            if let Some(f) = on_error.filter(|f| f.is_callable()) {
                // The refusal as the exception the merchant would have caught.
                let _ = crate::exceptions::to_php(error);
                if let Some(e) = ExecutorGlobals::take_exception() {
                    f.try_call(vec![&e.into_zval(false)?])?;
                }
            }
            return Ok(false);
        }
    };
    let object = notification::to_php(notification)?;
    // Whatever the handler prints is dropped: the reply must be exactly 1|OK (or 0|...).
    call("ob_start", vec![])?;
    let outcome = handler.try_call(vec![&object]);
    let thrown = ExecutorGlobals::take_exception();
    call("ob_end_clean", vec![])?;
    match (outcome, thrown) {
        (Ok(_), None) => {
            answer(i64::from(receipt.status), &receipt.reply)?;
            Ok(true)
        }
        (_, thrown) => {
            answer(HANDLER_FAILED.0, HANDLER_FAILED.1)?;
            if let Some(e) = thrown {
                report(e.into_zval(false)?, on_error)?;
            }
            Ok(false)
        }
    }
}
