'use strict';
// Checkout: the native class (bindings/node/src/checkout.rs) with `fields` as a property.
// Instances come only from Client#checkout.

const { inspect } = require('node:util');
const native = require('./native');

const { Checkout } = native;
const fieldsCache = new WeakMap();

Object.defineProperties(Checkout.prototype, {
  /** Every field to post, in order, CheckMacValue last (frozen). */
  fields: {
    get() {
      let fields = fieldsCache.get(this);
      if (fields === undefined) {
        fields = Object.freeze(this.fieldsObject());
        fieldsCache.set(this, fields);
      }
      return fields;
    },
    configurable: true,
  },
  toJSON: {
    value: function toJSON() {
      return { actionUrl: this.actionUrl, fields: this.fields };
    },
    writable: true,
    configurable: true,
  },
  [inspect.custom]: {
    value: function (_depth, options) {
      return `Checkout ${inspect(this.toJSON(), { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
    },
    configurable: true,
  },
});

module.exports = { Checkout };
