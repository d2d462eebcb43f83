'use strict';
// Fields handed over as an object are held to a raw body's caps (issue 21 item 5): at most 1,024
// fields and 65,536 bytes written `k=v&k=v`, refused with DecodeError — the error a raw body over
// the caps gets — on every entry point that takes an object, including checkMacValue's packed fast
// path. Signing refuses an empty HashKey or HashIV (item 8). The numbers come from the protocol's
// limits, not from the code.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');

const KEY = '265flDjIvesceXWM';
const IV = 'pOOvhGd1V2pJbjfX';
const MAX_FIELDS = 1024;
const MAX_BYTES = 64 * 1024;
const client = omg.Client.stage();

function fieldsOfCount(n) {
  const fields = {};
  for (let i = 0; i < n; i += 1) fields[`F${i}`] = 'v';
  return fields;
}

/** One field `A=xxx...` that is exactly `n` bytes written as a form. */
function fieldsOfBytes(n) {
  return { A: 'x'.repeat(n - 2) };
}

const ENTRY_POINTS = {
  'client.verifyNotification(object)': (f) => client.verifyNotification(f),
  'checkMacValue (packed)': (f) => omg.checkMacValue(f, KEY, IV),
  'checkMacValue (object: a value the packing skips)': (f) => omg.checkMacValue({ ...f, Z: null }, KEY, IV),
  explain: (f) => omg.explain(f, KEY, IV),
  'signTestNotification(fields)': (f) => omg.signTestNotification(f, KEY, IV),
  'signTestNotification(fields, { kind })': (f) => omg.signTestNotification(f, KEY, IV, { kind: 'payment_result' }),
  'client.signTestNotification(kind, fields)': (f) => client.signTestNotification('payment_result', f),
};

for (const [name, call] of Object.entries(ENTRY_POINTS)) {
  test(`${name}: one field or one byte over the caps is a DecodeError`, () => {
    for (const oversized of [fieldsOfCount(MAX_FIELDS + 1), fieldsOfBytes(MAX_BYTES + 1)]) {
      assert.throws(
        () => call(oversized),
        (e) => e instanceof omg.DecodeError && /1024 fields|65536 bytes/.test(e.message),
      );
    }
  });
}

test('exactly at the caps is not refused for size: verification fails for the signature, signing succeeds', () => {
  for (const atCap of [fieldsOfCount(MAX_FIELDS), fieldsOfBytes(MAX_BYTES)]) {
    assert.throws(() => client.verifyNotification(atCap), omg.SignatureError);
    assert.match(omg.checkMacValue(atCap, KEY, IV), /^[0-9A-F]{64}$/);
    assert.match(omg.explain(atCap, KEY, IV).checkMacValue, /^[0-9A-F]{64}$/);
    assert.match(omg.signTestNotification(atCap, KEY, IV), /CheckMacValue=[0-9A-F]{64}/);
  }
  // The object path (a null value, not sent, makes the packing step aside): 1,024 keys, 65,536 bytes.
  for (const atCap of [
    { ...fieldsOfCount(MAX_FIELDS - 1), Z: null },
    { ...fieldsOfBytes(MAX_BYTES), Z: null },
  ]) {
    assert.match(omg.checkMacValue(atCap, KEY, IV), /^[0-9A-F]{64}$/);
  }
});

test('a million fields are refused after one Object.keys, before anything is copied', (t) => {
  const huge = fieldsOfCount(1_000_000);
  const some = [
    'client.verifyNotification(object)',
    'checkMacValue (packed)',
    'client.signTestNotification(kind, fields)',
  ];
  for (const [name, call] of Object.entries(ENTRY_POINTS).filter(([n]) => some.includes(n))) {
    const started = process.hrtime.bigint();
    assert.throws(() => call(huge), omg.DecodeError, name);
    // Not asserted (no timing in tests): printed for docs/reliability.md.
    t.diagnostic(`${name}: ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms`);
  }
});

test('checkMacValue refuses an empty HashKey or HashIV, naming it', () => {
  for (const fields of [{ A: '1' }, { A: '1', Z: null }]) {
    for (const [key, iv, named] of [
      ['', IV, 'HashKey'],
      [KEY, '', 'HashIV'],
    ]) {
      assert.throws(
        () => omg.checkMacValue(fields, key, iv),
        (e) =>
          e instanceof omg.ValidationError &&
          e.errors.length === 1 &&
          e.errors[0].field === named &&
          e.errors[0].rule === 'required',
      );
    }
  }
});
