'use strict';
// client.checkout: every payment method and option becomes the right signed wire fields.

const test = require('node:test');
const assert = require('node:assert/strict');
const omg = require('..');

const client = omg.Client.stage();
const KEY = '265flDjIvesceXWM';
const IV = 'pOOvhGd1V2pJbjfX';

const base = {
  merchantTradeNo: 'A240101080000XYZ',
  merchantTradeDate: '2024/01/01 08:00:00',
  totalAmount: 1200,
  tradeDesc: '線上商店',
  itemName: ['T-shirt', 'Mug'],
  returnUrl: 'https://shop.example/omg/return',
};

/** The fields of a checkout, and a check that they are signed correctly. */
function fieldsOf(order) {
  const checkout = client.checkout(order);
  const { CheckMacValue, ...rest } = checkout.fields;
  assert.equal(omg.checkMacValue(rest, KEY, IV), CheckMacValue, 'the checkout is signed over its fields');
  assert.equal(Object.keys(checkout.fields).at(-1), 'CheckMacValue', 'CheckMacValue comes last');
  return checkout.fields;
}

test('the common fields, in wire order, MerchantID from the client', () => {
  const f = fieldsOf({ ...base, choosePayment: 'Credit' });
  assert.deepEqual(Object.keys(f).slice(0, 10), [
    'MerchantID',
    'MerchantTradeNo',
    'MerchantTradeDate',
    'PaymentType',
    'TotalAmount',
    'TradeDesc',
    'ItemName',
    'ReturnURL',
    'ChoosePayment',
    'EncryptType',
  ]);
  assert.equal(f.MerchantID, '1000031');
  assert.equal(f.PaymentType, 'aio');
  assert.equal(f.EncryptType, '1');
  assert.equal(f.TotalAmount, '1200');
  assert.equal(f.ItemName, 'T-shirt#Mug');
  assert.equal(f.TradeDesc, '線上商店');
});

test('MerchantTradeDate defaults to the current Taiwan time', () => {
  const { merchantTradeDate, ...order } = base;
  const f = client.checkout({ ...order, choosePayment: 'Credit' }).fields;
  assert.match(f.MerchantTradeDate, /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
  const taiwanNow = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10).replaceAll('-', '/');
  assert.ok(f.MerchantTradeDate.startsWith(taiwanNow.slice(0, 8)), `${f.MerchantTradeDate} vs ${taiwanNow}`);
});

test('every optional common field', () => {
  const f = fieldsOf({
    ...base,
    choosePayment: 'Credit',
    storeId: 'S1',
    orderResultUrl: 'https://shop.example/result',
    clientBackUrl: 'https://shop.example/',
    itemUrl: 'https://shop.example/item',
    remark: 'note',
    platformId: '',
    invoiceMark: 'N',
    customField1: 'a1',
    customField2: 'b2',
    customField3: 'c3',
    customField4: 'd4',
    language: 'ENG',
    needExtraPaidInfo: true,
    riskMerchantMemberId: 'm1',
    deviceSource: '',
  });
  for (const [name, value] of Object.entries({
    StoreID: 'S1',
    OrderResultURL: 'https://shop.example/result',
    ClientBackURL: 'https://shop.example/',
    ItemURL: 'https://shop.example/item',
    Remark: 'note',
    PlatformID: '',
    InvoiceMark: 'N',
    CustomField1: 'a1',
    CustomField2: 'b2',
    CustomField3: 'c3',
    CustomField4: 'd4',
    Language: 'ENG',
    NeedExtraPaidInfo: 'Y',
    RiskMerchantMemberID: 'm1',
    DeviceSource: '',
  })) {
    assert.equal(f[name], value, name);
  }
});

test('credit card, one-time, with its options', () => {
  const f = fieldsOf({ ...base, choosePayment: 'Credit', bindingCard: true, merchantMemberId: 'member7', unionPay: 2 });
  assert.equal(f.ChoosePayment, 'Credit');
  assert.equal(f.BindingCard, '1');
  assert.equal(f.MerchantMemberID, 'member7');
  assert.equal(f.UnionPay, '2');
});

test('credit card in installments', () => {
  const f = fieldsOf({ ...base, choosePayment: 'Credit', creditInstallment: [3, 6, 12] });
  assert.equal(f.CreditInstallment, '3,6,12');
});

test('recurring credit card', () => {
  const f = fieldsOf({
    ...base,
    choosePayment: 'Credit',
    periodAmount: 1200,
    periodType: 'M',
    frequency: 1,
    execTimes: 12,
    periodReturnUrl: 'https://shop.example/period',
  });
  assert.deepEqual(
    [f.PeriodAmount, f.PeriodType, f.Frequency, f.ExecTimes, f.PeriodReturnURL],
    ['1200', 'M', '1', '12', 'https://shop.example/period'],
  );
});

