// Type declarations of omg-payment (hand-written; checked by `tsc --noEmit` against
// examples/typed.ts and the test suite's use of the API, and every described class (results,
// notifications, ClientSettings) against omg_core::boundary by crates/omg-core/tests/stub_drift.rs).

/// <reference types="node" />

// ------------------------------------------------------------------------------------------------
// Errors

/** The `code` of every error class. */
export type OmgErrorCode =
  | 'OMG_ERROR'
  | 'OMG_VALIDATION'
  | 'OMG_SIGNATURE'
  | 'OMG_GATEWAY'
  | 'OMG_TRANSPORT'
  | 'OMG_DECODE';

/** The base class of every error about payments. */
export class OmgError extends Error {
  /** A stable machine-readable name of the kind of error. */
  readonly code: OmgErrorCode;
  constructor(message: string, code?: OmgErrorCode, options?: ErrorOptions);
}

/** One broken rule: the wire field, a stable rule name (`required`, `max_length`, `charset`,
 * `range`, `one_of`, `format`, `not_allowed`, `conflict`, `duplicate`, `unknown`,
 * `amount_mismatch`, ...) and a sentence for people. */
export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** Input that breaks the protocol's rules; `errors` lists every broken rule at once. */
export class ValidationError extends OmgError {
  readonly code: 'OMG_VALIDATION';
  readonly errors: FieldError[];
  constructor(message: string, errors?: FieldError[], options?: ErrorOptions);
}

/** A CheckMacValue that is missing or does not match: forged, tampered with, or other keys. */
export class SignatureError extends OmgError {
  readonly code: 'OMG_SIGNATURE';
  constructor(message: string, options?: ErrorOptions);
}

/** The gateway understood the request and refused it. */
export class GatewayError extends OmgError {
  readonly code: 'OMG_GATEWAY';
  /** The gateway's RtnCode, or null when the reply had none (QueryTrade/V2 errors). */
  readonly rtnCode: number | null;
  /** The gateway's RtnMsg, verbatim. */
  readonly rtnMsg: string;
  constructor(message: string, rtnCode?: number | null, rtnMsg?: string, options?: ErrorOptions);
}

/** The request did not complete: connection refused, timeout, HTTP error status, reply too large. */
export class TransportError extends OmgError {
  readonly code: 'OMG_TRANSPORT';
  /** The connect or read timeout expired. */
  readonly timeout: boolean;
  /** The HTTP status when the gateway answered with a non-success status. */
  readonly status: number | null;
  /** A money-moving request (DoAction, CreditCardPeriodAction) may have reached the gateway:
   * reconcile with a query (the message names it), never send it again blindly. */
  readonly outcomeUnknown: boolean;
  /** With outcomeUnknown: the API that tells what happened (e.g. `QueryTrade/V2`), else null. */
  readonly reconcileWith: string | null;
  constructor(
    message: string,
    details?: { timeout?: boolean; status?: number | null; outcomeUnknown?: boolean; reconcileWith?: string | null },
    options?: ErrorOptions,
  );
}

/** Bytes that cannot be read as the expected format: bad UTF-8, a bad percent-escape, bad JSON,
 * a notification body over the size cap. */
export class DecodeError extends OmgError {
  readonly code: 'OMG_DECODE';
  constructor(message: string, options?: ErrorOptions);
}

// ------------------------------------------------------------------------------------------------
// Orders and checkout

/** A field value: text or a whole number (sent in decimal). */
export type FieldValue = string | number;
/** A set of wire fields, `{ MerchantTradeNo: "A1", TotalAmount: 100 }`. */
export type Fields = Record<string, FieldValue>;

export type ChoosePayment = 'Credit' | 'ATM' | 'CVS' | 'BARCODE' | 'AFTEE' | 'ALL';

