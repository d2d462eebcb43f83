'use strict';
// omg-payment: OMG 金流 (funpoint) payments for Node.js. CommonJS entry point.

const { Client } = require('./lib/client');
const { Notification, PaymentResult, PaymentCodeIssued, PeriodCharge } = require('./lib/notification');
const { Checkout } = require('./lib/checkout');
const errors = require('./lib/errors');
const functions = require('./lib/functions');

module.exports = {
  Client,
  Notification,
  PaymentResult,
  PaymentCodeIssued,
  PeriodCharge,
  Checkout,
  checkMacValue: functions.checkMacValue,
  explain: functions.explain,
  describeCode: functions.describeCode,
  knownCodes: functions.knownCodes,
  barcodeSvg: functions.barcodeSvg,
  signTestNotification: functions.signTestNotification,
  generateMerchantTradeNo: functions.generateMerchantTradeNo,
  nack: functions.nack,
  ACK: functions.ACK,
  MAX_NOTIFICATION_BYTES: functions.MAX_NOTIFICATION_BYTES,
  OmgError: errors.OmgError,
  ValidationError: errors.ValidationError,
  SignatureError: errors.SignatureError,
  GatewayError: errors.GatewayError,
  TransportError: errors.TransportError,
  DecodeError: errors.DecodeError,
};
