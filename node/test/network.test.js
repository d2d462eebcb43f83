'use strict';
// The server APIs against omg-sim on 127.0.0.1: every call returns a Promise, runs off the main
// thread, and maps each failure to its error class.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');
const { startSim, submitCheckout } = require('./helpers/sim');

const CREDIT_CHECK_CODE = '59997889'; // what omg-sim gives the stage merchant
const QUERY_TRADE = '/Cashier/QueryTradeInfo/V5';
const DO_ACTION = '/CreditDetail/DoAction';

let sim;
let client;
/** An order captured by one test and refunded after settlement by the last one. */
let settleThenRefund;

test.before(async () => {
  sim = await startSim();
  client = omg.Client.stage({ baseUrl: sim.url, creditCheckCode: CREDIT_CHECK_CODE, retries: 0, readTimeout: 5 });
});
test.after(async () => {
  await sim?.stop();
});

/** A paid order of `kind` on the simulator; resolves to its MerchantTradeNo. */
async function paidOrder(order = {}) {
  const merchantTradeNo = omg.generateMerchantTradeNo('N');
  const checkout = client.checkout({
    merchantTradeNo,
    totalAmount: 1000,
    tradeDesc: 'test',
    itemName: 'item',
    returnUrl: 'http://127.0.0.1:9/return',
    choosePayment: 'Credit',
    needExtraPaidInfo: true,
    ...order,
  });
  await submitCheckout(checkout);
  await sim.control('pay', { merchant_trade_no: merchantTradeNo, method: 'Credit' });
  return merchantTradeNo;
}

async function requestsTo(path) {
  return (await sim.control('stats')).requests[path] ?? 0;
}

test('every server API returns a Promise of its typed result', async () => {
  const no = await paidOrder();
  const pending = client.queryTrade(no);
  assert.ok(pending instanceof Promise);
  const info = await pending;
  assert.equal(info.merchantTradeNo, no);
  assert.equal(info.isPaid, true);
  assert.equal(info.tradeStatus, '1');
  assert.equal(info.tradeStatusName, 'paid');
  assert.equal(info.tradeAmt, 1000);
  assert.equal(info.raw.TradeStatus, '1');
  assert.match(info.raw.CheckMacValue, /^[0-9A-F]{64}$/);
  assert.ok(info.extra.gwsr, 'NeedExtraPaidInfo fields are in extra');

  // Amounts as checkout's totalAmount takes them: a whole number, a BigInt or a string of digits.
  const capture = await client.capture(no, info.tradeNo, 1000n);
  assert.deepEqual([capture.rtnCode, capture.merchantTradeNo, capture.tradeNo], [1, no, info.tradeNo]);
  const cancelled = await client.cancelCapture(no, info.tradeNo, '1000');
  assert.equal(cancelled.rtnCode, 1);
  const abandoned = await client.abandon(no, info.tradeNo, ' 1000 ');
  assert.equal(abandoned.rtnCode, 1);

  const detail = await client.queryCreditDetail(info.extra.gwsr, '1000');
  assert.equal(detail.tradeId, info.extra.gwsr); // V1.3.7 p.50: the authorisation number, not the TradeNo
  assert.equal(detail.amount, 1000);
  assert.equal(typeof detail.status, 'string');
  assert.equal(typeof detail.statusName, 'string');
  assert.ok(Array.isArray(detail.closeData));
  assert.equal(typeof detail.raw, 'object');
});

test('capture, settle, refund: the refund shows in QueryTrade/V2', async () => {
  const no = await paidOrder();
  const info = await client.queryTrade(no);
  await client.capture(no, info.tradeNo, 1000);
  // Settlement runs at 20:00 Taiwan time on the simulator's clock. Moving that clock would
  // make every later TimeStamp stale, so this runs last on its gateway: see the end of the file.
  settleThenRefund = { no, tradeNo: info.tradeNo, gwsr: info.extra.gwsr };
});

