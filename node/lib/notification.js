'use strict';
// Notifications: `Notification`, the common base class, over the three native classes
// (bindings/node/src/notification.rs) `PaymentResult`, `PaymentCodeIssued` and `PeriodCharge`.
// Their properties are the fields omg-core describes for each kind (omg_core::boundary, names in
// camelCase), defined here as getters from `describedTypes()`: no field is listed in this package.
// The native prototypes are re-parented onto Notification.prototype once, at load time, so
// `n instanceof Notification` and `n instanceof PaymentResult` both work. Instances come only from
// Client#verifyNotification.

const { inspect } = require('node:util');
const native = require('./native');
const { callNative } = require('./errors');
const { requireAmount } = require('./args');

/** A verified notification: always a PaymentResult, a PaymentCodeIssued or a PeriodCharge. */
class Notification {
  constructor() {
    throw new TypeError('Notifications come from client.verifyNotification(body); they cannot be constructed');
  }
}

Object.defineProperties(Notification.prototype, {
  toJSON: {
    value: function toJSON() {
      return {
        kind: this.kind,
        dedupeKey: this.dedupeKey,
        isPaid: this.isPaid,
        isSimulated: this.isSimulated,
        raw: this.raw,
      };
    },
    writable: true,
    configurable: true,
  },
  [inspect.custom]: {
    value: function (_depth, options) {
      const name = this.constructor?.name ?? 'Notification';
      return `${name} ${inspect(this.toJSON(), { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
    },
    configurable: true,
  },
});

const { PaymentResult, PaymentCodeIssued, PeriodCharge } = native;

/** Value types whose JS value is an object or array: read once per notification, then frozen and
 * kept, so `n.raw === n.raw` and nobody edits what was verified. */
const COMPOSITE = new Set(['str_map', 'str_list', 'opt_str_list', 'list_of_opt_str', 'json', 'list']);
const composites = new WeakMap();

/** One getter per described field of `type` (omg_core::boundary, camelCase names), each reading
 * the field from the native object when it is accessed. */
function defineDescribedGetters(cls, type) {
  const read = cls.prototype.describedField;
  delete cls.prototype.describedField;
  type.fields.forEach((field, index) => {
    const get = COMPOSITE.has(field.valueType)
      ? function () {
          let kept = composites.get(this);
          if (kept === undefined) {
            kept = new Map();
            composites.set(this, kept);
          }
          let value = kept.get(index);
          if (value === undefined && !kept.has(index)) {
            value = read.call(this, index);
            if (value !== null && typeof value === 'object') Object.freeze(value);
            kept.set(index, value);
          }
          return value;
        }
      : function () {
          return read.call(this, index);
        };
    Object.defineProperty(get, 'name', { value: `get ${field.jsName}` });
    Object.defineProperty(cls.prototype, field.jsName, { get, configurable: true, enumerable: false });
  });
}

const described = new Map(native.describedTypes().map((type) => [type.name, type]));
for (const cls of [PaymentResult, PaymentCodeIssued, PeriodCharge]) {
  const type = described.get(cls.name);
  if (type === undefined) throw new Error(`omg-payment: the native module describes no ${cls.name} (a build mismatch)`);
  defineDescribedGetters(cls, type);
  const nativeExpectAmount = cls.prototype.expectAmount;
  Object.setPrototypeOf(cls.prototype, Notification.prototype);
  Object.defineProperty(cls.prototype, 'expectAmount', {
    /** Throws a ValidationError (rule amount_mismatch, required or format) unless the notified amount is `amount`. */
    value: function expectAmount(amount) {
      const whole = requireAmount('amount', amount);
      callNative(() => nativeExpectAmount.call(this, whole));
    },
    writable: true,
    configurable: true,
  });
}

module.exports = { Notification, PaymentResult, PaymentCodeIssued, PeriodCharge };
