'use strict';
// Client: a merchant's credentials and gateway. Pure operations (checkout, verifyNotification,
// signTestNotification) are synchronous; every server API (lib/operations.js, generated) returns a
// Promise and runs on the libuv thread pool, so the event loop never waits on the network.

const { inspect } = require('node:util');
const native = require('./native');
const { callNative } = require('./errors');
const { invalidArg, isPlainObject, requireString, requireObject, orderWithoutBigInts } = require('./args');
const { CLIENT_PROPERTIES, MILLISECOND_OPTIONS, SECRET_OPTIONS } = require('./contract');
const { networkMethods } = require('./operations');
const { checkLogger, emitter } = require('./logger');
const { checkedKeys } = require('./functions');
require('./notification');
require('./checkout');

/**
 * The options object as two lists, setting names and their values as text, for omg-core's
 * ClientSettings, which knows the names (in any casing), the units, the defaults and every rule
 * (an unknown or misspelt name is a ValidationError naming it). Strings pass as they are, numbers
 * in JS's decimal form; `null`/`undefined` mean "not given". The `...Ms` options of earlier
 * versions are converted to seconds here.
 */
function settingsOf(options) {
  const names = [];
  const values = [];
  if (options === undefined || options === null) return { names, values };
  if (!isPlainObject(options)) throw invalidArg('options', 'a plain object', options);
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || value === null) continue;
    const seconds = Object.hasOwn(MILLISECOND_OPTIONS, name) ? MILLISECOND_OPTIONS[name] : undefined;
    if (seconds !== undefined) {
      if (!(Number.isInteger(value) && value >= 0 && value <= 0xffffffff))
        throw invalidArg(`options.${name}`, 'a whole number of milliseconds ≥ 0', value);
      names.push(seconds);
      values.push(String(value / 1000));
    } else if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      names.push(name);
      values.push(String(value));
    } else {
      throw invalidArg(`options.${name}`, 'a string or a finite number', value);
    }
  }
  return { names, values };
}

const fromNativeClient = Symbol('fromNativeClient');

/** The client's `log(level, message)` (lib/logger.js), for the Express helpers' default. */
const LOG = Symbol('omg-payment log');

/** omg-core's receipt of a notification request, for the Express helpers (lib/express.js). */
const RECEIVE = Symbol('omg-payment receive');

/** `options` without `logger` (not a gateway setting), and the logger. */
function splitLogger(options) {
  if (!isPlainObject(options) || !Object.hasOwn(options, 'logger')) return { settings: options, logger: undefined };
  const { logger, ...settings } = options;
  return { settings, logger };
}

class Client {
  #native;
  #log;

  // The server APIs (queryTrade, capture, ...): generated from the contract into lib/operations.js,
  // each checking its arguments and calling the native method of the same name with this client's
  // log callback. Installed like methods written here (not enumerable).
  static {
    const methods = networkMethods(
      (client) => client.#native,
      (client) => client.#log,
    );
    for (const [name, method] of Object.entries(methods)) {
      Object.defineProperty(Client.prototype, name, { value: method, writable: true, configurable: true });
    }
    // merchantId, baseUrl, isProduction, platformId: fields of the effective settings the client
    // shows as its own (the contract's client properties).
    for (const name of CLIENT_PROPERTIES) {
      Object.defineProperty(Client.prototype, name, {
        get() {
          return this.#native.settings[name] ?? undefined;
        },
        configurable: true,
      });
    }
  }

  /**
   * @param {object} options omg-core's client settings, camelCase (docs/node.md): merchantId,
   *   hashKey, hashIv (all three, or none for the public stage merchant outside production),
   *   creditCheckCode, environment ("stage" | "production" | URL), baseUrl (only with stage),
   *   connectTimeout, readTimeout, initialBackoff, maxBackoff (seconds), retries, maxReplyBytes,
   *   platformId (sent as PlatformID on the four signed server APIs); and `logger`, where the
   *   client's events go (lib/logger.js; default: warnings on stderr, the rest with NODE_DEBUG).
   */
  constructor(options) {
    if (options?.[fromNativeClient]) {
      this.#native = options[fromNativeClient];
      this.#log = emitter(checkLogger('options.logger', options.logger));
      return;
    }
    const { settings, logger } = splitLogger(options);
    this.#log = emitter(checkLogger('options.logger', logger));
    const { names, values } = settingsOf(settings);
    this.#native = callNative(() => new native.Client(names, values));
  }

