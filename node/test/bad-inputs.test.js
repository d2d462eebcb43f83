'use strict';
// Bad inputs: wrong types, huge bodies, bytes that are not UTF-8, hostile objects. Each gives a
// clear error of a documented class, and the process lives on.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');

const client = omg.Client.stage();
const order = {
  merchantTradeNo: 'A1',
  totalAmount: 100,
  tradeDesc: 'd',
  itemName: 'i',
  returnUrl: 'https://a.example/r',
  choosePayment: 'Credit',
};

function isArgTypeError(error) {
  return error instanceof TypeError && error.code === 'ERR_INVALID_ARG_TYPE';
}

test('wrong argument types are TypeErrors with code ERR_INVALID_ARG_TYPE', () => {
  for (const call of [
    () => omg.checkMacValue('A=1', 'k', 'i'),
    () => omg.checkMacValue({ A: '1' }, 5, 'i'),
    () => omg.checkMacValue({ A: '1' }, 'k', null),
    () => omg.checkMacValue({ A: '1' }, 'k', 'i', 'sha256'),
    () => omg.explain([], 'k', 'i'),
    () => omg.describeCode('ten'),
    () => omg.describeCode(1.5),
    () => omg.barcodeSvg(42),
    () => omg.barcodeSvg(['A', 1]),
    () => omg.signTestNotification({}, 'k'),
    () => omg.generateMerchantTradeNo(7),
    () => omg.nack(undefined),
    () => client.checkout(null),
    () => client.checkout('order'),
    () => client.verifyNotification(42),
    () => client.verifyNotification(null),
    () => client.verifyNotification(new Map()),
    () => client.signTestNotification(5),
    () => client.checkout({ ...order, totalAmount: 1.5 }),
    () => client.checkout({ ...order, totalAmount: NaN }),
    () => client.checkout({ ...order, totalAmount: Infinity }),
    () => client.checkout({ ...order, tradeDesc: { nested: true } }),
    () => client.checkout({ ...order, itemName: [['nested']] }),
    () => client.checkout({ ...order, itemName: [null] }),
    () => client.checkout({ ...order, returnUrl: Symbol('x') }),
    () => client.checkout({ ...order, extra: 'x=1' }),
  ]) {
    assert.throws(call, isArgTypeError, call.toString());
  }
});

test('wrong values inside field objects are validation errors naming the field', () => {
  assert.throws(
    () => omg.checkMacValue({ A: { b: 1 } }, 'k', 'i'),
    (e) => e instanceof omg.ValidationError && e.errors[0].field === 'A' && e.errors[0].rule === 'type',
  );
  assert.throws(
    () => omg.checkMacValue({ A: 0.5 }, 'k', 'i'),
    (e) => e instanceof omg.ValidationError && e.errors[0].field === 'A',
  );
  assert.throws(
    () => omg.checkMacValue({ A: '1', a: '2' }, 'k', 'i'),
    (e) => e instanceof omg.ValidationError && e.errors[0].rule === 'duplicate',
  );
  assert.throws(
    () => omg.checkMacValue({ A: '1' }, 'k', 'i', { method: 'sha1' }),
    (e) => e instanceof omg.ValidationError && e.errors[0].field === 'method',
  );
  assert.throws(
    () => client.signTestNotification('paid'),
    (e) => e instanceof omg.ValidationError && e.errors[0].field === 'kind',
  );
  assert.throws(() => omg.barcodeSvg('lower-case?'), omg.ValidationError);
});