test('BigInt amounts (a BIGINT column as database drivers hand it over) sign as their digits', () => {
  const recurring = { periodAmount: 1200n, periodType: 'M', frequency: 1n, execTimes: 12 };
  const f = fieldsOf({ ...base, totalAmount: 1200n, choosePayment: 'Credit', ...recurring });
  assert.deepEqual([f.TotalAmount, f.PeriodAmount, f.Frequency], ['1200', '1200', '1']);
  assert.equal(fieldsOf({ ...base, choosePayment: 'Credit', creditInstallment: [3n, 6] }).CreditInstallment, '3,6');
  const order = { ...base, totalAmount: 1200n, choosePayment: 'Credit' };
  client.checkout(order);
  assert.equal(order.totalAmount, 1200n, "the caller's order is left as it was");
  assert.throws(
    () => client.checkout({ ...base, totalAmount: 2n ** 60n, choosePayment: 'Credit' }),
    (e) => e instanceof RangeError && e.code === 'ERR_OUT_OF_RANGE' && /"order.totalAmount"/.test(e.message),
  );
});

test('ATM', () => {
  const f = fieldsOf({
    ...base,
    choosePayment: 'ATM',
    chooseSubPayment: 'FIRST',
    expireDate: 5,
    paymentInfoUrl: 'https://shop.example/info',
    clientRedirectUrl: 'https://shop.example/code',
  });
  assert.deepEqual(
    [f.ChoosePayment, f.ChooseSubPayment, f.ExpireDate, f.PaymentInfoURL, f.ClientRedirectURL],
    ['ATM', 'FIRST', '5', 'https://shop.example/info', 'https://shop.example/code'],
  );
  assert.equal(fieldsOf({ ...base, choosePayment: 'ATM', expireMinute: 30 }).ExpireMinute, '30');
});

test('CVS (StoreExpireDate in minutes) and BARCODE (in days), with Desc_1..4', () => {
  const cvs = fieldsOf({
    ...base,
    choosePayment: 'CVS',
    chooseSubPayment: 'FAMILY',
    storeExpireDate: 4320,
    desc1: 'd1',
    desc2: 'd2',
    desc3: 'd3',
    desc4: 'd4',
  });
  assert.deepEqual(
    [cvs.ChoosePayment, cvs.ChooseSubPayment, cvs.StoreExpireDate, cvs.Desc_1, cvs.Desc_4],
    ['CVS', 'FAMILY', '4320', 'd1', 'd4'],
  );
  const barcode = fieldsOf({ ...base, choosePayment: 'BARCODE', storeExpireDate: 7, desc_2: 'x' });
  assert.deepEqual([barcode.ChoosePayment, barcode.StoreExpireDate, barcode.Desc_2], ['BARCODE', '7', 'x']);
});

test('AFTEE and ALL', () => {
  assert.equal(fieldsOf({ ...base, choosePayment: 'AFTEE' }).ChoosePayment, 'AFTEE');
  const all = fieldsOf({
    ...base,
    choosePayment: 'ALL',
    ignorePayment: ['AFTEE', 'CVS'],
    paymentInfoUrl: 'https://shop.example/info',
  });
  assert.equal(all.ChoosePayment, 'ALL');
  assert.equal(all.IgnorePayment, 'AFTEE#CVS');
});

test('any casing of a wire name is accepted, extra fields are sent last as given', () => {
  const f = fieldsOf({
    merchant_trade_no: 'A1',
    TotalAmount: 10,
    tradedesc: 'x',
    ItemName: 'y',
    ReturnURL: 'https://a.example/r',
    choosePayment: 'Credit',
    extra: { X_Campaign: 'spring' },
  });
  assert.equal(f.MerchantTradeNo, 'A1');
  assert.equal(f.X_Campaign, 'spring');
  assert.equal(Object.keys(f).at(-2), 'X_Campaign');
});

test('Checkout: actionUrl, frozen fields, HTML form with every value escaped', () => {
  // An HTML tag is refused (protocol.md §4); "<3" is not one, and must still be escaped.
  assert.throws(() => client.checkout({ ...base, choosePayment: 'Credit', tradeDesc: '<shop>' }), omg.ValidationError);
  const checkout = client.checkout({ ...base, choosePayment: 'Credit', tradeDesc: 'Tom\'s "best" <3 shop> & co' });
  assert.equal(checkout.actionUrl, 'https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5');
  assert.ok(Object.isFrozen(checkout.fields));
  assert.equal(checkout.fields, checkout.fields, 'the same object each time');
  const html = checkout.html();
  assert.match(
    html,
    /<form id="omg-checkout" method="post" action="https:\/\/payment-stage\.funpoint\.com\.tw\/Cashier\/AioCheckOut\/V5"/,
  );
  assert.ok(
    html.includes('value="Tom&#39;s &quot;best&quot; &lt;3 shop&gt; &amp; co"') ||
      html.includes('value="Tom&#x27;s &quot;best&quot; &lt;3 shop&gt; &amp; co"'),
    html,
  );
  assert.ok(!html.includes('<3 shop>'));
  // Every field is in the form, escaped (written out here, not taken from the library).
  const escapeHtml = (v) =>
    v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  for (const [name, value] of Object.entries(checkout.fields)) {
    assert.ok(html.includes(`name="${escapeHtml(name)}" value="${escapeHtml(value)}"`), name);
  }
  assert.deepEqual(JSON.parse(JSON.stringify(checkout)), {
    actionUrl: checkout.actionUrl,
    fields: { ...checkout.fields },
  });
});

