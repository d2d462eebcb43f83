'use strict';
// The receive scenarios (tests/scenarios/receive.json): one HTTP request each, sent over real
// loopback HTTP to an Express server on 127.0.0.1 whose routes are `notificationHandler`s (mounted
// with app.all, as docs/node.md says, so every method reaches the helper) with the handler the
// case names. Every web helper (and omg-core) gives each case the same status and reply.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const express = require('express');
const omg = require('..');
const { notificationHandler } = require('../express');

const CASES = JSON.parse(fs.readFileSync(path.join(__dirname, '../../tests/scenarios/receive.json'), 'utf8')).cases;

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function shop() {
  const client = omg.Client.stage({ logger: quiet });
  const app = express();
  const behaviours = {
    returns_nothing: () => undefined,
    returns_ack: () => omg.ACK,
    throws: () => {
      throw new Error('the shop database is down');
    },
  };
  for (const [name, behaviour] of Object.entries(behaviours)) {
    app.all(`/${name}`, notificationHandler(client, behaviour));
    app.all(`/${name}/payment_result`, notificationHandler(client, behaviour, { expect: omg.PaymentResult }));
  }
  return app;
}

/** Sends one request exactly as the case says; resolves to { status, reply }. */
function send(port, given) {
  const body = given.body_hex !== undefined ? Buffer.from(given.body_hex, 'hex') : Buffer.from(given.body, 'utf8');
  const headers = { 'content-length': String(body.length) };
  if (given.content_type !== null) headers['content-type'] = given.content_type;
  const urlPath = `/${given.handler}${given.expect_kind ? `/${given.expect_kind}` : ''}`;
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: given.method, headers, timeout: 30000 },
      (response) => {
        const chunks = [];
        response.on('data', (c) => chunks.push(c));
        response.on('end', () => resolve({ status: response.statusCode, reply: Buffer.concat(chunks).toString() }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('no reply within 30 s')));
    request.on('error', reject);
    request.end(body);
  });
}

test('the receive scenarios, through Express', async (t) => {
  const server = await new Promise((resolve) => {
    const s = shop().listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    for (const c of CASES) {
      await t.test(
        c.name,
        { skip: c.input.handler === 'exits' && 'only a PHP handler can exit the request' },
        async () => {
          const got = await send(server.address().port, c.input);
          assert.deepEqual(got, { status: c.expect.status, reply: c.expect.reply });
        },
      );
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
