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

module.exports = { invalidArg, isPlainObject, requireString, requireObject, optionalObject, requireInteger };