/**
 * An AioCheckOut/V5 order. Keys are the wire names in camelCase (any casing is accepted:
 * `returnUrl`, `ReturnURL`, `return_url`); `null`/`undefined` mean "not given". Every rule is
 * checked by `client.checkout`, all broken rules reported in one ValidationError
 * (docs/orders.md lists them).
 */
export interface Order {
  merchantTradeNo: string;
  totalAmount: number;
  tradeDesc: string;
  /** Several items: an array (joined with `#`). */
  itemName: string | string[];
  returnUrl: string;
  choosePayment: ChoosePayment;

  /** `yyyy/MM/dd HH:mm:ss`, Taiwan time; default: now. */
  merchantTradeDate?: string | null;
  storeId?: string | null;
  orderResultUrl?: string | null;
  clientBackUrl?: string | null;
  itemUrl?: string | null;
  remark?: string | null;
  platformId?: string | null;
  invoiceMark?: 'N' | null;
  customField1?: string | null;
  customField2?: string | null;
  customField3?: string | null;
  customField4?: string | null;
  language?: 'ENG' | 'KOR' | 'JPN' | 'CHI' | null;
  /** true sends Y: card, bank or store details in the payment result. */
  needExtraPaidInfo?: boolean | 'Y' | 'N' | null;
  riskMerchantMemberId?: string | null;
  /** Leave empty. */
  deviceSource?: string | null;
  /** ATM bank (FIRST, CHINATRUST, UBOT, KGI, TAISHIN) or CVS store (CVS, FAMILY, IBON). */
  chooseSubPayment?: string | null;

  // Credit, one-time.
  /** true sends 1. */
  bindingCard?: boolean | 0 | 1 | '0' | '1' | null;
  merchantMemberId?: string | null;
  /** 0 payer chooses, 1 UnionPay only, 2 hidden. */
  unionPay?: 0 | 1 | 2 | '0' | '1' | '2' | null;
  // Credit, installments.
  /** e.g. [3, 6, 12] (or "3,6,12"). */
  creditInstallment?: number[] | string | null;
  // Credit, recurring.
  /** Must equal totalAmount. */
  periodAmount?: number | null;
  periodType?: 'D' | 'M' | 'Y' | null;
  frequency?: number | null;
  execTimes?: number | null;
  periodReturnUrl?: string | null;
  // ATM.
  /** Days, 1–60. */
  expireDate?: number | null;
  /** Minutes, 10–1440. */
  expireMinute?: number | null;
  // CVS (minutes, 1–10080) and BARCODE (days, 1–30).
  storeExpireDate?: number | null;
  desc1?: string | null;
  desc2?: string | null;
  desc3?: string | null;
  desc4?: string | null;
  // ATM, CVS, BARCODE, ALL.
  paymentInfoUrl?: string | null;
  clientRedirectUrl?: string | null;
  // ALL.
  /** Methods not to offer (or "ATM#CVS"). */
  ignorePayment?: Array<Exclude<ChoosePayment, 'ALL'>> | string | null;

  /** Fields the SDK does not know, sent as given after the others. */
  extra?: Fields | null;
}

/** A signed order, ready for the payer's browser to post to the gateway. */
export class Checkout {
  private constructor();
  /** The gateway's AioCheckOut/V5 URL. */
  readonly actionUrl: string;
  /** Every field to post, in order, CheckMacValue last. */
  readonly fields: Readonly<Record<string, string>>;
  /** In production, each plain-http browser URL (OrderResultURL, ClientBackURL,
   * ClientRedirectURL; rule "https"): signed, but the payer's browser will warn. */
  readonly warnings: Array<{ field: string; rule: string; message: string }>;
  /** A complete HTML page that posts the fields to the gateway as soon as it loads. */
  html(): string;
  toJSON(): { actionUrl: string; fields: Readonly<Record<string, string>> };
}

// ------------------------------------------------------------------------------------------------
// Notifications

export type NotificationKind = 'payment_result' | 'payment_code_issued' | 'period_charge';

