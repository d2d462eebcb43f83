/* The C ABI of omg_payment_ffi called directly from C: NULLs, invalid UTF-8, huge inputs,
 * freed and made-up handles, and a loop of calls for valgrind's leak check.
 *
 *   cc -o abi_test abi_test.c -I../../include -L$TARGET -lomg_payment_ffi
 *   LD_LIBRARY_PATH=$TARGET ./abi_test [iterations]
 *
 * Prints one line per check and "abi: N passed, N failed"; exits 1 on any failure.
 * Expected values come from the protocol (the funpoint documentation vector), not from the
 * library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "omg_payment.h"

static int passed, failed;

static void check(int ok, const char *what) {
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s\n", what);
    }
}

/* The status is `want` and the error payload names `kind`; frees the payload. */
static void expect_error(OmgStatus got, OmgStatus want, char *error, const char *kind, const char *what) {
    char needle[64];
    snprintf(needle, sizeof needle, "\"kind\":\"%s\"", kind);
    int ok = got == want && error != NULL && strstr(error, needle) != NULL;
    if (!ok) printf("  %s: status %d (want %d), error %s\n", what, (int)got, (int)want, error ? error : "(null)");
    check(ok, what);
    omg_string_free(error);
}

#define S(text) (const uint8_t *)(text), strlen(text)
/* A literal with NULs inside (packed fields): its bytes without the final NUL. */
#define B(literal) (const uint8_t *)(literal), sizeof(literal) - 1

/* The AioCheckOut example of the funpoint documentation: HashKey 5294y06JbISpM5x9,
 * HashIV v77hoKGq4kWxNNIS, CheckMacValue AA5842FD... (tests/vectors/checkmacvalue.json). */
static const char DOC_FIELDS[] =
    "ChoosePayment\0ALL\0EncryptType\0" "1\0ItemName\0Apple iphone 7 \xe6\x89\x8b\xe6\xa9\x9f\xe6\xae\xbc\0"
    "MerchantID\0" "2000132\0MerchantTradeDate\0" "2013/03/12 15:30:23\0MerchantTradeNo\0funpoint20130312153023\0"
    "PaymentType\0aio\0ReturnURL\0https://www.funpoint.com.tw/receive.php\0TotalAmount\0" "1000\0"
    "TradeDesc\0\xe4\xbf\x83\xe9\x8a\xb7\xe6\x96\xb9\xe6\xa1\x88";
static const char DOC_MAC[] = "AA5842FDA7E55ACEB7118D6353E9822CA6D6FF09A0D1FC129A879DD5CAF93266";

static const char ORDER[] =
    "{\"MerchantTradeNo\":\"C20240101000000\",\"TotalAmount\":1200,\"TradeDesc\":\"Shop\","
    "\"ItemName\":[\"T-shirt\",\"Mug\"],\"ReturnURL\":\"https://shop.example/omg/return\",\"ChoosePayment\":\"Credit\"}";

