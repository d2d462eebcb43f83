'use strict';
// The pure functions: signing, explaining, codes, barcodes, test notifications, trade numbers.

const native = require('./native');
const { callNative } = require('./errors');
const { invalidArg, requireString, requireObject, optionalObject } = require('./args');

function methodOf(options, name = 'options') {
  const opts = optionalObject(name, options) ?? {};
  if (opts.method !== undefined) requireString(`${name}.method`, opts.method);
  return opts.method;
}

/**
 * The CheckMacValue of `fields` ({ Name: value }, values text or whole numbers); a CheckMacValue
 * among them is ignored. `options.method` is "sha256" (default) or "md5" (legacy EncryptType 0).
 */
function checkMacValue(fields, hashKey, hashIv, options) {
  requireObject('fields', fields);
  requireString('hashKey', hashKey);
  requireString('hashIv', hashIv);
  const method = methodOf(options);
  return callNative(() => native.checkMacValue(fields, hashKey, hashIv, method));
}

/** The sorted pre-image and the encoded string behind a CheckMacValue, HashKey/HashIV masked. */
function explain(fields, hashKey, hashIv, options) {
  requireObject('fields', fields);
  requireString('hashKey', hashKey);
  requireString('hashIv', hashIv);
  const method = methodOf(options);
  return callNative(() => native.explain(fields, hashKey, hashIv, method));
}

/** What a RtnCode means: { code, zh, en, category, confirmed }. Unknown codes say so. */
function describeCode(code) {
  let n = code;
  if (typeof code === 'string' && /^\s*-?\d+\s*$/.test(code)) n = Number(code.trim());
  if (!Number.isSafeInteger(n)) throw invalidArg('code', 'a whole number (or its decimal text)', code);
  return native.describeCode(n);
}

/** Every RtnCode the SDK knows. */
function knownCodes() {
  return native.knownCodes();
}

/** Code 39 SVG of a BARCODE segment, or of several stacked top to bottom (pass the three of a payment slip). */
function barcodeSvg(segments) {
  const list = typeof segments === 'string' ? [segments] : segments;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    throw invalidArg('segments', 'a string or an array of strings', segments);
  }
  return callNative(() => native.barcodeSvg(list));
}

/**
 * Signs `fields` with the given keys and returns the form body a gateway would POST: a correctly
 * signed notification for testing a handler. (`client.signTestNotification(fields)` uses the
 * client's keys.)
 */
function signTestNotification(fields, keys) {
  requireObject('fields', fields);
  requireObject('keys', keys);
  requireString('keys.hashKey', keys.hashKey);
  requireString('keys.hashIv', keys.hashIv);
  const method = methodOf({ method: keys.method }, 'keys');
  return callNative(() => native.signTestNotification(fields, keys.hashKey, keys.hashIv, method));
}

/** A fresh MerchantTradeNo: 1–2 letters, the Taiwan-time stamp yyMMddHHmmss, random base-36; 20 characters. */
function generateMerchantTradeNo(prefix) {
  requireString('prefix', prefix);
  return callNative(() => native.generateMerchantTradeNo(prefix));
}

/** `0|message`: refuses a notification (the gateway sends it again later). */
function nack(message) {
  requireString('message', message);
  return native.nack(message);
}

module.exports = {
  checkMacValue,
  explain,
  describeCode,
  knownCodes,
  barcodeSvg,
  signTestNotification,
  generateMerchantTradeNo,
  nack,
  ACK: native.ACK,
  MAX_NOTIFICATION_BYTES: native.MAX_NOTIFICATION_BYTES,
};
