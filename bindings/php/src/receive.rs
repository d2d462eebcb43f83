//! The notification helper for plain PHP (`$client->handleNotification($handler)`): read the
//! request, let omg-core's receipt step decide (omg_core::boundary::receive_notification: method,
//! Content-Type, size, signature → status and reply), run the merchant's handler, answer. The
//! reply is written here, so no merchant can get it wrong:
//!
//! - the handler returned (whatever it returned, `ACK` or nothing): `200 1|OK`;
//! - the handler ended the request with `exit`/`die` (status 0): its work is done, so `200 1|OK`,
//!   then the request ends as the script asked (the engine's exit marker is put back, never
//!   touched); with a non-zero status (`exit(1)`): `500 0|the handler failed`, then the exit;
//! - the handler threw: `500 0|the handler failed` (the gateway sends it again later);
//! - the request was refused (forged, not a POST form, too large, another merchant's) or is of a
//!   kind the handler's parameter type does not accept: `0|...` with a non-2xx status, and the
//!   handler never runs.
//!
//! Refusals are logged at warning level, a failed handler and an unexpected kind at error level
//! (logging.rs), and so is output the application had already written before the reply (a BOM
//! or whitespace from an included file): the gateway would read more than `1|OK` and re-send.

use ext_php_rs::boxed::ZBox;
use ext_php_rs::convert::IntoZval;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendObject, Zval};
use ext_php_rs::zend::{ExecutorGlobals, SapiGlobals};
use log::Level;
use omg_core::boundary::{receive_notification, Answer};
use omg_core::notify::MAX_BODY_BYTES;

use crate::logging::Logger;
use crate::{exit, expect, notification};

fn call(function: &str, args: Vec<&dyn ext_php_rs::convert::IntoZvalDyn>) -> PhpResult<Zval> {
    Ok(ZendCallable::try_from_name(function)?.try_call(args)?)
}

// Exported by the PHP binary (PHPAPI): where output started, as `headers_sent($file, $line)` says.
extern "C" {
    fn php_output_get_start_filename() -> *const std::os::raw::c_char;
    fn php_output_get_start_lineno() -> std::os::raw::c_int;
}

/// What the application wrote before the helper's reply, which the gateway would read in front
/// of it: None when nothing. Output already sent names the file and line it started at (a UTF-8
/// BOM or a blank line outside `<?php` in an included file is the usual cause); output still
/// held in PHP's output buffers gives its size.
fn output_before_reply() -> PhpResult<Option<String>> {
    if SapiGlobals::get().headers_sent != 0 {
        // SAFETY: both read the output layer's record of where output started (set when it did).
        let (file, line) = unsafe {
            let file = php_output_get_start_filename();
            let file =
                if file.is_null() { "?".into() } else { std::ffi::CStr::from_ptr(file).to_string_lossy().into_owned() };
            (file, php_output_get_start_lineno())
        };
        return Ok(Some(format!("output started at {file}:{line}")));
    }
    let status = call("ob_get_status", vec![&true])?;
    let buffered: i64 = status
        .array()
        .into_iter()
        .flat_map(|levels| levels.values())
        .filter_map(|level| level.array()?.get("buffer_used")?.long())
        .sum();
    if buffered == 0 {
        return Ok(None);
    }
    // What is waiting (the innermost buffer's start), so a BOM shows as one: "\u{feff}".
    let waiting = call("ob_get_contents", vec![])?;
    let waiting =
        waiting.zend_str().map(|s| String::from_utf8_lossy(s.as_bytes()).chars().take(40).collect::<String>());
    Ok(Some(format!(
        "{buffered} bytes were already written to PHP's output buffer ({:?})",
        waiting.unwrap_or_default()
    )))
}

/// Writes the reply (and, while headers can still be sent, the status and Content-Type).
fn answer(status: i64, reply: &str, logger: &Logger) -> PhpResult<()> {
    if let Some(output) = output_before_reply()? {
        logger.write(
            Level::Error,
            &format!(
                "the notification reply is not exactly {reply:?}: {output} before handleNotification answered \
                 (a UTF-8 BOM or whitespace outside <?php ?> in an included file?); the gateway will send the \
                 notification again"
            ),
        );
    }
    if SapiGlobals::get().headers_sent == 0 {
        call("http_response_code", vec![&status])?;
        call("header", vec![&"Content-Type: text/plain; charset=utf-8"])?;
    }
    php_print!("{}", reply);
    Ok(())
}

/// How the handler's call ended.
enum Ran {
    Returned,
    /// `exit`/`die`: the engine's marker, to be put back once the reply is written, and the
    /// exit status asked for.
    Exited {
        marker: ZBox<ZendObject>,
        status: i32,
    },
    Threw(ZBox<ZendObject>),
}

