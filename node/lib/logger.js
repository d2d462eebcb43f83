'use strict';
// Where the SDK's log lines go: the client's events (each request and reply, retries, an unknown
// outcome of a money-moving call) and every notification the Express helpers refuse. Never a key,
// a CheckMacValue or a body.
//
// A logger is any object with `debug`, `info`, `warn` and `error` methods taking one string:
// `console`, pino, winston, a Fastify/Nest logger... A method it lacks is skipped (so `{}` is
// silent), and one that throws is ignored: logging never changes what a payment call returns.
//
// The default prints warnings and errors on stderr with `console.warn` / `console.error`, so a
// shop whose wrong HashIV refuses every genuine notification sees it without configuring
// anything, and prints the debug and info events only with Node's usual debug switch,
// `NODE_DEBUG=omg_payment` (`OMG_PAYMENT <pid>: INFO ...`).

const { debuglog } = require('node:util');
const { invalidArg } = require('./args');

const LEVELS = ['debug', 'info', 'warn', 'error'];
const nodeDebug = debuglog('omg_payment');

/** The logger used when none is given. */
const defaultLogger = Object.freeze({
  debug: (message) => nodeDebug(`DEBUG ${message}`),
  info: (message) => nodeDebug(`INFO ${message}`),
  warn: (message) => console.warn(`omg-payment: ${message}`),
  error: (message) => console.error(`omg-payment: ${message}`),
});

/** `logger` checked (an object, or undefined for the default); `name` is the option's name. */
function checkLogger(name, logger) {
  if (logger === undefined) return defaultLogger;
  if (logger === null || (typeof logger !== 'object' && typeof logger !== 'function')) {
    throw invalidArg(name, 'an object with debug/info/warn/error methods (console, pino, ...)', logger);
  }
  return logger;
}

/** `log(level, message)` over `logger`: skips a missing method, never throws. */
function emitter(logger) {
  return function log(level, message) {
    if (!LEVELS.includes(level)) return;
    const write = logger[level];
    if (typeof write !== 'function') return;
    try {
      write.call(logger, message);
    } catch {
      // A broken logger must not turn a refund's result into an exception.
    }
  };
}

module.exports = { defaultLogger, checkLogger, emitter };