  /** `log(level, message)` to this client's logger (the Express helpers log refusals with it). */
  get [LOG]() {
    return this.#log;
  }

  /** omg-core's receipt of one notification request (method, Content-Type, at most `maxBytes + 1`
   * bytes of the body): status, reply, the notification or the error, the answers after the
   * handler. */
  [RECEIVE](method, contentType, body, maxBytes) {
    return native.receiveNotification(this.#native, method, contentType, body, maxBytes);
  }

  /** The public stage merchant (1000031) on the stage gateway, or on `options.baseUrl` (omg-sim). */
  static stage(options) {
    return new Client(options);
  }

  /** The effective settings (omg-core's ClientSettings, camelCase, seconds): defaults filled in,
   * never a key. */
  get settings() {
    return this.#native.settings;
  }

  /** From OMG_MERCHANT_ID, OMG_HASH_KEY, OMG_HASH_IV, OMG_CREDIT_CHECK_CODE, OMG_ENV, OMG_BASE_URL
   * and OMG_CONNECT_TIMEOUT_MS, OMG_READ_TIMEOUT_MS, OMG_MAX_RETRIES. `options.logger` as for the
   * constructor (the only option: the rest comes from the environment). */
  static fromEnv(options) {
    let logger;
    if (options !== undefined && options !== null) {
      requireObject('options', options);
      for (const name of Object.keys(options)) {
        if (name !== 'logger')
          throw invalidArg(
            `options.${name}`,
            'absent (Client.fromEnv reads the environment; only `logger` is an option)',
            options[name],
          );
      }
      logger = options.logger;
    }
    return new Client({ [fromNativeClient]: callNative(() => native.Client.fromEnv()), logger });
  }

  /**
   * Validates an order (every broken rule at once, as a ValidationError) and signs it. Pure.
   * @returns {import('./checkout').Checkout}
   */
  checkout(order) {
    requireObject('order', order);
    return callNative(() => this.#native.checkout(orderWithoutBigInts(order)));
  }

  /**
   * Verifies a notification: the raw body as received (Buffer, Uint8Array or string) or, less
   * safely, fields a framework already parsed (a plain object). Returns a Notification; throws
   * SignatureError, DecodeError or ValidationError. `options.endpoint` ("return_url",
   * "payment_info_url", "period_return_url", or the gateway's names such as "ReturnURL") says which
   * URL received it, so the kind is certain instead of inferred from RtnCode and the fields.
   */
  verifyNotification(body, options) {
    if (options !== undefined && options !== null) requireObject('options', options);
    const endpoint = options?.endpoint ?? undefined;
    if (endpoint !== undefined) requireString('options.endpoint', endpoint);
    if (typeof body === 'string') return callNative(() => this.#native.verifyNotificationText(body, endpoint));
    if (Buffer.isBuffer(body)) return callNative(() => this.#native.verifyNotificationBytes(body, endpoint));
    if (body instanceof Uint8Array) {
      const view = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      return callNative(() => this.#native.verifyNotificationBytes(view, endpoint));
    }
    if (isPlainObject(body)) {
      checkedKeys(body);
      return callNative(() => this.#native.verifyNotificationFields(body, endpoint));
    }
    throw invalidArg('body', 'a Buffer, a Uint8Array, a string or a plain object of fields', body);
  }

  /**
   * A realistic, correctly signed notification for testing a handler: the fields of `kind`
   * ("payment_result" (default), "atm_code_issued", "cvs_code_issued", "barcode_code_issued",
   * "period_charge") with `fields` set on top, signed with this client's keys. Returns the form
   * body the gateway would POST.
   */
  signTestNotification(kind = 'payment_result', fields) {
    requireString('kind', kind);
    if (fields !== undefined && fields !== null) {
      requireObject('fields', fields);
      checkedKeys(fields);
    }
    return callNative(() => this.#native.signTestNotification(kind, fields ?? undefined));
  }

  toJSON() {
    return { merchantId: this.merchantId, baseUrl: this.baseUrl };
  }

  [inspect.custom]() {
    // Never the keys: they show as ****.
    const shown = Object.entries(this.toJSON()).map(([name, value]) => `${name}: '${value}'`);
    return `Client { ${[...shown, ...SECRET_OPTIONS.map((name) => `${name}: '****'`)].join(', ')} }`;
  }
}

module.exports = { Client, LOG, RECEIVE };
