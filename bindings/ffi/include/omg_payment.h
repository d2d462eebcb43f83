#ifndef OMG_PAYMENT_FFI_H
#define OMG_PAYMENT_FFI_H

/* Generated from bindings/ffi/src by cbindgen (tests/generated.rs checks it): do not edit. */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

// The largest input any entry point reads: 16 MiB. Longer inputs are refused (`OMG_ERR_DECODE`)
// without being read; omg-core's own limits (64 KiB for a notification) are far below.
#define OMG_MAX_INPUT_BYTES ((16 * 1024) * 1024)

// `method` of [`omg_check_mac_value`]: SHA-256 (EncryptType 1, every current API).
#define OMG_HASH_SHA256 0

// `method` of [`omg_check_mac_value`]: MD5 (legacy EncryptType 0 merchants only).
#define OMG_HASH_MD5 1

// The room [`omg_check_mac_value`] needs in `out_mac`: 64 hex digits and a NUL.
#define OMG_MAC_BUFFER_BYTES 65

// `level` of an [`OmgLogCallback`] call: an error.
#define OMG_LOG_ERROR 1

// `level`: a warning (a money-moving call whose outcome is unknown).
#define OMG_LOG_WARN 2

// `level`: information (a retry, a call that failed for good).
#define OMG_LOG_INFO 3

// `level`: detail (each request sent, each reply received).
#define OMG_LOG_DEBUG 4

// `level`: more detail (not used by omg-core today).
#define OMG_LOG_TRACE 5

// What happened. `OMG_OK` is 0; every other value is a failure with a payload in `out_error`.
typedef enum OmgStatus {
  // Success: the out-parameters hold the result.
  OMG_OK = 0,
  // Input broke a rule; the payload's `field_errors` name each field and rule.
  OMG_ERR_VALIDATION = 1,
  // A CheckMacValue is missing or wrong (forged, altered, other keys).
  OMG_ERR_SIGNATURE = 2,
  // The gateway refused the request (`rtn_code`, `rtn_msg`).
  OMG_ERR_GATEWAY = 3,
  // No complete reply (`timeout`, `status`, `outcome_unknown`).
  OMG_ERR_TRANSPORT = 4,
  // Unreadable bytes: not UTF-8, bad escape, bad JSON, too big.
  OMG_ERR_DECODE = 5,
  // A NULL pointer where a value is required, or an argument out of its range.
  OMG_ERR_ARGUMENT = 6,
  // The client handle is unknown or already freed.
  OMG_ERR_HANDLE = 7,
  // A bug inside the library (a caught panic). Please report it.
  OMG_ERR_INTERNAL = 8,
} OmgStatus;

// A client, as the caller holds it. 0 is never a valid handle.
typedef size_t OmgClientHandle;

// Receives one log event: its level (`OMG_LOG_ERROR` … `OMG_LOG_TRACE`) and its text, UTF-8,
// `message_len` bytes, valid only during the call. Called on the thread that made the library
// call; it must return normally (no exception or longjmp through the library).
typedef void (*OmgLogCallback)(int32_t level, const uint8_t *message, size_t message_len);

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

// A client from settings: a JSON object of setting names to text values (`merchant_id`,
// `hash_key`, `hash_iv`, `credit_check_code`, `environment`, `base_url`, `connect_timeout`,
// `read_timeout`, `retries`, `initial_backoff`, `max_backoff`, `max_reply_bytes`; seconds for
// times), read by omg-core's `ClientSettings::from_named`: the same names, defaults and rules as
// every language. No credentials at all (outside production) is the public stage merchant.
//
// # Safety
// `settings` points to `settings_len` readable bytes (or is NULL with length 0); `out_client`
// to a writable handle; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_new(const uint8_t *settings,
                              size_t settings_len,
                              OmgClientHandle *out_client,
                              char **out_error);

// A client from the `OMG_*` environment variables (docs/client.md).
//
// # Safety
// `out_client` points to a writable handle; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_from_env(OmgClientHandle *out_client, char **out_error);

// Frees a client. A handle that is unknown or already freed answers `OMG_ERR_HANDLE` and
// changes nothing; calls in progress on other threads finish first.
enum OmgStatus omg_client_free(OmgClientHandle client);

