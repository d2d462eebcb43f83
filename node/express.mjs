// omg-payment/express, ES module entry point.
import omgExpress from './express.js';

export const {
  notificationMiddleware,
  notificationHandler,
  captureRawBody,
  ack,
  nack,
  ACK,
  NotificationRefused,
  RawBodyUnavailableError,
} = omgExpress;
export default omgExpress;
