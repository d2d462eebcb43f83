'use strict';
// Memory stays bounded in a synchronous batch loop (issue 21 item 9). A verified notification (and
// a checkout) holds its fields in native memory, freed when V8 collects the object. Node defers
// the finalizers of a default (version 8) Node-API module to a SetImmediate, so in a loop that
// never yields to the event loop nothing was freed: 100,000 verifications kept ≈143 MB outside
// the JS heap, 100,000 checkouts ≈103 MB. The module declares NAPI_VERSION_EXPERIMENTAL
// (bindings/node/src/lib.rs) so Node runs them from the collector: ≈6 MB now. A count, not a time:
// the loop runs in a child process (its own heap) and reports how much its resident memory
// outside the JS heap (rss - heapTotal, so V8 sizing its heap is not counted) grew.

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const VERIFICATIONS = 100_000;
// Generous: ≈6 MB now; 103–143 MB when nothing was freed until the loop turned.
const BOUND_MB = 48;

function growthOf(loop) {
  const program = `
    const omg = require(${JSON.stringify(path.join(__dirname, '..'))});
    const client = omg.Client.stage();
    const body = Buffer.from(client.signTestNotification('payment_result', { MerchantTradeNo: 'M1', TradeAmt: 1200 }));
    const checkout = { merchantTradeNo: 'M1', totalAmount: 1200, tradeDesc: 'd', itemName: 'i', returnUrl: 'https://a.example/r', choosePayment: 'Credit' };
    let sink = 0;
    for (let i = 0; i < 2000; i++) { ${loop} }   // warm up: the heap reaches its working size
    const native = () => { const m = process.memoryUsage(); return m.rss - m.heapTotal; };
    const before = native();
    for (let i = 0; i < ${VERIFICATIONS}; i++) { ${loop} }   // no await: the event loop never turns
    console.log(JSON.stringify({ grewMb: (native() - before) / 1048576, sink }));`;
  const out = execFileSync(process.execPath, ['-e', program], { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

test(`${VERIFICATIONS} verifications in a synchronous loop keep memory bounded`, (t) => {
  const { grewMb, sink } = growthOf('sink += client.verifyNotification(body).dedupeKey.length;');
  t.diagnostic(`native memory grew by ${grewMb.toFixed(1)} MB`);
  assert.ok(sink > 0);
  assert.ok(grewMb < BOUND_MB, `native memory grew by ${grewMb.toFixed(1)} MB over ${VERIFICATIONS} verifications`);
});

test(`${VERIFICATIONS} checkouts in a synchronous loop keep memory bounded`, (t) => {
  const { grewMb, sink } = growthOf('sink += client.checkout(checkout).fields.CheckMacValue.length;');
  t.diagnostic(`native memory grew by ${grewMb.toFixed(1)} MB`);
  assert.ok(sink > 0);
  assert.ok(grewMb < BOUND_MB, `native memory grew by ${grewMb.toFixed(1)} MB over ${VERIFICATIONS} checkouts`);
});
