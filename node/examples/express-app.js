'use strict';
// A small shop on Express with omg-payment: every order kind, every notification endpoint,
// order status, capture and refund, with orders in SQLite (better-sqlite3).
//
//   cargo run --release -p omg-sim -- --port 8090   # terminal 1: the offline gateway
//   node examples/express-app.js                    # terminal 2: prints http://127.0.0.1:3000
//
// The same shop as python/examples/fastapi_app.py. Environment:
// - OMG_MERCHANT_ID, OMG_HASH_KEY, OMG_HASH_IV, OMG_CREDIT_CHECK_CODE, OMG_ENV (stage |
//   production), OMG_BASE_URL: the merchant and the gateway (Client.fromEnv). With none of
//   OMG_ENV, OMG_BASE_URL, OMG_MERCHANT_ID set, the shop talks to omg-sim at
//   http://127.0.0.1:8090 with the public stage merchant.
// - OMG_SHOP_URL: this shop's public base URL, for the callback URLs (default http://HOST:PORT;
//   in production an https URL on port 443).
// - OMG_SHOP_DB: the SQLite file (default shop.sqlite3). PORT (3000; 0 picks a free one), HOST
//   (127.0.0.1).
//
// What it shows (protocol.md §10, the self-check before going live):
// - fulfilment only from the server notification (ReturnURL), exactly once per event even when
//   the gateway sends it again: the notification's dedupeKey is stored under a UNIQUE constraint
//   in the same transaction as the fulfilment;
// - the paid amount is checked against the order (expectAmount) before anything ships;
// - SimulatePaid=1 (a back-office simulation) is recorded but never fulfilled;
// - a forged or tampered notification is refused with 0|... by the middleware;
// - the browser notifications (OrderResultURL, ClientRedirectURL) only show pages.

const express = require('express');
const Database = require('better-sqlite3');
const omg = require('omg-payment');
const {
  notificationMiddleware,
  notificationHandler,
  captureRawBody,
  NotificationRefused,
} = require('omg-payment/express');

/** Where omg-sim listens in development (`omg-sim --port 8090`). */
const DEV_GATEWAY = 'http://127.0.0.1:8090';
/** omg-sim's CreditCheckCode for the stage merchant (QueryTrade/V2 needs one). */
const DEV_CREDIT_CHECK_CODE = '59997889';

/** What the shop sells: one product per order kind, so every payment method can be tried. */
const KINDS = {
  card: { label: 'Credit card', amount: 1200, item: 'T-shirt' },
  installments: { label: 'Credit card in 3 or 6 installments', amount: 12000, item: 'Bicycle' },
  recurring: { label: 'Monthly subscription (3 charges)', amount: 299, item: 'Coffee club' },
  atm: { label: 'ATM transfer', amount: 2500, item: 'Desk lamp' },
  cvs: { label: 'Convenience store code', amount: 450, item: 'Mug#Coaster' },
  barcode: { label: 'Convenience store barcode', amount: 880, item: 'Notebook' },
  aftee: { label: 'AFTEE (pay later)', amount: 1500, item: 'Headphones' },
  all: { label: 'Any method (payer chooses)', amount: 990, item: 'Gift card' },
};

// ---------------------------------------------------------------------------------------------
// Storage

