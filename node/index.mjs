// omg-payment: ES module entry point. The same objects as the CommonJS entry (one native module,
// one set of classes, so `instanceof` agrees whichever way a program imports the package).
import omg from './index.js';

export const {
  Client,
  Notification,
  PaymentResult,
  PaymentCodeIssued,
  PeriodCharge,
  Checkout,
  checkMacValue,
  explain,
  describeCode,
  knownCodes,
  barcodeSvg,
  signTestNotification,
  generateMerchantTradeNo,
  nack,
  ACK,
  MAX_NOTIFICATION_BYTES,
  OmgError,
  ValidationError,
  SignatureError,
  GatewayError,
  TransportError,
  DecodeError,
} = omg;
export default omg;
