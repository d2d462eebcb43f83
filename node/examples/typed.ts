// A typed tour of the omg-payment API. Not run: `tsc --noEmit` (npm run typecheck) checks that
// the declarations (index.d.ts, express.d.ts) describe the API the way a TypeScript app uses it.

import express from 'express';
import {
  ACK,
  Client,
  GatewayError,
  OmgError,
  PaymentCodeIssued,
  PaymentResult,
  PeriodCharge,
  SignatureError,
  TransportError,
  ValidationError,
  barcodeSvg,
  checkMacValue,
  describeCode,
  explain,
  generateMerchantTradeNo,
  type AnyNotification,
  type ClientSettings,
  type Order,
} from 'omg-payment';
import {
  ack,
  captureRawBody,
  NotificationRefused,
  notificationHandler,
  notificationMiddleware,
} from 'omg-payment/express';

const client: Client = Client.stage({
  baseUrl: 'http://127.0.0.1:8410',
  creditCheckCode: '59997889',
  retries: 2,
  readTimeout: 5,
});
const own = new Client({ merchantId: '2000132', hashKey: 'key', hashIv: 'iv', environment: 'production' });
const fromEnv: Client = Client.fromEnv();
// Where the SDK's lines go: console (the default prints warnings), pino, winston, or nothing ({}).
const logged: Client = Client.stage({ logger: console });
const quiet: Client = Client.fromEnv({ logger: {} });
void logged;
void quiet;
void own;
void fromEnv;
// The effective settings: defaults filled in, seconds, never a key.
const settings: ClientSettings = client.settings;
console.log(settings.environment, settings.readTimeout, settings.retries);

const order: Order = {
  merchantTradeNo: generateMerchantTradeNo('A'),
  totalAmount: 1200,
  tradeDesc: 'Online shop',
  itemName: ['T-shirt', 'Mug'],
  returnUrl: 'https://shop.example/omg/return',
  choosePayment: 'Credit',
  creditInstallment: [3, 6],
  needExtraPaidInfo: true,
  extra: { X_Campaign: 'spring' },
};
const checkout = client.checkout(order);
const actionUrl: string = checkout.actionUrl;
const signature: string | undefined = checkout.fields.CheckMacValue;
const html: string = checkout.html();
void actionUrl;
void signature;
void html;

client.checkout({
  ...order,
  choosePayment: 'ATM',
  creditInstallment: null,
  expireDate: 3,
  paymentInfoUrl: 'https://shop.example/omg/info',
});
client.checkout({ ...order, choosePayment: 'ALL', creditInstallment: undefined, ignorePayment: ['AFTEE', 'CVS'] });
client.checkout({
  ...order,
  choosePayment: 'Credit',
  creditInstallment: null,
  periodAmount: 1200,
  periodType: 'M',
  frequency: 1,
  execTimes: 12,
});

function handle(n: AnyNotification): string {
  n.expectAmount(1200);
  switch (n.kind) {
    case 'payment_result':
      return `${n.tradeNo} paid ${n.tradeAmt} by ${n.paymentType}, card ${n.card4no ?? '-'}`;
    case 'payment_code_issued':
      return n.barcodes ? barcodeSvg(n.barcodes) : `${n.bankCode} ${n.vAccount ?? n.paymentNo}`;
    case 'period_charge':
      return `period ${n.totalSuccessTimes} of ${n.execTimes}: ${n.amount}`;
  }
}

const body = client.signTestNotification('payment_result', { MerchantTradeNo: 'A1', TradeAmt: 1200 });
const notification = client.verifyNotification(Buffer.from(body));
if (notification instanceof PaymentResult && notification.isPaid && !notification.isSimulated) {
  const key: string = notification.dedupeKey;
  const raw: Readonly<Record<string, string>> = notification.raw;
  void key;
  void raw;
}
void (notification instanceof PaymentCodeIssued || notification instanceof PeriodCharge);
void handle(notification);

