'use strict';
// omg-payment's native checkMacValue and verifyNotification against a plain-JS implementation of
// the same rules (node:crypto + encodeURIComponent with the .NET fixes), measured side by side in
// one run: rounds alternate between the two so both see the same machine state.
//
//   node bench/bench.js            (after `npm run build`; docs/performance.md has figures)
//   BENCH_ROUNDS=15 BENCH_ITERATIONS=20000 node bench/bench.js

const crypto = require('node:crypto');
const omg = require('..');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 20000);

// ---------------------------------------------------------------------------------------------
// The plain-JS implementation (what a merchant would write without the SDK, done right).

/** .NET HttpUtility.UrlEncode, lowercased: encodeURIComponent leaves ~ and ' alone and writes a
 * space as %20, where .NET writes %7e, %27 and +. */
function dotnetEncodeLower(text) {
  return encodeURIComponent(text).replace(/%20/g, '+').replace(/~/g, '%7e').replace(/'/g, '%27').toLowerCase();
}

function compareIgnoringCase(a, b) {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function jsCheckMacValue(fields, hashKey, hashIv) {
  const keys = Object.keys(fields)
    .filter((k) => k !== 'CheckMacValue')
    .sort(compareIgnoringCase);
  let raw = `HashKey=${hashKey}`;
  for (const k of keys) raw += `&${k}=${fields[k]}`;
  raw += `&HashIV=${hashIv}`;
  return crypto.createHash('sha256').update(dotnetEncodeLower(raw)).digest('hex').toUpperCase();
}

function formDecode(text) {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

function jsVerifyNotification(body, merchantId, hashKey, hashIv) {
  if (body.length > 65536) throw new Error('too large');
  const fields = {};
  for (const part of body.toString('utf8').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = formDecode(eq < 0 ? part : part.slice(0, eq));
    if (Object.hasOwn(fields, key)) throw new Error(`duplicate ${key}`);
    fields[key] = eq < 0 ? '' : formDecode(part.slice(eq + 1));
  }
  const received = Buffer.from(String(fields.CheckMacValue ?? '').toUpperCase());
  const expected = Buffer.from(jsCheckMacValue(fields, hashKey, hashIv));
  if (received.length !== expected.length || !crypto.timingSafeEqual(received, expected))
    throw new Error('CheckMacValue mismatch');
  if (fields.MerchantID !== merchantId) throw new Error('wrong merchant');
  return fields;
}

// ---------------------------------------------------------------------------------------------
// Inputs: a realistic order and a realistic payment result with NeedExtraPaidInfo fields.

const KEY = '265flDjIvesceXWM';
const IV = 'pOOvhGd1V2pJbjfX';
const client = omg.Client.stage();

const order = client.checkout({
  merchantTradeNo: 'A240101080000K3Z9Q2M',
  merchantTradeDate: '2024/01/01 08:00:00',
  totalAmount: 1200,
  tradeDesc: '線上商店 Online shop',
  itemName: ['T-shirt (L) x1', '手機殼 x2', "Tom's mug ~ special"],
  returnUrl: 'https://shop.example/omg/return',
  orderResultUrl: 'https://shop.example/omg/result',
  clientBackUrl: 'https://shop.example/',
  choosePayment: 'Credit',
  needExtraPaidInfo: true,
  customField1: 'campaign 2024',
}).fields;
const orderFields = Object.fromEntries(Object.entries(order).filter(([k]) => k !== 'CheckMacValue'));

const notification = Buffer.from(
  client.signTestNotification('payment_result', {
    MerchantTradeNo: 'A240101080000K3Z9Q2M',
    TradeNo: '2401011000001234',
    TradeAmt: 1200,
    PaymentDate: '2024/01/01 10:01:00',
    TradeDate: '2024/01/01 08:00:00',
    CustomField1: 'campaign 2024',
    card4no: '2222',
    card6no: '431195',
    red_dan: 0,
    red_de_amt: 0,
    red_ok_amt: 0,
    red_yet: 0,
    stage: 0,
    stast: 0,
    staed: 0,
    eci: 5,
    gwsr: '10000002',
    process_date: '2024/01/01 10:01:00',
    auth_code: '777002',
    amount: 1200,
    PayFrom: '',
    UnionPay: 0,
  }),
);

// Both implementations agree before anything is timed.
if (
  jsCheckMacValue(orderFields, KEY, IV) !== order.CheckMacValue ||
  omg.checkMacValue(orderFields, KEY, IV) !== order.CheckMacValue
) {
  throw new Error('the implementations disagree on checkMacValue');
}
const jsNotification = jsVerifyNotification(notification, '1000031', KEY, IV);
const nativeNotification = client.verifyNotification(notification);
if (JSON.stringify(jsNotification) !== JSON.stringify(nativeNotification.raw))
  throw new Error('the implementations disagree on verifyNotification');

// ---------------------------------------------------------------------------------------------
// Timing

let sink = 0;

function timeOnce(fn) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i += 1) sink ^= fn().length | 0;
  return Number(process.hrtime.bigint() - start) / ITERATIONS;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function compare(name, js, native) {
  // Warm up both (JIT, caches) before measuring.
  timeOnce(js);
  timeOnce(native);
  const jsTimes = [];
  const nativeTimes = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    jsTimes.push(timeOnce(js));
    nativeTimes.push(timeOnce(native));
  }
  const jsNs = median(jsTimes);
  const nativeNs = median(nativeTimes);
  return { name, jsNs, nativeNs, ratio: jsNs / nativeNs };
}

const results = [
  compare(
    `checkMacValue (${Object.keys(orderFields).length}-field order)`,
    () => jsCheckMacValue(orderFields, KEY, IV),
    () => omg.checkMacValue(orderFields, KEY, IV),
  ),
  compare(
    `verifyNotification (${Object.keys(nativeNotification.raw).length}-field body, Buffer)`,
    () => Object.keys(jsVerifyNotification(notification, '1000031', KEY, IV)),
    () => client.verifyNotification(notification).dedupeKey,
  ),
];

console.log(`node ${process.version}, ${ROUNDS} rounds x ${ITERATIONS} calls, median per call`);
console.log('');
console.log('| operation | plain JS | omg-payment (native) | speed-up |');
console.log('|---|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.name} | ${(r.jsNs / 1000).toFixed(2)} µs | ${(r.nativeNs / 1000).toFixed(2)} µs | ${r.ratio.toFixed(2)}× |`,
  );
}
if (sink === 0.5) console.log(sink);
