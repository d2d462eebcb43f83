'use strict';
// The client's log events through Node's usual debug switch (issue 15 item 10):
// NODE_DEBUG=omg_payment prints each request, reply, retry and unknown outcome on stderr, never a
// key; without it, nothing. Each case runs in a child process (the switch is read at load).

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { startSim } = require('./helpers/sim');

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
  const childEnv = { ...process.env, ...env };
  if (!('NODE_DEBUG' in env)) delete childEnv.NODE_DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', program], { env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
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
  const prefix = /^OMG_PAYMENT \d+: (DEBUG|INFO|WARN) /;
  assert.ok(lines.every((l) => prefix.test(l)), stderr);
  assert.ok(lines[0].includes(`QueryTradeInfo/V5: request sent to ${sim.url}/Cashier/QueryTradeInfo/V5 (attempt 1)`), stderr);
  assert.ok(lines.some((l) => / INFO QueryTradeInfo\/V5: retrying in \d+ ms \(attempt 2\) after: HTTP 503/.test(l)), stderr);
  assert.ok(lines.some((l) => / DEBUG QueryTradeInfo\/V5: reply HTTP 200, \d+ bytes/.test(l)), stderr);
  assert.equal(lines.filter((l) => l.includes('DoAction: request sent')).length, 1, stderr);
  assert.ok(lines.some((l) => / WARN DoAction: outcome unknown: HTTP 502 .*QueryTrade\/V2/.test(l)), stderr);
  for (const secret of [STAGE_KEY, STAGE_IV, 'CheckMacValue']) assert.ok(!stderr.includes(secret), secret);
});

test('without NODE_DEBUG the package prints nothing', async () => {
  const { code, stdout, stderr } = await withFaults(() => runChild({}));
  assert.equal(code, 0, stderr);
  assert.match(stdout, /refund: TransportError true/);
  assert.equal(stderr, '');
});
