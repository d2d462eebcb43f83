// The ES module entry points export the same objects as the CommonJS ones.

import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as omg from 'omg-payment';
import omgDefault, { Client, ValidationError } from 'omg-payment';
import * as omgExpress from 'omg-payment/express';

const require = createRequire(import.meta.url);

test('import and require give the very same classes and functions', () => {
  const cjs = require('omg-payment');
  for (const name of Object.keys(cjs)) {
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the test walks every export by name
    assert.equal(omg[name], cjs[name], name);
  }
  assert.equal(omgDefault, cjs);
  const cjsExpress = require('omg-payment/express');
  for (const name of Object.keys(cjsExpress)) {
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the test walks every export by name
    assert.equal(omgExpress[name], cjsExpress[name], name);
  }
});

test('instanceof works across the two entry points', () => {
  const client = Client.stage();
  assert.throws(
    () => client.checkout({}),
    (e) => e instanceof ValidationError && e instanceof require('omg-payment').OmgError,
  );
});