test('every broken rule is reported at once, each naming its wire field', () => {
  assert.throws(
    () =>
      client.checkout({
        merchantTradeNo: 'A-1',
        totalAmount: 0,
        tradeDesc: '',
        itemName: 'x',
        returnUrl: 'not a url',
        choosePayment: 'Credit',
      }),
    (error) => {
      assert.ok(error instanceof omg.ValidationError);
      const got = error.errors.map((e) => `${e.field}:${e.rule}`);
      for (const expected of [
        'MerchantTradeNo:charset',
        'TotalAmount:range',
        'TradeDesc:required',
        'ReturnURL:format',
      ]) {
        assert.ok(got.includes(expected), `${expected} in ${got}`);
      }
      for (const e of error.errors) assert.equal(typeof e.message, 'string');
      return true;
    },
  );
});

test('a field of another payment method, an unknown name, a field the SDK fills: all refused', () => {
  assert.throws(
    () => client.checkout({ ...base, choosePayment: 'ATM', periodAmount: 5, colour: 'red', merchantId: '2000132' }),
    (error) => {
      const got = error.errors.map((e) => `${e.field}:${e.rule}`);
      for (const expected of ['PeriodAmount:not_allowed', 'colour:unknown', 'MerchantID:not_allowed'])
        assert.ok(got.includes(expected), `${expected} in ${got}`);
      return error instanceof omg.ValidationError;
    },
  );
});

test('production refuses the stage keys and callbacks that are not HTTPS on 443/80', () => {
  const prod = new omg.Client({ merchantId: '1000031', hashKey: KEY, hashIv: IV, environment: 'production' });
  assert.equal(prod.isProduction, true);
  assert.throws(
    () => prod.checkout({ ...base, choosePayment: 'Credit', returnUrl: 'http://shop.example:8080/r' }),
    (error) => {
      const got = error.errors.map((e) => `${e.field}:${e.rule}`);
      for (const expected of ['MerchantID:stage_credentials', 'ReturnURL:https', 'ReturnURL:port'])
        assert.ok(got.includes(expected), `${expected} in ${got}`);
      return true;
    },
  );
});

test('generateMerchantTradeNo: 20 characters, prefix kept, never repeated', () => {
  const seen = new Set();
  for (let i = 0; i < 500; i += 1) {
    const no = omg.generateMerchantTradeNo('S');
    assert.match(no, /^S\d{12}[0-9A-Z]{7}$/);
    seen.add(no);
  }
  assert.equal(seen.size, 500);
  assert.match(omg.generateMerchantTradeNo(), /^A/);
  assert.throws(() => omg.generateMerchantTradeNo('ABC'), omg.ValidationError);
});

test('production warns about a plain-http browser URL and refuses a plain-http server callback', () => {
  // protocol.md §1: plain http only makes the payer's browser warn; server callbacks stay strict.
  const own = new omg.Client({
    merchantId: '3002607',
    hashKey: 'pwFHCqoQZGmho4w6',
    hashIv: 'EkRm7iFT261dpevs',
    environment: 'production',
  });
  const order = { ...base, choosePayment: 'Credit', orderResultUrl: 'http://shop.example/omg/result' };
  assert.deepEqual(
    own.checkout(order).warnings.map((w) => [w.field, w.rule]),
    [['OrderResultURL', 'https']],
  );
  assert.deepEqual(client.checkout({ ...base, choosePayment: 'Credit' }).warnings, []);
  assert.throws(
    () => own.checkout({ ...order, returnUrl: 'http://shop.example/omg/return' }),
    (e) => e instanceof omg.ValidationError && e.errors[0].field === 'ReturnURL',
  );
});

test('an item holding the separator, or an empty one, is refused rather than split', () => {
  for (const [items, rule] of [
    [['T-shirt #1', 'Mug'], 'separator'],
    [['T-shirt', ''], 'empty_item'],
  ]) {
    assert.throws(
      () => client.checkout({ ...base, choosePayment: 'Credit', itemName: items }),
      (e) => e instanceof omg.ValidationError && e.errors[0].field === 'ItemName' && e.errors[0].rule === rule,
    );
  }
});
