"""End to end: omg-sim and the example shop (uvicorn) on 127.0.0.1, each order kind through
payment to the shop's database, duplicate and forged notifications, recurring charges, and a
refund seen by QueryTrade/V2. Every wait is bounded; both processes are stopped at the end."""

from __future__ import annotations

import html
import os
import re
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, SIM_CREDIT_CHECK_CODE, STAGE_ID, STAGE_IV, STAGE_KEY, Sim, free_port, wait_until

import omg_payment

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")


class Shop:
    def __init__(self, base_url: str, db_path: Path, sim: Sim) -> None:
        self.base_url = base_url
        self.db_path = db_path
        self.sim = sim

    def request(
        self, method: str, path: str, form: dict[str, Any] | None = None, body: bytes | None = None
    ) -> tuple[int, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else body
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(req, timeout=15) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def buy(self, kind: str, amount: int = 1200) -> str:
        """Creates an order in the shop and posts its checkout form to the gateway, as the
        payer's browser would; returns the MerchantTradeNo."""
        status, page = self.request("POST", "/orders", {"kind": kind, "amount": amount})
        assert status == 200, page
        action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page).group(1))  # type: ignore[union-attr]
        fields = {
            html.unescape(k): html.unescape(v)
            for k, v in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page)
        }
        assert action.startswith(self.sim.base_url) and fields["CheckMacValue"]
        req = urllib.request.Request(action, data=urllib.parse.urlencode(fields).encode())
        with urllib.request.urlopen(req, timeout=15) as response:
            assert response.status == 200
        return fields["MerchantTradeNo"]

    def row(self, merchant_trade_no: str) -> dict[str, Any]:
        conn = sqlite3.connect(self.db_path, timeout=10)
        conn.row_factory = sqlite3.Row
        try:
            row = conn.execute("SELECT * FROM orders WHERE merchant_trade_no = ?", (merchant_trade_no,)).fetchone()
            return dict(row) if row else {}
        finally:
            conn.close()

    def count(self, sql: str, *args: Any) -> int:
        conn = sqlite3.connect(self.db_path, timeout=10)
        try:
            return int(conn.execute(sql, args).fetchone()[0])
        finally:
            conn.close()

    def wait_status(self, merchant_trade_no: str, status: str) -> dict[str, Any]:
        return wait_until(lambda: (r := self.row(merchant_trade_no)).get("status") == status and r, timeout=15)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def shop(sim: Sim, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shop]:
    port = free_port()
    db = tmp_path_factory.mktemp("shop") / "shop.sqlite3"
    env = dict(os.environ)
    env.update(
        OMG_BASE_URL=sim.base_url,
        OMG_MERCHANT_ID=STAGE_ID,
        OMG_HASH_KEY=STAGE_KEY,
        OMG_HASH_IV=STAGE_IV,
        OMG_CREDIT_CHECK_CODE=SIM_CREDIT_CHECK_CODE,
        OMG_SHOP_URL=f"http://127.0.0.1:{port}",
        OMG_SHOP_DB=str(db),
    )
    env.pop("OMG_ENV", None)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "fastapi_app:create_app",
            "--factory",
            "--app-dir",
            str(EXAMPLES),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"the shop exited: {process.stderr.read() if process.stderr else ''}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        wait_until(up, timeout=20, interval=0.1)
        yield Shop(base, db, sim)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def pay(shop: Shop, no: str, **extra: Any) -> dict[str, Any]:
    return shop.sim.control("POST", "pay", {"merchant_trade_no": no, **extra})


@pytest.mark.parametrize("kind", ["card", "installments", "all"])
def test_card_orders_are_paid_and_fulfilled_once(shop: Shop, kind: str) -> None:
    no = shop.buy(kind, 1500)
    assert shop.row(no)["status"] == "created"
    pay(shop, no, **({"method": "Credit"} if kind == "all" else {}))
    row = shop.wait_status(no, "paid")
    assert row["fulfilments"] == 1 and row["payment_type"] == "Credit_CreditCard" and row["trade_no"]
    status, page = shop.request("GET", f"/orders/{no}")
    assert status == 200 and "paid" in page


@pytest.mark.parametrize("kind, code_field", [("atm", "v_account"), ("cvs", "payment_no"), ("barcode", "barcodes")])
def test_code_orders_get_their_code_then_are_paid(shop: Shop, kind: str, code_field: str) -> None:
    import json

    no = shop.buy(kind, 800)
    shop.sim.control("POST", "choose", {"merchant_trade_no": no})  # the payer picks a bank or store on the page
    row = shop.wait_status(no, "code_issued")
    code = json.loads(row["payment_code"])
    assert code[code_field], code
    if kind == "barcode":
        status, svg = shop.request("GET", f"/orders/{no}/barcode.svg")
        assert status == 200 and svg.startswith("<svg") and all(segment in svg for segment in code["barcodes"])
        status, page = shop.request("GET", f"/orders/{no}")
        assert status == 200 and "barcode.svg" in page
    pay(shop, no)
    row = shop.wait_status(no, "paid")
    assert row["fulfilments"] == 1 and row["payment_type"].startswith(kind.upper())


def test_all_paid_at_an_atm(shop: Shop) -> None:
    no = shop.buy("all", 900)
    # The payer picks ATM on the gateway's page: the account is issued, then paid.
    trade_no = shop.sim.control("GET", f"orders/{no}")["trade_no"]
    choose = urllib.request.Request(
        f"{shop.sim.base_url}/SimPayment/{trade_no}/choose", data=b"method=ATM&sub_payment=FIRST"
    )
    with urllib.request.urlopen(choose, timeout=15) as response:
        assert response.status == 200
    row = shop.wait_status(no, "code_issued")
    assert "v_account" in row["payment_code"]
    pay(shop, no)
    row = shop.wait_status(no, "paid")
    assert row["payment_type"].startswith("ATM") and row["fulfilments"] == 1


