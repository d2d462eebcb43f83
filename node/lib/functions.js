'use strict';
// The pure functions: signing, explaining, codes, barcodes, test notifications, trade numbers.

const native = require('./native');
const { callNative } = require('./errors');
const { invalidArg, requireString, requireObject, optionalObject } = require('./args');

function methodOf(options, name = 'options') {
  if (options === undefined) return undefined;
  const opts = optionalObject(name, options) ?? {};
  if (opts.method !== undefined) requireString(`${name}.method`, opts.method);
  return opts.method;
}

/**
 * Refuses an object of more fields than a notification body may hold (DecodeError, omg-core's
 * rule) after one `Object.keys`: the native conversion would enumerate it again, slower, and
 * the packing below would copy every field first. Returns the keys. Only an object over the cap
 * crosses into the native module (for omg-core's error): a crossing per call cost more than the
 * comparison.
 */
function checkedKeys(fields) {
  const keys = Object.keys(fields);
  if (keys.length > native.MAX_NOTIFICATION_FIELDS) callNative(() => native.checkFieldCount(keys.length));
  return keys;
}

/**
 * `fields` and the keys as one text for the native side: the keys, the values, HashKey and HashIV,
 * joined with NUL; null when there are no fields or a value is not text or a whole number, or is
 * null/undefined (the object path then reports or skips it). One flat string (a single join:
 * strings concatenated with `+` or a template make a rope V8 copies once more to flatten) crosses
 * into the native module instead of two per field; the native side refuses the text (and the
 * object path is used) when a NUL inside a key or value makes it ambiguous.
 */
function packFields(fields, hashKey, hashIv) {
  const items = checkedKeys(fields);
  const count = items.length;
  if (count === 0) return null;
  const values = Object.values(fields);
  for (let i = 0; i < count; i += 1) {
    const value = values[i];
    if (typeof value !== 'string' && !Number.isSafeInteger(value)) return null;
    items.push(value);
  }
  items.push(hashKey, hashIv);
  // join writes a whole number in decimal, as String() does.
  return { text: items.join('\0'), count };
}

/**
 * The CheckMacValue of `fields` ({ Name: value }, values text or whole numbers); a CheckMacValue
 * among them is ignored. `options.method` is "sha256" (default) or "md5" (legacy EncryptType 0).
 */
exports.checkMacValue = function checkMacValue(fields, hashKey, hashIv, options) {
  requireObject('fields', fields);
  requireString('hashKey', hashKey);
  requireString('hashIv', hashIv);
  const method = methodOf(options);
  const packing = packFields(fields, hashKey, hashIv);
  if (packing !== null) {
    const value = callNative(() => native.checkMacValuePacked(packing.text, packing.count, method));
    if (value !== null) return value;
  }
  return callNative(() => native.checkMacValue(fields, hashKey, hashIv, method));
};

/** The sorted pre-image and the encoded string behind a CheckMacValue, HashKey/HashIV masked. */
exports.explain = function explain(fields, hashKey, hashIv, options) {
  requireObject('fields', fields);
  requireString('hashKey', hashKey);
  requireString('hashIv', hashIv);
  const method = methodOf(options);
  checkedKeys(fields);
  return callNative(() => native.explain(fields, hashKey, hashIv, method));
};

/** What a RtnCode means: { code, zh, en, category, confirmed }. Unknown codes say so. */
exports.describeCode = function describeCode(code) {
  let n = code;
  if (typeof code === 'string' && /^\s*-?\d+\s*$/.test(code)) n = Number(code.trim());
  if (!Number.isSafeInteger(n)) throw invalidArg('code', 'a whole number (or its decimal text)', code);
  return native.describeCode(n);
};

/** Every RtnCode the SDK knows. */
exports.knownCodes = function knownCodes() {
  return native.knownCodes();
};

/** Code 39 SVG of a BARCODE segment, or of several stacked top to bottom (pass the three of a payment slip). */
exports.barcodeSvg = function barcodeSvg(segments) {
  const list = typeof segments === 'string' ? [segments] : segments;
  if (!Array.isArray(list) || !list.every((s) => typeof s === 'string')) {
    throw invalidArg('segments', 'a string or an array of strings', segments);
  }
  return callNative(() => native.barcodeSvg(list));
};

/**
 * Signs `fields` with the given keys and returns the form body a gateway would POST. With
 * `options.kind` ("payment_result", "atm_code_issued", "cvs_code_issued", "barcode_code_issued",
 * "period_charge"), `fields` are set on top of that notification's realistic fields. (Prefer
 * `client.signTestNotification(kind, fields)`, which uses the client's keys and MerchantID.)
 */
exports.signTestNotification = function signTestNotification(fields, hashKey, hashIv, options) {
  requireObject('fields', fields);
  requireString('hashKey', hashKey);
  requireString('hashIv', hashIv);
  const opts = optionalObject('options', options) ?? {};
  if (opts.kind !== undefined) requireString('options.kind', opts.kind);
  checkedKeys(fields);
  return callNative(() => native.signTestNotification(fields, hashKey, hashIv, opts.kind));
};

/** A fresh MerchantTradeNo: 1–2 letters, the Taiwan-time stamp yyMMddHHmmss, random base-36; 20 characters. */
exports.generateMerchantTradeNo = function generateMerchantTradeNo(prefix = 'A') {
  requireString('prefix', prefix);
  return callNative(() => native.generateMerchantTradeNo(prefix));
};

/** `0|message`: refuses a notification (the gateway sends it again later). */
exports.nack = function nack(message) {
  requireString('message', message);
  return native.nack(message);
};

// Each public function is exported where it is defined (the package's entry points, generated
// from the contract, re-export them by name).
exports.checkedKeys = checkedKeys;
exports.ACK = native.ACK;
exports.MAX_NOTIFICATION_BYTES = native.MAX_NOTIFICATION_BYTES;
