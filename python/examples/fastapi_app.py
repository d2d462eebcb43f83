"""A small shop on OMG 金流 (funpoint), to start a real one from.

Run it against the offline gateway (the default for development)::

    cargo run --release -p omg-sim -- --port 8090        # terminal 1: the gateway on 127.0.0.1:8090
    pip install omg-payment fastapi uvicorn python-multipart
    uvicorn fastapi_app:create_app --factory --app-dir python/examples --port 8000

then open http://127.0.0.1:8000/. Configuration (environment):

- ``OMG_MERCHANT_ID``, ``OMG_HASH_KEY``, ``OMG_HASH_IV``, ``OMG_CREDIT_CHECK_CODE``, ``OMG_ENV``
  (stage | production), ``OMG_BASE_URL``: the merchant and the gateway (``Client.from_env``).
  With neither ``OMG_ENV`` nor ``OMG_BASE_URL`` set, the shop talks to omg-sim at
  ``http://127.0.0.1:8090`` with the public stage merchant.
- ``OMG_SHOP_URL``: this shop's public base URL, used for the callback URLs (default
  ``http://127.0.0.1:8000``; in production an https URL on port 443).
- ``OMG_SHOP_DB``: the SQLite file (default ``shop.sqlite3``).

What it shows:

- one page per kind of order (card, installments, recurring, ATM, CVS, BARCODE, ALL), each
  answered with the auto-submitting checkout form;
- ReturnURL (``/omg/return``): the only place goods are released. Each notification is stored
  under its dedupe key (UNIQUE), in the same transaction as its effect, so a notification that
  arrives twice fulfils once; the paid amount is checked against the order; SimulatePaid
  payments are recorded as simulated and never fulfilled;
- PaymentInfoURL (``/omg/payment-info``): the ATM account / CVS code / BARCODE segments, shown
  on the order page (the barcode as an image);
- PeriodReturnURL (``/omg/period``): each recurring charge, recorded once;
- OrderResultURL and ClientRedirectURL: the payer's browser comes back; verified, then sent to
  the order page (never used for fulfilment);
- the order page asks the gateway (QueryTradeInfo) for the live status, and offers capture and
  refund (DoAction) for card payments.
"""

from __future__ import annotations

import html
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from fastapi import Depends, FastAPI, Form
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response

import omg_payment
from omg_payment import (
    AsyncClient,
    Client,
    GatewayError,
    OmgError,
    PaymentCodeIssued,
    PaymentResult,
    PeriodCharge,
    TransportError,
)
from omg_payment.fastapi import NotificationRefused, NotificationVerifier, install, notification_route

#: Where omg-sim listens in development (`omg-sim --port 8090`).
DEV_GATEWAY = "http://127.0.0.1:8090"
#: omg-sim's CreditCheckCode for the stage merchant (QueryTrade/V2 needs one).
DEV_CREDIT_CHECK_CODE = "59997889"

