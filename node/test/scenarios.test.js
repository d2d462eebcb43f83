'use strict';
// The cross-language scenarios (tests/scenarios/*.json, format in its README), through the
// package's public API: notifications by client.verifyNotification, replies served over loopback
// HTTP to a real client call. Scenario names are snake_case; Node's are their camelCase.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const omg = require('..');
const { REPO } = require('./helpers/sim');

const DIR = path.join(REPO, 'tests', 'scenarios');
const STAGE = {
  merchant_id: '1000031',
  hash_key: '265flDjIvesceXWM',
  hash_iv: 'pOOvhGd1V2pJbjfX',
  credit_check_code: '59997889',
};
const ERROR_CLASSES = {
  validation: omg.ValidationError,
  signature: omg.SignatureError,
  gateway: omg.GatewayError,
  transport: omg.TransportError,
  decode: omg.DecodeError,
};

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

function cases(op) {
  const found = [];
  for (const file of fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    for (const c of JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')).cases) {
      if (c.op === op) found.push([`${file}: ${c.name}`, c]);
    }
  }
  assert.ok(found.length > 0, `no ${op} scenarios`);
  return found;
}

function clientOptions(input) {
  const k = { ...STAGE, ...(input.keys ?? {}) };
  return { merchantId: k.merchant_id, hashKey: k.hash_key, hashIv: k.hash_iv, creditCheckCode: k.credit_check_code };
}

/** A scenario value as Node gives it: null (absent) is undefined. */
const expected = (value) => (value === null ? undefined : value);

function checkError(name, want, error) {
  if (want.kind === 'not_found') {
    assert.ok(error instanceof omg.GatewayError && error.rtnCode === 10200047, `${name}: ${error}`);
    // The predicate every language has (issue 24): the same answer as core's is_not_found().
    assert.deepEqual([error.isNotFound, error.isDuplicate, error.isAlreadyStopped], [true, false, false], name);
  } else {
    assert.ok(error instanceof ERROR_CLASSES[want.kind], `${name}: ${error}`);
  }
  if (want.field !== undefined) assert.equal(error.errors?.[0]?.field, want.field, name);
  if (want.rule !== undefined) assert.equal(error.errors?.[0]?.rule, want.rule, name);
  if (want.rtn_code !== undefined) assert.equal(error.rtnCode, want.rtn_code, name);
}

for (const [name, c] of cases('verify_notification')) {
  test(`verify_notification: ${name}`, () => {
    const client = new omg.Client(clientOptions(c.input));
    let n;
    try {
      n = client.verifyNotification(
        c.input.body,
        c.input.endpoint === undefined ? undefined : { endpoint: c.input.endpoint },
      );
    } catch (error) {
      assert.ok(c.expect.error, `${name}: ${error}`);
      checkError(name, c.expect.error, error);
      return;
    }
    assert.equal(c.expect.error, undefined, `${name}: expected an error`);
    for (const prop of ['kind', 'is_paid', 'is_simulated', 'dedupe_key']) {
      if (prop in c.expect) assert.equal(n[camel(prop)], c.expect[prop], `${name}: ${prop}`);
    }
    for (const [accessor, value] of Object.entries(c.expect.accessors ?? {})) {
      assert.equal(n[camel(accessor)], expected(value), `${name}: ${accessor}`);
    }
  });
}

/** A loopback server answering every POST with `body`; resolves to its base URL. */
function serve(body) {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function call(client, api, args) {
  switch (api) {
    case 'query_trade_info':
      return client.queryTrade(args.merchant_trade_no);
    case 'query_period_info':
      return client.queryPeriod(args.merchant_trade_no);
    case 'period_action':
      return client.cancelPeriod(args.merchant_trade_no);
    case 'do_action':
      return client.capture(args.merchant_trade_no, args.trade_no, args.amount);
    case 'query_credit_detail':
      return client.queryCreditDetail(args.credit_refund_id, args.credit_amount);
    default:
      throw new Error(`unknown api ${api}`);
  }
}

for (const [name, c] of cases('parse_reply')) {
  test(`parse_reply: ${name}`, async () => {
    const server = await serve(c.input.body);
    try {
      const { port } = server.address();
      const client = new omg.Client({ ...clientOptions(c.input), baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
      let result;
      try {
        result = await call(client, c.input.api, c.input.args ?? {});
      } catch (error) {
        assert.ok(c.expect.error, `${name}: ${error}`);
        checkError(name, c.expect.error, error);
        return;
      }
      assert.equal(c.expect.error, undefined, `${name}: expected an error`);
      for (const [prop, value] of Object.entries(c.expect.result)) {
        assert.equal(result[camel(prop)], expected(value), `${name}: ${prop}`);
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
}

// Client settings (settings.json): the options object of `new Client(...)`, names in camelCase,
// values as the file gives them (numbers as JS numbers); the effective settings are
// `client.settings`, the errors name each setting in camelCase.
for (const [name, c] of cases('settings')) {
  test(`settings: ${name}`, () => {
    const options = Object.fromEntries(Object.entries(c.input).map(([setting, value]) => [camel(setting), value]));
    let client;
    try {
      client = new omg.Client(options);
    } catch (error) {
      const want = c.expect.error;
      assert.ok(want, `${name}: ${error}`);
      assert.ok(error instanceof ERROR_CLASSES[want.kind], `${name}: ${error}`);
      const found = error.errors.some(
        (e) => e.field === camel(want.field) && (want.rule === undefined || e.rule === want.rule),
      );
      assert.ok(found, `${name}: expected ${camel(want.field)} (${want.rule}), got ${JSON.stringify(error.errors)}`);
      return;
    }
    assert.equal(c.expect.error, undefined, `${name}: expected an error, got ${JSON.stringify(client.settings)}`);
    const settings = client.settings;
    for (const [setting, value] of Object.entries(c.expect)) {
      assert.equal(settings[camel(setting)], expected(value), `${name}: ${setting}`);
    }
  });
}
