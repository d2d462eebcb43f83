'use strict';
// A money-moving call answered by a redirect or a 4xx after the gateway acted is an unknown
// outcome (issue 21 item 2): omg-sim applies the refund (or the period cancellation) and then
// answers 307, 404 or 429 instead of its reply, as a proxy in front of the gateway can. The
// client must say `outcomeUnknown` with the query that tells what happened, and the action must
// have happened exactly once, read back through the same client. omg-sim over 127.0.0.1.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');
const { startSim, submitCheckout } = require('./helpers/sim');

const STATUSES = [307, 404, 429];
const AUTHORISED = 1000;
const REFUND = 400;

let sim;
let client;
test.before(async () => {
  sim = await startSim();
  client = omg.Client.stage({ baseUrl: sim.url, creditCheckCode: '59997889', logger: {} });
});
test.after(async () => {
  await sim?.stop();
});

/** A card order checked out, posted to omg-sim as the payer's browser would, and paid. */
async function paidOrder(options = {}) {
  const merchantTradeNo = omg.generateMerchantTradeNo('U');
  await submitCheckout(
    client.checkout({
      merchantTradeNo,
      totalAmount: AUTHORISED,
      tradeDesc: 'unknown outcome',
      itemName: 'Mug',
      choosePayment: 'Credit',
      returnUrl: 'http://127.0.0.1:9/return',
      ...options,
    }),
  );
  await sim.control('pay', { merchant_trade_no: merchantTradeNo });
  return merchantTradeNo;
}

async function withFault(path, status, fn) {
  await sim.control('faults', { path, apply_then_status: status, count: 1 });
  try {
    return await fn();
  } finally {
    await sim.control('faults', undefined, 'DELETE');
  }
}

for (const status of STATUSES) {
  test(`a refund answered ${status} after omg-sim applied it is an unknown outcome, and was applied once`, async () => {
    const no = await paidOrder({ needExtraPaidInfo: true });
    const info = await client.queryTrade(no);
    await client.capture(no, info.tradeNo, AUTHORISED);
    await sim.control('advance', { seconds: 86400 }); // the capture is settled: refundable
    await withFault('/CreditDetail/DoAction', status, () =>
      assert.rejects(client.refund(no, info.tradeNo, REFUND), (e) => {
        assert.ok(e instanceof omg.TransportError, e);
        assert.equal(e.outcomeUnknown, true, e.message);
        assert.equal(e.reconcileWith, 'QueryTrade/V2');
        return true;
      }),
    );
    const detail = await client.queryCreditDetail(info.raw.gwsr, AUTHORISED);
    const refunds = detail.closeData.filter((entry) => ['refund_pending', 'refunded'].includes(entry.statusName));
    assert.deepEqual(
      refunds.map((entry) => entry.amount),
      [REFUND],
    );
  });

  test(`a period cancellation answered ${status} after omg-sim applied it is an unknown outcome, and was applied`, async () => {
    const no = await paidOrder({
      periodAmount: AUTHORISED,
      periodType: 'D',
      frequency: 1,
      execTimes: 5,
      periodReturnUrl: 'http://127.0.0.1:9/period',
    });
    await withFault('/Cashier/CreditCardPeriodAction', status, () =>
      assert.rejects(client.cancelPeriod(no), (e) => {
        assert.ok(e instanceof omg.TransportError, e);
        assert.equal(e.outcomeUnknown, true, e.message);
        assert.equal(e.reconcileWith, 'QueryCreditCardPeriodInfo');
        return true;
      }),
    );
    assert.equal((await client.queryPeriod(no)).execStatusName, 'cancelled');
  });
}
