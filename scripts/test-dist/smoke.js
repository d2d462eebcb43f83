'use strict';
// The installed npm package omg-payment through its public API, as a merchant uses it
// (make test-dist):
//
//   node smoke.js VECTORS_JSON OMG_SIM_URL      (from a project where omg-payment is installed)
//
// CheckMacValue of every vector of tests/vectors; a checkout form; a signed notification verified
// and a forged one refused; omg-payment/express's notificationHandler in a real Express app on
// loopback, receiving a signed notification, a forged one, and the one omg-sim sends when an order
// is paid there. Prints one line per check; exits non-zero on the first failure.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const express = require('express');
const omg = require('omg-payment');
const { notificationHandler, captureRawBody } = require('omg-payment/express');

const ok = (message) => console.log(`  ok: ${message}`);
async function post(url, body, type = 'application/x-www-form-urlencoded') {
  const reply = await fetch(url, { method: 'POST', body, headers: { 'content-type': type } });
  return [reply.status, await reply.text()];
}

async function main() {
  const [vectorsPath, sim] = process.argv.slice(2);
  const packageDir = path.dirname(require.resolve('omg-payment/package.json'));
  const native = fs.readdirSync(path.join(packageDir, '..')).filter((name) => name.startsWith('omg-payment-'));
  console.log(`  node ${process.version} ${process.platform} ${process.arch}, platform packages installed: ${native.join(', ') || 'none'}`);

  const data = JSON.parse(fs.readFileSync(vectorsPath, 'utf8'));
  for (const v of data.vectors) {
    assert.equal(omg.checkMacValue(v.params, v.hash_key, v.hash_iv, { method: v.method ?? 'sha256' }), v.expected, v.name);
  }
  ok(`${data.vectors.length} CheckMacValue vectors of tests/vectors`);

  const client = new omg.Client({ baseUrl: sim });
  const received = [];
  const app = express();
  app.use(express.urlencoded({ extended: false, verify: captureRawBody }));
  app.post('/omg/return', notificationHandler(client, async (n) => { received.push(n); }, { expect: omg.PaymentResult }));
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const returnUrl = `http://127.0.0.1:${server.address().port}/omg/return`;

  const body = client.signTestNotification('payment_result', { TradeAmt: '1200' });
  const n = client.verifyNotification(body);
  assert.ok(n instanceof omg.PaymentResult && n.isPaid && n.tradeAmt === 1200);
  const forged = body.replace('TradeAmt=1200', 'TradeAmt=1');
  assert.throws(() => client.verifyNotification(forged), omg.SignatureError);
  ok('a signed notification verified (PaymentResult, 1200), a forged one refused (SignatureError)');

  assert.deepEqual(await post(returnUrl, body), [200, '1|OK']);
  const [status, reply] = await post(returnUrl, forged);
  assert.ok(status === 400 && reply.startsWith('0|'), `${status} ${reply}`);
  ok(`Express notificationHandler at ${returnUrl}: signed -> 1|OK, forged -> ${status} ${JSON.stringify(reply)}`);

  const no = omg.generateMerchantTradeNo('D');
  const form = client.checkout({ merchantTradeNo: no, totalAmount: 1200, tradeDesc: 'test-dist', itemName: ['T-shirt', 'Mug'],
    returnUrl, choosePayment: 'Credit' });
  assert.ok(form.actionUrl.startsWith(sim) && form.fields.CheckMacValue.length === 64 && form.html().includes('<form'));
  ok(`checkout form for ${no}: ${Object.keys(form.fields).length} fields, posted to ${form.actionUrl}`);
  assert.equal((await post(form.actionUrl, new URLSearchParams(form.fields).toString()))[0], 200);
  assert.equal((await post(`${sim}/_sim/pay`, JSON.stringify({ merchant_trade_no: no }), 'application/json'))[0], 200);
  const info = await client.queryTrade(no);
  assert.ok(info.isPaid && info.tradeAmt === 1200);
  ok(`paid on omg-sim; QueryTradeInfo: ${info.tradeStatusName}, ${info.tradeAmt}`);
  for (let i = 0; i < 200 && !received.some((r) => r.merchantTradeNo === no); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(received.some((r) => r.merchantTradeNo === no), "omg-sim's notification did not reach the Express app");
  ok("omg-sim's notification reached the Express app, verified and typed");
  server.close();
  console.log('  node smoke: all checks passed');
}

main().catch((error) => { console.error(error); process.exit(1); });
