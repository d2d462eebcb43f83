'use strict';
// Express integration: a middleware that verifies a notification from the RAW request body and
// puts the typed notification on `req`, and the `1|OK` responder.
//
// Why the raw body: CheckMacValue is computed over the exact field values the gateway sent.
// A body parser's object is not those values: `express.urlencoded({ extended: true })` turns
// `a[b]=1` into nested objects, both parsers turn a repeated field into an array, decode bytes
// that are not UTF-8 into U+FFFD, honour a charset from the Content-Type, and cap the number of
// fields. Encoding such an object back into a body is not the body that was signed, so the
// middleware never does it. It finds the raw bytes in this order:
//
//   1. `req.rawBody` (a Buffer): set by `captureRawBody`, the `verify` option of
//      `express.urlencoded()`, so the route keeps working when a global parser ran first;
//   2. `req.body` when it is a Buffer (`express.raw()` ran);
//   3. the request stream itself, when nothing has read it yet (no parser ran, or a parser
//      skipped the request because of its Content-Type): read here, up to the size cap.
//
// When a parser consumed the stream without keeping the bytes, the notification cannot be
// verified: the middleware calls `next(err)` with a RawBodyUnavailableError (HTTP status 500,
// code OMG_RAW_BODY_UNAVAILABLE) that says how to fix the app. The gateway, which gets no
// `1|OK`, sends the notification again later, so nothing is lost while the app is fixed. (When
// omg-core refuses the request by its method or Content-Type, that refusal is the answer.)
//
// What to answer is omg-core's decision (notify::receive), the same as in every language:
// method, Content-Type, size and signature, the answer when the handler fails, and the error
// line for a kind the route does not take.

const native = require('./native');
const { SignatureError, ValidationError, fromNative } = require('./errors');
const { ACK, nack } = require('./functions');
const { invalidArg } = require('./args');
const { LOG, RECEIVE } = require('./client');
const { checkLogger, emitter } = require('./logger');
const notifications = require('./notification');

/** The raw body was consumed by a body parser that did not keep it. */
class RawBodyUnavailableError extends Error {
  constructor(message) {
    super(message);
    this.name = 'RawBodyUnavailableError';
    this.code = 'OMG_RAW_BODY_UNAVAILABLE';
    this.status = 500;
    this.expose = false;
  }
}

/**
 * Thrown by a `notificationHandler` handler to refuse a notification: the route answers
 * `0|<reason>` (HTTP 400) and the gateway sends the notification again later.
 */
class NotificationRefused extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'NotificationRefused';
    this.code = 'OMG_NOTIFICATION_REFUSED';
    this.status = 400;
    /** The reply the gateway gets: `0|<reason>`. */
    this.reply = nack(String(reason));
  }
}

/**
 * The `verify` hook of `express.urlencoded()` / `express.raw()`: keeps the raw bytes on
 * `req.rawBody` so notification routes can be verified after a global parser ran.
 *
 *   app.use(express.urlencoded({ extended: false, verify: captureRawBody }));
 */
function captureRawBody(req, _res, buf) {
  req.rawBody = Buffer.from(buf);
}

function streamConsumed(req) {
  // body-parser 1 (Express 4) marks the request; body-parser 2 (Express 5) and others leave
  // it read to the end, or flowing into a reader of their own.
  return (
    req._body === true ||
    req.readableEnded === true ||
    (req.complete === true && req.readable === false) ||
    req.readableFlowing === true
  );
}

/** Reads an unread request stream into a Buffer, at most `limit + 1` bytes: enough for omg-core to
 * tell a body over the cap. The rest drains without being kept. */
