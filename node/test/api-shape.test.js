'use strict';
// The public API, name by name: what a program can rely on being there.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('omg-payment');
const omgExpress = require('omg-payment/express');

test('the package exports exactly the documented names', () => {
  assert.deepEqual(Object.keys(omg).sort(), [
    'ACK',
    'Checkout',
    'Client',
    'DecodeError',
    'GatewayError',
    'MAX_NOTIFICATION_BYTES',
    'Notification',
    'OmgError',
    'PaymentCodeIssued',
    'PaymentResult',
    'PeriodCharge',
    'SignatureError',
    'TransportError',
    'ValidationError',
    'barcodeSvg',
    'checkMacValue',
    'describeCode',
    'explain',
    'generateMerchantTradeNo',
    'knownCodes',
    'nack',
    'signTestNotification',
  ]);
  assert.deepEqual(Object.keys(omgExpress).sort(), [
    'ACK',
    'NotificationRefused',
    'RawBodyUnavailableError',
    'ack',
    'captureRawBody',
    'nack',
    'notificationHandler',
    'notificationMiddleware',
  ]);
});

test('Client: factories, properties, pure methods, async methods', () => {
  assert.equal(typeof omg.Client.stage, 'function');
  assert.equal(typeof omg.Client.fromEnv, 'function');
  const client = omg.Client.stage();
  assert.equal(client.merchantId, '1000031');
  assert.equal(client.baseUrl, 'https://payment-stage.funpoint.com.tw');
  assert.equal(client.isProduction, false);
  for (const name of ['checkout', 'verifyNotification', 'signTestNotification'])
    assert.equal(typeof client[name], 'function', name);
  const AsyncFunction = (async () => {}).constructor;
  for (const name of [
    'checkCredentials',
    'queryTrade',
    'queryPeriod',
    'cancelPeriod',
    'capture',
    'refund',
    'cancelCapture',
    'abandon',
    'queryCreditDetail',
  ]) {
    assert.ok(client[name] instanceof AsyncFunction, `${name} returns a Promise`);
  }
  assert.equal(omg.Client.stage({ baseUrl: 'http://127.0.0.1:9/' }).baseUrl, 'http://127.0.0.1:9');
  const own = new omg.Client({ merchantId: '2000132', hashKey: 'k', hashIv: 'i', environment: 'production' });
  assert.equal(own.baseUrl, 'https://payment.funpoint.com.tw');
  assert.deepEqual(own.toJSON(), { merchantId: '2000132', baseUrl: 'https://payment.funpoint.com.tw' });
  assert.equal(own.platformId, undefined);
  assert.equal(
    new omg.Client({ merchantId: '3000001', hashKey: 'k', hashIv: 'i', platformId: '3000' }).platformId,
    '3000',
  );
});

test('client.settings: the effective settings in seconds; the older ...Ms options still count', () => {
  const client = omg.Client.stage({ readTimeoutMs: 2500, connectTimeout: '1.5', retries: 0 });
  assert.equal(client.settings.readTimeout, 2.5);
  assert.equal(client.settings.connectTimeout, 1.5);
  assert.equal(client.settings.retries, 0);
  assert.equal(client.settings.maxBackoff, 2, 'a default');
  const secret = new omg.Client({
    merchantId: '2000132',
    hashKey: 'SECRETKEY1234567',
    hashIv: 'SECRETIV12345678',
    creditCheckCode: '998877',
  });
  assert.equal(secret.settings.hasCreditCheckCode, true);
  assert.doesNotMatch(JSON.stringify(secret.settings), /SECRET|998877/);
});

test('DoAction and QueryTrade/V2 are refused before sending on the stage host', async () => {
  // The real stage gateway has no such APIs (protocol.md §1).
  const client = new omg.Client({ merchantId: '2000132', hashKey: 'k', hashIv: 'i', creditCheckCode: '1' });
  for (const call of [() => client.capture('A1', 'T1', 100), () => client.queryCreditDetail('123', 100)]) {
    await assert.rejects(
      call(),
      (e) =>
        e instanceof omg.ValidationError && e.errors[0].field === 'environment' && e.errors[0].rule === 'no_stage_api',
    );
  }
});

