"""Issue 9: re-shaped signed bodies are refused, hostile values never crash the interpreter, and a
money-moving call whose reply cannot be trusted is an unknown outcome. The real wheel; omg-sim over
127.0.0.1 for the last part."""

from __future__ import annotations

import math
import urllib.parse
import urllib.request
from typing import Any

import pytest
from conftest import Sim

import omg_payment
from omg_payment import Client, OmgError, SignatureError, TransportError

ORDER = dict(
    merchant_trade_no="A1",
    total_amount=100,
    trade_desc="d",
    item_name="i",
    return_url="https://a.example/r",
    choose_payment="Credit",
)


def simulated_payment(client: Client) -> str:
    return client.sign_test_notification(
        "payment_result", {"MerchantTradeNo": "A2401011000001xyz", "TradeNo": "2401011000001234", "SimulatePaid": "1"}
    )


def test_re_shaped_copies_of_a_genuine_body_are_signature_errors(client: Client) -> None:
    body = simulated_payment(client)
    assert client.verify_notification(body).is_simulated

    with pytest.raises(SignatureError, match="TradeNo"):
        client.verify_notification(body.replace("&TradeNo=", "&tradeno="))

    # SimulatePaid folded into RtnMsg, the field before it in the signing order.
    rtn_msg = next(part for part in body.split("&") if part.startswith("RtnMsg="))
    folded = "&".join(p for p in body.split("&") if p != "SimulatePaid=1").replace(
        rtn_msg, rtn_msg + "%26SimulatePaid%3D1"
    )
    assert "SimulatePaid=1" not in folded.split("&")
    with pytest.raises(SignatureError, match="SimulatePaid"):
        client.verify_notification(folded.encode())
    # Parsed by a framework first, the folded field is one value: still refused.
    with pytest.raises(SignatureError, match="SimulatePaid"):
        client.verify_notification(dict(urllib.parse.parse_qsl(folded, keep_blank_values=True)))


def test_a_case_flipped_merchant_trade_no_makes_the_same_dedupe_key(client: Client) -> None:
    body = simulated_payment(client)
    flipped = body.replace("A2401011000001xyz", "a2401011000001XYZ")
    assert client.verify_notification(flipped).dedupe_key == client.verify_notification(body).dedupe_key


def test_a_deeply_nested_list_is_a_type_error_naming_the_argument(client: Client) -> None:
    deep: list[Any] = ["x"]
    for _ in range(31_000):
        deep = [deep]
    with pytest.raises(TypeError, match="item_name"):
        client.checkout(**{**ORDER, "item_name": deep})


def test_a_self_referencing_list_is_a_type_error(client: Client) -> None:
    loop: list[Any] = ["a"]
    loop.append(loop)
    with pytest.raises(TypeError, match="item_name"):
        client.checkout(**{**ORDER, "item_name": loop})
    # A flat list still works.
    assert client.checkout(**{**ORDER, "item_name": ["a", "b", 3]}).fields["ItemName"] == "a#b#3"


@pytest.mark.parametrize("seconds", [9.2e18, 1e300, math.inf, -1.0, math.nan])
@pytest.mark.parametrize("argument", ["read_timeout", "connect_timeout"])
def test_out_of_range_timeouts_are_omg_errors_naming_the_argument(argument: str, seconds: float) -> None:
    with pytest.raises(OmgError, match=argument):
        Client("1000031", "pwFHCqoQZGmho4w6", "EkRm7iFT261dpevs", base_url="http://127.0.0.1:9", **{argument: seconds})


def test_every_error_the_wheel_raises_is_caught_by_except_exception() -> None:
    # A panic inside Rust would be pyo3's PanicException, a BaseException: the wheel maps it to
    # OmgError. No input reaches a panic any more; the mapping is checked on its own.
    with pytest.raises(OmgError, match="internal error"):
        omg_payment._native._panic_for_tests()


def test_a_capture_whose_reply_cannot_be_trusted_is_an_unknown_outcome(sim: Sim) -> None:
    client = sim.client(retries=0)
    no = omg_payment.generate_merchant_trade_no("S")
    checkout = client.checkout(**{**ORDER, "merchant_trade_no": no, "return_url": "http://127.0.0.1:9/return"})
    data = urllib.parse.urlencode(checkout.fields).encode()
    with urllib.request.urlopen(urllib.request.Request(checkout.action_url, data=data), timeout=10) as response:
        assert response.status == 200
    paid = sim.control("POST", "pay", {"merchant_trade_no": no})
    sim.control("POST", "faults", {"path": "/CreditDetail/DoAction", "malformed_body": True, "count": 1})
    with pytest.raises(TransportError, match="QueryTrade/V2") as caught:
        client.capture(no, paid["order"]["trade_no"], 100)
    assert caught.value.outcome_unknown is True
