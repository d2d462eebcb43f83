'use strict';
// omg-payment/express: the middleware reads the raw body whichever parsers ran, verifies it, and
// answers 0|... to what it refuses.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');
const omgExpress = require('../express');

// The same tests under Express 5 (body-parser 2) and Express 4 (body-parser 1), whose parsers
// mark a consumed body differently.
const EXPRESS = { 'Express 5': require('express'), 'Express 4': require('express4') };

const client = omg.Client.stage();

for (const [version, express] of Object.entries(EXPRESS)) {
  /** Starts `app` on 127.0.0.1:0; resolves to { url, close }. */
  function listen(app) {
    return new Promise((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => {
        resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
      });
    });
  }

  function post(url, body, headers = {}) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
      signal: AbortSignal.timeout(5000),
    });
  }

  /** An app with `parsers` in front of a notification route that acks and records what it saw. */
  function appWith(parsers, options) {
    const app = express();
    const seen = [];
    const refused = [];
    const errors = [];
    for (const parser of parsers) app.use(parser);
    app.post(
      '/notify',
      omgExpress.notificationMiddleware(client, { ...options, onRefused: (e) => refused.push(e) }),
      (req, res) => {
        seen.push(req.omgNotification);
        omgExpress.ack(res);
      },
    );
    app.use((error, _req, res, _next) => {
      errors.push(error);
      res.status(error.status ?? 500).send('error');
    });
    return { app, seen, refused, errors };
  }

  const body = client.signTestNotification('payment_result', {
    MerchantTradeNo: 'A1',
    TradeAmt: 100,
    ItemName: 'a+b 手機殼 %',
  });

  const SETUPS = {
    'no body parser (the stream is read)': [],
    'a global urlencoded parser with captureRawBody': [
      express.urlencoded({ extended: false, verify: omgExpress.captureRawBody }),
    ],
    'a global extended urlencoded parser with captureRawBody': [
      express.urlencoded({ extended: true, verify: omgExpress.captureRawBody }),
    ],
    'express.raw()': [express.raw({ type: '*/*' })],
    'only a JSON parser (it skips form bodies)': [express.json()],
  };

  for (const [name, parsers] of Object.entries(SETUPS)) {
    test(`${version}: verifies with ${name}`, async () => {
      const { app, seen } = appWith(parsers);
      const server = await listen(app);
      try {
        const response = await post(`${server.url}/notify`, body);
        assert.equal(response.status, 200);
        assert.equal(await response.text(), '1|OK');
        assert.match(response.headers.get('content-type'), /^text\/plain/);
        assert.equal(seen.length, 1);
        assert.ok(seen[0] instanceof omg.PaymentResult);
        assert.equal(seen[0].get('ItemName'), 'a+b 手機殼 %');
      } finally {
        await server.close();
      }
    });
  }

  // Bodies a form parser would read differently from the bytes sent: a literal '+' (%2B) beside
  // spaces written '+' or '%20', lowercase escapes, a value holding '&' and '=', Chinese that is
  // not NFC-normalised (U+F91D, whose NFC form is U+6B04) and a decomposed é, a value ending in a
  // newline, a repeated field, a newline after the body. The middleware must judge the raw bytes.
  const TRICKY = 'a+b 手 \uF91D e\u0301 Tea & Cake=2';
  const tricky = client.signTestNotification('payment_result', {
    MerchantTradeNo: 'A2',
    TradeAmt: 100,
    ItemName: TRICKY,
    CustomField2: 'line\n',
  });
  const respelled = tricky.replace(/\+/g, '%20').replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());

  for (const [name, parsers] of Object.entries(SETUPS)) {
    test(`${version}: with ${name}, the raw bytes are verified, not a re-encoded parse`, async () => {
      assert.notEqual(TRICKY.normalize('NFC'), TRICKY, 'the value is not NFC-normalised');
      assert.ok(
        tricky.includes('%2B') && tricky.includes('%26') && tricky.includes('%3D') && tricky.includes('%0A'),
        tricky,
      );
      assert.notEqual(respelled, tricky);
      const { app, seen, refused } = appWith(parsers);
      const server = await listen(app);
      try {
        for (const variant of [tricky, respelled]) {
          const response = await post(`${server.url}/notify`, variant);
          assert.equal(await response.text(), '1|OK', variant);
          const n = seen.at(-1);
          assert.equal(n.get('ItemName'), TRICKY);
          assert.equal(n.get('CustomField2'), 'line\n');
          assert.equal(n.get('TradeAmt'), '100');
        }
        assert.equal(seen.length, 2);
        // A repeated field: a parser keeps the first or the last (or makes an array); the raw
        // body is refused, whichever copy the signature covers.
        for (const repeated of [`TradeAmt=1&${tricky}`, `${tricky}&TradeAmt=100`]) {
          const response = await post(`${server.url}/notify`, repeated);
          assert.equal(response.status, 400);
          assert.match(await response.text(), /^0\|.*TradeAmt/);
        }
        assert.equal(seen.length, 2);
        // A newline after the body is not what the gateway signed: the bytes as sent do not
        // verify (a parser that trimmed it would accept them), as verifyNotification says too.
        const trailing = `${tricky}\n`;
        assert.throws(() => client.verifyNotification(Buffer.from(trailing)), omg.SignatureError);
        const response = await post(`${server.url}/notify`, trailing);
        assert.equal(response.status, 400);
        assert.match(await response.text(), /^0\|/);
        assert.ok(refused.at(-1) instanceof omg.SignatureError, `${refused.at(-1)}`);
        assert.equal(seen.length, 2);
      } finally {
        await server.close();
      }
    });
  }

  test(`${version}: a parser that consumed the body without keeping it: a clear error, never a guess`, async () => {
    const { app, seen, errors } = appWith([express.urlencoded({ extended: false })]);
    const server = await listen(app);
    try {
      const response = await post(`${server.url}/notify`, body);
      assert.equal(response.status, 500);
      assert.notEqual(await response.text(), '1|OK');
      assert.equal(seen.length, 0);
      assert.equal(errors.length, 1);
      assert.ok(errors[0] instanceof omgExpress.RawBodyUnavailableError);
      assert.equal(errors[0].code, 'OMG_RAW_BODY_UNAVAILABLE');
      assert.match(errors[0].message, /captureRawBody/);
    } finally {
      await server.close();
    }
  });

  test(`${version}: a JSON body a parser took is refused as not a notification, not as a broken app`, async () => {
    const { app, seen, errors, refused } = appWith([express.json()]);
    const server = await listen(app);
    try {
      const response = await post(`${server.url}/notify`, JSON.stringify({ MerchantID: '1000031' }), {
        'content-type': 'application/json',
      });
      assert.equal(response.status, 415);
      assert.match(await response.text(), /^0\|/);
      assert.deepEqual([seen.length, errors.length, refused.length], [0, 0, 1]);
    } finally {
      await server.close();
    }
  });

  test(`${version}: a forged, tampered, unreadable or oversized notification is answered 0|... and goes no further`, async () => {
    const { app, seen, refused } = appWith([]);
    const server = await listen(app);
    try {
      const cases = [
        [body.replace('TradeAmt=100', 'TradeAmt=1'), 400, omg.SignatureError],
        ['MerchantID=1000031&RtnCode=1&CheckMacValue=0000', 400, omg.SignatureError],
        [Buffer.from([0x41, 0x3d, 0xff, 0xfe]), 400, omg.DecodeError],
        ['', 400, omg.DecodeError],
        [`A=${'x'.repeat(omg.MAX_NOTIFICATION_BYTES)}`, 413, Error],
      ];
      for (const [payload, status, cls] of cases) {
        const response = await post(`${server.url}/notify`, payload);
        assert.equal(response.status, status);
        const text = await response.text();
        assert.match(text, /^0\|/);
        assert.ok(!text.includes('\n'));
        assert.ok(refused.at(-1) instanceof cls, `${refused.at(-1)}`);
      }
      assert.equal(seen.length, 0);
      // A body over the cap sent without Content-Length (chunked) is cut off too.
      const chunked = await fetch(`${server.url}/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 80; i += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
            controller.close();
          },
        }),
        duplex: 'half',
        signal: AbortSignal.timeout(5000),
      }).catch((error) => error);
      // Refused with 413, or the connection is cut before the whole body was sent: never read.
      assert.ok(chunked instanceof Response ? chunked.status === 413 : chunked instanceof TypeError, `${chunked}`);
      assert.equal(seen.length, 0);
    } finally {
      await server.close();
    }
  });

  test(`${version}: a compressed body is refused (it cannot be verified as sent)`, async () => {
    const { app, seen } = appWith([]);
    const server = await listen(app);
    try {
      const response = await post(`${server.url}/notify`, body, { 'content-encoding': 'gzip' });
      assert.equal(response.status, 415);
      assert.equal(seen.length, 0);
    } finally {
      await server.close();
    }
  });

  test(`${version}: the notification can be put elsewhere on req`, async () => {
    const app = express();
    let got;
    app.post('/n', omgExpress.notificationMiddleware(client, { property: 'payment' }), (req, res) => {
      got = req.payment;
      omgExpress.ack(res);
    });
    const server = await listen(app);
    try {
      assert.equal((await post(`${server.url}/n`, body)).status, 200);
      assert.ok(got instanceof omg.Notification);
    } finally {
      await server.close();
    }
  });

  test(`${version}: notificationHandler: 1|OK once the handler finished; 0|the handler failed when it failed`, async () => {
    const app = express();
    const handled = [];
    app.post(
      '/ok',
      omgExpress.notificationHandler(client, async (n) => {
        await new Promise((r) => setTimeout(r, 10));
        handled.push(n.dedupeKey);
      }),
    );
    app.post(
      '/fails',
      omgExpress.notificationHandler(client, () => {
        throw new Error('database down');
      }),
    );
    app.use((error, _req, res, _next) => res.status(500).type('text/plain').send(`error: ${error.message}`));
    const server = await listen(app);
    try {
      const ok = await post(`${server.url}/ok`, body);
      assert.equal(await ok.text(), '1|OK');
      assert.equal(handled.length, 1);
      // omg-core's answer for a failed handler, the same in every language (receive.json); the
      // error itself goes to the log, not to Express's error handler.
      const failed = await post(`${server.url}/fails`, body);
      assert.equal(failed.status, 500);
      assert.equal(await failed.text(), '0|the handler failed');
      const forged = await post(`${server.url}/ok`, 'MerchantID=1&CheckMacValue=00');
      assert.equal(forged.status, 400);
      assert.equal(handled.length, 1);
    } finally {
      await server.close();
    }
  });

  test(`${version}: expect: another kind is answered 0|unexpected notification and never reaches the handler`, async () => {
    const app = express();
    const handled = [];
    const refused = [];
    app.post(
      '/paid',
      omgExpress.notificationHandler(client, (n) => handled.push(n), {
        expect: omg.PaymentResult,
        onRefused: (e) => refused.push(e.message),
      }),
    );
    app.post(
      '/codes',
      omgExpress.notificationHandler(client, (n) => handled.push(n), {
        expect: [omg.PaymentCodeIssued, omg.PeriodCharge],
      }),
    );
    app.post(
      '/refuses',
      omgExpress.notificationHandler(client, (_n, _req, res) =>
        res.status(404).type('text/plain').send('0|unknown order'),
      ),
    );
    const server = await listen(app);
    try {
      const code = client.signTestNotification('atm_code_issued', { MerchantTradeNo: 'A1', TradeAmt: 100 });
      const wrong = await post(`${server.url}/paid`, code);
      assert.equal(wrong.status, 400);
      assert.equal(await wrong.text(), '0|unexpected notification: payment_code_issued');
      assert.deepEqual(refused, ['unexpected notification: payment_code_issued']);
      assert.equal(handled.length, 0);
      assert.equal(await (await post(`${server.url}/codes`, code)).text(), '1|OK');
      assert.equal(await (await post(`${server.url}/paid`, body)).text(), '1|OK');
      assert.deepEqual(
        handled.map((n) => n.kind),
        ['payment_code_issued', 'payment_result'],
      );
      const own = await post(`${server.url}/refuses`, body);
      assert.equal(own.status, 404);
      assert.equal(await own.text(), '0|unknown order');
    } finally {
      await server.close();
    }
  });
}

test("through omg-sim --lowercase-escapes: a notification spelt like the real gateway's is verified and acknowledged", async () => {
  const { startSim, submitCheckout, waitFor } = require('./helpers/sim');
  const express = EXPRESS['Express 5'];
  const sim = await startSim(['--lowercase-escapes']);
  const handled = [];
  const app = express();
  app.post(
    '/omg/return',
    omgExpress.notificationHandler(client, (n) => handled.push(n), { expect: omg.PaymentResult }),
  );
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const shop = omg.Client.stage({ baseUrl: sim.url, retries: 0 });
    const merchantTradeNo = omg.generateMerchantTradeNo('X');
    await submitCheckout(
      shop.checkout({
        merchantTradeNo,
        totalAmount: 300,
        tradeDesc: 'escapes',
        itemName: '茶葉',
        choosePayment: 'Credit',
        returnUrl: `http://127.0.0.1:${server.address().port}/omg/return`,
      }),
    );
    await sim.control('pay', { merchant_trade_no: merchantTradeNo });
    const [attempt] = await waitFor(
      async () => {
        const { attempts } = await sim.control(`deliveries?merchant_trade_no=${merchantTradeNo}`);
        return attempts.length > 0 && attempts;
      },
      10000,
      'the ReturnURL delivery',
    );
    // 交易成功 is E4 BA A4 E6 98 93 E6 88 90 E5 8A 9F in UTF-8, written here in lowercase.
    assert.ok(attempt.body.includes('RtnMsg=%e4%ba%a4%e6%98%93%e6%88%90%e5%8a%9f'), attempt.body);
    const escapes = attempt.body.match(/%../g);
    assert.ok(
      escapes.length > 5 && escapes.every((e) => e === e.toLowerCase()),
      `only lowercase escapes: ${attempt.body}`,
    );
    assert.equal(attempt.ok, true, JSON.stringify(attempt));
    assert.equal(attempt.attempt, 1);
    assert.equal(handled.length, 1);
    assert.equal(handled[0].merchantTradeNo, merchantTradeNo);
    assert.equal(handled[0].rtnMsg, '交易成功');
  } finally {
    await new Promise((r) => server.close(r));
    await sim.stop();
  }
});

test('bad middleware arguments are TypeErrors at setup time', () => {
  assert.throws(
    () => omgExpress.notificationHandler(client, () => {}, { expect: 'payment_result' }),
    /options\.expect/,
  );
  assert.throws(() => omgExpress.notificationMiddleware(client, { expect: [omg.PaymentResult, Object] }), TypeError);
  assert.throws(() => omgExpress.notificationMiddleware({}), TypeError);
  assert.throws(() => omgExpress.notificationMiddleware(client, { limit: -1 }), TypeError);
  assert.throws(() => omgExpress.notificationHandler(client, 'not a function'), TypeError);
});