/** A verified notification: always a PaymentResult, a PaymentCodeIssued or a PeriodCharge. */
export abstract class Notification {
  protected constructor();
  readonly kind: NotificationKind;
  /** Every field received, in order, CheckMacValue and unknown fields included. */
  readonly raw: Readonly<Record<string, string>>;
  /** Equal for re-sent copies of one notification, different for different events: store it
   * under a UNIQUE constraint to act on each event exactly once. */
  readonly dedupeKey: string;
  /** SimulatePaid=1: simulated from the back office, no money moved. Never ship for it. */
  readonly isSimulated: boolean;
  /** A payment result or period charge with RtnCode 1. */
  readonly isPaid: boolean;
  /** Always there: verification refuses a notification without it. */
  readonly merchantId: string;
  /** Always there: verification refuses a notification without it. */
  readonly merchantTradeNo: string;
  readonly storeId: string | undefined;
  readonly rtnCode: number | undefined;
  /** Never branch on it: a re-sent notification may carry another message. */
  readonly rtnMsg: string | undefined;
  /** CustomField1 to CustomField4. */
  readonly customFields: [string | undefined, string | undefined, string | undefined, string | undefined];
  /** `TradeAmt`, or `Amount` for a period charge. */
  readonly amountField: string;
  /** Any field by its exact wire name. */
  get(name: string): string | undefined;
  /** Throws a ValidationError (rule `amount_mismatch`, `required` or `format`) unless the
   * notified amount is `expected`, the amount of your order. */
  expectAmount(expected: number): void;
  toJSON(): {
    kind: NotificationKind;
    dedupeKey: string;
    isPaid: boolean;
    isSimulated: boolean;
    raw: Readonly<Record<string, string>>;
  };
}

/** ReturnURL / OrderResultURL: the outcome of a payment. */
export class PaymentResult extends Notification {
  readonly kind: 'payment_result';
  readonly tradeNo: string | undefined;
  readonly tradeAmt: number | undefined;
  readonly paymentDate: string | undefined;
  readonly paymentType: string | undefined;
  /** May be decimal, e.g. `25.00`. */
  readonly paymentTypeChargeFee: string | undefined;
  readonly tradeDate: string | undefined;
  // NeedExtraPaidInfo, credit card.
  readonly card4no: string | undefined;
  readonly card6no: string | undefined;
  readonly redDan: string | undefined;
  readonly redDeAmt: string | undefined;
  readonly redOkAmt: string | undefined;
  readonly redYet: string | undefined;
  readonly stage: string | undefined;
  readonly stast: string | undefined;
  readonly staed: string | undefined;
  readonly eci: string | undefined;
  /** The card authorisation number: QueryTrade/V2's creditRefundId. */
  readonly gwsr: string | undefined;
  readonly processDate: string | undefined;
  readonly authCode: string | undefined;
  readonly amount: number | undefined;
  /** PaymentNo: the CVS code that was paid (CVS; empty for other methods). */
  readonly paymentNo: string | undefined;
  /** SimulatePaid: "1" for a back-office simulation (see isSimulated). */
  readonly simulatePaid: string | undefined;
  /** PayFrom: the CVS store chain that took the payment (family, ibon, hilife, okmart, ...). Not a card field. */
  readonly payFrom: string | undefined;
  readonly unionPay: string | undefined;
  // NeedExtraPaidInfo, ATM and CVS.
  readonly atmAccBank: string | undefined;
  readonly atmAccNo: string | undefined;
  readonly cvsStoreId: string | undefined;
  readonly cvsStoreName: string | undefined;
  // NeedExtraPaidInfo, recurring.
  readonly periodType: string | undefined;
  readonly frequency: number | undefined;
  readonly execTimes: number | undefined;
  readonly periodAmount: number | undefined;
  readonly totalSuccessTimes: number | undefined;
  readonly totalSuccessAmount: number | undefined;
}

