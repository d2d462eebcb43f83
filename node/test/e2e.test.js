'use strict';
// End to end: omg-sim and the Express example shop (examples/express-app.js), each its own
// process on 127.0.0.1. Every order kind is driven through the gateway to the shop's SQLite
// database; a re-sent notification fulfils once; a forged one is refused; a refund after
// settlement shows in QueryTrade/V2.

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Database = require('better-sqlite3');
const omg = require('..');
const { startSim, firstLine, stopChild, submitCheckout, waitFor } = require('./helpers/sim');

const KINDS = ['card', 'installments', 'recurring', 'atm', 'cvs', 'barcode', 'aftee', 'all'];

let sim;
let shop;
let shopUrl;
let dir;
let dbFile;
const orders = {};

test.before(async () => {
  sim = await startSim();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'omg-shop-'));
  dbFile = path.join(dir, 'shop.sqlite');
  shop = spawn(process.execPath, [path.join(__dirname, '..', 'examples', 'express-app.js')], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      OMG_SHOP_DB: dbFile,
      OMG_SHOP_URL: '',
      OMG_BASE_URL: sim.url,
      OMG_CREDIT_CHECK_CODE: '59997889',
      OMG_MERCHANT_ID: '',
      OMG_HASH_KEY: '',
      OMG_HASH_IV: '',
      OMG_ENV: '',
    },
    stdio: ['ignore', 'pipe', process.env.OMG_TEST_VERBOSE ? 'inherit' : 'ignore'],
  });
  shopUrl = await firstLine(shop, 15000, 'the example shop');
});

