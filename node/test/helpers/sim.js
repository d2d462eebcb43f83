'use strict';
// Starts the omg-sim binary (built by cargo) on 127.0.0.1 with a free port, and talks to its
// control API. Every wait is bounded; the process is killed when the test file ends.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const REPO = path.resolve(__dirname, '..', '..', '..');

/** The omg-sim binary: $OMG_SIM_BIN, else target/{release,debug}/omg-sim under $CARGO_TARGET_DIR or the repo. */
function simBinary() {
  if (process.env.OMG_SIM_BIN) return process.env.OMG_SIM_BIN;
  const targets = [process.env.CARGO_TARGET_DIR, path.join(REPO, 'target')].filter(Boolean);
  for (const target of targets) {
    for (const profile of ['release', 'debug']) {
      const candidate = path.join(target, profile, 'omg-sim');
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  throw new Error('omg-sim binary not found: build it with `cargo build --release -p omg-sim` or set OMG_SIM_BIN');
}

/** Reads the first line of a child's stdout, or fails after `ms`. */
function firstLine(child, ms, what) {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      lines.close();
      reject(new Error(`${what} printed no URL within ${ms} ms`));
    }, ms);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      resolve(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (code ${code}) before printing its URL`));
    });
  });
}

/** Stops a child process and waits for it (SIGKILL after 3 s). */
function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts omg-sim; resolves to { url, control(path, body?, method?), stop() }. */
async function startSim(extraArgs = []) {
  // Without the daily auto-close (on by default, as in production): the tests capture and refund
  // at any real time, and the gateway refuses DoAction 20:15-20:30 Taiwan time.
  const child = spawn(simBinary(), ['--port', '0', '--quiet', '--no-daily-auto-close', ...extraArgs], {
    stdio: ['ignore', 'pipe', process.env.OMG_TEST_VERBOSE ? 'inherit' : 'ignore'],
  });
  let url;
  try {
    url = await firstLine(child, 15000, 'omg-sim');
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    url,
    child,
    control: (route, body, method) => control(url, route, body, method),
    stop: () => stopChild(child),
  };
}

/** Calls the control API; resolves to the JSON reply, rejects on a non-2xx status. */
async function control(url, route, body, method) {
  const response = await fetch(`${url}/_sim/${route}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10000),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`omg-sim ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Posts a checkout's fields to the gateway as the payer's browser would. */
async function submitCheckout(checkout) {
  const response = await fetch(checkout.actionUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(checkout.fields).toString(),
    redirect: 'manual',
    signal: AbortSignal.timeout(10000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`AioCheckOut refused the order: ${response.status} ${text.slice(0, 300)}`);
  return text;
}

/** Polls `probe` until it returns a truthy value, for at most `ms`. */
async function waitFor(probe, ms = 10000, what = 'condition') {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

module.exports = { startSim, stopChild, firstLine, control, submitCheckout, waitFor, REPO };
