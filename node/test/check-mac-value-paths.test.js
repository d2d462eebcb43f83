'use strict';
// checkMacValue has three ways into the native module (node/lib/functions.js): the object read
// field by field (the plain path), the keys and values packed into one text, and — when a field set
// comes with the same names as the one signed before — the values alone, the names remembered
// natively (bindings/node/src/known_keys.rs). Every way gives the same signature: over the shared
// vectors, random field sets, and the inputs that make the fast ways step aside (NUL, lone
// surrogates, other keys, a context that replaced the remembered names).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const omg = require('..');
const native = require('../lib/native');
const { REPO } = require('./helpers/sim');

const vectors = JSON.parse(fs.readFileSync(path.join(REPO, 'tests', 'vectors', 'checkmacvalue.json'), 'utf8'));

/** The plain path: the object converted field by field by the native module. */
function plain(fields, hashKey, hashIv, method) {
  return native.checkMacValue(fields, hashKey, hashIv, method);
}

/** Signs `fields` three times in a row (packed, then remembered, then by the remembered names); each time must agree. */
function signedThrice(fields, hashKey, hashIv, options) {
  const first = omg.checkMacValue(fields, hashKey, hashIv, options);
  assert.equal(omg.checkMacValue(fields, hashKey, hashIv, options), first, 'second call (names remembered)');
  assert.equal(omg.checkMacValue({ ...fields }, hashKey, hashIv, options), first, 'third call (values only)');
  return first;
}

for (const v of vectors.vectors) {
  test(`vector ${v.name}: every path signs as the gateway did`, () => {
    assert.equal(signedThrice(v.params, v.hash_key, v.hash_iv, { method: v.method }), v.expected);
    assert.equal(signedThrice(v.params, v.hash_key, v.hash_iv), plain(v.params, v.hash_key, v.hash_iv));
    // The same names with other values, and the same names with other keys.
    const changed = Object.fromEntries(Object.entries(v.params).map(([k, x]) => [k, `${x}線'~`]));
    assert.equal(omg.checkMacValue(changed, v.hash_key, v.hash_iv), plain(changed, v.hash_key, v.hash_iv));
    assert.equal(omg.checkMacValue(changed, 'otherKey', v.hash_iv), plain(changed, 'otherKey', v.hash_iv));
    assert.equal(omg.checkMacValue(changed, v.hash_key, 'otherIv'), plain(changed, v.hash_key, 'otherIv'));
  });
}

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('random field sets sign the same on every path, with names repeated and changed', () => {
  const next = random(26);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const alphabet = [
    'a',
    'Z',
    '0',
    ' ',
    "'",
    '~',
    '(',
    ')',
    '*',
    '!',
    '-',
    '_',
    '.',
    '%',
    '&',
    '=',
    '+',
    '線',
    '商',
    'é',
    '😀',
    '"',
    '\\',
  ];
  const nameSets = Array.from({ length: 4 }, (_, s) =>
    Array.from({ length: 1 + Math.floor(next() * 25) }, (_, i) => `${pick(['A', 'b', 'Trade', 'x'])}${s}_${i}`),
  );
  for (let c = 0; c < 400; c += 1) {
    // Mostly the same names as the call before (the remembered path), sometimes another set.
    const names = nameSets[next() < 0.7 ? 0 : Math.floor(next() * nameSets.length)];
    const fields = {};
    for (const name of names) {
      if (next() < 0.2) {
        fields[name] = Math.floor(next() * 1e6);
      } else {
        let value = '';
        for (let n = Math.floor(next() * 20); n > 0; n -= 1) value += pick(alphabet);
        fields[name] = value;
      }
    }
    const hashKey = next() < 0.9 ? 'HashKey1' : 'HashKey2';
    assert.equal(
      omg.checkMacValue(fields, hashKey, 'HashIV1'),
      plain(fields, hashKey, 'HashIV1'),
      JSON.stringify(fields),
    );
  }
});

test('a NUL or a lone surrogate in a value is handled on the remembered path as on the others', () => {
  const fields = { MerchantID: '3002607', ItemName: 'mug' };
  signedThrice(fields, 'k', 'i');
  // A NUL makes the values ambiguous: the packed and then the object path sign it.
  const withNul = { MerchantID: '3002607', ItemName: 'mu\0g' };
  assert.equal(omg.checkMacValue(withNul, 'k', 'i'), plain(withNul, 'k', 'i'));
  signedThrice(fields, 'k', 'i');
  assert.throws(() => omg.checkMacValue({ MerchantID: '3002607', ItemName: 'mu\ud800g' }, 'k', 'i'), TypeError);
  assert.throws(() => omg.checkMacValue({ MerchantID: '3002607', ItemName: 'mu\udc00' }, 'k', 'i'), TypeError);
  // In HashKey, HashIV or a name, when the names would be remembered (the second call in a row).
  for (const [named, key, iv] of [
    [fields, 'k\udc00', 'i'],
    [fields, 'k', 'i\ud83d'],
    [{ 'Merchant\ud800': '1', ItemName: 'mug' }, 'k', 'i'],
  ]) {
    for (let i = 0; i < 3; i += 1) {
      assert.throws(
        () => omg.checkMacValue(named, key, iv),
        (e) => e instanceof TypeError && /surrogate/.test(e.message),
      );
    }
  }
  // A real pair is signed, as on the object path.
  const pair = { MerchantID: '3002607', ItemName: 'mug 😀' };
  assert.equal(omg.checkMacValue(pair, 'k', 'i'), plain(pair, 'k', 'i'));
});

test('names equal ignoring case are refused on the remembered path too', () => {
  const fields = { MerchantID: '1', merchantid: '2' };
  for (let i = 0; i < 3; i += 1) {
    assert.throws(() => omg.checkMacValue(fields, 'k', 'i'), omg.ValidationError);
  }
});

test('names remembered by another context on this thread are not used for this one', () => {
  const fields = { MerchantID: '3002607', ItemName: 'mug' };
  const expected = signedThrice(fields, 'k', 'i');
  // What a second copy of the package (another vm context) would do: remember its own names.
  assert.notEqual(native.rememberSigningKeys('Other\0k\0i', 1), 0);
  assert.equal(omg.checkMacValue(fields, 'k', 'i'), expected);
  assert.equal(signedThrice(fields, 'k', 'i'), expected);
  // A stale token is refused by the native side: null, not another set's signature.
  assert.equal(native.checkMacValueOfValues('3002607\0mug', 0), null);
});
