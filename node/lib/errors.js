'use strict';
// The error classes. The native module throws errors whose message is a JSON payload written by
// bindings/node/src/errors.rs; `fromNative` turns each into the class of its kind, so
// `instanceof` and `err.code` work for every error the package throws.

const native = require('./native');
// The gateway error's predicate names (isNotFound, ...), generated from the contract.
const { GATEWAY_PREDICATES } = require('./contract');

/** The base class of every error about payments: bad input, bad signatures, gateway refusals, network failures. */
class OmgError extends Error {
  constructor(message, code = 'OMG_ERROR', options) {
    super(message, options);
    this.name = new.target.name;
    /** A stable machine-readable name: OMG_VALIDATION, OMG_SIGNATURE, OMG_GATEWAY, OMG_TRANSPORT, OMG_DECODE. */
    this.code = code;
  }
}

/** Input that breaks the protocol's rules; `errors` lists every broken rule, each naming its field. */
class ValidationError extends OmgError {
  constructor(message, errors = [], options) {
    super(message, 'OMG_VALIDATION', options);
    /** @type {{field: string, rule: string, message: string}[]} */
    this.errors = errors;
  }
}

/** A CheckMacValue that is missing or does not match: forged, tampered with, or signed with other keys. */
class SignatureError extends OmgError {
  constructor(message, options) {
    super(message, 'OMG_SIGNATURE', options);
  }
}

/** The gateway understood the request and refused it. */
class GatewayError extends OmgError {
  constructor(message, rtnCode = null, rtnMsg = '', options, predicates = {}) {
    super(message, 'OMG_GATEWAY', options);
    /** The gateway's RtnCode, or null when the reply had none (QueryTrade/V2 errors). */
    this.rtnCode = rtnCode;
    /** The gateway's RtnMsg, verbatim. */
    this.rtnMsg = rtnMsg;
    // isNotFound, isDuplicate, isAlreadyStopped: what omg-core read from the RtnCode.
    for (const name of GATEWAY_PREDICATES) this[name] = predicates[name] === true;
  }
}

/** The request did not complete: connection refused, timeout, HTTP error status, reply too large. */
class TransportError extends OmgError {
  constructor(message, { timeout = false, status = null, outcomeUnknown = false, reconcileWith = null } = {}, options) {
    super(message, 'OMG_TRANSPORT', options);
    /** True when the connect or read timeout expired. */
    this.timeout = timeout;
    /** The HTTP status when the gateway answered with a non-success status, else null. */
    this.status = status;
    /** True when a money-moving request (DoAction, CreditCardPeriodAction) may have reached the
     * gateway: reconcile with a query, never send it again blindly. */
    this.outcomeUnknown = outcomeUnknown;
    /** With outcomeUnknown: the API that tells what happened (e.g. "QueryTrade/V2"), else null. */
    this.reconcileWith = reconcileWith;
  }
}

/** Bytes that cannot be read as the expected format: bad UTF-8, a bad percent-escape, bad JSON, a body too large. */
class DecodeError extends OmgError {
  constructor(message, options) {
    super(message, 'OMG_DECODE', options);
  }
}

/** The class of a native error, or the error itself when it is not one of ours. */
function fromNative(error) {
  // A value of the wrong type inside an argument (an order field given an object): the same
  // TypeError the JS layer throws for a wrong argument.
  if (error instanceof Error && error.code === 'InvalidArg') {
    const typeError = new TypeError(error.message);
    typeError.code = 'ERR_INVALID_ARG_TYPE';
    return typeError;
  }
  if (
    !(error instanceof Error) ||
    typeof error.message !== 'string' ||
    !error.message.startsWith(native.ERROR_PAYLOAD_PREFIX)
  ) {
    return error;
  }
  let p;
  try {
    // omg-core's error payload (boundary::error_payload), keys in camelCase.
    p = JSON.parse(error.message).omg;
  } catch {
    return error;
  }
  switch (p?.kind) {
    case 'validation':
      return new ValidationError(p.message, p.fieldErrors ?? []);
    case 'signature':
      return new SignatureError(p.message);
    case 'gateway':
      return new GatewayError(p.message, p.rtnCode ?? null, p.rtnMsg ?? '', undefined, p);
    case 'transport':
      return new TransportError(p.message, {
        timeout: !!p.timeout,
        status: p.status ?? null,
        outcomeUnknown: !!p.outcomeUnknown,
        reconcileWith: p.reconcileWith ?? null,
      });
    case 'decode':
      return new DecodeError(p.message);
    default:
      return new OmgError(p?.message ?? error.message);
  }
}

/** Runs a native call, rethrowing its error as the matching class. */
function callNative(fn) {
  try {
    return fn();
  } catch (error) {
    const mapped = fromNative(error);
    // Start the stack at the caller of the public function, not inside this file.
    if (mapped !== error) Error.captureStackTrace(mapped, callNative);
    throw mapped;
  }
}

/** Awaits a native promise, rejecting with the matching class. */
async function awaitNative(promise) {
  try {
    return await promise;
  } catch (error) {
    throw fromNative(error);
  }
}

module.exports = {
  OmgError,
  ValidationError,
  SignatureError,
  GatewayError,
  TransportError,
  DecodeError,
  fromNative,
  callNative,
  awaitNative,
};
