'use strict';
// omg-payment/express owns the reply (issue 21 items 3, 4, 11): the gateway re-sends a
// notification unless it gets exactly the four bytes `1|OK`, so notificationHandler answers them
// itself when the handler returns nothing or ACK, says loudly when a handler answered something
// else through `res`, and logs every refusal. A real Express server on 127.0.0.1, read byte for
// byte with node:http.

const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const { runNode } = require('./helpers/child');
const omg = require('..');
const omgExpress = require('../express');

const EXPRESS = { 'Express 5': require('express'), 'Express 4': require('express4') };
const STAGE_KEY = '265flDjIvesceXWM';
const STAGE_IV = 'pOOvhGd1V2pJbjfX';

/** A logger that keeps every line as [level, message]. */
function recorder() {
  const lines = [];
  const logger = {};
  for (const level of ['debug', 'info', 'warn', 'error']) logger[level] = (message) => lines.push([level, message]);
  return { lines, logger, at: (level) => lines.filter(([l]) => l === level).map(([, m]) => m) };
}

function listen(app) {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({ port: server.address().port, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** POSTs `body` as a form; resolves to { status, headers, bytes } with the exact body bytes. */
function post(port, urlPath, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        timeout: 5000,
      },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () =>
          resolve({ status: response.statusCode, headers: response.headers, bytes: Buffer.concat(chunks) }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('no reply within 5 s')));
    request.on('error', reject);
    request.end(body);
  });
}

const client = omg.Client.stage();
const paid = client.signTestNotification('payment_result', { MerchantTradeNo: 'E1', TradeAmt: 100 });

for (const [version, express] of Object.entries(EXPRESS)) {
  /** One route with `handler` (options: logger); resolves to { port, close, log }. */
  async function serve(handler, options = {}) {
    const log = recorder();
    const app = express();
    app.post(
      '/omg/return',
      omgExpress.notificationHandler(client, handler, { expect: omg.PaymentResult, logger: log.logger, ...options }),
    );
    app.use((error, _req, res, _next) => res.status(500).type('text/plain').send(`error: ${error.message}`));
    return { ...(await listen(app)), log };
  }

  const ACKING = {
    'returns nothing': () => {},
    'returns ACK': () => omg.ACK,
    'resolves to ACK': async () => '1|OK',
    'returns another value (a row id)': () => 42,
  };
  for (const [name, handler] of Object.entries(ACKING)) {
    test(`${version}: a handler that ${name} gets exactly the four bytes 1|OK as text/plain`, async () => {
      const server = await serve(handler);
      try {
        const reply = await post(server.port, '/omg/return', paid);
        assert.equal(reply.status, 200);
        assert.deepEqual(reply.bytes, Buffer.from('1|OK')); // no JSON quotes, no newline
        assert.equal(reply.headers['content-length'], '4');
        assert.equal(reply.headers['content-type'].split(';')[0], 'text/plain');
        assert.deepEqual(server.log.at('error'), []);
      } finally {
        await server.close();
      }
    });
  }

  test(`${version}: a handler that returns another string is answered 500 and logged as an error`, async () => {
    const server = await serve(function onPayment() {
      return 'OK';
    });
    try {
      const reply = await post(server.port, '/omg/return', paid);
      assert.equal(reply.status, 500);
      assert.match(reply.bytes.toString(), /^0\|/);
      const [line, ...more] = server.log.at('error');
      assert.deepEqual(more, []);
      assert.match(line, /onPayment returned "OK": return nothing \(or ACK\)/);
    } finally {
      await server.close();
    }
  });

  test(`${version}: a handler that answered through res itself is detected: its reply stands, an error names it unless it was exactly 1|OK`, async () => {
    const log = recorder();
    const app = express();
    const route = (handler) => omgExpress.notificationHandler(client, handler, { logger: log.logger });
    app.post(
      '/json',
      route(function jsonAck(_n, _req, res) {
        res.json(omg.ACK); // '"1|OK"': the gateway takes it for no answer
      }),
    );
    app.post(
      '/newline',
      route(async function newlineAck(_n, _req, res) {
        res.type('text/plain').send('1|OK\n');
      }),
    );
    app.post(
      '/exact',
      route((_n, _req, res) => omgExpress.ack(res)),
    );
    const server = await listen(app);
    try {
      const json = await post(server.port, '/json', paid);
      assert.deepEqual([json.status, json.bytes.toString()], [200, '"1|OK"']);
      const newline = await post(server.port, '/newline', paid);
      assert.deepEqual([newline.status, newline.bytes.toString()], [200, '1|OK\n']);
      const exact = await post(server.port, '/exact', paid);
      assert.deepEqual([exact.status, exact.bytes.toString()], [200, '1|OK']);
      const errors = log.at('error');
      assert.equal(errors.length, 2, errors.join('\n'));
      assert.match(
        errors[0],
        /jsonAck answered through res itself: HTTP 200 "\\"1\|OK\\""; the gateway sends the notification again unless the reply is exactly 1\|OK/,
      );
      assert.match(errors[1], /newlineAck answered through res itself: HTTP 200 "1\|OK\\n"/);
    } finally {
      await server.close();
    }
  });

  test(`${version}: NotificationRefused from a handler answers 0|reason (400) and is logged as a warning`, async () => {
    const server = await serve(function onPayment() {
      throw new omgExpress.NotificationRefused('unknown order');
    });
    try {
      const reply = await post(server.port, '/omg/return', paid);
      assert.deepEqual([reply.status, reply.bytes.toString()], [400, '0|unknown order']);
      assert.deepEqual(server.log.at('warn'), [
        'notification handler onPayment refused the notification: 0|unknown order',
      ]);
    } finally {
      await server.close();
    }
  });

  test(`${version}: every refusal is a warning naming the route and the reason, never a key`, async () => {
    const server = await serve(() => {});
    const otherMerchant = omg.signTestNotification(
      { MerchantID: '3002607', MerchantTradeNo: 'E2' },
      STAGE_KEY,
      STAGE_IV,
      { kind: 'payment_result' },
    );
    try {
      const replies = [
        await post(server.port, '/omg/return', paid.replace('TradeAmt=100', 'TradeAmt=1')),
        await post(server.port, '/omg/return', otherMerchant),
        await post(server.port, '/omg/return', 'A'.repeat(64 * 1024 + 1)),
      ];
      assert.deepEqual(
        replies.map((r) => [r.status, r.bytes.subarray(0, 2).toString()]),
        [
          [400, '0|'],
          [400, '0|'],
          [413, '0|'],
        ],
      );
      const [signature, merchant, large, ...more] = server.log.at('warn');
      assert.deepEqual(more, []);
      assert.match(signature, /^notification refused at \/omg\/return: 0\|.*CheckMacValue.*HashKey\/HashIV are wrong/);
      assert.match(merchant, /3002607.*MerchantID is wrong/);
      assert.match(large, /larger than 65536 bytes/);
      const text = server.log.lines.map(([, m]) => m).join('\n');
      assert.ok(!text.includes(STAGE_KEY) && !text.includes(STAGE_IV));
    } finally {
      await server.close();
    }
  });

  test(`${version}: a period charge on a payment-result route is refused and logged as an error naming order, amount and recovery`, async () => {
    const handled = [];
    const server = await serve((n) => handled.push(n));
    try {
      const charge = client.signTestNotification('period_charge', { MerchantTradeNo: 'P20240001', Amount: 399 });
      const reply = await post(server.port, '/omg/return', charge);
      assert.deepEqual([reply.status, reply.bytes.toString()], [400, '0|unexpected notification: period_charge']);
      assert.equal(handled.length, 0);
      const [line, ...more] = server.log.at('error');
      assert.deepEqual(more, []);
      for (const part of [
        'P20240001',
        'amount 399',
        '/omg/return',
        'QueryCreditCardPeriodInfo',
        '`omg query period P20240001`',
      ]) {
        assert.ok(line.includes(part), `${part} in ${line}`);
      }
    } finally {
      await server.close();
    }
  });
}