function readStream(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const cleanup = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('aborted', onAborted);
    };
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Stop buffering, let the rest of the upload drain without keeping it.
        req.resume();
        resolve(Buffer.concat(chunks, size).subarray(0, limit + 1));
      }
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error) => {
      cleanup();
      reject(error);
    };
    const onAborted = () => {
      cleanup();
      reject(Object.assign(new Error('the request was aborted while its body was read'), { code: 'ECONNABORTED' }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/** The raw request body (at most `limit + 1` bytes of it), wherever it is (see the top of this file). */
async function rawBodyOf(req, limit) {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody.subarray(0, limit + 1);
  if (Buffer.isBuffer(req.body)) return req.body.subarray(0, limit + 1);
  if (streamConsumed(req)) {
    throw new RawBodyUnavailableError(
      'omg-payment: the notification body was already read by a body parser that did not keep the raw bytes, so its ' +
        'CheckMacValue cannot be verified. Either keep the raw body for every parser that may run first, e.g. ' +
        '`app.use(express.urlencoded({ extended: false, verify: captureRawBody }))` with `captureRawBody` from ' +
        "'omg-payment/express', or mount the notification routes before the parser. (Re-encoding the parsed fields " +
        'is not done on purpose: it does not reproduce the signed bytes.)',
    );
  }
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') {
    throw Object.assign(new Error(`unsupported Content-Encoding ${encoding}`), {
      status: 415,
      code: 'OMG_UNSUPPORTED_ENCODING',
    });
  }
  return readStream(req, limit);
}

/** The Content-Type header, undefined when absent. */
function contentTypeOf(req) {
  return req.headers['content-type'];
}

function sendText(res, status, text) {
  res.status(status).type('text/plain').send(text);
}

/** The helpers' `log(level, message)`: `options.logger`, else the client's, else the default. */
function logOf(client, options) {
  if (options.logger !== undefined) return emitter(checkLogger('options.logger', options.logger));
  return client[LOG] ?? emitter(checkLogger('options.logger', undefined));
}

/** What to check when refusals are not attacks but a misconfigured shop. */
function hint(error) {
  if (error instanceof SignatureError)
    return " (if the gateway's genuine notifications are refused too, this client's HashKey/HashIV are wrong)";
  if (error instanceof ValidationError && error.errors.some((e) => e.rule === 'merchant_mismatch')) {
    return " (if this is your own merchant, this client's MerchantID is wrong)";
  }
  return '';
}

/** Where the middleware leaves omg-core's answer for a failed handler, for `notificationHandler`. */
const HANDLER_FAILED = Symbol('omg-payment handler failed');

function pathOf(req) {
  return String(req.originalUrl ?? req.url ?? '').split('?')[0];
}

/**
 * Middleware that verifies the notification and sets `req[options.property]` (default
 * `req.omgNotification`) to the typed notification, then calls the next handler. A forged,
 * tampered or unreadable notification is answered `0|<reason>` (HTTP 400; 413 when too large)
 * and goes no further.
 *
 * @param {import('./client').Client} client
 * `options.expect` (a notification class or an array of them) refuses other kinds with
 * `0|unexpected notification: <kind>` (HTTP 400) before they reach the route.
 *
 * Every refusal is logged (a warning; an unexpected kind is an error naming the order, the
 * amount and how to recover it) to `options.logger`, by default the client's logger.
 *
 * @param {{ property?: string, limit?: number, expect?: Function | Function[], onRefused?: (error: Error, req: any) => void, logger?: object }} [options]
 */
function notificationMiddleware(client, options = {}) {
  if (client === null || typeof client !== 'object' || typeof client.verifyNotification !== 'function') {
    throw invalidArg('client', 'an omg-payment Client', client);
  }
  const property = options.property ?? 'omgNotification';
  const limit = options.limit ?? native.MAX_NOTIFICATION_BYTES;
  const onRefused = options.onRefused;
  if (typeof property !== 'string') throw invalidArg('options.property', 'a string', property);
  if (!Number.isSafeInteger(limit) || limit <= 0) throw invalidArg('options.limit', 'a positive whole number', limit);
  if (onRefused !== undefined && typeof onRefused !== 'function')
    throw invalidArg('options.onRefused', 'a function', onRefused);
  const expect = expectedKinds(options.expect);
  const log = logOf(client, options);

  /** Answers omg-core's refusal of the request (a receipt without a notification). */
  function refuse(req, res, receipt) {
    const error = fromNative(new Error(receipt.error));
    log('warn', `notification refused at ${pathOf(req)}: ${receipt.reply}${hint(error)}`);
    if (onRefused) onRefused(error, req);
    sendText(res, receipt.status, receipt.reply);
  }

  return async function omgNotification(req, res, next) {
    let raw;
    try {
      raw = await rawBodyOf(req, limit);
    } catch (error) {
      if (error instanceof RawBodyUnavailableError) {
        // omg-core refuses a request by its method or Content-Type before looking at the body:
        // then that is the answer, whoever read the body.
        const before = client[RECEIVE](req.method, contentTypeOf(req), Buffer.alloc(0), limit);
        if (before.status === 405 || before.status === 415) return refuse(req, res, before);
        log('error', error.message);
        return next(error);
      }
      if (error.status) return sendText(res, error.status, nack(error.message));
      return next(error);
    }
    const receipt = client[RECEIVE](req.method, contentTypeOf(req), raw, limit);
    const notification = receipt.notification;
    if (!notification) return refuse(req, res, receipt);
    if (expect.length > 0 && !expect.some((kind) => notification instanceof kind)) {
      const { status, reply, message } = receipt.unexpected;
      log('error', `notification refused at ${pathOf(req)}: ${message}`);
      if (onRefused) onRefused(new Error(reply.slice(2)), req);
      return sendText(res, status, reply);
    }
    req[property] = notification;
    req[HANDLER_FAILED] = receipt.handlerFailed;
    return next();
  };
}

/** `options.expect` as a list of notification classes (empty: any kind is accepted). */
function expectedKinds(expect) {
  if (expect === undefined || expect === null) return [];
  const kinds = Array.isArray(expect) ? expect : [expect];
  const classes = [notifications.PaymentResult, notifications.PaymentCodeIssued, notifications.PeriodCharge];
  for (const kind of kinds) {
    if (!classes.includes(kind)) {
      throw invalidArg('options.expect', 'PaymentResult, PaymentCodeIssued, PeriodCharge or an array of them', kind);
    }
  }
  return kinds;
}

/** Answers `1|OK`: the gateway stops re-sending this notification. */
function ack(res) {
  sendText(res, 200, ACK);
}

/**
 * Records what a handler writes through `res` itself (the first bytes), so the route can tell an
 * exact `1|OK` from a reply the gateway will not take (`"1|OK"` from `res.json`, a `0|...`).
 * `stop()` puts `res` back as it was.
 */
function watchReply(res) {
  const own = {
    write: Object.getOwnPropertyDescriptor(res, 'write'),
    end: Object.getOwnPropertyDescriptor(res, 'end'),
  };
  const { write, end } = res;
  const kept = [];
  let size = 0;
  const keep = (chunk, encoding) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8')
        : Buffer.from(chunk);
    size += bytes.length;
    if (size <= 64) kept.push(bytes);
  };
  res.write = function (chunk, encoding, callback) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding, callback);
  };
  res.end = function (chunk, encoding, callback) {
    keep(chunk, encoding);
    return end.call(this, chunk, encoding, callback);
  };
  return {
    stop() {
      for (const name of ['write', 'end']) {
        if (own[name]) Object.defineProperty(res, name, own[name]);
        else delete res[name];
      }
    },
    /** The body written so far as text (its first 64 bytes), and whether it was longer. */
    body() {
      return { text: Buffer.concat(kept).toString('utf8'), cut: size > 64 };
    },
  };
}