test.after(async () => {
  if (shop) await stopChild(shop);
  if (sim) await sim.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function shopJson(route, options = {}) {
  const response = await fetch(`${shopUrl}${route}`, {
    ...options,
    headers: { accept: 'application/json', 'content-type': 'application/json', ...options.headers },
    signal: AbortSignal.timeout(10000),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const orderState = (no) => shopJson(`/orders/${no}`);

async function waitForStatus(no, status) {
  return waitFor(
    async () => {
      const order = await orderState(no);
      return order.status === status ? order : null;
    },
    10000,
    `order ${no} to be ${status}`,
  );
}

/** The shop creates the order; the payer's browser posts it to the gateway. */
async function placeOrder(kind) {
  const created = await shopJson('/orders', { method: 'POST', body: JSON.stringify({ kind }) });
  assert.match(created.merchantTradeNo, /^S[0-9A-Z]{19}$/);
  assert.equal(created.actionUrl, `${sim.url}/Cashier/AioCheckOut/V5`);
  await submitCheckout(created);
  return created.merchantTradeNo;
}

test('the shop serves its page and refuses an unknown kind', async () => {
  const page = await fetch(`${shopUrl}/`, { signal: AbortSignal.timeout(5000) });
  assert.match(await page.text(), /OMG shop/);
  await assert.rejects(shopJson('/orders', { method: 'POST', body: JSON.stringify({ kind: 'gold' }) }), /400/);
  const html = await fetch(`${shopUrl}/orders`, {
    method: 'POST',
    body: new URLSearchParams({ kind: 'card' }),
    signal: AbortSignal.timeout(5000),
  });
  assert.match(await html.text(), /<form id="omg-checkout"/, 'a browser gets the auto-submitting form');
});

test('every order kind is paid through the gateway and fulfilled once in the database', async () => {
  for (const kind of KINDS) {
    const no = await placeOrder(kind);
    orders[kind] = no;
    if (kind === 'atm' || kind === 'cvs' || kind === 'barcode') {
      // The order names no bank or store: the payer picks one on the gateway's page.
      await sim.control('choose', { merchant_trade_no: no });
      // PaymentInfoURL first: the code is stored, nothing is paid yet.
      const issued = await waitForStatus(no, 'code_issued');
      assert.equal(issued.fulfilments.length, 0);
      if (kind === 'atm') assert.match(issued.payment_code.vAccount, /^\d+$/);
      if (kind === 'cvs') assert.ok(issued.payment_code.paymentNo);
      if (kind === 'barcode') assert.equal(issued.payment_code.barcodes.length, 3);
      await sim.control('pay', { merchant_trade_no: no });
    } else {
      const method = kind === 'aftee' ? 'AFTEE' : 'Credit';
      await sim.control('pay', {
        merchant_trade_no: no,
        method,
        ...(kind === 'installments' ? { installments: 6 } : {}),
      });
    }
    const paid = await waitForStatus(no, 'paid');
    assert.equal(paid.fulfilments.length, 1, `${kind}: ${JSON.stringify(paid.fulfilments)}`);
    assert.equal(paid.fulfilments[0].amount, paid.amount);
    assert.ok(paid.trade_no, `${kind} has the gateway's TradeNo`);
    if (['card', 'installments', 'recurring', 'all'].includes(kind))
      assert.ok(paid.gwsr, `${kind} has the card's gwsr`);
  }
});

test('a notification the gateway sends again is acknowledged and fulfils nothing more', async () => {
  const no = orders.card;
  const { attempts } = await sim.control(`deliveries?merchant_trade_no=${no}`);
  const delivered = attempts.find((a) => a.ok && a.url.endsWith('/omg/return'));
  assert.ok(delivered, 'the gateway delivered ReturnURL and got 1|OK');
  const before = await orderState(no);
  for (let i = 0; i < 3; i += 1) {
    const resent = await fetch(`${shopUrl}/omg/return`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: delivered.body,
      signal: AbortSignal.timeout(5000),
    });
    assert.equal(await resent.text(), '1|OK');
  }
  const after = await orderState(no);
  assert.equal(after.fulfilments.length, 1);
  assert.equal(after.notifications, before.notifications);
});

test('a forged notification is refused with 0|... and changes nothing', async () => {
  const no = orders.card;
  const { attempts } = await sim.control(`deliveries?merchant_trade_no=${no}`);
  const genuine = attempts.find((a) => a.url.endsWith('/omg/return')).body;
  const before = await orderState(no);
  const forged = await fetch(`${shopUrl}/omg/return`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: genuine.replace(/TradeNo=[^&]*/, 'TradeNo=99999999999999999999'),
    signal: AbortSignal.timeout(5000),
  });
  assert.equal(forged.status, 400);
  assert.match(await forged.text(), /^0\|/);
  const unsigned = await fetch(`${shopUrl}/omg/return`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `MerchantID=1000031&MerchantTradeNo=${no}&RtnCode=1`,
    signal: AbortSignal.timeout(5000),
  });
  assert.equal(unsigned.status, 400);
  assert.deepEqual(await orderState(no), before);
});

test('a genuine notification whose amount differs from the order is acknowledged, held and not fulfilled', async () => {
  const no = await placeOrder('card');
  const before = await orderState(no);
  assert.equal(before.amount, 1200);
  // Signed with the shop's own keys (the stage merchant), so only the amount is wrong.
  const body = omg.Client.stage().signTestNotification('payment_result', {
    MerchantTradeNo: no,
    TradeNo: 'X2',
    TradeAmt: 1,
  });
  const response = await fetch(`${shopUrl}/omg/return`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    signal: AbortSignal.timeout(5000),
  });
  assert.equal(response.status, 200);
  assert.equal(await response.text(), '1|OK');
  const after = await orderState(no);
  assert.equal(after.status, 'amount_mismatch');
  assert.equal(after.fulfilments.length, 0);
  assert.match(after.note, /TradeAmt|amount/);
});

test('a simulated payment (SimulatePaid=1) is recorded and never shipped', async () => {
  const no = await placeOrder('card');
  await sim.control('simulate', { merchant_trade_no: no });
  const order = await waitForStatus(no, 'simulated');
  assert.equal(order.simulated, 1);
  assert.equal(order.fulfilments.length, 0);
  // The real payment that follows is a new event, not a duplicate of the simulation: shipped once.
  await sim.control('pay', { merchant_trade_no: no });
  const paid = await waitForStatus(no, 'paid');
  assert.equal(paid.fulfilments.length, 1);
});

test('the shop reads the gateway: QueryTradeInfo, QueryCreditCardPeriodInfo', async () => {
  const info = await shopJson(`/orders/${orders.card}/gateway`);
  assert.equal(info.tradeStatusName, 'paid');
  assert.equal(info.merchantTradeNo, orders.card);
  const period = await shopJson(`/orders/${orders.recurring}/period`);
  assert.equal(period.execStatusName, 'running');
  assert.equal(period.execLog.length, 1);
});

test('capture, the next period, settlement, refund: the refund shows in QueryTrade/V2', async () => {
  const no = orders.card;
  const captured = await shopJson(`/orders/${no}/capture`, { method: 'POST', body: '{}' });
  assert.equal(captured.rtnCode, 1);
  // A month and a day on: the recurring order's 2nd charge (PeriodReturnURL) and the capture's
  // settlement (20:00 Taiwan time) both happen.
  await sim.control('advance', { seconds: 32 * 86400 });
  const recurring = await waitFor(
    async () => {
      const order = await orderState(orders.recurring);
      return order.periods_paid === 1 ? order : null;
    },
    10000,
    'the second period',
  );
  assert.equal(recurring.fulfilments.length, 2);

  const refunded = await shopJson(`/orders/${no}/refund`, { method: 'POST', body: JSON.stringify({ amount: 200 }) });
  assert.equal(refunded.rtnCode, 1);
  const detail = await shopJson(`/orders/${no}/credit-detail`);
  const refunds = detail.closeData.filter((e) => e.statusName === 'refund_pending' || e.statusName === 'refunded');
  assert.equal(refunds.length, 1, JSON.stringify(detail));
  assert.equal(refunds[0].amount, 200);
  assert.equal((await orderState(no)).refunded_amount, 200);
});

test('the database holds exactly one fulfilment per paid order and period', () => {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT merchant_trade_no, COUNT(*) AS n FROM fulfilments GROUP BY merchant_trade_no')
      .all();
    const counts = Object.fromEntries(rows.map((r) => [r.merchant_trade_no, r.n]));
    for (const kind of KINDS) assert.equal(counts[orders[kind]], kind === 'recurring' ? 2 : 1, kind);
    // The simulated order was paid for real afterwards: still marked as having had a simulation.
    assert.ok(db.prepare('SELECT COUNT(*) AS n FROM orders WHERE simulated = 1').get().n >= 1);
  } finally {
    db.close();
  }
});