/* One round of every kind of call; everything it allocates is freed. */
static void round_of_calls(int verbose) {
    OmgClientHandle client = 0;
    char *error = NULL, *json = NULL, *body = NULL;
    uint8_t mac[OMG_MAC_BUFFER_BYTES];

    OmgStatus st = omg_client_new(S("{}"), &client, &error);
    check(st == OMG_OK && client != 0 && error == NULL, "stage client");

    st = omg_check_mac_value((const uint8_t *)DOC_FIELDS, sizeof DOC_FIELDS - 1, S("5294y06JbISpM5x9"), S("v77hoKGq4kWxNNIS"),
                             OMG_HASH_SHA256, mac, &error);
    check(st == OMG_OK && strcmp((char *)mac, DOC_MAC) == 0, "CheckMacValue of the documentation vector");

    st = omg_client_checkout(client, S(ORDER), &json, &error);
    check(st == OMG_OK && json && strstr(json, "\"CheckMacValue\"") && strstr(json, "AioCheckOut/V5"), "checkout");
    omg_string_free(json);

    st = omg_client_checkout(client, S("{\"TotalAmount\":-5}"), &json, &error);
    check(json == NULL, "no result on failure");
    if (verbose) printf("  validation payload: %s\n", error);
    expect_error(st, OMG_ERR_VALIDATION, error, "validation", "an invalid order is a validation error");

    st = omg_client_sign_test_notification(client, S("payment_result"), B("TradeAmt\0" "1200"), &body, &error);
    check(st == OMG_OK && body && strstr(body, "CheckMacValue="), "sign a test notification");
    st = omg_client_verify_notification(client, (const uint8_t *)body, body ? strlen(body) : 0, NULL, 0, &json, &error);
    check(st == OMG_OK && json && strstr(json, "payment_result"), "verify a genuine notification");
    omg_string_free(json);
    /* The flat view: the described fields in order, each length-prefixed (u32 little-endian);
     * the first is the kind. */
    uint8_t *flat = NULL;
    size_t flat_len = 0;
    st = omg_client_verify_notification_flat(client, (const uint8_t *)body, body ? strlen(body) : 0, NULL, 0, &flat, &flat_len, &error);
    check(st == OMG_OK && flat && flat_len > 18 && flat[0] == 14 && flat[1] == 0 && flat[2] == 0 && flat[3] == 0 &&
              memcmp(flat + 4, "payment_result", 14) == 0,
          "verify a genuine notification into its flat view");
    omg_bytes_free(flat, flat_len);
    st = omg_client_verify_notification_flat(client, (const uint8_t *)body, body ? strlen(body) : 0, NULL, 0, &flat, NULL, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "a NULL length out-parameter for the flat view");
    omg_bytes_free(NULL, 0);
    if (body) {
        char *forged = strstr(body, "TradeAmt=1200");
        if (forged) memcpy(forged, "TradeAmt=9200", 13);
        st = omg_client_verify_notification(client, (const uint8_t *)body, strlen(body), NULL, 0, &json, &error);
        expect_error(st, OMG_ERR_SIGNATURE, error, "signature", "an altered notification is a signature error");
    }
    omg_string_free(body);

    /* Invalid UTF-8 in a body: omg-core's decode error. */
    st = omg_client_verify_notification(client, S("RtnCode=1&X=\xff\xfe"), NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "a non-UTF-8 notification body");

    /* No network here: a base URL nothing listens on (port 9 is discard; refused on loopback). */
    OmgClientHandle offline = 0;
    st = omg_client_new(S("{\"base_url\":\"http://127.0.0.1:9\",\"retries\":\"0\"}"), &offline, &error);
    check(st == OMG_OK, "client with a base URL");
    st = omg_client_refund(offline, S("A1"), S("2401011200000001"), 100, &json, &error);
    expect_error(st, OMG_ERR_TRANSPORT, error, "transport", "a refund nobody answers is a transport error");
    st = omg_client_capture(offline, NULL, 2, S("T1"), 100, &json, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "a NULL MerchantTradeNo with a length");
    check(omg_client_free(offline) == OMG_OK, "free the second client");

    check(omg_client_free(client) == OMG_OK, "free");
    check(omg_client_free(client) == OMG_ERR_HANDLE, "double free is answered OMG_ERR_HANDLE");
    st = omg_client_checkout(client, S(ORDER), &json, &error);
    expect_error(st, OMG_ERR_HANDLE, error, "handle", "use after free is answered OMG_ERR_HANDLE");
}

