"""omg_payment.fastapi: the dependency hands routes verified notifications; refusals never reach them."""

from __future__ import annotations

from typing import List

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi import Depends, FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

import omg_payment  # noqa: E402
from omg_payment import AsyncClient, Client, Notification, PaymentResult  # noqa: E402
from omg_payment.fastapi import NotificationVerifier, ack, install  # noqa: E402


def make_app(installed: bool = True, client: object = None):  # type: ignore[no-untyped-def]
    shop = Client.stage()
    reached: List[Notification] = []
    app = FastAPI()
    if installed:
        install(app)
    verified = NotificationVerifier(client or shop, expect=PaymentResult)

    @app.post("/omg/return")
    def omg_return(n: PaymentResult = Depends(verified)):  # type: ignore[no-untyped-def]
        reached.append(n)
        return ack()

    return TestClient(app), shop, reached


def post(http: TestClient, body: object):  # type: ignore[no-untyped-def]
    return http.post("/omg/return", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_a_genuine_notification_reaches_the_route_and_is_acknowledged_exactly() -> None:
    http, shop, reached = make_app()
    body = shop.sign_test_notification("payment_result", {"MerchantTradeNo": "A1", "TradeAmt": 100, "ItemName": "a+b 手"})
    response = post(http, body)
    assert response.status_code == 200 and response.text == "1|OK"
    assert response.headers["content-type"].startswith("text/plain")
    assert len(reached) == 1 and reached[0].merchant_trade_no == "A1" and reached[0].raw["ItemName"] == "a+b 手"


@pytest.mark.parametrize(
    "mutate",
    [
        lambda b: b.replace("TradeAmt=100", "TradeAmt=1"),
        lambda b: b + "&Injected=1",
        lambda b: b.encode() + b"\xff",
        lambda b: "",
        lambda b: "A" * (64 * 1024 + 10),
    ],
    ids=["altered", "extra-field", "not-utf8", "empty", "too-big"],
)
def test_refused_notifications_answer_0_and_never_reach_the_route(mutate) -> None:  # type: ignore[no-untyped-def]
    http, shop, reached = make_app()
    body = shop.sign_test_notification("payment_result", {"MerchantTradeNo": "A1", "TradeAmt": 100})
    response = post(http, mutate(body))
    assert response.status_code == 400 and response.text.startswith("0|")
    assert reached == []


def test_an_unexpected_kind_is_refused() -> None:
    http, shop, reached = make_app()
    response = post(http, shop.sign_test_notification("atm_code_issued", {"MerchantTradeNo": "A1"}))
    assert response.text == "0|unexpected notification: payment_code_issued" and reached == []


def test_without_install_a_refusal_is_still_a_400_and_never_reaches_the_route() -> None:
    http, shop, reached = make_app(installed=False)
    response = post(http, "MerchantID=1000031&CheckMacValue=00")
    assert response.status_code == 400 and response.json()["detail"].startswith("0|") and reached == []


def test_an_async_client_or_a_factory_serves_too() -> None:
    for client in (AsyncClient.stage(), Client.stage, lambda: AsyncClient.stage()):
        http, shop, reached = make_app(client=client)
        assert post(http, shop.sign_test_notification()).text == "1|OK"
        assert len(reached) == 1


def test_helpers() -> None:
    from omg_payment.fastapi import refusal

    assert ack().body == b"1|OK"
    r = refusal("no such order")
    assert r.body == b"0|no such order" and r.status_code == 400
    assert omg_payment.ACK == "1|OK"