function openDatabase(file) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS orders (
      merchant_trade_no TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      item TEXT NOT NULL,
      amount INTEGER NOT NULL,
      status TEXT NOT NULL DEFAULT 'created',   -- created, code_issued, paid, simulated, failed, amount_mismatch
      trade_no TEXT,
      payment_type TEXT,
      gwsr TEXT,                                -- card authorisation number (QueryTrade/V2)
      payment_code TEXT,                        -- JSON: bank/account, CVS code or barcodes
      simulated INTEGER NOT NULL DEFAULT 0,
      periods_paid INTEGER NOT NULL DEFAULT 0,
      captured_amount INTEGER NOT NULL DEFAULT 0,
      refunded_amount INTEGER NOT NULL DEFAULT 0,
      note TEXT,
      created_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    -- One row per notification event acted on: a re-sent copy has the same dedupe key.
    CREATE TABLE IF NOT EXISTS notifications (
      dedupe_key TEXT PRIMARY KEY,
      merchant_trade_no TEXT NOT NULL,
      kind TEXT NOT NULL,
      received_at TEXT NOT NULL DEFAULT (datetime('now'))
    );
    -- What was shipped: one row per paid order and per paid period.
    CREATE TABLE IF NOT EXISTS fulfilments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      merchant_trade_no TEXT NOT NULL,
      what TEXT NOT NULL,
      amount INTEGER NOT NULL,
      at TEXT NOT NULL DEFAULT (datetime('now'))
    );
  `);
  return db;
}

// ---------------------------------------------------------------------------------------------
// The app

/**
 * @param {{ client: import('omg-payment').Client, db: import('better-sqlite3').Database, publicUrl: () => string }} deps
 */
function createApp({ client, db, publicUrl }) {
  const app = express();
  // A global form parser, as many apps have. It keeps the raw bytes (captureRawBody), so the
  // notification routes below can still verify CheckMacValue over exactly what was sent.
  app.use(express.urlencoded({ extended: false, verify: captureRawBody }));
  app.use(express.json());

  const q = {
    insertOrder: db.prepare('INSERT INTO orders (merchant_trade_no, kind, item, amount) VALUES (?, ?, ?, ?)'),
    order: db.prepare('SELECT * FROM orders WHERE merchant_trade_no = ?'),
    markSeen: db.prepare(
      'INSERT INTO notifications (dedupe_key, merchant_trade_no, kind) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    fulfil: db.prepare('INSERT INTO fulfilments (merchant_trade_no, what, amount) VALUES (?, ?, ?)'),
    fulfilments: db.prepare('SELECT what, amount, at FROM fulfilments WHERE merchant_trade_no = ? ORDER BY id'),
    seen: db.prepare('SELECT COUNT(*) AS n FROM notifications WHERE merchant_trade_no = ?'),
    update: (sets) => db.prepare(`UPDATE orders SET ${sets} WHERE merchant_trade_no = @no`),
  };

  /**
   * Runs `act` once per notification event: inside one transaction, the dedupe key is stored and
   * the order updated, so a re-sent copy finds its key and changes nothing.
   */
  const once = (notification, act) =>
    db.transaction(() => {
      const fresh =
        q.markSeen.run(notification.dedupeKey, notification.merchantTradeNo, notification.kind).changes === 1;
      if (fresh) act();
      return fresh;
    })();

  // --- pages ---------------------------------------------------------------------------------

  app.get('/', (_req, res) => {
    const rows = Object.entries(KINDS)
      .map(
        ([kind, k]) =>
          `<li><form method="post" action="/orders"><input type="hidden" name="kind" value="${kind}"><button>${k.label}: ${escapeHtml(k.item)}, NT$${k.amount}</button></form></li>`,
      )
      .join('\n');
    res
      .type('html')
      .send(`<!DOCTYPE html><meta charset="utf-8"><title>OMG shop</title><h1>OMG shop</h1><ul>${rows}</ul>`);
  });

  // --- creating orders -----------------------------------------------------------------------

  /** POST /orders {kind}: the checkout form (HTML), or {merchantTradeNo, actionUrl, fields} as JSON. */
  app.post('/orders', (req, res) => {
    const kind = String(req.body?.kind ?? '');
    const product = KINDS[kind];
    if (!product)
      return res
        .status(400)
        .json({ error: 'unknown_kind', message: `kind must be one of ${Object.keys(KINDS).join(', ')}` });
    const merchantTradeNo = omg.generateMerchantTradeNo('S');
    const checkout = client.checkout(orderFor(kind, product, merchantTradeNo, publicUrl()));
    q.insertOrder.run(merchantTradeNo, kind, product.item, product.amount);
    if (req.accepts(['html', 'json']) === 'json') {
      return res.status(201).json({ merchantTradeNo, actionUrl: checkout.actionUrl, fields: checkout.fields });
    }
    res.type('html').send(checkout.html());
  });

  // --- server notifications: notificationHandler verifies, runs the handler, answers 1|OK ------
  // One route per kind (ReturnURL, PaymentInfoURL, PeriodReturnURL), each with `expect`: a
  // notification of another kind is refused and logged as an error naming the order, the amount
  // and how to recover it. A handler returns nothing (the route answers exactly 1|OK), throws
  // NotificationRefused to answer 0|reason, or throws anything else (no 1|OK: the gateway sends
  // the notification again later). Every refusal is logged through the client's logger. app.all:
  // every method reaches the helper, which answers a GET 405 0|... as in every language.

  const verified = notificationMiddleware(client);

  /** ReturnURL: the payment result. The only place goods are shipped from. */
  app.all(
    '/omg/return',
    notificationHandler(
      client,
      (n) => {
        const order = q.order.get(n.merchantTradeNo);
        if (!order) throw new NotificationRefused(`unknown order ${n.merchantTradeNo}`);
        once(n, () => {
          const base = {
            no: order.merchant_trade_no,
            trade_no: n.tradeNo ?? null,
            payment_type: n.paymentType ?? null,
            gwsr: n.gwsr ?? null,
          };
          if (n.isSimulated) {
            // A back-office simulation: no money moved. Record it, ship nothing. Its dedupeKey differs
            // from the real payment's, so the real one that may follow is still handled; and a
            // simulation never undoes a real payment.
            q.update(
              "status = CASE WHEN status = 'paid' THEN status ELSE 'simulated' END, simulated = 1, trade_no = @trade_no, payment_type = @payment_type",
            ).run({ no: base.no, trade_no: base.trade_no, payment_type: base.payment_type });
            return;
          }
          if (!n.isPaid) {
            q.update("status = 'failed', note = @note, trade_no = @trade_no, payment_type = @payment_type").run({
              no: base.no,
              trade_no: base.trade_no,
              payment_type: base.payment_type,
              note: `RtnCode ${n.rtnCode}: ${n.rtnMsg}`,
            });
            return;
          }
          try {
            n.expectAmount(order.amount);
          } catch (error) {
            if (!(error instanceof omg.ValidationError)) throw error;
            // Authentic, but not the amount of the order: hold it for a person, ship nothing.
            q.update(
              "status = 'amount_mismatch', note = @note, trade_no = @trade_no, payment_type = @payment_type, gwsr = @gwsr",
            ).run({ ...base, note: error.message });
            return;
          }
          q.update("status = 'paid', trade_no = @trade_no, payment_type = @payment_type, gwsr = @gwsr").run(base);
          q.fulfil.run(order.merchant_trade_no, order.kind === 'recurring' ? 'period 1' : 'order', order.amount);
        });
      },
      { expect: omg.PaymentResult },
    ),
  );

  /** PaymentInfoURL: an ATM account or a CVS/BARCODE code was issued; nothing is paid yet. */
  app.all(
    '/omg/payment-info',
    notificationHandler(
      client,
      (n) => {
        const order = q.order.get(n.merchantTradeNo);
        if (!order) throw new NotificationRefused(`unknown order ${n.merchantTradeNo}`);
        once(n, () => {
          const code = {
            bankCode: n.bankCode,
            vAccount: n.vAccount,
            paymentNo: n.paymentNo,
            barcodes: n.barcodes,
            expireDate: n.expireDate,
            rtnCode: n.rtnCode,
          };
          const issued = n.rtnCode === 2 || n.rtnCode === 10100073;
          // A code notification that arrives after the payment result must not undo 'paid'.
          q.update(
            "status = CASE WHEN status = 'created' THEN @status ELSE status END, trade_no = @trade_no, payment_type = @payment_type, payment_code = @code",
          ).run({
            no: order.merchant_trade_no,
            status: issued ? 'code_issued' : 'failed',
            trade_no: n.tradeNo ?? null,
            payment_type: n.paymentType ?? null,
            code: JSON.stringify(code),
          });
        });
      },
      { expect: omg.PaymentCodeIssued },
    ),
  );

  /** PeriodReturnURL: one recurring charge (2nd period on). Sent once only: ack it always. */
  app.all(
    '/omg/period',
    notificationHandler(
      client,
      (n) => {
        const order = q.order.get(n.merchantTradeNo);
        if (!order) throw new NotificationRefused(`unknown order ${n.merchantTradeNo}`);
        once(n, () => {
          if (!n.isPaid || n.isSimulated) return;
          try {
            n.expectAmount(order.amount);
          } catch (error) {
            if (!(error instanceof omg.ValidationError)) throw error;
            q.update('note = @note').run({ no: order.merchant_trade_no, note: error.message });
            return;
          }
          q.update('periods_paid = periods_paid + 1').run({ no: order.merchant_trade_no });
          q.fulfil.run(order.merchant_trade_no, `period ${n.totalSuccessTimes ?? '?'}`, order.amount);
        });
      },
      { expect: omg.PeriodCharge },
    ),
  );

  // --- browser notifications: pages only, never fulfilment ---------------------------------

  /** OrderResultURL: the payer's browser arrives with the result. Show it; trust ReturnURL. */
  app.post('/omg/result', verified, (req, res) => {
    const n = req.omgNotification;
    const message = n.isPaid
      ? 'Thank you! Your payment went through; we confirm it as soon as the gateway tells our server.'
      : `The payment did not go through (${n.rtnMsg ?? 'unknown reason'}).`;
    res
      .type('html')
      .send(
        page(
          'Payment result',
          `<p>${escapeHtml(message)}</p><p>Order ${escapeHtml(n.merchantTradeNo ?? '')}</p><p><a href="/orders/${encodeURIComponent(n.merchantTradeNo ?? '')}">Order status</a></p>`,
        ),
      );
  });

  /** ClientRedirectURL: the payer's browser arrives with the payment code: show how to pay. */
  app.post('/omg/code', verified, (req, res) => {
    const n = req.omgNotification;
    let body;
    if (n.vAccount)
      body = `<p>Transfer to bank ${escapeHtml(n.bankCode ?? '')}, account <b>${escapeHtml(n.vAccount)}</b>, before ${escapeHtml(n.expireDate ?? '')}.</p>`;
    else if (n.barcodes)
      body = `<p>Show these barcodes at the counter before ${escapeHtml(n.expireDate ?? '')}:</p>${omg.barcodeSvg(n.barcodes)}`;
    else
      body = `<p>Pay at a convenience store kiosk with code <b>${escapeHtml(n.paymentNo ?? '')}</b> before ${escapeHtml(n.expireDate ?? '')}.</p>`;
    res.type('html').send(page('How to pay', body));
  });

  // --- order status and the server APIs --------------------------------------------------

  const findOrder = (req, res) => {
    const order = q.order.get(req.params.no);
    if (!order) res.status(404).json({ error: 'not_found', message: `no order ${req.params.no}` });
    return order;
  };

  app.get('/orders/:no', (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    res.json({
      ...order,
      payment_code: order.payment_code ? JSON.parse(order.payment_code) : null,
      fulfilments: q.fulfilments.all(order.merchant_trade_no),
      notifications: q.seen.get(order.merchant_trade_no).n,
    });
  });

  /** The gateway's view of the order (QueryTradeInfo/V5). */
  app.get('/orders/:no/gateway', async (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    res.json(await client.queryTrade(order.merchant_trade_no));
  });

  /** The card payment's amounts (QueryTrade/V2): authorised, captured, refunded. */
  app.get('/orders/:no/credit-detail', async (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    if (!order.gwsr)
      return res
        .status(409)
        .json({ error: 'not_a_card_payment', message: 'no card authorisation (gwsr) recorded for this order' });
    res.json(await client.queryCreditDetail(order.gwsr, order.amount));
  });

  /** Capture (DoAction C); the amount defaults to the whole order. */
  app.post('/orders/:no/capture', async (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    if (!order.trade_no || order.status !== 'paid')
      return res.status(409).json({ error: 'not_paid', message: 'only a paid order can be captured' });
    const amount = wholeNumber(req.body?.amount, order.amount);
    const result = await client.capture(order.merchant_trade_no, order.trade_no, amount);
    q.update('captured_amount = captured_amount + @amount').run({ no: order.merchant_trade_no, amount });
    res.json(result);
  });

  /** Refund (DoAction R). */
  app.post('/orders/:no/refund', async (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    if (!order.trade_no || order.status !== 'paid')
      return res.status(409).json({ error: 'not_paid', message: 'only a paid order can be refunded' });
    const amount = wholeNumber(req.body?.amount, order.amount - order.refunded_amount);
    const result = await client.refund(order.merchant_trade_no, order.trade_no, amount);
    q.update('refunded_amount = refunded_amount + @amount').run({ no: order.merchant_trade_no, amount });
    res.json(result);
  });

  /** The recurring schedule (QueryCreditCardPeriodInfo), and cancelling it. */
  app.get('/orders/:no/period', async (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    res.json(await client.queryPeriod(order.merchant_trade_no));
  });

  app.post('/orders/:no/cancel-period', async (req, res) => {
    const order = findOrder(req, res);
    if (!order) return;
    res.json(await client.cancelPeriod(order.merchant_trade_no));
  });

  // --- errors ------------------------------------------------------------------------------

  app.use((error, _req, res, _next) => {
    if (error instanceof omg.ValidationError)
      return res.status(422).json({ error: error.code, message: error.message, errors: error.errors });
    if (error instanceof omg.GatewayError)
      return res
        .status(502)
        .json({ error: error.code, message: error.message, rtnCode: error.rtnCode, rtnMsg: error.rtnMsg });
    if (error instanceof omg.TransportError)
      return res.status(504).json({ error: error.code, message: error.message, outcomeUnknown: error.outcomeUnknown });
    if (error instanceof omg.OmgError) return res.status(502).json({ error: error.code, message: error.message });
    console.error(error);
    res
      .status(error.status ?? 500)
      .json({ error: error.code ?? 'internal', message: error.expose ? error.message : 'internal error' });
  });

  return app;
}

/** The AioCheckOut order of one kind: common fields plus that method's options. */
function orderFor(kind, product, merchantTradeNo, base) {
  const order = {
    merchantTradeNo,
    totalAmount: product.amount,
    tradeDesc: 'OMG shop order',
    itemName: product.item.split('#'),
    returnUrl: `${base}/omg/return`,
    orderResultUrl: `${base}/omg/result`,
    clientBackUrl: `${base}/`,
    needExtraPaidInfo: true,
    customField1: kind,
  };
  const codeUrls = { paymentInfoUrl: `${base}/omg/payment-info`, clientRedirectUrl: `${base}/omg/code` };
  switch (kind) {
    case 'card':
      return { ...order, choosePayment: 'Credit' };
    case 'installments':
      return { ...order, choosePayment: 'Credit', creditInstallment: [3, 6] };
    case 'recurring':
      return {
        ...order,
        choosePayment: 'Credit',
        periodAmount: product.amount,
        periodType: 'M',
        frequency: 1,
        execTimes: 3,
        periodReturnUrl: `${base}/omg/period`,
      };
    case 'atm':
      return { ...order, choosePayment: 'ATM', expireDate: 3, ...codeUrls };
    case 'cvs':
      return { ...order, choosePayment: 'CVS', storeExpireDate: 4320, desc1: 'OMG shop', ...codeUrls };
    case 'barcode':
      return { ...order, choosePayment: 'BARCODE', storeExpireDate: 7, ...codeUrls };
    case 'aftee':
      return { ...order, choosePayment: 'AFTEE' };
    case 'all':
      return { ...order, choosePayment: 'ALL', ignorePayment: ['AFTEE'], ...codeUrls };
    default:
      throw new Error(`no such kind ${kind}`);
  }
}

function wholeNumber(value, fallback) {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw Object.assign(new Error('amount must be a whole number ≥ 1'), {
      status: 400,
      expose: true,
      code: 'bad_amount',
    });
  return n;
}

function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

function page(title, body) {
  return `<!DOCTYPE html><meta charset="utf-8"><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1>${body}<p><a href="/">Back to the shop</a></p>`;
}

/** The client: the merchant and gateway of the OMG_* variables, else the stage merchant on omg-sim. */
function clientFromEnv(env = process.env) {
  if (env.OMG_MERCHANT_ID || env.OMG_ENV || env.OMG_BASE_URL) return omg.Client.fromEnv();
  return omg.Client.stage({ baseUrl: DEV_GATEWAY, creditCheckCode: DEV_CREDIT_CHECK_CODE });
}

function main() {
  const host = process.env.HOST || '127.0.0.1';
  const port = Number(process.env.PORT ?? 3000);
  const db = openDatabase(process.env.OMG_SHOP_DB || 'shop.sqlite3');
  let publicUrl = process.env.OMG_SHOP_URL ? process.env.OMG_SHOP_URL.replace(/\/+$/, '') : undefined;
  const app = createApp({ client: clientFromEnv(), db, publicUrl: () => publicUrl });
  const server = app.listen(port, host, () => {
    const address = server.address();
    publicUrl ??= `http://${host}:${address.port}`;
    // The first line of stdout is the URL, so scripts and tests can find the shop.
    console.log(`http://${host}:${address.port}`);
  });
  const stop = () =>
    server.close(() => {
      db.close();
      process.exit(0);
    });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) main();

module.exports = { createApp, openDatabase, clientFromEnv, orderFor, KINDS };
