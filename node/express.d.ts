// Type declarations of omg-payment/express.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnyNotification, Client, Logger } from './index';

/** The request as the middleware sees it: any Express request. */
export interface NotificationRequest extends IncomingMessage {
  rawBody?: Buffer;
  body?: unknown;
  omgNotification?: AnyNotification;
}

declare global {
  // With @types/express: `req.omgNotification` and `req.rawBody` are known on every request.
  namespace Express {
    interface Request {
      omgNotification?: AnyNotification;
      rawBody?: Buffer;
    }
  }
}

/** The response methods the helpers use (any Express response has them). */
export interface TextResponse extends ServerResponse {
  status(code: number): this;
  type(type: string): this;
  send(body: string): this;
}

export type NextFunction = (error?: unknown) => void;

export interface NotificationMiddlewareOptions {
  /** Where the notification goes on `req`; default `omgNotification`. */
  property?: string;
  /** Largest body read; default MAX_NOTIFICATION_BYTES (64 KiB). */
  limit?: number;
  /** Called for every refused notification (forged, tampered, unreadable, too large, unexpected). */
  onRefused?: (error: Error, req: NotificationRequest) => void;
  /** Where refusals are logged (a warning each; an unexpected kind is an error naming the order,
   * the amount and how to recover it). Default: the client's logger. */
  logger?: Logger;
}

/** A notification class `expect` accepts. */
export type NotificationClass<N extends AnyNotification> = { readonly prototype: N };

/** Options that name the kind(s) the route accepts: others are answered `0|unexpected notification: <kind>` (400). */
export interface ExpectOptions<N extends AnyNotification> extends NotificationMiddlewareOptions {
  expect: NotificationClass<N> | ReadonlyArray<NotificationClass<N>>;
}

/**
 * Verifies the notification from the raw body and sets `req.omgNotification`; answers `0|...`
 * (HTTP 400, 413 when too large) to a forged or unreadable one. Calls `next(err)` with a
 * RawBodyUnavailableError when a body parser consumed the body without keeping the bytes.
 */
export function notificationMiddleware(
  client: Client,
  options?: NotificationMiddlewareOptions & {
    expect?: NotificationClass<AnyNotification> | ReadonlyArray<NotificationClass<AnyNotification>>;
  },
): (req: NotificationRequest, res: TextResponse, next: NextFunction) => Promise<void>;

/** What a notification handler may return: nothing or `ACK` (answered exactly `1|OK`), or a
 * value the route ignores; a Promise of one. Another string is answered 500. */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler typed `=> void` must be accepted; undefined alone would refuse it
export type HandlerResult = void | undefined | '1|OK' | object | number | boolean | null;

/**
 * A whole notification route: verifies, runs `handler`, answers exactly `1|OK` when it finished
 * and returned nothing or `ACK`. `throw new NotificationRefused(reason)` answers `0|reason` (400);
 * another error goes to `next(err)`; another returned string is answered 500 with an error line;
 * a reply the handler sent through `res` itself stands, with an error line unless it was exactly
 * `1|OK`. In every case but `1|OK` the gateway sends the notification again later. With
 * `expect`, the handler's parameter has that type (a handler typed for another kind does not
 * compile); without it, the handler gets any notification.
 */
export function notificationHandler<N extends AnyNotification>(
  client: Client,
  handler: (notification: N, req: NotificationRequest, res: TextResponse) => HandlerResult | Promise<HandlerResult>,
  options: ExpectOptions<N>,
): (req: NotificationRequest, res: TextResponse, next: NextFunction) => void;
export function notificationHandler(
  client: Client,
  handler: (
    notification: AnyNotification,
    req: NotificationRequest,
    res: TextResponse,
  ) => HandlerResult | Promise<HandlerResult>,
  options?: NotificationMiddlewareOptions,
): (req: NotificationRequest, res: TextResponse, next: NextFunction) => void;

/** The `verify` option of `express.urlencoded()` / `express.raw()`: keeps `req.rawBody`. */
export function captureRawBody(req: IncomingMessage, res: ServerResponse, buf: Buffer, encoding?: string): void;

/** Answers `1|OK`. */
export function ack(res: TextResponse): void;
/** `0|message`. */
export function nack(message: string): string;
export const ACK: '1|OK';

/** Thrown by a notificationHandler handler to refuse: the route answers `0|<reason>` (400). */
export class NotificationRefused extends Error {
  constructor(reason: string);
  readonly code: 'OMG_NOTIFICATION_REFUSED';
  readonly status: 400;
  /** `0|<reason>`. */
  readonly reply: string;
}

/** The raw body was consumed by a body parser that did not keep it (HTTP status 500). */
export class RawBodyUnavailableError extends Error {
  readonly code: 'OMG_RAW_BODY_UNAVAILABLE';
  readonly status: 500;
  readonly expose: false;
}