test('client options: unknown names and wrong types are refused, missing credentials named', () => {
  // omg-core's settings rules (tests/scenarios/settings.json has the rest), names in camelCase.
  const refused = (field, rule) => (e) =>
    e instanceof omg.ValidationError && e.errors.some((x) => x.field === field && x.rule === rule);
  assert.throws(() => omg.Client.stage({ hashKy: 'x' }), refused('hashKy', 'unknown'));
  assert.throws(() => omg.Client.stage({ retries: -1 }), refused('retries', 'range'));
  assert.throws(() => omg.Client.stage({ retries: 1000 }), refused('retries', 'range'));
  assert.throws(() => omg.Client.stage({ baseUrl: 8080 }), refused('baseUrl', 'format'));
  assert.throws(() => omg.Client.stage({ baseUrl: 'ftp://x' }), refused('baseUrl', 'format'));
  assert.throws(() => omg.Client.stage({ environment: 'moon' }), refused('environment', 'one_of'));
  assert.throws(() => omg.Client.stage({ baseUrl: true }), isArgTypeError);
  assert.throws(() => omg.Client.stage({ readTimeout: { s: 1 } }), isArgTypeError);
  assert.throws(() => omg.Client.stage('stage'), isArgTypeError);
  assert.throws(
    () => new omg.Client({ merchantId: '2000132' }),
    (e) => e instanceof omg.ValidationError && e.errors.map((x) => x.field).join() === 'hashKey,hashIv',
  );
  assert.throws(
    () => new omg.Client({ environment: 'production' }),
    (e) => e instanceof omg.ValidationError && e.errors.map((x) => x.field).join() === 'merchantId,hashKey,hashIv',
  );
  // Any casing of a name is that setting; two spellings of one setting are refused.
  assert.equal(omg.Client.stage({ BASE_URL: 'http://127.0.0.1:9' }).baseUrl, 'http://127.0.0.1:9');
  assert.throws(() => omg.Client.stage({ readTimeout: 1, readTimeoutMs: 1000 }), refused('readTimeout', 'duplicate'));
});

test('a huge notification body is refused before parsing (string and Buffer)', () => {
  const huge = `A=${'x'.repeat(8 * 1024 * 1024)}`;
  assert.throws(
    () => client.verifyNotification(huge),
    (e) => e instanceof omg.DecodeError && /65536 bytes/.test(e.message),
  );
  assert.throws(() => client.verifyNotification(Buffer.from(huge)), omg.DecodeError);
  const justOver = Buffer.alloc(omg.MAX_NOTIFICATION_BYTES + 1, 0x61);
  assert.throws(() => client.verifyNotification(justOver), omg.DecodeError);
});

test('bytes that are not UTF-8 are a DecodeError, raw or percent-encoded', () => {
  for (const bytes of [
    Buffer.from([0xff, 0xfe, 0x3d, 0x31]),
    Buffer.from('A=%ff%fe'),
    Buffer.from([0x41, 0x3d, 0xc3, 0x28]),
    Buffer.from('A=%C3%28'),
  ]) {
    assert.throws(() => client.verifyNotification(bytes), omg.DecodeError, bytes.toString('hex'));
  }
});

test('random bytes never crash the process', () => {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 2000; i += 1) {
    const length = Math.floor(random() * 200);
    const bytes = Buffer.alloc(length);
    for (let j = 0; j < length; j += 1) bytes[j] = '=&%+A1 \xff'.charCodeAt(Math.floor(random() * 9)) & 0xff;
    try {
      client.verifyNotification(bytes);
    } catch (error) {
      assert.ok(error instanceof omg.OmgError, `${bytes.toString('hex')}: ${error}`);
    }
  }
});

test('NUL characters inside keys or values are signed like any other character', () => {
  const native = require('../lib/native');
  const fields = { 'A\u0000B': '1', C: 'x\u0000y', D: '\u0000' };
  // The fast path packs fields with NUL separators; it must notice and fall back.
  assert.equal(omg.checkMacValue(fields, 'k', 'i'), native.checkMacValue(fields, 'k', 'i'));
  assert.notEqual(omg.checkMacValue({ A: 'x\u0000y' }, 'k', 'i'), omg.checkMacValue({ A: 'x', y: '' }, 'k', 'i'));
});

test('lone surrogates in strings are refused, not crashed on (tests/security.test.js for more)', () => {
  assert.throws(() => omg.checkMacValue({ A: '\ud800' }, 'k', 'i'), TypeError);
});

test('a getter that throws inside an order propagates its own error', () => {
  const hostile = { ...order };
  Object.defineProperty(hostile, 'remark', {
    enumerable: true,
    get() {
      throw new RangeError('boom');
    },
  });
  assert.throws(
    () => client.checkout(hostile),
    (e) => e instanceof RangeError && e.message === 'boom',
  );
});

test('very many fields and very long values are handled', () => {
  const many = {};
  for (let i = 0; i < 5000; i += 1) many[`F${i}`] = String(i);
  // More fields than a notification body may hold: refused, not signed (field-caps.test.js).
  assert.throws(() => omg.checkMacValue(many, 'k', 'i'), omg.DecodeError);
  assert.throws(
    () => client.checkout({ ...order, itemName: 'x'.repeat(100000) }),
    (e) => e instanceof omg.ValidationError && e.errors[0].rule === 'max_length',
  );
});