test('recurring: queryPeriod and cancelPeriod', async () => {
  const no = await paidOrder({ totalAmount: 299, periodAmount: 299, periodType: 'D', frequency: 1, execTimes: 3 });
  const period = await client.queryPeriod(no);
  assert.equal(period.merchantTradeNo, no);
  assert.equal(period.rtnCode, 1);
  assert.equal(period.execStatus, '1');
  assert.equal(period.execStatusName, 'running');
  assert.equal(period.periodAmount, 299);
  assert.equal(period.execLog.length, 1);
  assert.equal(period.execLog[0].amount, 299);
  const cancel = await client.cancelPeriod(no);
  assert.equal(cancel.rtnCode, 1);
  assert.equal(cancel.merchantTradeNo, no);
  assert.equal((await client.queryPeriod(no)).execStatusName, 'cancelled');
});

test('GatewayError: the gateway refuses, with its RtnCode and RtnMsg', async () => {
  await assert.rejects(
    client.queryPeriod('NOSUCHORDER1'),
    (e) => e instanceof omg.GatewayError && e.code === 'OMG_GATEWAY' && e.rtnCode === 10200047,
  );
  const no = await paidOrder();
  const info = await client.queryTrade(no);
  await assert.rejects(
    client.refund(no, info.tradeNo, 5000),
    (e) => e instanceof omg.GatewayError && typeof e.rtnMsg === 'string' && e.rtnMsg.length > 0,
  );
});

test('checkCredentials: true for accepted keys; wrong keys name the OMG_* variables, never the keys', async () => {
  assert.equal(await client.checkCredentials(), true);
  const wrong = new omg.Client({
    merchantId: '1000031',
    hashKey: 'AAAAAAAAAAAAAAAA',
    hashIv: 'SECRETIVSECRETIV',
    baseUrl: sim.url,
    retries: 0,
  });
  await assert.rejects(
    wrong.checkCredentials(),
    (e) =>
      e instanceof omg.GatewayError &&
      e.rtnCode === 10200073 &&
      e.message.includes('OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV') &&
      !e.message.includes('SECRETIVSECRETIV'),
  );
  // Any API's CheckMacValue Error names the same variables.
  await assert.rejects(
    wrong.queryTrade('A1'),
    (e) => e instanceof omg.GatewayError && e.message.includes('OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV'),
  );
});

test('a network call does not block the event loop', async () => {
  await sim.control('faults', { path: QUERY_TRADE, delay_ms: 1500, count: 1 });
  const no = await paidOrder();
  // A timer set before the call must fire before the reply comes back: a call that blocked the
  // event loop would return the settled reply first, and its .then would win the race.
  const timerFired = new Promise((resolve) => setTimeout(() => resolve('timer'), 1));
  const started = Date.now();
  const pending = client.queryTrade(no);
  // While the query waits on the gateway, this thread keeps working.
  const signedWhileWaiting = omg.checkMacValue({ A: '1' }, 'k', 'i');
  const first = await Promise.race([pending.then(() => 'reply'), timerFired]);
  const info = await pending;
  assert.equal(first, 'timer');
  assert.equal(info.merchantTradeNo, no);
  assert.match(signedWhileWaiting, /^[0-9A-F]{64}$/);
  // The fault held the reply for 1.5 s: a lower bound the gateway guarantees.
  assert.ok(Date.now() - started >= 1400, 'the gateway delayed the reply');
});

test('several calls run at once', async () => {
  const no = await paidOrder();
  const results = await Promise.all(Array.from({ length: 16 }, () => client.queryTrade(no)));
  assert.equal(results.length, 16);
  for (const r of results) assert.equal(r.merchantTradeNo, no);
});