// The client's effective settings: the `ClientSettings` view (defaults filled in, never a secret).
//
// # Safety
// `out_json` points to a writable pointer; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_describe(OmgClientHandle client, char **out_json, char **out_error);

// Validates and signs an order (no network). `order` is a JSON object of named values (names in
// any casing: `MerchantTradeNo`, `merchant_trade_no`; values text, whole numbers, booleans or
// lists), plus `extra`: an array of `[name, value]` pairs sent as given. The result is the
// checkout's JSON view (`action_url`, `fields`, `html`).
//
// # Safety
// `order` points to `order_len` readable bytes; `out_json` to a writable pointer; `out_error`
// is NULL or points to a writable pointer.
enum OmgStatus omg_client_checkout(OmgClientHandle client,
                                   const uint8_t *order,
                                   size_t order_len,
                                   char **out_json,
                                   char **out_error);

// Verifies a notification's raw body, exactly the bytes received, and writes the typed
// notification's JSON view (its `kind` tells which of the three it is). `endpoint` names the URL
// that received it (`return_url`, `payment_info_url`, `period_return_url`, or the gateway's
// names such as `ReturnURL`), so the kind is certain instead of inferred; length 0 is none.
//
// # Safety
// `body` and `endpoint` point to their lengths' readable bytes; `out_json` to a writable
// pointer; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_verify_notification(OmgClientHandle client,
                                              const uint8_t *body,
                                              size_t body_len,
                                              const uint8_t *endpoint,
                                              size_t endpoint_len,
                                              char **out_json,
                                              char **out_error);

// [`omg_client_verify_notification`] with the notification's flat view instead of JSON: the
// fields of its kind in the described order (omg-core's `boundary::flat`; the first is `kind`),
// written to `out_flat` / `out_flat_len` and freed with `omg_bytes_free`. What .NET reads.
//
// # Safety
// As [`omg_client_verify_notification`]; `out_flat` and `out_flat_len` point to writable storage.
enum OmgStatus omg_client_verify_notification_flat(OmgClientHandle client,
                                                   const uint8_t *body,
                                                   size_t body_len,
                                                   const uint8_t *endpoint,
                                                   size_t endpoint_len,
                                                   uint8_t **out_flat,
                                                   size_t *out_flat_len,
                                                   char **out_error);

// Verifies fields a framework already parsed, packed as `key NUL value NUL key NUL value`
// (UTF-8, no NUL at the end), `endpoint` as for [`omg_client_verify_notification`]. Prefer the
// raw body.
//
// # Safety
// As [`omg_client_verify_notification`].
enum OmgStatus omg_client_verify_notification_fields(OmgClientHandle client,
                                                     const uint8_t *fields,
                                                     size_t fields_len,
                                                     const uint8_t *endpoint,
                                                     size_t endpoint_len,
                                                     char **out_json,
                                                     char **out_error);

// [`omg_client_verify_notification_fields`] with the flat view, as
// [`omg_client_verify_notification_flat`].
//
// # Safety
// As [`omg_client_verify_notification_flat`].
enum OmgStatus omg_client_verify_notification_fields_flat(OmgClientHandle client,
                                                          const uint8_t *fields,
                                                          size_t fields_len,
                                                          const uint8_t *endpoint,
                                                          size_t endpoint_len,
                                                          uint8_t **out_flat,
                                                          size_t *out_flat_len,
                                                          char **out_error);

// Receives one HTTP request carrying a notification, for a web helper: omg-core decides what to
// refuse (method, Content-Type, size over `max_bytes`, signature, ...) and with which HTTP status.
// `content_type` of length 0 means the header is absent. Writes
// `{"status": 200|4xx, "reply": "1|OK" or "0|reason", "notification": view or null,
// "error": error payload or null, "handler_failed": {"status", "reply"}, "unexpected":
// {"status", "reply", "message"} or null}`; the call itself fails only on bad arguments. A
// helper runs the merchant's handler on the notification and only then answers `status` /
// `reply` (`handler_failed` when the handler failed, `unexpected` and its log line `message`
// when the route does not take the notification's kind).
//
// # Safety
// `method`, `content_type` and `body` point to their lengths' readable bytes; `out_json` to a
// writable pointer; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_receive_notification(OmgClientHandle client,
                                               const uint8_t *method,
                                               size_t method_len,
                                               const uint8_t *content_type,
                                               size_t content_type_len,
                                               const uint8_t *body,
                                               size_t body_len,
                                               size_t max_bytes,
                                               char **out_json,
                                               char **out_error);