/** PaymentInfoURL / ClientRedirectURL: an ATM account or a CVS/BARCODE code was issued. */
export class PaymentCodeIssued extends Notification {
  readonly kind: 'payment_code_issued';
  readonly tradeNo: string | undefined;
  readonly tradeAmt: number | undefined;
  readonly paymentType: string | undefined;
  readonly tradeDate: string | undefined;
  /** ATM: the bank code of the virtual account. */
  readonly bankCode: string | undefined;
  /** ATM: the virtual account number. */
  readonly vAccount: string | undefined;
  /** CVS: the payment code. */
  readonly paymentNo: string | undefined;
  readonly barcode1: string | undefined;
  readonly barcode2: string | undefined;
  readonly barcode3: string | undefined;
  /** `yyyy/MM/dd` for ATM, `yyyy/MM/dd HH:mm:ss` for CVS and BARCODE. */
  readonly expireDate: string | undefined;
  /** The three BARCODE segments, when all are present and non-empty. */
  readonly barcodes: [string, string, string] | undefined;
}

/** PeriodReturnURL: one recurring charge, from the 2nd period on. */
export class PeriodCharge extends Notification {
  readonly kind: 'period_charge';
  readonly periodType: string | undefined;
  readonly gwsr: string | undefined;
  readonly processDate: string | undefined;
  readonly authCode: string | undefined;
  readonly amount: number | undefined;
  readonly frequency: number | undefined;
  readonly execTimes: number | undefined;
  readonly firstAuthAmount: number | undefined;
  readonly totalSuccessTimes: number | undefined;
}

export type AnyNotification = PaymentResult | PaymentCodeIssued | PeriodCharge;

/** The templates of `signTestNotification`. */
export type TestNotificationKind =
  | 'payment_result'
  | 'atm_code_issued'
  | 'cvs_code_issued'
  | 'barcode_code_issued'
  | 'period_charge';

// ------------------------------------------------------------------------------------------------
// Server API results

/** QueryTradeInfo/V5: the state of one order. */
export interface TradeInfo {
  merchantId: string;
  merchantTradeNo: string;
  storeId: string;
  /** Empty until a payment method was chosen. */
  tradeNo: string;
  tradeAmt?: number;
  paymentDate: string;
  paymentType: string;
  handlingCharge: string;
  paymentTypeChargeFee: string;
  tradeDate: string;
  /** The wire value: `0`, `1`, `10200095` or as received. */
  tradeStatus: string;
  tradeStatusName: 'not_paid' | 'paid' | 'never_chose_payment' | 'unknown';
  isPaid: boolean;
  itemName: string;
  /** CustomField1–4. */
  customFields: string[];
  /** The fields beyond the known ones (NeedExtraPaidInfo fields such as gwsr). */
  extra: Record<string, string>;
  /** Every field received, CheckMacValue included. */
  raw: Record<string, string>;
}

export interface ExecLogEntry {
  rtnCode?: number;
  rtnMsg: string;
  amount?: number;
  gwsr: string;
  processDate: string;
  authCode: string;
  tradeNo: string;
}

/** QueryCreditCardPeriodInfo: a recurring schedule and its charges. */
export interface PeriodInfo {
  merchantId: string;
  merchantTradeNo: string;
  tradeNo: string;
  rtnCode: number;
  periodType: string;
  frequency?: number;
  execTimes?: number;
  periodAmount?: number;
  amount?: number;
  gwsr: string;
  processDate: string;
  authCode: string;
  card4no: string;
  card6no: string;
  totalSuccessTimes?: number;
  totalSuccessAmount?: number;
  /** `0` cancelled, `1` running, `2` finished, or as received. */
  execStatus?: string;
  execStatusName?: 'cancelled' | 'running' | 'finished' | 'unknown';
  execLog: ExecLogEntry[];
  /** The JSON received. */
  raw: unknown;
}

/** CreditCardPeriodAction: the schedule was cancelled. */
export interface PeriodActionResult {
  rtnCode: number;
  rtnMsg: string;
  merchantId: string;
  merchantTradeNo: string;
  raw: Record<string, string>;
}

