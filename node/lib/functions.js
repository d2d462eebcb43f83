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
 * The field names (with HashKey and HashIV) the native module remembers for this thread, by token
 * (bindings/node/src/known_keys.rs): a field set with the same names in the same order as the one
 * signed before sends only its values, so the names are not joined, copied out of V8 and read
 * again on every call. `seen` is the last set signed; it is remembered natively when it comes a
 * second time in a row (a caller alternating between two sets does not re-send names every call).
 * The arrays held here are never changed.
 */
const signing = { keys: null, hashKey: '', hashIv: '', token: 0, seen: null };

function sameKeys(a, b) {
  if (b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** The native token of `keys` with these HashKey/HashIV, remembering them if seen twice in a row; 0 when not remembered. */
function knownKeysToken(keys, hashKey, hashIv) {
  if (signing.token !== 0 && hashKey === signing.hashKey && hashIv === signing.hashIv && sameKeys(keys, signing.keys)) {
    return signing.token;
  }
  if (!sameKeys(keys, signing.seen)) {
    signing.seen = keys;
    return 0;
  }
  // A lone surrogate in a name or key is refused here as on the other paths (a TypeError).
  const token = callNative(() => native.rememberSigningKeys([...keys, hashKey, hashIv].join('\0'), keys.length));
  Object.assign(signing, { keys, hashKey, hashIv, token });
  return token;
}

/**
 * The CheckMacValue of `fields` computed from text, or null when the object path must be used:
 * no fields, a value not text or a whole number (null/undefined included: the object path reports
 * or skips it), or a NUL inside a key or value (the text would be ambiguous: the native side
 * refuses it). One flat string crosses into the native module (a single join: strings
 * concatenated with `+` or a template make a rope V8 copies once more to flatten) instead of two
 * per field: the values alone when the names are remembered ({@link knownKeysToken}, SHA-256
 * only), else the keys, the values, HashKey and HashIV joined with NUL.
 */
function signPacked(fields, hashKey, hashIv, method) {
  const keys = checkedKeys(fields);
  const count = keys.length;
  if (count === 0) return null;
  const values = Object.values(fields);
  for (let i = 0; i < count; i += 1) {
    const value = values[i];
    if (typeof value !== 'string' && !Number.isSafeInteger(value)) return null;
  }
  if (method === undefined) {
    const token = knownKeysToken(keys, hashKey, hashIv);
    if (token !== 0) {
      // join writes a whole number in decimal, as String() does.
      const value = callNative(() => native.checkMacValueOfValues(values.join('\0'), token));
      if (value !== null) return value;
      signing.token = 0; // replaced natively (another context on this thread): remember again when seen again
    }
  }
  const items = keys.concat(values);
  items.push(hashKey, hashIv);
  return callNative(() => native.checkMacValuePacked(items.join('\0'), count, method));
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
  const value = signPacked(fields, hashKey, hashIv, method);
  if (value !== null) return value;
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