// A realistic test notification of `kind` (`payment_result`, `atm_code_issued`,
// `cvs_code_issued`, `barcode_code_issued`, `period_charge`) with `fields` (packed as for
// [`omg_client_verify_notification_fields`]) set on top, signed with the client's keys: the
// form body the gateway would POST.
//
// # Safety
// `kind` and `fields` point to their lengths' readable bytes; `out_body` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_sign_test_notification(OmgClientHandle client,
                                                 const uint8_t *kind,
                                                 size_t kind_len,
                                                 const uint8_t *fields,
                                                 size_t fields_len,
                                                 char **out_body,
                                                 char **out_error);

// The CheckMacValue of `fields` (packed as `key NUL value NUL key NUL value`; a CheckMacValue
// among them is ignored), written as uppercase hex + NUL into `out_mac`, a caller-owned buffer
// of `OMG_MAC_BUFFER_BYTES` (no allocation to free: this is the hot path of a shop).
//
// # Safety
// `fields`, `hash_key` and `hash_iv` point to their lengths' readable bytes; `out_mac` to
// `OMG_MAC_BUFFER_BYTES` writable bytes; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_check_mac_value(const uint8_t *fields,
                                   size_t fields_len,
                                   const uint8_t *hash_key,
                                   size_t hash_key_len,
                                   const uint8_t *hash_iv,
                                   size_t hash_iv_len,
                                   int32_t method,
                                   uint8_t *out_mac,
                                   char **out_error);

// How the CheckMacValue of `fields` (packed as for [`omg_check_mac_value`]) is computed, HashKey
// and HashIV masked: the `Explanation` view.
//
// # Safety
// `fields`, `hash_key` and `hash_iv` point to their lengths' readable bytes; `out_json` to a
// writable pointer; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_explain(const uint8_t *fields,
                           size_t fields_len,
                           const uint8_t *hash_key,
                           size_t hash_key_len,
                           const uint8_t *hash_iv,
                           size_t hash_iv_len,
                           int32_t method,
                           char **out_json,
                           char **out_error);

// What the RtnCode `code` means: the `CodeInfo` view (an unknown code has category `unknown`).
//
// # Safety
// `out_json` points to a writable pointer; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_describe_code(int64_t code, char **out_json, char **out_error);

// Every RtnCode the SDK knows: a JSON array of `CodeInfo` views.
//
// # Safety
// `out_json` points to a writable pointer; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_known_codes(char **out_json, char **out_error);

// A signed test notification body from the given keys: exactly `fields` (packed as for
// [`omg_check_mac_value`]), or with `kind` (length 0: none) that notification's realistic fields
// with `fields` on top (MerchantID must then be among `fields`).
//
// # Safety
// Each text argument points to its length's readable bytes; `out_body` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_sign_test_notification(const uint8_t *fields,
                                          size_t fields_len,
                                          const uint8_t *hash_key,
                                          size_t hash_key_len,
                                          const uint8_t *hash_iv,
                                          size_t hash_iv_len,
                                          const uint8_t *kind,
                                          size_t kind_len,
                                          char **out_body,
                                          char **out_error);

// A new MerchantTradeNo: `prefix` + Taiwan time yyMMddHHmmss + random, 20 characters.
//
// # Safety
// `prefix` points to its length's readable bytes; `out_text` to a writable pointer; `out_error`
// is NULL or points to a writable pointer.
enum OmgStatus omg_generate_merchant_trade_no(const uint8_t *prefix,
                                              size_t prefix_len,
                                              char **out_text,
                                              char **out_error);

// A Code 39 barcode as SVG: one segment, or several (packed, NUL-separated) stacked, as the
// three BARCODE payment segments are printed.
//
// # Safety
// `segments` points to its length's readable bytes; `out_svg` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_barcode_svg(const uint8_t *segments,
                               size_t segments_len,
                               char **out_svg,
                               char **out_error);

// A refusal for the gateway, `0|message` on one line (omg-core's `nack`).
//
// # Safety
// `message` points to its length's readable bytes; `out_text` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_nack(const uint8_t *message,
                        size_t message_len,
                        char **out_text,
                        char **out_error);