/// Calls `handler(notification)` with its output captured and dropped (the reply must be exactly
/// ours), whatever buffers it opened or left open.
fn run(handler: &Zval, notification: &Zval) -> PhpResult<(Ran, String)> {
    let level = call("ob_get_level", vec![])?.long().unwrap_or(0);
    call("ob_start", vec![])?;
    let (_, status) = exit::with_status(|| handler.try_call(vec![notification]));
    // PHP runs no function while an exception (or the exit marker) is pending: take it first.
    let pending = ExecutorGlobals::take_exception();
    let mut printed = String::new();
    while call("ob_get_level", vec![])?.long().unwrap_or(0) > level {
        match call("ob_get_clean", vec![])?.string() {
            Some(text) => printed.insert_str(0, &text),
            None => break, // a buffer that cannot be removed
        }
    }
    let ran = match pending {
        None => Ran::Returned,
        Some(object) if exit::is_exit(&object) => Ran::Exited { marker: object, status },
        Some(object) => Ran::Threw(object),
    };
    Ok((ran, printed))
}

/// `$onError($throwable)`, when given.
fn tell(on_error: Option<&Zval>, throwable: Zval) -> PhpResult<()> {
    if let Some(f) = on_error {
        f.try_call(vec![&throwable])?;
    }
    Ok(())
}

/// A throwable's class, message, file and line, as one line for the log.
fn describe(throwable: &ZendObject) -> String {
    let text = |method: &str| throwable.try_call_method(method, vec![]).ok();
    let class = throwable.get_class_name().unwrap_or_else(|_| "Throwable".into());
    let message = text("getMessage").and_then(|m| m.string()).unwrap_or_default();
    let file = text("getFile").and_then(|f| f.string()).unwrap_or_default();
    let line = text("getLine").and_then(|l| l.long()).unwrap_or_default();
    format!("{class}: {message} in {file}:{line}")
}

pub fn handle(client: &omg_core::Client, handler: &Zval, on_error: Option<&Zval>, logger: &Logger) -> PhpResult<bool> {
    if !handler.is_callable() {
        return Err(crate::convert::type_error("Argument #1 ($handler)", "a valid callback", handler));
    }
    let on_error = on_error.filter(|f| f.is_callable());
    let (method, content_type) = {
        let sapi = SapiGlobals::get();
        let info = sapi.request_info();
        (info.request_method().unwrap_or("").to_string(), info.content_type().map(str::to_string))
    };
    // At most one byte more than the cap: enough to tell the body is too large.
    let body =
        call("file_get_contents", vec![&"php://input", &false, &Zval::null(), &0i64, &((MAX_BODY_BYTES + 1) as i64)])?;
    let body = body.zend_str().map(|s| s.as_bytes().to_vec()).unwrap_or_default();

    let receipt =
        receive_notification(&method, content_type.as_deref(), &body, MAX_BODY_BYTES, &client.config().credentials);
    let unexpected = receipt.unexpected();
    let notification = match receipt.outcome {
        Ok(n) => n,
        Err(error) => {
            answer(i64::from(receipt.status), &receipt.reply, logger)?;
            logger.write(Level::Warn, &format!("notification refused (HTTP {}): {error}", receipt.status));
            if on_error.is_some() {
                // The refusal as the exception the merchant would have caught.
                let _ = crate::errors::to_php(error);
                if let Some(e) = ExecutorGlobals::take_exception() {
                    tell(on_error, e.into_zval(false)?)?;
                }
            }
            return Ok(false);
        }
    };
    let object = notification::to_php(notification)?;
    if !expect::accepts(handler, &object) {
        if let Some((refusal, line)) = unexpected {
            answer(i64::from(refusal.status), &refusal.reply, logger)?;
            logger.write(Level::Error, &line);
        }
        return Ok(false);
    }
    let (ran, printed) = run(handler, &object)?;
    let failed = Answer::handler_failed();
    match ran {
        Ran::Returned => {
            answer(i64::from(receipt.status), &receipt.reply, logger)?;
            Ok(true)
        }
        Ran::Exited { marker, status } => {
            let acknowledged = status == 0;
            if acknowledged {
                answer(i64::from(receipt.status), &receipt.reply, logger)?;
                if !printed.is_empty() {
                    // die('...') prints its text: say what it was, it may have meant a failure.
                    let excerpt: String = printed.chars().take(200).collect();
                    logger.write(
                        Level::Warn,
                        &format!(
                            "the notification handler ended the request with exit/die after printing {excerpt:?} \
                             (dropped); answered {}: throw to refuse a notification",
                            receipt.reply
                        ),
                    );
                }
            } else {
                answer(i64::from(failed.status), &failed.reply, logger)?;
                logger.write(
                    Level::Error,
                    &format!(
                        "the notification handler ended the request with exit({status}); answered {} {}: the \
                         gateway will send it again",
                        failed.status, failed.reply
                    ),
                );
            }
            // The request ends as the script asked; $onError is not told (an exit is not an error).
            exit::resume(marker);
            Ok(acknowledged)
        }
        Ran::Threw(throwable) => {
            answer(i64::from(failed.status), &failed.reply, logger)?;
            logger.write(
                Level::Error,
                &format!(
                    "the notification handler failed, answered {} {} (the gateway will send it again): {}",
                    failed.status,
                    failed.reply,
                    describe(&throwable)
                ),
            );
            tell(on_error, throwable.into_zval(false)?)?;
            Ok(false)
        }
    }
}