KINDS: dict[str, str] = {
    "card": "Credit card",
    "installments": "Credit card in 3 or 6 installments",
    "recurring": "Monthly subscription (credit card, 12 charges)",
    "atm": "ATM transfer",
    "cvs": "Convenience store code",
    "barcode": "Convenience store barcode",
    "all": "Any method (the payer chooses)",
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    merchant_trade_no TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    amount INTEGER NOT NULL,
    status TEXT NOT NULL,            -- created, code_issued, paid, simulated, failed, amount_mismatch
    trade_no TEXT,
    payment_type TEXT,
    gwsr TEXT,                       -- card authorisation number (QueryTrade/V2)
    payment_code TEXT,               -- JSON: the ATM account / CVS code / barcodes
    fulfilments INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
-- One row per notification event: the UNIQUE dedupe key makes a re-sent notification a no-op.
CREATE TABLE IF NOT EXISTS notifications (
    dedupe_key TEXT PRIMARY KEY,
    merchant_trade_no TEXT NOT NULL,
    kind TEXT NOT NULL,
    simulated INTEGER NOT NULL,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS period_charges (
    dedupe_key TEXT PRIMARY KEY REFERENCES notifications(dedupe_key),
    merchant_trade_no TEXT NOT NULL,
    rtn_code INTEGER,
    amount INTEGER,
    total_success_times INTEGER,
    process_date TEXT
);
CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    merchant_trade_no TEXT NOT NULL,
    action TEXT NOT NULL,
    amount INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Shop:
    """The shop's state: its SQLite database and its gateway client."""

    def __init__(self, db_path: str, client: Client, public_url: str) -> None:
        self.db_path = db_path
        self.client = AsyncClient.from_client(client)
        self.public_url = public_url.rstrip("/")
        conn = sqlite3.connect(self.db_path)
        try:
            conn.executescript(SCHEMA)  # executescript manages its own transaction
        finally:
            conn.close()

    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """One connection per use, committed on success, rolled back on error. IMMEDIATE takes
        the write lock at once, so two deliveries of one notification are serialised."""
        conn = sqlite3.connect(self.db_path, timeout=10, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            conn.close()

    def order(self, merchant_trade_no: str) -> sqlite3.Row | None:
        with self.db() as db:
            return db.execute("SELECT * FROM orders WHERE merchant_trade_no = ?", (merchant_trade_no,)).fetchone()

    def url(self, path: str) -> str:
        return self.public_url + path

    def order_options(self, kind: str, amount: int) -> dict[str, Any]:
        """The checkout arguments of each kind of order."""
        common: dict[str, Any] = {
            "trade_desc": "omg-payment example shop",
            "return_url": self.url("/omg/return"),
            "order_result_url": self.url("/omg/result"),
            "client_back_url": self.url("/"),
        }
        codes = {"payment_info_url": self.url("/omg/payment-info"), "client_redirect_url": self.url("/omg/code")}
        per_kind: dict[str, dict[str, Any]] = {
            "card": {"choose_payment": "Credit", "need_extra_paid_info": True},
            "installments": {"choose_payment": "Credit", "credit_installment": [3, 6], "need_extra_paid_info": True},
            "recurring": {
                "choose_payment": "Credit",
                "period_amount": amount,
                "period_type": "M",
                "frequency": 1,
                "exec_times": 12,
                "period_return_url": self.url("/omg/period"),
                "need_extra_paid_info": True,
            },
            "atm": {"choose_payment": "ATM", "expire_date": 3, **codes},
            "cvs": {"choose_payment": "CVS", "store_expire_date": 60 * 24 * 3, "desc_1": "omg-payment shop", **codes},
            "barcode": {"choose_payment": "BARCODE", "store_expire_date": 7, **codes},
            "all": {"choose_payment": "ALL", **codes},
        }
        return {**common, **per_kind[kind]}


def page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>{body}"
        "<p><a href='/'>Shop</a></p></body></html>"
    )


def create_app(db_path: str | None = None, client: Client | None = None) -> FastAPI:
    """The shop as a FastAPI application (``uvicorn fastapi_app:create_app --factory``)."""
    if client is None:
        if not os.environ.get("OMG_ENV") and not os.environ.get("OMG_BASE_URL"):
            # Development default: the offline gateway and the public stage merchant.
            os.environ["OMG_BASE_URL"] = DEV_GATEWAY
            os.environ.setdefault("OMG_CREDIT_CHECK_CODE", DEV_CREDIT_CHECK_CODE)
        client = Client.from_env()
    shop = Shop(
        db_path or os.environ.get("OMG_SHOP_DB", "shop.sqlite3"),
        client,
        os.environ.get("OMG_SHOP_URL", "http://127.0.0.1:8000"),
    )
    app = FastAPI(title="omg-payment example shop")
    app.state.shop = shop
    install(app)  # refused notifications answer "0|reason" as plain text

    payment_result = NotificationVerifier(client, expect=PaymentResult)
    code_issued = NotificationVerifier(client, expect=PaymentCodeIssued)
    period_charge = NotificationVerifier(client, expect=PeriodCharge)
    any_notification = NotificationVerifier(client)

    # ----- pages ---------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        forms = "".join(
            f"<form method='post' action='/orders'><input type='hidden' name='kind' value='{k}'>"
            f"<button>{html.escape(label)}</button> NT$ <input name='amount' value='1200' size='6'></form>"
            for k, label in KINDS.items()
        )
        with shop.db() as db:
            rows = db.execute("SELECT * FROM orders ORDER BY created_at DESC LIMIT 50").fetchall()
        listing = "".join(
            f"<li><a href='/orders/{r['merchant_trade_no']}'>{r['merchant_trade_no']}</a> "
            f"{html.escape(r['kind'])} NT${r['amount']}: {r['status']}</li>"
            for r in rows
        )
        return page("omg-payment example shop", f"<h2>Buy</h2>{forms}<h2>Orders</h2><ul>{listing}</ul>")

    @app.post("/orders", response_class=HTMLResponse)
    def create_order(kind: str = Form(...), amount: int = Form(...)) -> Response:
        if kind not in KINDS:
            return PlainTextResponse(f"unknown kind {kind!r}", status_code=400)
        merchant_trade_no = omg_payment.generate_merchant_trade_no("S")
        try:
            checkout = client.checkout(
                merchant_trade_no=merchant_trade_no,
                total_amount=amount,
                item_name=[f"{KINDS[kind]}"],
                **shop.order_options(kind, amount),
            )
        except omg_payment.ValidationError as e:
            problems = "".join(f"<li>{html.escape(f.field)}: {html.escape(f.message)}</li>" for f in e.errors)
            return HTMLResponse(f"<ul>{problems}</ul>", status_code=400)
        with shop.db() as db:
            db.execute(
                "INSERT INTO orders (merchant_trade_no, kind, amount, status, created_at)"
                " VALUES (?, ?, ?, 'created', ?)",
                (merchant_trade_no, kind, amount, now()),
            )
        # The payer's browser posts the signed form to the gateway.
        return HTMLResponse(checkout.html())

    @app.get("/orders/{merchant_trade_no}", response_class=HTMLResponse)
    async def order_page(merchant_trade_no: str) -> Response:
        status = await order_status(merchant_trade_no)
        if status.status_code != 200:
            return page("No such order", "")
        data = json.loads(bytes(status.body))
        order = data["order"]
        parts = [f"<p>{html.escape(order['kind'])}, NT${order['amount']}: <b>{order['status']}</b></p>"]
        code = order.get("payment_code")
        if code:
            parts.append(f"<pre>{html.escape(json.dumps(code, ensure_ascii=False, indent=1))}</pre>")
            if code.get("barcodes"):
                parts.append(f"<div><img alt='barcode' src='/orders/{merchant_trade_no}/barcode.svg'></div>")
        parts.append(f"<p>Gateway says: {html.escape(json.dumps(data['gateway'], ensure_ascii=False))}</p>")
        if data["period_charges"]:
            parts.append(f"<p>Recurring charges: {len(data['period_charges'])}</p>")
        if order["kind"] in ("card", "installments", "recurring") and order["trade_no"]:
            for action in ("capture", "refund"):
                parts.append(
                    f"<form method='post' action='/orders/{merchant_trade_no}/{action}'>"
                    f"<input name='amount' value='{order['amount']}' size='6'><button>{action}</button></form>"
                )
        return page(f"Order {merchant_trade_no}", "".join(parts))

    @app.get("/orders/{merchant_trade_no}/status.json")
    async def order_status(merchant_trade_no: str) -> Response:
        """The order as stored, and as the gateway sees it (QueryTradeInfo)."""
        with shop.db() as db:
            row = db.execute("SELECT * FROM orders WHERE merchant_trade_no = ?", (merchant_trade_no,)).fetchone()
            charges = db.execute(
                "SELECT * FROM period_charges WHERE merchant_trade_no = ? ORDER BY total_success_times",
                (merchant_trade_no,),
            ).fetchall()
            actions = db.execute(
                "SELECT * FROM actions WHERE merchant_trade_no = ? ORDER BY id", (merchant_trade_no,)
            ).fetchall()
        if row is None:
            return JSONResponse({"error": "no such order"}, status_code=404)
        order = dict(row)
        order["payment_code"] = json.loads(order["payment_code"]) if order["payment_code"] else None
        try:
            info = await shop.client.query_trade(merchant_trade_no)
            gateway: dict[str, Any] = {
                "trade_status": info.trade_status_name,
                "trade_amt": info.trade_amt,
                "payment_type": info.payment_type,
            }
        except OmgError as e:
            gateway = {"error": str(e)}
        return JSONResponse(
            {
                "order": order,
                "gateway": gateway,
                "period_charges": [dict(c) for c in charges],
                "actions": [dict(a) for a in actions],
            }
        )

    @app.get("/orders/{merchant_trade_no}/barcode.svg")
    def barcode(merchant_trade_no: str) -> Response:
        row = shop.order(merchant_trade_no)
        code = json.loads(row["payment_code"]) if row is not None and row["payment_code"] else {}
        if not code.get("barcodes"):
            return PlainTextResponse("no barcode", status_code=404)
        return Response(omg_payment.barcode_svg(code["barcodes"]), media_type="image/svg+xml")

    async def do_action(merchant_trade_no: str, action: str, amount: int) -> Response:
        row = shop.order(merchant_trade_no)
        if row is None or not row["trade_no"]:
            return JSONResponse({"error": "no paid card order"}, status_code=404)
        call = getattr(shop.client, action)
        try:
            result = await call(merchant_trade_no, row["trade_no"], amount)
            outcome, status = f"ok: {result.rtn_msg}", 200
        except GatewayError as e:
            outcome, status = f"refused: {e.rtn_msg}", 409
        except TransportError as e:
            # Never resend a DoAction: when its outcome is unknown, QueryTrade/V2 tells.
            outcome, status = (
                ("unknown: check the card detail before trying again" if e.outcome_unknown else f"failed: {e}"),
                502,
            )
        with shop.db() as db:
            db.execute(
                "INSERT INTO actions (merchant_trade_no, action, amount, outcome, at) VALUES (?, ?, ?, ?, ?)",
                (merchant_trade_no, action, amount, outcome, now()),
            )
        return JSONResponse({"action": action, "amount": amount, "outcome": outcome}, status_code=status)

    @app.post("/orders/{merchant_trade_no}/capture")
    async def capture(merchant_trade_no: str, amount: int = Form(...)) -> Response:
        return await do_action(merchant_trade_no, "capture", amount)

    @app.post("/orders/{merchant_trade_no}/refund")
    async def refund(merchant_trade_no: str, amount: int = Form(...)) -> Response:
        return await do_action(merchant_trade_no, "refund", amount)

    @app.get("/orders/{merchant_trade_no}/card.json")
    async def card_detail(merchant_trade_no: str) -> Response:
        """The card payment as the gateway sees it (QueryTrade/V2)."""
        row = shop.order(merchant_trade_no)
        if row is None or not row["gwsr"]:
            return JSONResponse({"error": "no card payment"}, status_code=404)
        try:
            d = await shop.client.query_credit_detail(row["gwsr"], row["amount"])
        except OmgError as e:
            return JSONResponse({"error": str(e)}, status_code=502)
        entries = [{"status": e.status_name, "amount": e.amount} for e in d.close_data]
        return JSONResponse({"status": d.status_name, "amount": d.amount, "clsamt": d.clsamt, "close_data": entries})

    # ----- notifications (server to server) ------------------------------------------------

    def record(db: sqlite3.Connection, n: omg_payment.Notification) -> bool:
        """Stores the notification's dedupe key; False when it was stored before (a re-send)."""
        try:
            db.execute(
                "INSERT INTO notifications (dedupe_key, merchant_trade_no, kind, simulated, received_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (n.dedupe_key, n.merchant_trade_no, n.kind, int(n.is_simulated), now()),
            )
            return True
        except sqlite3.IntegrityError:
            return False

    # notification_route answers exactly "1|OK" once the handler returns, "0|reason" when it
    # raises (the gateway then sends the notification again): a handler never returns a string.

    @notification_route(app, "/omg/return", payment_result)
    def omg_return(n: PaymentResult) -> None:
        with shop.db() as db:
            row = db.execute("SELECT * FROM orders WHERE merchant_trade_no = ?", (n.merchant_trade_no,)).fetchone()
            if row is None:
                raise NotificationRefused("unknown order")
            if not record(db, n):
                return  # already handled: the gateway re-sent it
            if n.is_simulated:
                # A back-office simulation: no money moved, ship nothing. Its dedupe key differs
                # from the real payment's, so the real one that may follow is still handled; and
                # a simulation never undoes (nor repeats) a real payment.
                if row["status"] == "paid":
                    return
                status = "simulated"
            elif not n.is_paid:
                status = "failed"
            else:
                try:
                    n.expect_amount(row["amount"])
                    status = "paid"
                except omg_payment.ValidationError:
                    status = "amount_mismatch"
            fulfil = 1 if status == "paid" else 0
            db.execute(
                "UPDATE orders SET status = ?, trade_no = ?, payment_type = ?, gwsr = COALESCE(?, gwsr),"
                " fulfilments = fulfilments + ? WHERE merchant_trade_no = ?",
                (status, n.trade_no, n.payment_type, n.gwsr, fulfil, n.merchant_trade_no),
            )

    @notification_route(app, "/omg/payment-info", code_issued)
    def omg_payment_info(n: PaymentCodeIssued) -> None:
        with shop.db() as db:
            if shop_row_missing(db, n.merchant_trade_no):
                raise NotificationRefused("unknown order")
            if record(db, n):
                code = {
                    "payment_type": n.payment_type,
                    "bank_code": n.bank_code,
                    "v_account": n.v_account,
                    "payment_no": n.payment_no,
                    "barcodes": list(n.barcodes) if n.barcodes else None,
                    "expire_date": n.expire_date,
                }
                issued = n.rtn_code in (2, 10100073)
                db.execute(
                    "UPDATE orders SET status = CASE WHEN status = 'created' THEN ? ELSE status END,"
                    " payment_code = ?, trade_no = ? WHERE merchant_trade_no = ?",
                    ("code_issued" if issued else "failed", json.dumps(code), n.trade_no, n.merchant_trade_no),
                )

    @notification_route(app, "/omg/period", period_charge)
    def omg_period(n: PeriodCharge) -> None:
        with shop.db() as db:
            row = db.execute("SELECT * FROM orders WHERE merchant_trade_no = ?", (n.merchant_trade_no,)).fetchone()
            if row is None:
                raise NotificationRefused("unknown order")
            if record(db, n):
                db.execute(
                    "INSERT INTO period_charges"
                    " (dedupe_key, merchant_trade_no, rtn_code, amount, total_success_times, process_date)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (n.dedupe_key, n.merchant_trade_no, n.rtn_code, n.amount, n.total_success_times, n.process_date),
                )

    def shop_row_missing(db: sqlite3.Connection, merchant_trade_no: str | None) -> bool:
        return db.execute("SELECT 1 FROM orders WHERE merchant_trade_no = ?", (merchant_trade_no,)).fetchone() is None

    # ----- the payer's browser comes back (never used for fulfilment) ----------------------

    @app.post("/omg/result")
    def omg_result(n: omg_payment.Notification = Depends(any_notification)) -> Response:
        return RedirectResponse(f"/orders/{n.merchant_trade_no}", status_code=303)

    @app.post("/omg/code")
    def omg_code(n: omg_payment.Notification = Depends(any_notification)) -> Response:
        return RedirectResponse(f"/orders/{n.merchant_trade_no}", status_code=303)

    return app
