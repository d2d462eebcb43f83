"""The development loop against omg-sim over loopback: the simulator's delivery log catches a
FastAPI route that answers the bare string (sent as JSON, with quotes), ``notification_route``
is acknowledged at the first attempt, and a shop configured with its public https callback URL
is reached through ``--forward``, and a notification sent with the real gateway's lowercase
``%xx`` escapes (``--lowercase-escapes``) is verified and acknowledged."""

from __future__ import annotations

import contextlib
import os
import subprocess
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Sim, serving, sim_binary, wait_until

import omg_payment

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")
from fastapi import FastAPI

from omg_payment import PaymentResult
from omg_payment.fastapi import NotificationVerifier, notification_route

handled: list[str] = []


def make_app(client: omg_payment.Client) -> FastAPI:
    app = FastAPI()

    @app.post("/bare")
    def bare() -> str:
        return omg_payment.ACK  # the footgun: FastAPI sends '"1|OK"'

    @notification_route(app, "/omg/return", NotificationVerifier(client, expect=PaymentResult))
    def omg_return(n: PaymentResult) -> None:
        handled.append(n.dedupe_key)

    return app


@pytest.fixture(scope="module")
def shop_port() -> Iterator[int]:
    with serving(make_app(omg_payment.Client.stage())) as port:
        yield port


def place_and_pay(sim: Sim, return_url: str) -> str:
    client = sim.client()
    no = omg_payment.generate_merchant_trade_no("L")
    form = client.checkout(
        merchant_trade_no=no,
        total_amount=100,
        trade_desc="loop",
        item_name=["Mug"],
        return_url=return_url,
        choose_payment="Credit",
    )
    request = urllib.request.Request(form.action_url, data=urllib.parse.urlencode(form.fields).encode())
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    sim.control("POST", "pay", {"merchant_trade_no": no})
    return no


def attempts(sim: Sim, no: str) -> list[dict[str, Any]]:
    return sim.control("GET", f"deliveries?merchant_trade_no={no}")["attempts"]  # type: ignore[no-any-return]


def test_a_route_returning_the_bare_string_is_named_in_the_delivery_log(sim: Sim, shop_port: int) -> None:
    no = place_and_pay(sim, f"http://127.0.0.1:{shop_port}/bare")
    first = wait_until(lambda: attempts(sim, no))[0]
    assert first["ok"] is False and first["reply"] == '"1|OK"'
    assert "JSON string" in first["not_acknowledged"] and "notification_route" in first["not_acknowledged"]


def test_notification_route_is_acknowledged_at_the_first_attempt(sim: Sim, shop_port: int) -> None:
    no = place_and_pay(sim, f"http://127.0.0.1:{shop_port}/omg/return")
    first = wait_until(lambda: attempts(sim, no))[0]
    assert (first["ok"], first["attempt"], first["not_acknowledged"]) == (True, 1, None)
    assert len(handled) >= 1


@contextlib.contextmanager
def own_sim(*flags: str) -> Iterator[Sim]:
    """An omg-sim of its own, started with ``flags`` (a missing binary fails under
    OMG_REQUIRE_SIM=1, as the shared fixture does)."""
    binary = sim_binary()
    if binary is None:
        if os.environ.get("OMG_REQUIRE_SIM") == "1":
            pytest.fail("omg-sim is not built")
        pytest.skip("omg-sim is not built")
    process = subprocess.Popen(
        [str(binary), "--port", "0", "--quiet", *flags], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        assert process.stdout is not None
        yield Sim(process, process.stdout.readline().strip())
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_notification_with_lowercase_escapes_is_verified_and_acknowledged(shop_port: int) -> None:
    # 交易成功 is E4 BA A4 E6 98 93 E6 88 90 E5 8A 9F in UTF-8: the real gateway writes it lowercase.
    with own_sim("--lowercase-escapes") as sim:
        before = len(handled)
        no = place_and_pay(sim, f"http://127.0.0.1:{shop_port}/omg/return")
        first = wait_until(lambda: attempts(sim, no))[0]
        body = first["body"]
        assert "RtnMsg=%e4%ba%a4%e6%98%93%e6%88%90%e5%8a%9f" in body, body
        escapes = [part[:2] for part in body.split("%")[1:]]
        assert escapes and all(e == e.lower() for e in escapes), body
        assert (first["ok"], first["attempt"]) == (True, 1), first
        assert len(handled) == before + 1
        n = omg_payment.Client.stage().verify_notification(body)
        assert n.merchant_trade_no == no and n.rtn_msg == "交易成功" and n.is_paid


def test_a_public_https_callback_reaches_the_local_shop_through_forward(shop_port: int) -> None:
    local = f"http://127.0.0.1:{shop_port}"
    with own_sim("--forward", f"https://shop.example.com={local}") as sim:
        before = len(handled)
        no = place_and_pay(sim, "https://shop.example.com/omg/return")
        first = wait_until(lambda: attempts(sim, no))[0]
        assert first["url"] == "https://shop.example.com/omg/return"
        assert first["forwarded_to"] == f"{local}/omg/return" and first["ok"] is True
        assert len(handled) == before + 1
