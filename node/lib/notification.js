'use strict';
// Notification: the native class (bindings/node/src/notification.rs) with the JS conveniences
// added to its prototype. Instances come only from Client#verifyNotification.

const { inspect } = require('node:util');
const native = require('./native');
const { callNative } = require('./errors');
const { requireInteger } = require('./args');

const { Notification } = native;
const proto = Notification.prototype;
const nativeExpectAmount = proto.expectAmount;
const rawCache = new WeakMap();

Object.defineProperties(proto, {
  /** Every field received, in order, CheckMacValue and unknown fields included (frozen). */
  raw: {
    get() {
      let raw = rawCache.get(this);
      if (raw === undefined) {
        raw = Object.freeze(this.rawFields());
        rawCache.set(this, raw);
      }
      return raw;
    },
    enumerable: false,
    configurable: true,
  },
  /** Throws a ValidationError (rule amount_mismatch, required or format) unless the notified amount is `expected`. */
  expectAmount: {
    value: function expectAmount(expected) {
      requireInteger('expected', expected);
      callNative(() => nativeExpectAmount.call(this, expected));
    },
    writable: true,
    configurable: true,
  },
  toJSON: {
    value: function toJSON() {
      return { kind: this.kind, dedupeKey: this.dedupeKey, isPaid: this.isPaid, isSimulated: this.isSimulated, raw: this.raw };
    },
    writable: true,
    configurable: true,
  },
  [inspect.custom]: {
    value: function (depth, options) {
      return `Notification ${inspect(this.toJSON(), { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
    },
    configurable: true,
  },
});

module.exports = { Notification };
