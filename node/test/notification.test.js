'use strict';
// client.verifyNotification and the notification classes.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');

const client = omg.Client.stage();
const KEY = '265flDjIvesceXWM';
const IV = 'pOOvhGd1V2pJbjfX';

test('each template verifies as the class of its kind, with the overrides', () => {
  const cases = [
    ['payment_result', omg.PaymentResult, 'payment_result'],
    ['atm_code_issued', omg.PaymentCodeIssued, 'payment_code_issued'],
    ['cvs_code_issued', omg.PaymentCodeIssued, 'payment_code_issued'],
    ['barcode_code_issued', omg.PaymentCodeIssued, 'payment_code_issued'],
    ['period_charge', omg.PeriodCharge, 'period_charge'],
  ];
  for (const [template, cls, kind] of cases) {
    const n = client.verifyNotification(
      client.signTestNotification(template, { MerchantTradeNo: 'A1', X_Extra: 'kept' }),
    );
    assert.ok(n instanceof cls, template);
    assert.ok(n instanceof omg.Notification, template);
    assert.equal(n.kind, kind);
    assert.equal(n.merchantId, '1000031');
    assert.equal(n.merchantTradeNo, 'A1');
    assert.equal(n.raw.X_Extra, 'kept', 'unknown fields are kept and verified');
    assert.equal(n.get('X_Extra'), 'kept');
    assert.equal(n.get('Nope'), undefined);
  }
});

test('a payment result: typed accessors, raw in order, paid, dedupe key', () => {
  const body = client.signTestNotification('payment_result', {
    MerchantTradeNo: 'A240101',
    TradeNo: '2401011000001234',
    TradeAmt: 1200,
    PaymentType: 'Credit_CreditCard',
    PaymentDate: '2024/01/01 10:01:00',
    CustomField1: 'c1',
    card4no: '2222',
    gwsr: '11223344',
    amount: 1200,
  });
  const n = client.verifyNotification(body);
  assert.ok(n instanceof omg.PaymentResult);
  assert.equal(n.rtnCode, 1);
  assert.equal(n.tradeAmt, 1200);
  assert.equal(n.tradeNo, '2401011000001234');
  assert.equal(n.paymentDate, '2024/01/01 10:01:00');
  assert.equal(n.card4no, '2222');
  assert.equal(n.gwsr, '11223344');
  assert.equal(n.amount, 1200);
  assert.equal(n.amountField, 'TradeAmt');
  assert.deepEqual(n.customFields, ['c1', '', '', '']);
  assert.equal(n.isPaid, true);
  assert.equal(n.isSimulated, false);
  assert.equal(n.dedupeKey, 'payment_result|a240101|2401011000001234|1');
  assert.equal(Object.keys(n.raw)[0], 'MerchantID');
  assert.equal(Object.keys(n.raw).at(-1), 'CheckMacValue');
  assert.ok(Object.isFrozen(n.raw));
  assert.equal(n.raw, n.raw, 'raw is built once');
  assert.equal(n.bankCode, undefined, 'a payment result has no code fields');
  assert.deepEqual(JSON.parse(JSON.stringify(n)).kind, 'payment_result');
});

test('a re-sent copy has the same dedupe key even with another RtnMsg; a different event does not', () => {
  const first = client.verifyNotification(
    client.signTestNotification('payment_result', { MerchantTradeNo: 'A1', TradeNo: 'T1', RtnMsg: '交易成功' }),
  );
  const resent = client.verifyNotification(
    client.signTestNotification('payment_result', { MerchantTradeNo: 'A1', TradeNo: 'T1', RtnMsg: 'paid' }),
  );
  const failed = client.verifyNotification(
    client.signTestNotification('payment_result', { MerchantTradeNo: 'A1', TradeNo: 'T1', RtnCode: 10200095 }),
  );
  assert.equal(first.dedupeKey, resent.dedupeKey);
  assert.notEqual(first.dedupeKey, failed.dedupeKey);
  assert.equal(failed.isPaid, false);
});

test('SimulatePaid=1 is a simulation', () => {
  const n = client.verifyNotification(client.signTestNotification('payment_result', { SimulatePaid: 1 }));
  assert.equal(n.isSimulated, true);
  assert.equal(n.isPaid, false, 'no money moved (protocol.md §5)');
  assert.ok(n.dedupeKey.endsWith('|simulated'));
});

test('payment codes: ATM account, CVS code, BARCODE segments', () => {
  const atm = client.verifyNotification(
    client.signTestNotification('atm_code_issued', {
      BankCode: '007',
      vAccount: '9103522175887271',
      ExpireDate: '2024/01/04',
    }),
  );
  assert.deepEqual(
    [atm.rtnCode, atm.bankCode, atm.vAccount, atm.expireDate, atm.isPaid],
    [2, '007', '9103522175887271', '2024/01/04', false],
  );
  const cvs = client.verifyNotification(client.signTestNotification('cvs_code_issued', { PaymentNo: 'LLL22251222' }));
  assert.deepEqual([cvs.rtnCode, cvs.paymentNo, cvs.barcodes], [10100073, 'LLL22251222', undefined]);
  const bar = client.verifyNotification(
    client.signTestNotification('barcode_code_issued', {
      Barcode1: '240101TP',
      Barcode2: '1234567890123456',
      Barcode3: '010112000001200',
    }),
  );
  assert.deepEqual(bar.barcodes, ['240101TP', '1234567890123456', '010112000001200']);
  assert.match(omg.barcodeSvg(bar.barcodes), /^<svg/);
});