/** DoAction: a capture, refund, capture cancellation or abandonment was accepted. */
export interface DoActionResult {
  merchantId: string;
  merchantTradeNo: string;
  tradeNo: string;
  rtnCode: number;
  rtnMsg: string;
  raw: Record<string, string>;
}

export type CreditStatusName =
  | 'authorised'
  | 'capture_pending'
  | 'captured'
  | 'refund_pending'
  | 'refunded'
  | 'cancelled'
  | 'not_authorised'
  | 'declined'
  | 'capturing'
  | 'cancel_pending'
  | 'cancelling'
  | 'chargeback_pending'
  | 'charged_back'
  | 'batch_failed'
  | 'unclear'
  | 'operation_cancelled'
  | 'unknown';

export interface CloseEntry {
  /** The gateway's word, as received (`已關帳`, ...). */
  status: string;
  statusName: CreditStatusName;
  sno: string;
  amount?: number;
  datetime: string;
}

/** QueryTrade/V2: a card payment's authorised, captured and refunded amounts. */
export interface CreditDetail {
  tradeId: string;
  /** The authorised amount. */
  amount?: number;
  /** The captured amount (after refunds). */
  clsamt?: number;
  /** As written by the gateway, e.g. `2016/5/12 下午 07:09:17`. */
  authtime: string;
  status: string;
  statusName: CreditStatusName;
  closeData: CloseEntry[];
  raw: unknown;
}

// ------------------------------------------------------------------------------------------------
// The client

/**
 * The options of `new Client(...)`: omg-core's client settings in camelCase (any casing of a name
 * is accepted), the same names, units (seconds), defaults and rules in every language. Every
 * problem is one ValidationError naming each setting (an unknown name is rule `unknown`).
 */
export interface ClientOptions {
  /** With hashKey and hashIv: all three, or none for the public stage merchant (not in production). */
  merchantId?: string;
  hashKey?: string;
  hashIv?: string;
  /** QueryTrade/V2's per-merchant number (back office, credit card settings). */
  creditCheckCode?: string;
  /** `"stage"` (default), `"production"`, or an http(s) base URL. */
  environment?: 'stage' | 'production' | (string & {});
  /** Another gateway, such as omg-sim's `http://127.0.0.1:PORT`: only with no environment or "stage". */
  baseUrl?: string;
  /** Seconds to open a connection (decimals allowed); default 10. */
  connectTimeout?: number | string;
  /** Seconds to send the request and to receive the reply; default 30. */
  readTimeout?: number | string;
  /** Retries of the three queries (never of DoAction or CreditCardPeriodAction); default 3, at most 10. */
  retries?: number | string;
  /** Seconds to wait before the first retry (jittered); default 0.2. */
  initialBackoff?: number | string;
  /** The longest wait between retries, in seconds; default 2. */
  maxBackoff?: number | string;
  /** Largest reply accepted, in bytes; default 1 MiB. */
  maxReplyBytes?: number | string;
  /** PlatformID sent on queryTrade, queryPeriod, cancelPeriod and DoAction: a platform acting for
   * the sub-merchant `merchantId` (signed with the platform's keys). */
  platformId?: string;
  /** @deprecated connectTimeout, in seconds. */
  connectTimeoutMs?: number;
  /** @deprecated readTimeout, in seconds. */
  readTimeoutMs?: number;
  /** @deprecated initialBackoff, in seconds. */
  initialBackoffMs?: number;
  /** @deprecated maxBackoff, in seconds. */
  maxBackoffMs?: number;
  /** Where the client's events go (requests, replies, retries, an unknown outcome) and, through
   * this client, the Express helpers' refusals. Default: warnings and errors on stderr
   * (`console.warn`/`console.error`), debug and info with `NODE_DEBUG=omg_payment`. */
  logger?: Logger;
}

