"""A money-moving call answered by a redirect or a 4xx after the gateway acted is an unknown outcome
(issue 21 item 2): omg-sim applies the refund (or the period cancellation) and then answers 307,
404 or 429 instead of its reply, as a proxy in front of the gateway can. The client must say
``outcome_unknown`` with the query that tells what happened, and the action must have happened
exactly once — read back through the same client. omg-sim over 127.0.0.1."""

from __future__ import annotations

import urllib.parse
import urllib.request
from typing import Any

import pytest
from conftest import Sim

import omg_payment
from omg_payment import Client, TransportError

STATUSES = [307, 404, 429]
AUTHORISED = 1000
REFUND = 400


def place_paid_order(sim: Sim, client: Client, **options: Any) -> str:
    """A card order checked out, posted to omg-sim as the payer's browser would, and paid."""
    no = omg_payment.generate_merchant_trade_no("U")
    checkout = client.checkout(
        merchant_trade_no=no,
        total_amount=AUTHORISED,
        trade_desc="unknown outcome",
        item_name="Mug",
        return_url="http://127.0.0.1:9/return",
        choose_payment="Credit",
        **options,
    )
    data = urllib.parse.urlencode(checkout.fields).encode()
    with urllib.request.urlopen(urllib.request.Request(checkout.action_url, data=data), timeout=10) as response:
        assert response.status == 200
    sim.control("POST", "pay", {"merchant_trade_no": no})
    return no


@pytest.mark.parametrize("status", STATUSES)
def test_a_refund_answered_by_a_redirect_or_4xx_is_an_unknown_outcome_and_was_applied_once(
    sim: Sim, status: int
) -> None:
    client = sim.client()
    no = place_paid_order(sim, client, need_extra_paid_info=True)
    info = client.query_trade(no)
    gwsr = info.raw["gwsr"]
    client.capture(no, info.trade_no, AUTHORISED)
    sim.control("POST", "advance", {"seconds": 86400})  # the capture is settled: refundable
    sim.control("POST", "faults", {"path": "/CreditDetail/DoAction", "apply_then_status": status, "count": 1})
    try:
        with pytest.raises(TransportError) as caught:
            client.refund(no, info.trade_no, REFUND)
    finally:
        sim.control("DELETE", "faults")
    assert caught.value.outcome_unknown is True, caught.value
    assert caught.value.reconcile_with == "QueryTrade/V2"
    refunds = [
        e
        for e in client.query_credit_detail(gwsr, AUTHORISED).close_data
        if e.status_name in ("refund_pending", "refunded")
    ]
    assert [e.amount for e in refunds] == [REFUND]


@pytest.mark.parametrize("status", STATUSES)
def test_a_period_cancellation_answered_by_a_redirect_or_4xx_is_an_unknown_outcome_and_was_applied(
    sim: Sim, status: int
) -> None:
    client = sim.client()
    no = place_paid_order(
        sim,
        client,
        period_amount=AUTHORISED,
        period_type="D",
        frequency=1,
        exec_times=5,
        period_return_url="http://127.0.0.1:9/period",
    )
    sim.control("POST", "faults", {"path": "/Cashier/CreditCardPeriodAction", "apply_then_status": status, "count": 1})
    try:
        with pytest.raises(TransportError) as caught:
            client.cancel_period(no)
    finally:
        sim.control("DELETE", "faults")
    assert caught.value.outcome_unknown is True, caught.value
    assert caught.value.reconcile_with == "QueryCreditCardPeriodInfo"
    assert client.query_period(no).exec_status_name == "cancelled"