try {
  client.verifyNotification('MerchantID=1000031&CheckMacValue=forged');
} catch (error) {
  if (error instanceof SignatureError) console.log(error.code satisfies 'OMG_SIGNATURE');
  else if (error instanceof ValidationError) console.log(error.errors.map((e) => `${e.field}:${e.rule}`));
  else if (error instanceof OmgError) console.log(error.code);
}

async function serverApis(): Promise<void> {
  const info = await client.queryTrade('A1');
  if (info.isPaid && info.tradeStatusName === 'paid') console.log(info.tradeAmt, info.raw.CheckMacValue);
  try {
    const done = await client.refund('A1', info.tradeNo, 100);
    console.log(done.rtnCode, done.rtnMsg);
  } catch (error) {
    if (error instanceof TransportError && error.outcomeUnknown) {
      const detail = await client.queryCreditDetail(info.extra.gwsr ?? '', info.tradeAmt ?? 0);
      console.log(
        detail.statusName,
        detail.closeData.map((e) => `${e.statusName} ${e.amount}`),
      );
    } else if (error instanceof GatewayError) {
      console.log(error.rtnCode, error.rtnMsg);
    }
  }
  const period = await client.queryPeriod('A1');
  console.log(period.execStatusName, period.execLog.length);
  const cancelled = await client.cancelPeriod('A1');
  console.log(cancelled.rtnCode);
  await client.capture('A1', 'T1', 100);
  await client.cancelCapture('A1', 'T1', 100);
  await client.abandon('A1', 'T1', 100);
  // Amounts as checkout's totalAmount takes them: a whole number or a string of digits.
  await client.refund('A1', 'T1', '100');
}
void serverApis;

const sig: string = checkMacValue({ MerchantID: '2000132', TotalAmount: 1000 }, 'key', 'iv', { method: 'md5' });
const steps = explain({ A: '1' }, 'key', 'iv');
console.log(sig, steps.sortedPreimage, steps.encoded, describeCode('10200073').en, ACK);

const app = express();
app.use(express.urlencoded({ extended: false, verify: captureRawBody }));
app.post('/omg/return', notificationMiddleware(client), (req, res) => {
  const n = req.omgNotification;
  if (n?.isPaid) console.log(n.merchantTradeNo);
  ack(res);
});
app.post(
  '/omg/period',
  notificationHandler(client, async (n) => {
    if (n instanceof PeriodCharge) console.log(n.totalSuccessTimes);
  }),
);
// `expect` types the handler's parameter: the kinds agree, or it does not compile.
app.post(
  '/omg/paid',
  notificationHandler(client, (n) => console.log(n.tradeAmt, n.card4no), { expect: PaymentResult }),
);
app.post(
  '/omg/codes',
  notificationHandler(client, (n: PaymentCodeIssued | PeriodCharge) => console.log(n.kind), {
    expect: [PaymentCodeIssued, PeriodCharge],
  }),
);
app.post('/omg/verified', notificationMiddleware(client, { expect: PaymentResult }), (_req, res) => ack(res));
// @ts-expect-error a handler typed PaymentResult for a verifier that hands out period charges
notificationHandler(client, (n: PaymentResult) => n.tradeAmt, { expect: PeriodCharge });
// @ts-expect-error a handler typed PaymentResult with no `expect`: it may get any notification
notificationHandler(client, (n: PaymentResult) => n.tradeAmt);
// The route owns the reply: return nothing or ACK; refuse by throwing NotificationRefused.
app.post(
  '/omg/owned',
  notificationHandler(
    client,
    async (n) => {
      if (n.tradeAmt !== 1200) throw new NotificationRefused('unknown order');
      return ACK;
    },
    { expect: PaymentResult, logger: console },
  ),
);
// @ts-expect-error a string other than ACK is no reply (the route would answer 500)
notificationHandler(client, () => 'OK', { expect: PaymentResult });
