'use strict';
// The shared CheckMacValue vectors (tests/vectors/checkmacvalue.json), run by every language.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const omg = require('..');
const { REPO } = require('./helpers/sim');

const vectors = JSON.parse(fs.readFileSync(path.join(REPO, 'tests', 'vectors', 'checkmacvalue.json'), 'utf8'));

for (const v of vectors.vectors) {
  test(`vector ${v.name}`, () => {
    assert.equal(omg.checkMacValue(v.params, v.hash_key, v.hash_iv, { method: v.method }), v.expected);
    // The order of the fields does not matter: the rule sorts them.
    const reversed = Object.fromEntries(Object.entries(v.params).reverse());
    assert.equal(omg.checkMacValue(reversed, v.hash_key, v.hash_iv, { method: v.method }), v.expected);
  });
}

test('a CheckMacValue among the fields is ignored', () => {
  const v = vectors.vectors[0];
  assert.equal(omg.checkMacValue({ ...v.params, CheckMacValue: 'whatever' }, v.hash_key, v.hash_iv), v.expected);
});

test('explain shows the sorted pre-image and the encoded string with the keys masked', () => {
  const e = vectors.explain;
  const v = vectors.vectors.find((x) => x.name === e.vector);
  const explained = omg.explain(v.params, v.hash_key, v.hash_iv);
  const mask = (s) => s.replace(v.hash_key, '****').replace(v.hash_iv, '****');
  const maskLower = (s) => s.replace(v.hash_key.toLowerCase(), '****').replace(v.hash_iv.toLowerCase(), '****');
  assert.equal(explained.sortedPreimage, mask(e.sorted_preimage));
  assert.equal(explained.encoded, maskLower(e.encoded_lowercase));
  assert.equal(explained.checkMacValue, e.expected);
  assert.equal(explained.method, 'sha256');
  assert.ok(
    !JSON.stringify(explained).includes(v.hash_key) && !JSON.stringify(explained).includes(v.hash_iv),
    'keys never shown',
  );
});

for (const { input, expected } of vectors.encoding) {
  test(`encoding of ${JSON.stringify(input)}`, () => {
    // The encoded pre-image of one field holds the field's encoding between `%3d` and `%26hashiv`.
    const { encoded } = omg.explain({ k: input }, 'key', 'iv');
    assert.equal(encoded, `hashkey%3d****%26k%3d${expected}%26hashiv%3d****`);
  });
}

test('numbers are signed as their decimal text', () => {
  const v = vectors.vectors[0];
  const numeric = { ...v.params, TotalAmount: Number(v.params.TotalAmount) };
  assert.equal(omg.checkMacValue(numeric, v.hash_key, v.hash_iv), v.expected);
});