def return_deliveries(shop: Shop, no: str) -> list[dict[str, Any]]:
    attempts = shop.sim.control("GET", f"deliveries?merchant_trade_no={no}")["attempts"]
    return [a for a in attempts if a["url"].endswith("/omg/return")]


def test_a_duplicate_notification_fulfils_once(shop: Shop) -> None:
    no = shop.buy("card", 700)
    pay(shop, no)
    shop.wait_status(no, "paid")
    delivered = wait_until(lambda: [a for a in return_deliveries(shop, no) if a["ok"]], timeout=15)
    body = delivered[0]["body"].encode()
    for _ in range(3):  # the gateway re-sends: same event, same answer, no new fulfilment
        status, reply = shop.request("POST", "/omg/return", body=body)
        assert (status, reply) == (200, "1|OK")
    assert shop.row(no)["fulfilments"] == 1
    assert (
        shop.count("SELECT COUNT(*) FROM notifications WHERE merchant_trade_no = ? AND kind = 'payment_result'", no)
        == 1
    )


def test_a_forged_notification_is_refused_and_changes_nothing(shop: Shop) -> None:
    no = shop.buy("card", 650)
    before = shop.row(no)
    notifications = shop.count("SELECT COUNT(*) FROM notifications")
    genuine = omg_payment.Client.stage().sign_test_notification(
        "payment_result", {"MerchantTradeNo": no, "TradeNo": "X1", "TradeAmt": 650}
    )
    forged = [
        genuine.replace("TradeAmt=650", "TradeAmt=1"),  # altered after signing
        omg_payment.sign_test_notification(  # signed with other keys
            {"MerchantID": STAGE_ID, "MerchantTradeNo": no, "RtnCode": 1, "TradeAmt": 650},
            "wrongkey",
            "wrongiv",
            kind="payment_result",
        ),
        re.sub(r"CheckMacValue=[0-9A-F]+", "CheckMacValue=" + "A" * 64, genuine),
    ]
    for body in forged:
        status, reply = shop.request("POST", "/omg/return", body=body.encode())
        assert status == 400 and reply.startswith("0|"), reply
    assert shop.row(no) == before and shop.count("SELECT COUNT(*) FROM notifications") == notifications


def test_a_simulated_payment_is_recorded_but_not_fulfilled(shop: Shop) -> None:
    no = shop.buy("card", 600)
    shop.sim.control("POST", "simulate", {"merchant_trade_no": no})
    row = shop.wait_status(no, "simulated")
    assert row["fulfilments"] == 0
    assert shop.count("SELECT simulated FROM notifications WHERE merchant_trade_no = ?", no) == 1
    # The real payment that follows is a new event, not a duplicate of the simulation: fulfilled once.
    shop.sim.control("POST", "pay", {"merchant_trade_no": no})
    row = shop.wait_status(no, "paid")
    assert row["fulfilments"] == 1


def test_a_wrong_amount_is_flagged_not_fulfilled(shop: Shop) -> None:
    no = shop.buy("card", 640)
    body = omg_payment.Client.stage().sign_test_notification(
        "payment_result", {"MerchantTradeNo": no, "TradeNo": "X2", "TradeAmt": 1}
    )
    assert shop.request("POST", "/omg/return", body=body.encode()) == (200, "1|OK")
    row = shop.row(no)
    assert row["status"] == "amount_mismatch" and row["fulfilments"] == 0


def test_recurring_charges_are_recorded_once_each(shop: Shop) -> None:
    no = shop.buy("recurring", 499)
    pay(shop, no)
    assert shop.wait_status(no, "paid")["fulfilments"] == 1
    try:
        for expected in (1, 2):
            shop.sim.control("POST", "advance", {"seconds": 32 * 86400})
            wait_until(
                lambda expected=expected: (
                    shop.count("SELECT COUNT(*) FROM period_charges WHERE merchant_trade_no = ?", no) >= expected
                ),
                timeout=15,
            )
    finally:
        # A client on the real clock sends TimeStamps the advanced simulator refuses: rewind it.
        shop.sim.control("POST", "reset")
    assert (
        shop.count(
            "SELECT COUNT(*) FROM period_charges WHERE merchant_trade_no = ? AND amount = 499 AND rtn_code = 1", no
        )
        == 2
    )
    times = shop.count("SELECT MAX(total_success_times) FROM period_charges WHERE merchant_trade_no = ?", no)
    assert times == 3  # the first payment and two period charges


def test_a_refund_through_the_shop_is_visible_in_query_trade_v2(shop: Shop) -> None:
    import json

    no = shop.buy("card", 1000)
    pay(shop, no)
    assert shop.wait_status(no, "paid")["gwsr"]
    status, page = shop.request("GET", f"/orders/{no}/status.json")
    assert json.loads(page)["gateway"]["trade_status"] == "paid"
    status, body = shop.request("POST", f"/orders/{no}/capture", {"amount": 1000})
    assert status == 200, body
    try:
        shop.sim.control("POST", "advance", {"seconds": 86400})  # the nightly settlement
        status, body = shop.request("POST", f"/orders/{no}/refund", {"amount": 300})
        assert status == 200, body
        status, body = shop.request("GET", f"/orders/{no}/card.json")
        detail = json.loads(body)
        assert status == 200 and {"status": "refund_pending", "amount": 300} in detail["close_data"], detail
        status, body = shop.request("POST", f"/orders/{no}/refund", {"amount": 5000})
        assert status == 409 and "refused" in body
    finally:
        shop.sim.control("POST", "reset")