// Sends the client's log events to `callback` from now on, for every client of the process;
// NULL stops them. Setting it again replaces the previous one.
//
// # Safety
// `callback` is NULL or a function of the `OmgLogCallback` signature that stays callable until
// it is replaced; `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_set_log_callback(OmgLogCallback callback, char **out_error);

// The keys self-check: signs a QueryTradeInfo for a made-up order. True when the gateway accepts
// the CheckMacValue (it answers not found); a gateway error (RtnCode 10200073) naming
// OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV when it refuses it; a transport error when it
// cannot be reached. Read-only.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_check_credentials(OmgClientHandle client,
                                            char **out_json,
                                            char **out_error);

// QueryTradeInfo/V5: the state of one order. Retried on network failures and HTTP 5xx.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_query_trade(OmgClientHandle client,
                                      const uint8_t *merchant_trade_no,
                                      size_t merchant_trade_no_len,
                                      char **out_json,
                                      char **out_error);

// QueryCreditCardPeriodInfo: a recurring schedule and its charges. Retried.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_query_period(OmgClientHandle client,
                                       const uint8_t *merchant_trade_no,
                                       size_t merchant_trade_no_len,
                                       char **out_json,
                                       char **out_error);

// CreditCardPeriodAction Cancel: stops a recurring schedule for good. Never retried: on a
// transport error with outcome_unknown, ask query_period first.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_cancel_period(OmgClientHandle client,
                                        const uint8_t *merchant_trade_no,
                                        size_t merchant_trade_no_len,
                                        char **out_json,
                                        char **out_error);

// DoAction C: captures `amount` of an authorised card payment (at most the authorised amount).
// Never retried: on a transport error with outcome_unknown, ask query_credit_detail first.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_capture(OmgClientHandle client,
                                  const uint8_t *merchant_trade_no,
                                  size_t merchant_trade_no_len,
                                  const uint8_t *trade_no,
                                  size_t trade_no_len,
                                  int64_t amount,
                                  char **out_json,
                                  char **out_error);

// DoAction R: refunds `amount` of a captured card payment. Never retried.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_refund(OmgClientHandle client,
                                 const uint8_t *merchant_trade_no,
                                 size_t merchant_trade_no_len,
                                 const uint8_t *trade_no,
                                 size_t trade_no_len,
                                 int64_t amount,
                                 char **out_json,
                                 char **out_error);

// DoAction E: takes back a capture that is still pending. Never retried.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_cancel_capture(OmgClientHandle client,
                                         const uint8_t *merchant_trade_no,
                                         size_t merchant_trade_no_len,
                                         const uint8_t *trade_no,
                                         size_t trade_no_len,
                                         int64_t amount,
                                         char **out_json,
                                         char **out_error);

// DoAction N: abandons an authorisation that was not captured. Never retried.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_abandon(OmgClientHandle client,
                                  const uint8_t *merchant_trade_no,
                                  size_t merchant_trade_no_len,
                                  const uint8_t *trade_no,
                                  size_t trade_no_len,
                                  int64_t amount,
                                  char **out_json,
                                  char **out_error);

// QueryTrade/V2: a card payment's authorised, captured and refunded amounts. Needs the client's
// credit_check_code. Retried.
//
// # Safety
// Each text argument points to its length's readable bytes; `out_json` to a writable pointer;
// `out_error` is NULL or points to a writable pointer.
enum OmgStatus omg_client_query_credit_detail(OmgClientHandle client,
                                              const uint8_t *credit_refund_id,
                                              size_t credit_refund_id_len,
                                              int64_t credit_amount,
                                              char **out_json,
                                              char **out_error);

// Frees a byte buffer this library returned (a flat view), given the length it was returned
// with. NULL is a no-op.
//
// # Safety
// `bytes` is NULL or a buffer returned by this library with length `len`, not freed yet.
void omg_bytes_free(uint8_t *bytes, size_t len);

// Frees a string this library returned (a result or an error payload). NULL is a no-op.
//
// # Safety
// `s` is NULL or a string returned by this library that has not been freed yet. Strings are
// not tracked: freeing one twice is undefined behaviour (client handles, by contrast, are).
void omg_string_free(char *s);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* OMG_PAYMENT_FFI_H */
