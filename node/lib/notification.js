'use strict';
// Notifications: `Notification`, the common base class, over the three native classes
// (bindings/node/src/notification.rs) `PaymentResult`, `PaymentCodeIssued` and `PeriodCharge`.
// The native prototypes are re-parented onto Notification.prototype once, at load time, so
// `n instanceof Notification` and `n instanceof PaymentResult` both work. Instances come only from
// Client#verifyNotification.

const { inspect } = require('node:util');
const native = require('./native');
const { callNative } = require('./errors');
const { requireInteger } = require('./args');

/** A verified notification: always a PaymentResult, a PaymentCodeIssued or a PeriodCharge. */
class Notification {
  constructor() {
    throw new TypeError('Notifications come from client.verifyNotification(body); they cannot be constructed');
  }
}

const rawCache = new WeakMap();

Object.defineProperties(Notification.prototype, {
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
      const name = this.constructor?.name ?? 'Notification';
      return `${name} ${inspect(this.toJSON(), { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
    },
    configurable: true,
  },
});

const { PaymentResult, PaymentCodeIssued, PeriodCharge } = native;
for (const cls of [PaymentResult, PaymentCodeIssued, PeriodCharge]) {
  const nativeExpectAmount = cls.prototype.expectAmount;
  Object.setPrototypeOf(cls.prototype, Notification.prototype);
  Object.defineProperty(cls.prototype, 'expectAmount', {
    /** Throws a ValidationError (rule amount_mismatch, required or format) unless the notified amount is `expected`. */
    value: function expectAmount(expected) {
      requireInteger('expected', expected);
      callNative(() => nativeExpectAmount.call(this, expected));
    },
    writable: true,
    configurable: true,
  });
}

module.exports = { Notification, PaymentResult, PaymentCodeIssued, PeriodCharge };