static void bad_arguments(void) {
    OmgClientHandle client = 0;
    char *error = NULL, *json = NULL;
    uint8_t mac[OMG_MAC_BUFFER_BYTES];
    static const uint8_t small[4] = {'{', '}', 0, 0};

    OmgStatus st = omg_client_new(S("{}"), NULL, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "NULL out_client");
    st = omg_client_new(NULL, 7, &client, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "NULL settings with a length");
    st = omg_client_new(NULL, 0, &client, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "empty settings are not JSON");
    st = omg_client_new(S("{\"merchant_id\":\"\xc3\x28\"}"), &client, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "invalid UTF-8 settings");
    st = omg_client_new(S("{not json"), &client, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "settings that are not JSON");
    /* A huge length over a 4-byte buffer: refused without being read (valgrind would see a read). */
    st = omg_client_new(small, (size_t)OMG_MAX_INPUT_BYTES + 1, &client, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "input over OMG_MAX_INPUT_BYTES");
    st = omg_client_new(small, (size_t)-1, &client, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "a length of SIZE_MAX");
    /* Failure without an out_error: the status alone. */
    check(omg_client_new(NULL, 3, &client, NULL) == OMG_ERR_ARGUMENT, "NULL out_error is allowed");

    check(omg_client_new(S("{}"), &client, &error) == OMG_OK, "stage client");
    st = omg_client_checkout(client, S(ORDER), NULL, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "NULL out_json");
    st = omg_client_checkout(client, NULL, 12, &json, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "NULL order with a length");
    st = omg_client_checkout(client, S("[1,2]"), &json, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "an order that is not an object");
    st = omg_client_checkout(client, S("{\"TotalAmount\":{\"a\":1}}"), &json, &error);
    expect_error(st, OMG_ERR_VALIDATION, error, "validation", "an order value of the wrong shape");
    st = omg_client_verify_notification(client, NULL, 0, NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "an empty notification body");
    /* 100 KiB: over omg-core's 64 KiB notification cap. */
    size_t big = 100 * 1024;
    uint8_t *huge = malloc(big);
    memset(huge, 'a', big);
    st = omg_client_verify_notification(client, huge, big, NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "a 100 KiB notification body");
    free(huge);
    st = omg_client_verify_notification_fields(client, B("RtnCode\0" "1\0Odd"), NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "packed fields with an odd count");
    st = omg_client_sign_test_notification(client, S("no_such_kind"), NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_VALIDATION, error, "validation", "an unknown test notification kind");
    check(omg_client_free(client) == OMG_OK, "free");

    check(omg_client_free(0) == OMG_ERR_HANDLE, "handle 0");
    check(omg_client_free((OmgClientHandle)0x7fffffff) == OMG_ERR_HANDLE, "a made-up handle");
    st = omg_client_query_trade((OmgClientHandle)0x7fffffff, S("A1"), &json, &error);
    expect_error(st, OMG_ERR_HANDLE, error, "handle", "query with a made-up handle");

    st = omg_check_mac_value(B("a\0b"), S("k"), S("i"), OMG_HASH_SHA256, NULL, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "NULL out_mac");
    st = omg_check_mac_value(B("a\0b"), S("k"), S("i"), 7, mac, &error);
    expect_error(st, OMG_ERR_ARGUMENT, error, "argument", "an unknown hash method");
    st = omg_check_mac_value(B("a\0b"), S("k\xff"), S("i"), OMG_HASH_SHA256, mac, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "a non-UTF-8 HashKey");
    st = omg_check_mac_value(B("a\0" "1\0a\0" "2"), S("k"), S("i"), OMG_HASH_SHA256, mac, &error);
    expect_error(st, OMG_ERR_VALIDATION, error, "validation", "a field named twice");
    omg_string_free(NULL);
    check(1, "omg_string_free(NULL) is a no-op");
}

/* `count` packed fields F0000\0v\0F0001\0v...; the last value is padded so that the fields
 * written `k=v&k=v` are `form_bytes` long (each field is 7 bytes and each `&` one). Freed by the caller. */
static uint8_t *packed_fields(int count, size_t form_bytes, size_t *len) {
    size_t minimum = (size_t)count * 8 - 1;
    if (form_bytes < minimum) form_bytes = minimum;
    uint8_t *p = malloc(form_bytes);
    size_t at = 0;
    for (int i = 0; i < count; i++) {
        if (i > 0) p[at++] = 0;
        at += (size_t)sprintf((char *)p + at, "F%04d", i);
        p[at++] = 0;
        p[at++] = 'v';
    }
    memset(p + at, 'v', form_bytes - at); /* pads the last value */
    *len = form_bytes;
    return p;
}

/* Issue 21 item 5: packed fields are held to a raw body's caps (1,024 fields, 64 KiB written
 * `k=v&k=v`) on every entry point that takes them, with the decode error a raw body gets; at the
 * caps they are not refused for their size. Items 8 and 7: CheckMacValue refuses an empty
 * HashKey/HashIV naming it, a barcode refuses an oversized segment. */
