'use strict';
// Issue 9: re-shaped signed bodies are refused, hostile values never crash the process, and a
// money-moving call whose reply cannot be trusted is an unknown outcome. The real .node module;
// omg-sim over 127.0.0.1 for the last part.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');
const { startSim, submitCheckout } = require('./helpers/sim');

const client = omg.Client.stage();
const order = {
  merchantTradeNo: 'A1',
  totalAmount: 100,
  tradeDesc: 'd',
  itemName: 'i',
  returnUrl: 'https://a.example/r',
  choosePayment: 'Credit',
};

function simulatedPayment() {
  return client.signTestNotification('payment_result', {
    MerchantTradeNo: 'A2401011000001xyz',
    TradeNo: '2401011000001234',
    SimulatePaid: '1',
  });
}

test('a genuine body verifies; re-shaped copies with the same signature are SignatureErrors naming why', () => {
  const body = simulatedPayment();
  assert.equal(client.verifyNotification(body).isSimulated, true);

  const renamed = body.replace('&TradeNo=', '&tradeno=');
  assert.throws(
    () => client.verifyNotification(renamed),
    (e) => e instanceof omg.SignatureError && /TradeNo/.test(e.message),
  );

  // SimulatePaid folded into RtnMsg, the field before it in the signing order.
  const rtnMsg = body.split('&').find((part) => part.startsWith('RtnMsg='));
  const folded = body.replace(/&?SimulatePaid=1/, '').replace(rtnMsg, `${rtnMsg}%26SimulatePaid%3D1`);
  assert.ok(!/(^|&)SimulatePaid=/.test(folded));
  assert.throws(
    () => client.verifyNotification(folded),
    (e) => e instanceof omg.SignatureError && /SimulatePaid/.test(e.message),
  );
  assert.throws(
    () => client.verifyNotification(Buffer.from(folded)),
    (e) => e instanceof omg.SignatureError,
  );
});

test('a case-flipped MerchantTradeNo makes the same dedupe key', () => {
  const body = simulatedPayment();
  const flipped = body.replace('A2401011000001xyz', 'a2401011000001XYZ');
  assert.equal(client.verifyNotification(flipped).dedupeKey, client.verifyNotification(body).dedupeKey);
});

test('a 31,000-deep array in an order value is a TypeError, and the process lives', () => {
  let deep = ['x'];
  for (let i = 0; i < 31000; i += 1) deep = [deep];
  assert.throws(
    () => client.checkout({ ...order, itemName: deep }),
    (e) => e instanceof TypeError && /itemName/.test(e.message),
  );
});

test('a self-referencing array in an order value is a TypeError', () => {
  const loop = ['a'];
  loop.push(loop);
  assert.throws(
    () => client.checkout({ ...order, itemName: loop }),
    (e) => e instanceof TypeError && /itemName/.test(e.message),
  );
  // A flat list still works.
  assert.match(client.checkout({ ...order, itemName: ['a', 'b', 3] }).fields.ItemName, /^a#b#3$/);
});

test('lone surrogates are refused, not silently signed as U+FFFD', () => {
  assert.throws(
    () => omg.checkMacValue({ A: '\ud800' }, 'k', 'i'),
    (e) => e instanceof TypeError && /surrogate/.test(e.message),
  );
  assert.throws(
    () => omg.checkMacValue({ A: 'x\udc00y', B: 1 }, 'k', 'i'),
    (e) => e instanceof TypeError && /surrogate/.test(e.message),
  );
  assert.throws(
    () => client.checkout({ ...order, itemName: 'T\ud83d' }),
    (e) => e instanceof TypeError && /itemName/.test(e.message),
  );
  assert.throws(
    () => client.verifyNotification(`MerchantID=1000031&X=\udfff`),
    (e) => e instanceof TypeError && /surrogate/.test(e.message),
  );
  // A real U+FFFD and a proper pair are text like any other.
  assert.match(omg.checkMacValue({ A: '\ufffd', B: '😀' }, 'k', 'i'), /^[0-9A-F]{64}$/);
});

/** The rule written apart with node:crypto (.NET UrlEncode, lowercased), for the tests below. */
function plainCheckMacValue(fields, hashKey, hashIv) {
  const { createHash } = require('node:crypto');
  const keys = Object.keys(fields).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  const raw = `HashKey=${hashKey}&${keys.map((k) => `${k}=${fields[k]}`).join('&')}&HashIV=${hashIv}`;
  const encoded = encodeURIComponent(raw).replace(/%20/g, '+').replace(/~/g, '%7e').replace(/'/g, '%27').toLowerCase();
  return createHash('sha256').update(encoded).digest('hex').toUpperCase();
}

test('text crosses into the native module intact wherever its surrogate pairs, NULs and CJK fall', () => {
  // The crossing reads eight UTF-16 units at a time: put a pair, CJK and an ASCII-only
  // stretch at every offset around those boundaries, keys and the keys' secrets included.
  for (let offset = 0; offset < 20; offset += 1) {
    const pad = 'a'.repeat(offset);
    const fields = { [`K${pad}`]: `${pad}😀b`, Z: `${pad}手機殼 x`, M: `${pad}${'x'.repeat(9)}`, N: offset };
    assert.equal(
      omg.checkMacValue(fields, `key${pad}`, `iv😀${pad}`),
      plainCheckMacValue(fields, `key${pad}`, `iv😀${pad}`),
      `offset ${offset}`,
    );
  }
  // A NUL inside a value is signed like any other character (the packed path steps aside).
  assert.equal(omg.checkMacValue({ A: 'x\0y', B: '2' }, 'k', 'i'), plainCheckMacValue({ A: 'x\0y', B: '2' }, 'k', 'i'));
  // Lone surrogates anywhere, keys and secrets too, are refused.
  for (const [fields, key, iv] of [
    [{ 'K\ud800': '1' }, 'k', 'i'],
    [{ A: '1' }, 'k\udc00', 'i'],
    [{ A: '1' }, 'k', `${'i'.repeat(7)}\ud83d`],
  ]) {
    assert.throws(
      () => omg.checkMacValue(fields, key, iv),
      (e) => e instanceof TypeError && /surrogate/.test(e.message),
    );
  }
});

test('huge or negative timeouts are refused naming the option', () => {
  for (const readTimeoutMs of [9.3e18, -1, Number.NaN, 2 ** 32]) {
    assert.throws(
      () => omg.Client.stage({ readTimeoutMs }),
      (e) => e instanceof TypeError && /readTimeoutMs/.test(e.message),
      String(readTimeoutMs),
    );
  }
});

test('a capture or cancellation whose reply cannot be trusted is an unknown outcome', async () => {
  const sim = await startSim();
  try {
    const simClient = omg.Client.stage({ baseUrl: sim.url, retries: 0, readTimeout: 5 });
    const no = omg.generateMerchantTradeNo('S');
    await submitCheckout(simClient.checkout({ ...order, merchantTradeNo: no, returnUrl: 'http://127.0.0.1:9/return' }));
    const paid = await sim.control('pay', { merchant_trade_no: no, method: 'Credit' });
    await sim.control('faults', { path: '/CreditDetail/DoAction', malformed_body: true, count: 1 });
    await assert.rejects(
      simClient.capture(no, paid.order.trade_no, 100),
      (e) => e instanceof omg.TransportError && e.outcomeUnknown === true && /QueryTrade\/V2/.test(e.message),
    );
  } finally {
    await sim.stop();
  }
});
