'use strict';
// The client's log events (issue 15 item 10, issue 21 item 11): each request, reply, retry and an
// unknown outcome, never a key, go to the client's `logger`. By default warnings are printed on
// stderr with console.warn (an unknown outcome must not need configuring to be seen), and the
// debug and info events only with Node's usual debug switch NODE_DEBUG=omg_payment. The
// default-logger cases run in a child process (the switch is read at load).

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const omg = require('..');
const { startSim } = require('./helpers/sim');
const { runNode } = require('./helpers/child');

const STAGE_KEY = '265flDjIvesceXWM';
const STAGE_IV = 'pOOvhGd1V2pJbjfX';

let sim;
test.before(async () => {
  sim = await startSim();
});
test.after(async () => {
  await sim?.stop();
});

/** Runs a small program against the simulator in a child Node; resolves to {code, stdout, stderr}. */
function runChild(env) {
  const program = `
    const omg = require(${JSON.stringify(path.join(__dirname, '..'))});
    (async () => {
      const client = omg.Client.stage({ baseUrl: ${JSON.stringify(sim.url)}, retries: 1, initialBackoff: 0.001 });
      await client.queryTrade('NOSUCHORDERLOG1').catch((e) => console.log('query:', e.name));
      await client.refund('NOSUCHORDERLOG1', '2401011234567890', 100)
        .catch((e) => console.log('refund:', e.name, e.outcomeUnknown));
    })();`;
  return runNode(program, env);
}

async function withFaults(fn) {
  await sim.control('faults', { path: '/Cashier/QueryTradeInfo/V5', status: 503, count: 1 });
  await sim.control('faults', { path: '/CreditDetail/DoAction', status: 502, count: 1 });
  try {
    return await fn();
  } finally {
    await sim.control('faults', undefined, 'DELETE');
  }
}

test('NODE_DEBUG=omg_payment prints requests, replies, retries and an unknown outcome, without keys', async () => {
  const { code, stdout, stderr } = await withFaults(() => runChild({ NODE_DEBUG: 'omg_payment' }));
  assert.equal(code, 0, stderr);
  assert.match(stdout, /refund: TransportError true/);
  const lines = stderr.trim().split('\n');
  const debug = lines.filter((l) => /^OMG_PAYMENT \d+: (DEBUG|INFO) /.test(l));
  const warnings = lines.filter((l) => l.startsWith('omg-payment: '));
  assert.equal(debug.length + warnings.length, lines.length, stderr);
  assert.ok(
    debug[0].includes(`QueryTradeInfo/V5: request sent to ${sim.url}/Cashier/QueryTradeInfo/V5 (attempt 1)`),
    stderr,
  );
  assert.ok(
    debug.some((l) => / INFO QueryTradeInfo\/V5: retrying in \d+ ms \(attempt 2\) after: HTTP 503/.test(l)),
    stderr,
  );
  assert.ok(
    debug.some((l) => / DEBUG QueryTradeInfo\/V5: reply HTTP 200, \d+ bytes/.test(l)),
    stderr,
  );
  assert.equal(debug.filter((l) => l.includes('DoAction: request sent')).length, 1, stderr);
  assert.equal(warnings.length, 1, stderr);
  assert.match(warnings[0], /^omg-payment: DoAction: outcome unknown: HTTP 502 .*QueryTrade\/V2/);
  for (const secret of [STAGE_KEY, STAGE_IV, 'CheckMacValue']) assert.ok(!stderr.includes(secret), secret);
});

test('without NODE_DEBUG only the unknown outcome is printed: a warning needs no configuration to be seen', async () => {
  const { code, stdout, stderr } = await withFaults(() => runChild({}));
  assert.equal(code, 0, stderr);
  assert.match(stdout, /refund: TransportError true/);
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], /^omg-payment: DoAction: outcome unknown: HTTP 502 .*QueryTrade\/V2/);
});

test('the logger option gets every event in order, before the call settles, and never a key', async () => {
  const lines = [];
  const logger = {};
  for (const level of ['debug', 'info', 'warn', 'error'])
    logger[level] = (message) => lines.push(`${level} ${message}`);
  const client = omg.Client.stage({ baseUrl: sim.url, retries: 1, initialBackoff: 0.001, logger });
  await withFaults(async () => {
    await assert.rejects(client.queryTrade('NOSUCHORDERLOG3'), omg.GatewayError);
    const afterQuery = lines.length;
    assert.ok(
      lines.some((l) => /^info QueryTradeInfo\/V5: retrying in \d+ ms \(attempt 2\) after: HTTP 503/.test(l)),
      lines.join('\n'),
    );
    await assert.rejects(client.refund('NOSUCHORDERLOG3', '2401011234567890', 100), (e) => e.outcomeUnknown === true);
    const refund = lines.slice(afterQuery);
    assert.match(refund[0], /^debug DoAction: request sent to /);
    assert.match(refund.at(-1), /^warn DoAction: outcome unknown: HTTP 502 .*QueryTrade\/V2/);
  });
  assert.match(lines[0], /^debug QueryTradeInfo\/V5: request sent to .* \(attempt 1\)$/);
  for (const secret of [STAGE_KEY, STAGE_IV, 'CheckMacValue']) assert.ok(!lines.join('\n').includes(secret), secret);
});

test('a logger that lacks a level or throws changes nothing; a logger that is not an object is a TypeError', async () => {
  const client = omg.Client.stage({
    baseUrl: sim.url,
    retries: 0,
    logger: {
      warn() {
        throw new Error('broken logger');
      },
    },
  });
  await withFaults(() =>
    assert.rejects(client.refund('NOSUCHORDERLOG4', '2401011234567890', 100), (e) => e.outcomeUnknown === true),
  );
  assert.throws(
    () => omg.Client.stage({ logger: 'console' }),
    (e) => e instanceof TypeError && /options\.logger/.test(e.message),
  );
  assert.throws(
    () => omg.Client.fromEnv({ baseUrl: sim.url }),
    (e) => e instanceof TypeError && /options\.baseUrl/.test(e.message),
  );
  assert.doesNotThrow(() => omg.Client.fromEnv({ logger: console }));
});