/**
 * Anything with these methods, each taking one line of text: `console`, pino, winston... A method
 * it lacks is skipped (`{}` is silent); one that throws is ignored. Lines never hold a key, a
 * CheckMacValue or a body.
 */
export interface Logger {
  debug?(message: string): unknown;
  info?(message: string): unknown;
  warn?(message: string): unknown;
  error?(message: string): unknown;
}

/** A client's effective settings (`client.settings`): defaults filled in, never a secret. */
export interface ClientSettings {
  /** MerchantID (1000031 when no credentials were given outside production). */
  readonly merchantId: string;
  /** stage, production or custom (another gateway given by baseUrl or an environment URL). */
  readonly environment: 'stage' | 'production' | 'custom';
  /** The gateway's base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** True when talking to the production gateway. */
  readonly isProduction: boolean;
  /** True when using the public stage merchant's credentials. */
  readonly isStageMerchant: boolean;
  /** True when a CreditCheckCode was given (QueryTrade/V2 needs it); the code itself is secret. */
  readonly hasCreditCheckCode: boolean;
  /** Seconds to open a connection. */
  readonly connectTimeout: number;
  /** Seconds to send the request and, separately, to receive the reply's headers and body. */
  readonly readTimeout: number;
  /** Retries of the three queries (never of DoAction or CreditCardPeriodAction). */
  readonly retries: number;
  /** Seconds to wait before the first retry (before jitter). */
  readonly initialBackoff: number;
  /** The longest wait between two attempts, in seconds (before jitter). */
  readonly maxBackoff: number;
  /** The largest reply accepted, in bytes. */
  readonly maxReplyBytes: number;
  /** PlatformID: a platform merchant's id, sent on the four signed server APIs. */
  readonly platformId: string | undefined;
}

/** An amount argument: a whole number or a string of digits ("1200"), as checkout's totalAmount. */
export type Amount = number | string;

/** The URL a notification was posted to: the snake_case names or the gateway's own. */
export type NotificationEndpoint =
  | 'return_url'
  | 'payment_info_url'
  | 'period_return_url'
  | 'ReturnURL'
  | 'OrderResultURL'
  | 'PaymentInfoURL'
  | 'ClientRedirectURL'
  | 'PeriodReturnURL';

/** What verifyNotification accepts: the raw body (best) or fields a framework already parsed. */
export type NotificationBody = Buffer | Uint8Array | string | Record<string, string>;

export class Client {
  /** Your merchant (merchantId, hashKey, hashIv), or with none of the three the public stage
   * merchant (not in production). */
  constructor(options?: ClientOptions);
  /** The public stage merchant (1000031) on the stage gateway, or on `options.baseUrl` (omg-sim). */
  static stage(options?: ClientOptions): Client;
  /** OMG_MERCHANT_ID, OMG_HASH_KEY, OMG_HASH_IV, OMG_CREDIT_CHECK_CODE, OMG_ENV, OMG_BASE_URL,
   * OMG_CONNECT_TIMEOUT_MS, OMG_READ_TIMEOUT_MS, OMG_MAX_RETRIES. */
  static fromEnv(options?: { logger?: Logger }): Client;
  readonly merchantId: string;
  /** The PlatformID sent on the server APIs, if any. */
  readonly platformId: string | undefined;
  readonly baseUrl: string;
  readonly isProduction: boolean;
  /** The effective settings: defaults filled in, timeouts in seconds, never a key. */
  readonly settings: ClientSettings;

  /** Validates and signs an order (no network). Throws ValidationError with every broken rule. */
  checkout(order: Order): Checkout;
  /** Verifies a notification (no network). Throws SignatureError, DecodeError or ValidationError.
   * `options.endpoint` names the URL that received it, so its kind is certain. */
  verifyNotification(body: NotificationBody, options?: { endpoint?: NotificationEndpoint }): AnyNotification;
  /** A realistic notification of `kind` with `fields` set on top, signed with this client's keys. */
  signTestNotification(kind?: TestNotificationKind, fields?: Fields): string;

