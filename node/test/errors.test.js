'use strict';
// The error classes: one per kind, a stable err.code each, instanceof across the hierarchy, and
// the details each carries. (Gateway and transport errors from a live gateway: network.test.js.)

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');

const client = omg.Client.stage();

const CLASSES = [
  [omg.ValidationError, 'OMG_VALIDATION'],
  [omg.SignatureError, 'OMG_SIGNATURE'],
  [omg.GatewayError, 'OMG_GATEWAY'],
  [omg.TransportError, 'OMG_TRANSPORT'],
  [omg.DecodeError, 'OMG_DECODE'],
];

test('every class is an OmgError and an Error with its own code and name', () => {
  for (const [cls, code] of CLASSES) {
    const error = new cls('message');
    assert.ok(error instanceof cls);
    assert.ok(error instanceof omg.OmgError);
    assert.ok(error instanceof Error);
    assert.equal(error.code, code);
    assert.equal(error.name, cls.name);
    assert.equal(error.message, 'message');
    assert.ok(error.stack.includes(cls.name));
  }
  assert.equal(new omg.OmgError('x').code, 'OMG_ERROR');
  const codes = new Set(CLASSES.map(([, code]) => code));
  assert.equal(codes.size, CLASSES.length, 'codes are distinct');
});

test('ValidationError from the core carries every field error', () => {
  try {
    client.checkout({
      merchantTradeNo: '',
      totalAmount: -5,
      tradeDesc: 'x',
      itemName: 'y',
      returnUrl: 'https://a.example/r',
      choosePayment: 'Credit',
    });
    assert.fail('no error');
  } catch (error) {
    assert.ok(error instanceof omg.ValidationError);
    assert.equal(error.code, 'OMG_VALIDATION');
    assert.ok(Array.isArray(error.errors) && error.errors.length >= 2);
    assert.deepEqual(Object.keys(error.errors[0]).sort(), ['field', 'message', 'rule']);
    assert.match(error.message, /^invalid input: /);
    assert.ok(!error.stack.includes('lib/errors.js'), 'the stack starts at the caller');
  }
});

test('SignatureError for a forged or tampered notification', () => {
  const body = client.signTestNotification('payment_result', { TradeAmt: 100 });
  assert.throws(
    () => client.verifyNotification(body.replace('TradeAmt=100', 'TradeAmt=1')),
    (e) => e instanceof omg.SignatureError && e.code === 'OMG_SIGNATURE',
  );
  assert.throws(
    () => client.verifyNotification('MerchantID=1000031&RtnCode=1'),
    (e) => e instanceof omg.SignatureError && /no CheckMacValue/.test(e.message),
  );
  const other = new omg.Client({ merchantId: '1000031', hashKey: 'otherkey12345678', hashIv: 'otheriv123456789' });
  assert.throws(() => other.verifyNotification(body), omg.SignatureError);
});

test('ValidationError merchant_mismatch for an authentic notification meant for another merchant', () => {
  const body = client.signTestNotification('payment_result', { MerchantID: '2000132' });
  assert.throws(
    () => client.verifyNotification(body),
    (e) => e instanceof omg.ValidationError && e.errors[0].rule === 'merchant_mismatch',
  );
});

test('DecodeError for bytes that are not a form body', () => {
  assert.throws(
    () => client.verifyNotification(Buffer.from('A=%zz')),
    (e) => e instanceof omg.DecodeError && e.code === 'OMG_DECODE',
  );
  assert.throws(() => client.verifyNotification(''), omg.DecodeError);
});

test('GatewayError and TransportError carry their details', () => {
  const g = new omg.GatewayError('refused', 10200047, '查無此訂單');
  assert.deepEqual([g.rtnCode, g.rtnMsg], [10200047, '查無此訂單']);
  const t = new omg.TransportError('timed out', { timeout: true, outcomeUnknown: true });
  assert.deepEqual([t.timeout, t.status, t.outcomeUnknown], [true, null, true]);
});

test('errors never show the keys', () => {
  const secretClient = new omg.Client({
    merchantId: '2000132',
    hashKey: 'SECRETKEY1234567',
    hashIv: 'SECRETIV12345678',
  });
  const texts = [require('node:util').inspect(secretClient), JSON.stringify(secretClient)];
  try {
    secretClient.verifyNotification(
      secretClient.signTestNotification('payment_result').replace('RtnCode=1', 'RtnCode=2'),
    );
  } catch (error) {
    texts.push(error.message, error.stack);
  }
  for (const text of texts) {
    assert.ok(!text.includes('SECRETKEY') && !text.includes('SECRETIV'), text);
  }
});
