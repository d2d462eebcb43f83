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
// the consumed body was not a form at all, it was no notification: answered 0|... with 415.)

const native = require('./native');
const { OmgError, SignatureError, ValidationError } = require('./errors');
const { ACK, nack } = require('./functions');
const { invalidArg } = require('./args');
const { LOG } = require('./client');
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

/** Reads an unread request stream into a Buffer, refusing more than `limit` bytes. */
function readStream(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks = [];
    let size = 0;
    const cleanup = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('aborted', onAborted);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Stop buffering, let the rest of the upload drain without keeping it.
        req.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
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

function tooLarge(limit) {
  return Object.assign(new Error(`the notification body is larger than ${limit} bytes`), {
    status: 413,
    code: 'OMG_BODY_TOO_LARGE',
  });
}

function isFormBody(req) {
  return /^application\/x-www-form-urlencoded\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''));
}

/** The raw request body, wherever it is (see the top of this file). */
async function rawBodyOf(req, limit) {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (Buffer.isBuffer(req.body)) return req.body;
  if (streamConsumed(req)) {
    // The gateway only ever posts form bodies: a JSON (or other) body that a parser took is not a
    // notification, and not a sign that the app is misconfigured either.
    if (!isFormBody(req)) {
      throw Object.assign(new Error(`not a form body (Content-Type ${req.headers['content-type'] ?? 'missing'})`), {
        status: 415,
        code: 'OMG_NOT_A_FORM',
      });
    }
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

/** How to get a notification back once a route refused it, by kind: the query and the command. */
const RECOVERY = {
  period_charge: ['QueryCreditCardPeriodInfo', 'omg query period'],
  payment_result: ['QueryTradeInfo', 'omg query trade'],
  payment_code_issued: ['QueryTradeInfo', 'omg query trade'],
};

/** The error line for a genuine notification a route does not expect: the order, the amount and
 * how to recover it (a period charge is sent once: refused, it is not sent again). */
function unexpectedKindMessage(notification, path, reply) {
  const no = notification.merchantTradeNo;
  const amount = notification.get(notification.amountField);
  const [query, command] = RECOVERY[notification.kind] ?? RECOVERY.payment_result;
  const once = notification.kind === 'period_charge' ? ' The gateway sends PeriodReturnURL only once.' : '';
  return (
    `a genuine ${notification.kind} notification reached ${path}, which does not expect it, and was refused ` +
    `(${reply}): MerchantTradeNo ${no}, amount ${amount}.${once} Recover it with ${query} / \`${command} ${no}\`, ` +
    "and point that notification's URL at a route that expects it (one route per kind)."
  );
}

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

  function refuse(req, res, error, status) {
    const reply = nack(error.message);
    log('warn', `notification refused at ${pathOf(req)}: ${reply}${hint(error)}`);
    if (onRefused) onRefused(error, req);
    sendText(res, status, reply);
  }

  return async function omgNotification(req, res, next) {
    let raw;
    try {
      raw = await rawBodyOf(req, limit);
    } catch (error) {
      if (error instanceof RawBodyUnavailableError) {
        log('error', error.message);
        return next(error);
      }
      return refuse(req, res, error, error.status ?? 400);
    }
    let notification;
    try {
      notification = client.verifyNotification(raw);
    } catch (error) {
      if (!(error instanceof OmgError)) return next(error);
      return refuse(req, res, error, 400);
    }
    if (expect.length > 0 && !expect.some((kind) => notification instanceof kind)) {
      const error = new Error(`unexpected notification: ${notification.kind}`);
      const reply = nack(error.message);
      log('error', unexpectedKindMessage(notification, pathOf(req), reply));
      if (onRefused) onRefused(error, req);
      return sendText(res, 400, reply);
    }
    req[property] = notification;
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
 * - it throws anything else (or its promise rejects): the error goes to Express (`next(err)`);
 * - it returns another string: `0|...` (500) and an error line (a string is no reply);
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
        return next(handlerError);
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
        log(
          'error',
          `notification handler ${name} returned ${JSON.stringify(result.slice(0, 64))}: return nothing (or ACK) to answer exactly ${ACK}, ` +
            'or throw NotificationRefused(reason) to refuse; the route answered 500 and the gateway will send the notification again.',
        );
        return sendText(res, 500, nack(`the handler returned a string other than ${ACK}`));
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