  /** QueryTradeInfo/V5 (retried). */
  /** The credentials self-check: true when the gateway accepts the keys; rejects with a GatewayError (rtnCode 10200073) naming the OMG_* variables when it does not. */
  checkCredentials(): Promise<boolean>;
  queryTrade(merchantTradeNo: string): Promise<TradeInfo>;
  /** QueryCreditCardPeriodInfo (retried). */
  queryPeriod(merchantTradeNo: string): Promise<PeriodInfo>;
  /** CreditCardPeriodAction Cancel (never retried). */
  cancelPeriod(merchantTradeNo: string): Promise<PeriodActionResult>;
  /** DoAction C (never retried). */
  capture(merchantTradeNo: string, tradeNo: string, amount: Amount): Promise<DoActionResult>;
  /** DoAction R (never retried). */
  refund(merchantTradeNo: string, tradeNo: string, amount: Amount): Promise<DoActionResult>;
  /** DoAction E (never retried). */
  cancelCapture(merchantTradeNo: string, tradeNo: string, amount: Amount): Promise<DoActionResult>;
  /** DoAction N (never retried). */
  abandon(merchantTradeNo: string, tradeNo: string, amount: Amount): Promise<DoActionResult>;
  /** QueryTrade/V2 (retried). Needs the client's creditCheckCode. */
  queryCreditDetail(creditRefundId: string, creditAmount: Amount): Promise<CreditDetail>;
  toJSON(): { merchantId: string; baseUrl: string };
}

// ------------------------------------------------------------------------------------------------
// Functions

export type HashMethod = 'sha256' | 'md5';

export interface Explanation {
  /** `HashKey=****&k=v&...&HashIV=****`, raw values, sorted case-insensitively. */
  sortedPreimage: string;
  /** The .NET url-encoded, lowercased pre-image, keys masked. */
  encoded: string;
  method: HashMethod;
  checkMacValue: string;
}

export interface CodeInfo {
  code: number;
  zh: string;
  en: string;
  /** `success`, `code_issued`, `signature`, `not_found`, `duplicate`, `invalid_input`,
   * `not_paid`, `unavailable`, `already_stopped` or `unknown`. */
  category: string;
  /** False for codes only a secondary summary reports, and for unknown codes. */
  confirmed: boolean;
}

/** The CheckMacValue of `fields` (a CheckMacValue among them is ignored). */
export function checkMacValue(
  fields: Fields,
  hashKey: string,
  hashIv: string,
  options?: { method?: HashMethod },
): string;
/** The sorted pre-image and encoded string behind a CheckMacValue, keys masked. */
export function explain(
  fields: Fields,
  hashKey: string,
  hashIv: string,
  options?: { method?: HashMethod },
): Explanation;
/** What a RtnCode means; unknown codes say so. */
export function describeCode(code: number | string): CodeInfo;
/** Every RtnCode the SDK knows. */
export function knownCodes(): CodeInfo[];
/** Code 39 SVG of one BARCODE segment, or of several stacked top to bottom. */
export function barcodeSvg(segments: string | readonly string[]): string;
/** Signs `fields` and returns the form body a gateway would POST; with `options.kind`, on top of
 * that notification's realistic fields. */
export function signTestNotification(
  fields: Fields,
  hashKey: string,
  hashIv: string,
  options?: { kind?: TestNotificationKind },
): string;
/** A fresh 20-character MerchantTradeNo: `prefix` (1–2 letters, default "A"), Taiwan-time stamp, random. */
export function generateMerchantTradeNo(prefix?: string): string;
/** `0|message`: refuses a notification. */
export function nack(message: string): string;
/** `1|OK`: the reply that stops the gateway from re-sending a notification. */
export const ACK: '1|OK';
/** The largest notification body accepted, in bytes (64 KiB). */
export const MAX_NOTIFICATION_BYTES: number;