/**
 * A whole notification route: verifies (as `notificationMiddleware`), runs `handler(notification,
 * req, res)` and answers exactly `1|OK` once it has finished and returned nothing (or `ACK`). The
 * route owns the reply:
 *
 * - the handler throws `NotificationRefused(reason)`: `0|reason` (400), logged as a warning;
 * - it throws anything else (or its promise rejects): `0|the handler failed` (500), logged as an
 *   error with the stack (omg-core's answer, the same in every language);
 * - it returns another string: `0|the handler failed` (500) and an error line (a string is no reply);
 * - it answered through `res` itself: kept, and an error line unless it was exactly `1|OK`
 *   (200), because the gateway sends the notification again for anything else.
 *
 * In every case but an exact `1|OK`, the gateway, which gets no `1|OK`, sends the notification
 * again later.
 */
function notificationHandler(client, handler, options = {}) {
  if (typeof handler !== 'function') throw invalidArg('handler', 'a function', handler);
  const verify = notificationMiddleware(client, options);
  const property = options.property ?? 'omgNotification';
  const log = logOf(client, options);
  const name = handler.name || 'the notification handler';
  return function omgNotificationRoute(req, res, next) {
    verify(req, res, async (error) => {
      if (error) return next(error);
      const reply = watchReply(res);
      let result;
      try {
        result = await handler(req[property], req, res);
      } catch (handlerError) {
        if (handlerError instanceof NotificationRefused && !res.headersSent) {
          log('warn', `notification handler ${name} refused the notification: ${handlerError.reply}`);
          return sendText(res, 400, handlerError.reply);
        }
        const { status, reply: failed } = req[HANDLER_FAILED];
        const detail = handlerError instanceof Error ? (handlerError.stack ?? handlerError.message) : handlerError;
        if (res.headersSent) {
          log('error', `notification handler ${name} failed after writing its own reply: ${detail}`);
          return undefined;
        }
        log(
          'error',
          `notification handler ${name} failed; answered ${status} ${failed}, the gateway will send it again: ${detail}`,
        );
        return sendText(res, status, failed);
      } finally {
        reply.stop();
      }
      if (res.headersSent) {
        const { text, cut } = reply.body();
        if (res.statusCode !== 200 || text !== ACK || cut) {
          log(
            'error',
            `notification handler ${name} answered through res itself: HTTP ${res.statusCode} ${JSON.stringify(text)}${cut ? '...' : ''}; ` +
              `the gateway sends the notification again unless the reply is exactly ${ACK}. Return instead (the route answers ${ACK}), ` +
              'or throw NotificationRefused(reason) to refuse.',
          );
        }
        return undefined;
      }
      if (typeof result === 'string' && result !== ACK) {
        const { status, reply: failed } = req[HANDLER_FAILED];
        log(
          'error',
          `notification handler ${name} returned ${JSON.stringify(result.slice(0, 64))}: return nothing (or ACK) to answer exactly ${ACK}, ` +
            `or throw NotificationRefused(reason) to refuse; the route answered ${status} ${failed} and the gateway will send the notification again.`,
        );
        return sendText(res, status, failed);
      }
      return ack(res);
    });
  };
}

module.exports = {
  notificationMiddleware,
  notificationHandler,
  captureRawBody,
  ack,
  nack,
  ACK,
  NotificationRefused,
  RawBodyUnavailableError,
};
