'use strict';
// Argument checks for the public functions: a wrong type is a programming error, thrown as a
// TypeError with Node's own code ERR_INVALID_ARG_TYPE before anything reaches the native module.

function invalidArg(name, expected, value) {
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  const error = new TypeError(`The "${name}" argument must be ${expected}. Received ${got}`);
  error.code = 'ERR_INVALID_ARG_TYPE';
  return error;
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function requireString(name, value) {
  if (typeof value !== 'string') throw invalidArg(name, 'a string', value);
  return value;
}

function requireObject(name, value) {
  if (!isPlainObject(value)) throw invalidArg(name, 'a plain object', value);
  return value;
}

function optionalObject(name, value) {
  if (value === undefined || value === null) return undefined;
  return requireObject(name, value);
}

function requireInteger(name, value) {
  if (!Number.isSafeInteger(value)) throw invalidArg(name, 'a whole number', value);
  return value;
}

/**
 * An amount argument of a server API, in the types checkout's totalAmount takes: a whole number
 * or a string of digits ("1200"). Anything else is a TypeError naming the argument; the range is
 * omg-core's to check.
 */
function requireAmount(name, value) {
  if (typeof value === 'string') {
    const digits = value.trim();
    const n = /^[0-9]+$/.test(digits) ? Number(digits) : Number.NaN;
    if (Number.isSafeInteger(n)) return n;
    const error = new TypeError(
      `The "${name}" argument must be a whole number or a string of digits. Received ${JSON.stringify(value)}`,
    );
    error.code = 'ERR_INVALID_ARG_TYPE';
    throw error;
  }
  if (!Number.isSafeInteger(value)) throw invalidArg(name, 'a whole number or a string of digits', value);
  return value;
}

module.exports = {
  invalidArg,
  isPlainObject,
  requireString,
  requireObject,
  optionalObject,
  requireInteger,
  requireAmount,
};