test('a period charge reads Amount and Gwsr', () => {
  const n = client.verifyNotification(
    client.signTestNotification('period_charge', { Amount: 299, Gwsr: '99', TotalSuccessTimes: 3, ExecTimes: 12 }),
  );
  assert.deepEqual(
    [n.amount, n.gwsr, n.totalSuccessTimes, n.execTimes, n.amountField, n.isPaid],
    [299, '99', 3, 12, 'Amount', true],
  );
  assert.notEqual(
    n.dedupeKey,
    client.verifyNotification(
      client.signTestNotification('period_charge', { Amount: 299, Gwsr: '100', TotalSuccessTimes: 4 }),
    ).dedupeKey,
  );
});

test('expectAmount passes on the order amount and throws ValidationError otherwise', () => {
  const n = client.verifyNotification(client.signTestNotification('payment_result', { TradeAmt: 1200 }));
  assert.equal(n.expectAmount(1200), undefined);
  assert.throws(
    () => n.expectAmount(1300),
    (e) =>
      e instanceof omg.ValidationError && e.errors[0].field === 'TradeAmt' && e.errors[0].rule === 'amount_mismatch',
  );
  const decimal = client.verifyNotification(client.signTestNotification('payment_result', { TradeAmt: '1200.00' }));
  assert.throws(
    () => decimal.expectAmount(1200),
    (e) => e.errors[0].rule === 'format',
  );
  // An amount as every language takes it (the contract's Amount): a whole number or its digits.
  assert.equal(n.expectAmount('1200'), undefined);
  // A BigInt too (a BIGINT column as database drivers hand it over), compared by value.
  assert.equal(n.expectAmount(1200n), undefined);
  assert.throws(
    () => n.expectAmount(1300n),
    (e) => e instanceof omg.ValidationError && e.errors[0].rule === 'amount_mismatch',
  );
  assert.throws(
    () => n.expectAmount(2n ** 64n),
    (e) => e instanceof RangeError && e.code === 'ERR_OUT_OF_RANGE' && /"amount"/.test(e.message),
  );
  assert.throws(() => n.expectAmount('12.00'), TypeError);
  assert.throws(() => n.expectAmount(null), TypeError);
});

test('the body may be a Buffer, a Uint8Array, a string or fields already parsed', () => {
  const body = client.signTestNotification('payment_result', { MerchantTradeNo: 'A1', TradeDesc: '手機殼 a+b' });
  const fromString = client.verifyNotification(body);
  const fromBuffer = client.verifyNotification(Buffer.from(body));
  const bytes = new TextEncoder().encode(body);
  const fromView = client.verifyNotification(new Uint8Array(bytes.buffer, 0, bytes.length));
  const fromFields = client.verifyNotification(Object.fromEntries(new URLSearchParams(body)));
  for (const n of [fromString, fromBuffer, fromView, fromFields]) {
    assert.equal(n.get('TradeDesc'), '手機殼 a+b');
    assert.equal(n.dedupeKey, fromString.dedupeKey);
  }
});

test('signTestNotification without a client: exactly the fields given, or a template', () => {
  const body = omg.signTestNotification(
    { MerchantID: '1000031', MerchantTradeNo: 'A1', RtnCode: 1, TradeNo: 'T1' },
    KEY,
    IV,
  );
  const params = new URLSearchParams(body);
  assert.deepEqual([...params.keys()], ['MerchantID', 'MerchantTradeNo', 'RtnCode', 'TradeNo', 'CheckMacValue']);
  assert.equal(client.verifyNotification(body).rtnCode, 1);
  const templated = omg.signTestNotification({ MerchantID: '1000031', TradeAmt: 5 }, KEY, IV, {
    kind: 'payment_result',
  });
  assert.equal(client.verifyNotification(templated).tradeAmt, 5);
});

test('ACK and nack', () => {
  assert.equal(omg.ACK, '1|OK');
  assert.equal(omg.nack('bad\nthing'), '0|bad thing');
  assert.equal(omg.MAX_NOTIFICATION_BYTES, 65536);
});

test('notifications cannot be constructed directly', () => {
  assert.throws(() => new omg.Notification(), TypeError);
  assert.throws(() => new omg.PaymentResult());
});

test('lowercase and mixed-case percent-escapes verify like uppercase ones', () => {
  const body = client.signTestNotification('payment_result', { MerchantTradeNo: 'A5', CustomField1: '手機殼 a+b' });
  assert.ok(body.includes('%E6'));
  const parts = body.split('%');
  const lower =
    parts[0] +
    parts
      .slice(1)
      .map((p) => `%${p.slice(0, 2).toLowerCase()}${p.slice(2)}`)
      .join('');
  const mixed =
    parts[0] +
    parts
      .slice(1)
      .map((p, i) => `%${i % 2 ? p.slice(0, 2).toLowerCase() : p.slice(0, 2)}${p.slice(2)}`)
      .join('');
  assert.equal(new Set([body, lower, mixed]).size, 3);
  const expected = client.verifyNotification(body).raw;
  for (const variant of [lower, mixed, Buffer.from(lower)]) {
    const n = client.verifyNotification(variant);
    assert.deepEqual(n.raw, expected);
    assert.equal(n.raw.CustomField1, '手機殼 a+b');
  }
});
