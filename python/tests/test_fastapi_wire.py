"""What the gateway receives from ``notification_route``, byte for byte, over real HTTP: a FastAPI
app served by uvicorn on 127.0.0.1, read with ``http.client``. The gateway re-sends a notification
unless the reply is exactly the four bytes ``1|OK`` (JSON quotes or a newline are "no answer"), and
every refusal must reach the application's log (issue 21 items 3, 4 and 11)."""

from __future__ import annotations

import http.client
import logging
from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")
from conftest import STAGE_IV, STAGE_KEY, serving
from fastapi import FastAPI

import omg_payment
from omg_payment import Client, PaymentResult
from omg_payment.fastapi import NotificationRefused, NotificationVerifier, notification_route

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def post(port: int, path: str, body: str) -> tuple[int, dict[str, str], bytes]:
    """POSTs ``body`` as a form and returns the status, the headers and the exact body bytes."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        connection.request("POST", path, body=body.encode(), headers=FORM)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def app_with(handler: Callable[..., Any]) -> tuple[FastAPI, Client]:
    shop = Client.stage()
    app = FastAPI()
    notification_route(app, "/omg/return", NotificationVerifier(shop, expect=PaymentResult))(handler)
    return app, shop


def payment(shop: Client) -> str:
    return shop.sign_test_notification("payment_result", {"MerchantTradeNo": "W1", "TradeAmt": 100})


def returns_none(n: PaymentResult) -> None:
    return None


def returns_ack(n: PaymentResult) -> Any:
    return omg_payment.ACK


async def returns_ack_async(n: PaymentResult) -> Any:
    return "1|OK"


@pytest.mark.parametrize("handler", [returns_none, returns_ack, returns_ack_async], ids=["None", "ACK", "async ACK"])
def test_the_reply_is_exactly_the_four_bytes_1_ok_as_plain_text(handler: Callable[..., Any]) -> None:
    app, shop = app_with(handler)
    with serving(app) as port:
        status, headers, body = post(port, "/omg/return", payment(shop))
    assert (status, body) == (200, b"1|OK")  # no JSON quotes, no newline, no BOM
    assert headers["content-length"] == "4"
    assert headers["content-type"].split(";")[0] == "text/plain"


def test_another_string_is_answered_500_with_an_error_that_says_what_to_return(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def returns_ok(n: PaymentResult) -> Any:
        return "OK"

    app, shop = app_with(returns_ok)
    with serving(app) as port:
        status, _, body = post(port, "/omg/return", payment(shop))
    assert status == 500 and body.startswith(b"0|") and body != b'"OK"'
    errors = [r.getMessage() for r in caplog.records if r.name == "omg_payment" and r.levelno == logging.ERROR]
    assert any("returns_ok returned 'OK'" in m and "omg_payment.ACK" in m for m in errors), errors


def test_a_period_charge_on_a_payment_route_is_refused_and_logged_as_an_error_naming_order_amount_and_recovery(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[object] = []
    app, shop = app_with(seen.append)
    charge = shop.sign_test_notification("period_charge", {"MerchantTradeNo": "P20240001", "Amount": 399})
    with serving(app) as port:
        status, _, body = post(port, "/omg/return", charge)
    assert (status, body) == (400, b"0|unexpected notification: period_charge") and seen == []
    errors = [r.getMessage() for r in caplog.records if r.name == "omg_payment" and r.levelno == logging.ERROR]
    assert len(errors) == 1, errors
    line = errors[0]
    for part in ("P20240001", "amount 399", "/omg/return", "QueryCreditCardPeriodInfo", "`omg query period P20240001`"):
        assert part in line, (part, line)


def test_every_refusal_is_a_warning_on_the_omg_payment_logger_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    def on_payment(n: PaymentResult) -> None:
        raise NotificationRefused("unknown order")

    app, shop = app_with(on_payment)
    other_merchant = omg_payment.sign_test_notification(
        {"MerchantID": "3002607", "MerchantTradeNo": "W2"}, STAGE_KEY, STAGE_IV, kind="payment_result"
    )
    cases = {
        "bad signature": payment(shop).replace("TradeAmt=100", "TradeAmt=1"),
        "wrong merchant": other_merchant,
        "too large": "A" * (64 * 1024 + 1),
        "handler refusal": payment(shop),
    }
    caplog.set_level(logging.WARNING, logger="omg_payment")
    with serving(app) as port:
        replies = {name: post(port, "/omg/return", body) for name, body in cases.items()}
    # Too large: 413, omg-core's answer in every language (tests/scenarios/receive.json).
    assert {name: (status, body[:2]) for name, (status, _, body) in replies.items()} == {
        name: (413 if name == "too large" else 400, b"0|") for name in cases
    }
    warnings = [r.getMessage() for r in caplog.records if r.name == "omg_payment" and r.levelno == logging.WARNING]
    assert len(warnings) == len(cases), warnings
    signature, merchant, large, handler = warnings
    assert "CheckMacValue" in signature and "HashKey/HashIV" in signature
    assert "3002607" in merchant and "MerchantID is wrong" in merchant
    assert "larger than 65536" in large
    assert "on_payment refused the notification: 0|unknown order" in handler
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert STAGE_KEY not in text and STAGE_IV not in text
