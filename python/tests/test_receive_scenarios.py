"""The receive scenarios (tests/scenarios/receive.json): one HTTP request each, sent over real
loopback HTTP to a FastAPI app served by uvicorn, whose routes are ``notification_route``s with
the handler the case names. Every web helper (and omg-core) gives each case the same status and
reply."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import REPO, serving
from fastapi import FastAPI

import omg_payment
from omg_payment.fastapi import NotificationVerifier, notification_route

CASES = json.loads((REPO / "tests" / "scenarios" / "receive.json").read_text(encoding="utf-8"))["cases"]


def app() -> FastAPI:
    """One route per handler behaviour, and the same taking only payment results."""
    client = omg_payment.Client.stage()
    shop = FastAPI()
    behaviours: dict[str, Any] = {
        "returns_nothing": lambda n: None,
        "returns_ack": lambda n: omg_payment.ACK,
        "throws": lambda n: 1 / 0,
    }
    for name, behaviour in behaviours.items():
        notification_route(shop, f"/{name}", NotificationVerifier(client))(behaviour)
        only_payments = NotificationVerifier(client, expect=omg_payment.PaymentResult)
        notification_route(shop, f"/{name}/payment_result", only_payments)(behaviour)
    return shop


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    with serving(app()) as p:
        yield p


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_receive_scenario(port: int, case: dict[str, Any]) -> None:
    given = case["input"]
    if given["handler"] == "exits":
        pytest.skip("only a PHP handler can exit the request")
    body = bytes.fromhex(given["body_hex"]) if "body_hex" in given else given["body"].encode()
    path = f"/{given['handler']}" + (f"/{given['expect_kind']}" if given.get("expect_kind") else "")
    headers = {} if given["content_type"] is None else {"Content-Type": given["content_type"]}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(given["method"], path, body=body, headers=headers)
        response = connection.getresponse()
        reply = response.read().decode()
    finally:
        connection.close()
    assert (response.status, reply) == (case["expect"]["status"], case["expect"]["reply"])