test('Client.fromEnv reads OMG_* variables', () => {
  const saved = { ...process.env };
  try {
    Object.assign(process.env, {
      OMG_MERCHANT_ID: '3002607',
      OMG_HASH_KEY: 'pwFHCqoQZGmho4w6',
      OMG_HASH_IV: 'EkRm7iFT261dpevs',
      OMG_BASE_URL: 'http://127.0.0.1:9',
    });
    const client = omg.Client.fromEnv();
    assert.equal(client.merchantId, '3002607');
    assert.equal(client.baseUrl, 'http://127.0.0.1:9');
    delete process.env.OMG_HASH_IV;
    assert.throws(
      () => omg.Client.fromEnv(),
      (e) => e instanceof omg.ValidationError && e.errors[0].field === 'OMG_HASH_IV',
    );
  } finally {
    for (const name of ['OMG_MERCHANT_ID', 'OMG_HASH_KEY', 'OMG_HASH_IV', 'OMG_BASE_URL']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
});

test('describeCode and knownCodes', () => {
  assert.deepEqual(omg.describeCode(10200073), {
    code: 10200073,
    zh: '檢查碼錯誤（CheckMacValue Error）',
    en: 'CheckMacValue error',
    category: 'signature',
    confirmed: true,
  });
  assert.equal(omg.describeCode('1').category, 'success');
  const unknown = omg.describeCode(424242);
  assert.deepEqual([unknown.code, unknown.category, unknown.confirmed], [424242, 'unknown', false]);
  const known = omg.knownCodes();
  assert.ok(known.length >= 10);
  assert.ok(known.every((c) => omg.describeCode(c.code).en === c.en));
});

test('barcodeSvg draws one segment or several stacked', () => {
  const one = omg.barcodeSvg('1234567890');
  const three = omg.barcodeSvg(['240101TP', '1234567890123456', '010112000001200']);
  assert.match(one, /^<svg[\s\S]*<\/svg>\s*$/);
  assert.ok(three.includes('240101TP') && three.includes('010112000001200'));
  const height = (svg) => Number(/height="(\d+)"/.exec(svg)[1]);
  assert.ok(height(three) > height(one) * 2);
});

test('barcodeSvg refuses more than a CVS barcode can be, naming the segment (issue 21 item 7)', () => {
  // A BARCODE payment has three segments of 9 to 16 characters; 64 is the cap.
  assert.match(omg.barcodeSvg('A'.repeat(64)), /^<svg/);
  for (const [segments, field, rule] of [
    ['A'.repeat(65), 'Barcode', 'max_length'],
    ['1'.repeat(1_000_000), 'Barcode', 'max_length'], // was a 239 MB SVG
    [['1301015EA', 'A'.repeat(65), '0101K70000001200'], 'Barcode2', 'max_length'],
    [Array(4).fill('1301015EA'), 'Barcode', 'range'],
  ]) {
    assert.throws(
      () => omg.barcodeSvg(segments),
      (e) =>
        e instanceof omg.ValidationError &&
        e.errors.length === 1 &&
        e.errors[0].field === field &&
        e.errors[0].rule === rule,
    );
  }
});

test('Notification toJSON and inspect show fields, never keys', () => {
  const client = omg.Client.stage();
  const n = client.verifyNotification(client.signTestNotification('payment_result', { MerchantTradeNo: 'A1' }));
  const text = require('node:util').inspect(n);
  assert.match(text, /^PaymentResult \{/);
  assert.ok(!text.includes('265flDjIvesceXWM'));
  assert.deepEqual(Object.keys(n.toJSON()), ['kind', 'dedupeKey', 'isPaid', 'isSimulated', 'raw']);
});
