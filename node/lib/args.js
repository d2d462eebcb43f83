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
 * A BigInt (a database driver's BIGINT column: 1200n) as the Number the native side takes. Every
 * amount fits; one beyond Number.MAX_SAFE_INTEGER is a RangeError naming the argument instead of
 * a rounded number.
 */
function wholeFromBigInt(name, value) {
  const n = Number(value);
  if (Number.isSafeInteger(n)) return n;
  const error = new RangeError(`The value of "${name}" is out of range. It must be a safe integer. Received ${value}n`);
  error.code = 'ERR_OUT_OF_RANGE';
  throw error;
}

/**
 * An amount argument of a server API, in the types checkout's totalAmount takes: a whole number,
 * a BigInt or a string of digits ("1200"). Anything else is a TypeError naming the argument; the
 * range is omg-core's to check.
 */
function requireAmount(name, value) {
  if (typeof value === 'bigint') return wholeFromBigInt(name, value);
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

/**
 * The order with each BigInt value (totalAmount: 1200n), at its top or in a list, as a Number;
 * the same object when it holds none (no copy). A value under `extra` is a wire field's text or
 * number and left to the native side.
 */
function orderWithoutBigInts(order) {
  let copy = null;
  for (const key of Object.keys(order)) {
    const value = order[key];
    let converted = value;
    if (typeof value === 'bigint') converted = wholeFromBigInt(`order.${key}`, value);
    else if (Array.isArray(value) && value.some((item) => typeof item === 'bigint')) {
      converted = value.map((item) => (typeof item === 'bigint' ? wholeFromBigInt(`order.${key}`, item) : item));
    }
    if (converted !== value) {
      copy ??= { ...order };
      copy[key] = converted;
    }
  }
  return copy ?? order;
}

module.exports = {
  invalidArg,
  isPlainObject,
  requireString,
  requireObject,
  optionalObject,
  requireInteger,
  requireAmount,
  orderWithoutBigInts,
};