test("the refusals are logged through the client's logger when the route names none", async () => {
  const log = recorder();
  const shop = omg.Client.stage({ logger: log.logger });
  const app = EXPRESS['Express 5']();
  app.post('/omg/return', omgExpress.notificationMiddleware(shop), (_req, res) => omgExpress.ack(res));
  const server = await listen(app);
  try {
    const reply = await post(server.port, '/omg/return', 'MerchantID=1000031&CheckMacValue=00');
    assert.equal(reply.status, 400);
    assert.equal(log.at('warn').length, 1);
    assert.match(log.at('warn')[0], /^notification refused at \/omg\/return: 0\|/);
  } finally {
    await server.close();
  }
});

test('with no logger configured, a refused notification is printed on stderr', async () => {
  // A deploy with a wrong HashIV refuses every genuine notification: without this line only the
  // access log would show it.
  const program = `
    const express = require('express');
    const omg = require(${JSON.stringify(path.join(__dirname, '..'))});
    const { notificationHandler } = require(${JSON.stringify(path.join(__dirname, '..', 'express'))});
    const gateway = omg.Client.stage();
    const shop = new omg.Client({ merchantId: '1000031', hashKey: ${JSON.stringify(STAGE_KEY)}, hashIv: 'wrongHashIV12345' });
    const app = express();
    app.post('/omg/return', notificationHandler(shop, () => {}));
    const server = app.listen(0, '127.0.0.1', async () => {
      const reply = await fetch('http://127.0.0.1:' + server.address().port + '/omg/return', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: gateway.signTestNotification(),
      });
      console.log(reply.status, (await reply.text()).slice(0, 2));
      server.close();
    });`;
  const { stdout, stderr } = await runNode(program);
  assert.equal(stdout.trim(), '400 0|', stderr);
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(
    lines[0],
    /^omg-payment: notification refused at \/omg\/return: 0\|.*CheckMacValue.*HashKey\/HashIV are wrong/,
  );
  assert.ok(!stderr.includes('wrongHashIV12345') && !stderr.includes(STAGE_IV));
});