test('TransportError: timeout (queries) and outcomeUnknown (DoAction, never retried)', async () => {
  const impatient = omg.Client.stage({
    baseUrl: sim.url,
    creditCheckCode: CREDIT_CHECK_CODE,
    readTimeout: 0.3,
    retries: 2,
    initialBackoff: 0.01,
    maxBackoff: 0.02,
  });
  const no = await paidOrder();
  const info = await client.queryTrade(no);

  await sim.control('faults', { path: QUERY_TRADE, delay_ms: 1200 });
  const before = await requestsTo(QUERY_TRADE);
  await assert.rejects(
    impatient.queryTrade(no),
    (e) =>
      e instanceof omg.TransportError && e.code === 'OMG_TRANSPORT' && e.timeout === true && e.outcomeUnknown === false,
  );
  assert.equal((await requestsTo(QUERY_TRADE)) - before, 3, 'a query is retried');

  await sim.control('faults', { path: DO_ACTION, delay_ms: 1200 });
  const doBefore = await requestsTo(DO_ACTION);
  await assert.rejects(
    impatient.capture(no, info.tradeNo, 1000),
    (e) => e instanceof omg.TransportError && e.timeout && e.outcomeUnknown && /QueryTrade\/V2/.test(e.message),
  );
  assert.equal((await requestsTo(DO_ACTION)) - doBefore, 1, 'DoAction is never sent twice');
  await sim.control('faults', undefined, 'DELETE');
});

test('TransportError: HTTP 5xx (retried for queries), connection refused', async () => {
  const patient = omg.Client.stage({ baseUrl: sim.url, retries: 3, initialBackoff: 0.01, maxBackoff: 0.02 });
  const no = await paidOrder();
  await sim.control('faults', { path: QUERY_TRADE, status: 503, count: 2 });
  assert.equal((await patient.queryTrade(no)).merchantTradeNo, no, 'two 503s, then the answer');
  await sim.control('faults', { path: QUERY_TRADE, status: 503, count: 1 });
  await assert.rejects(client.queryTrade(no), (e) => e instanceof omg.TransportError && e.status === 503 && !e.timeout);

  const nowhere = omg.Client.stage({ baseUrl: 'http://127.0.0.1:1', retries: 0, connectTimeout: 1 });
  await assert.rejects(nowhere.queryTrade(no), (e) => e instanceof omg.TransportError && e.status === null);
});

test('SignatureError for a reply with a wrong signature, DecodeError for a malformed one', async () => {
  const no = await paidOrder();
  await sim.control('faults', { path: QUERY_TRADE, wrong_signature: true, count: 1 });
  await assert.rejects(client.queryTrade(no), (e) => e instanceof omg.SignatureError && e.code === 'OMG_SIGNATURE');
  await sim.control('faults', { path: QUERY_TRADE, malformed_body: true, count: 1 });
  await assert.rejects(client.queryTrade(no), (e) => e instanceof omg.DecodeError && e.code === 'OMG_DECODE');
});

test('argument errors reject the promise (the call never starts)', async () => {
  await assert.rejects(client.queryTrade(42), (e) => e instanceof TypeError && e.code === 'ERR_INVALID_ARG_TYPE');
  // An amount is a whole number or a string of digits; anything else names the argument.
  for (const amount of ['12.5', '1e3', '-100', '', 'abc', '99999999999999999999', 12.5, true, null]) {
    // (a BigInt beyond a safe integer is a RangeError: notification.test.js)
    await assert.rejects(
      client.refund('A1', 'T1', amount),
      (e) => e instanceof TypeError && e.code === 'ERR_INVALID_ARG_TYPE' && /"amount"/.test(e.message),
      String(amount),
    );
  }
  await assert.rejects(
    client.queryCreditDetail('12345', 'lots'),
    (e) => e instanceof TypeError && /"creditAmount"/.test(e.message),
  );
  await assert.rejects(client.queryTrade('not-valid!'), omg.ValidationError);
});

// Last: moves the simulator's clock (see 'capture, settle, refund').
test('after settlement, a partial refund shows in QueryTrade/V2', async () => {
  assert.ok(settleThenRefund, 'the capture test ran');
  const { no, tradeNo, gwsr } = settleThenRefund;
  await sim.control('advance', { seconds: 86400 + 60 });
  // The gateway's clock moved a day on; this client's TimeStamp would be stale for the signed
  // queries, but DoAction and QueryTrade/V2 carry none.
  const refund = await client.refund(no, tradeNo, 300);
  assert.equal(refund.rtnCode, 1);
  const detail = await client.queryCreditDetail(gwsr, 1000);
  const refunds = detail.closeData.filter((e) => e.statusName === 'refund_pending' || e.statusName === 'refunded');
  assert.equal(refunds.length, 1, JSON.stringify(detail.closeData));
  assert.equal(refunds[0].amount, 300);
});