static void caps(void) {
    OmgClientHandle client = 0;
    char *error = NULL, *json = NULL;
    uint8_t mac[OMG_MAC_BUFFER_BYTES];
    size_t len = 0;
    uint8_t *p;
    OmgStatus st;
    check(omg_client_new(S("{}"), &client, &error) == OMG_OK, "stage client");

    p = packed_fields(1025, 0, &len);
    st = omg_client_verify_notification_fields(client, p, len, NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "verify_notification_fields: 1,025 fields");
    st = omg_client_sign_test_notification(client, S("payment_result"), p, len, &json, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "sign_test_notification: 1,025 field overrides");
    st = omg_check_mac_value(p, len, S("k"), S("i"), OMG_HASH_SHA256, mac, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "check_mac_value: 1,025 fields");
    free(p);

    p = packed_fields(3, 65537, &len);
    st = omg_client_verify_notification_fields(client, p, len, NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "verify_notification_fields: 65,537 bytes as a form");
    st = omg_client_sign_test_notification(client, S("payment_result"), p, len, &json, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "sign_test_notification: 65,537 bytes of overrides");
    st = omg_check_mac_value(p, len, S("k"), S("i"), OMG_HASH_SHA256, mac, &error);
    expect_error(st, OMG_ERR_DECODE, error, "decode", "check_mac_value: 65,537 bytes as a form");
    free(p);

    /* At the caps: not refused for size (no CheckMacValue among them: a signature error). */
    p = packed_fields(1024, 0, &len);
    st = omg_client_verify_notification_fields(client, p, len, NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_SIGNATURE, error, "signature", "verify_notification_fields: 1,024 fields are read");
    st = omg_check_mac_value(p, len, S("k"), S("i"), OMG_HASH_SHA256, mac, &error);
    check(st == OMG_OK && strlen((char *)mac) == 64, "check_mac_value: 1,024 fields are signed");
    free(p);
    p = packed_fields(3, 65536, &len);
    st = omg_client_verify_notification_fields(client, p, len, NULL, 0, &json, &error);
    expect_error(st, OMG_ERR_SIGNATURE, error, "signature", "verify_notification_fields: 65,536 bytes are read");
    st = omg_check_mac_value(p, len, S("k"), S("i"), OMG_HASH_SHA256, mac, &error);
    check(st == OMG_OK && strlen((char *)mac) == 64, "check_mac_value: 65,536 bytes are signed");
    free(p);

    st = omg_check_mac_value(B("a\0b"), NULL, 0, S("i"), OMG_HASH_SHA256, mac, &error);
    check(error != NULL && strstr(error, "\"field\":\"HashKey\"") && strstr(error, "\"rule\":\"required\""),
          "an empty HashKey is named in the payload");
    expect_error(st, OMG_ERR_VALIDATION, error, "validation", "check_mac_value refuses an empty HashKey");
    st = omg_check_mac_value(B("a\0b"), S("k"), S(""), OMG_HASH_MD5, mac, &error);
    check(error != NULL && strstr(error, "\"field\":\"HashIV\"") && !strstr(error, "HashKey"),
          "an empty HashIV is named in the payload");
    expect_error(st, OMG_ERR_VALIDATION, error, "validation", "check_mac_value refuses an empty HashIV");

    /* A segment longer than any CVS barcode: refused, not turned into a huge SVG. */
    size_t segment = 1024 * 1024;
    p = malloc(segment);
    memset(p, '1', segment);
    st = omg_barcode_svg(p, segment, &json, &error);
    check(json == NULL, "no SVG for an oversized segment");
    omg_string_free(json);
    expect_error(st, OMG_ERR_VALIDATION, error, "validation", "barcode_svg refuses a 1 MiB segment");
    free(p);
    check(omg_client_free(client) == OMG_OK, "free");
}

/* The client's log events reach a callback set with omg_set_log_callback, and stop with NULL. */
static int log_calls, log_info_doaction, log_secret_seen;
static void on_log(int32_t level, const uint8_t *message, size_t len) {
    char text[2048];
    size_t n = len < sizeof text - 1 ? len : sizeof text - 1;
    memcpy(text, message, n);
    text[n] = 0;
    log_calls++;
    if (level == OMG_LOG_INFO && strstr(text, "DoAction")) log_info_doaction++;
    if (strstr(text, "SecretKey0000000") || strstr(text, "SecretIv00000000")) log_secret_seen++;
}

static void log_events(void) {
    OmgClientHandle offline = 0;
    char *error = NULL, *json = NULL;
    OmgStatus st = omg_client_new(S("{\"merchant_id\":\"2000132\",\"hash_key\":\"SecretKey0000000\",\"hash_iv\":"
                                    "\"SecretIv00000000\",\"base_url\":\"http://127.0.0.1:9\",\"retries\":\"0\"}"),
                                  &offline, &error);
    check(st == OMG_OK, "client with keys and a base URL");
    check(omg_set_log_callback(on_log, &error) == OMG_OK && error == NULL, "set the log callback");
    st = omg_client_refund(offline, S("A1"), S("2401011200000001"), 100, &json, &error);
    omg_string_free(error);
    check(log_calls >= 2 && log_info_doaction == 1, "a refund nobody answers is logged (info: DoAction failed)");
    check(log_secret_seen == 0, "no log event holds HashKey or HashIV");
    check(omg_set_log_callback(NULL, &error) == OMG_OK, "unset the log callback");
    int before = log_calls;
    st = omg_client_refund(offline, S("A1"), S("2401011200000001"), 100, &json, &error);
    omg_string_free(error);
    check(log_calls == before, "no event reaches a callback that was unset");
    check(omg_client_free(offline) == OMG_OK, "free the client");
}

int main(int argc, char **argv) {
    int iterations = argc > 1 ? atoi(argv[1]) : 1;
    bad_arguments();
    caps();
    log_events();
    for (int i = 0; i < iterations; i++) round_of_calls(i == 0 && iterations == 1);
    printf("abi: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
