"""AsyncClient: the same methods, the network calls as coroutines that do not block the loop."""

from __future__ import annotations

import asyncio
import inspect

import pytest
from conftest import STAGE_ID, STAGE_IV, STAGE_KEY, Sim

import omg_payment
from omg_payment import AsyncClient, Client, GatewayError, TradeInfo

NETWORK = [
    "query_trade",
    "query_period",
    "cancel_period",
    "capture",
    "refund",
    "cancel_capture",
    "abandon",
    "query_credit_detail",
]
PURE = ["checkout", "verify_notification", "sign_test_notification"]


def test_same_surface_as_client() -> None:
    for name in NETWORK:
        assert inspect.iscoroutinefunction(getattr(AsyncClient, name)), name
        assert hasattr(Client, name)
    for name in PURE:
        assert not inspect.iscoroutinefunction(getattr(AsyncClient, name)), name
    a = AsyncClient.stage()
    assert a.merchant_id == "1000031" and not a.is_production and a.base_url.startswith("https://")
    assert isinstance(a.client, Client) and "1000031" in repr(a)
    body = a.sign_test_notification("payment_result", {"MerchantTradeNo": "A1"})
    assert a.verify_notification(body).merchant_trade_no == "A1"
    co = a.checkout(
        merchant_trade_no="A1",
        total_amount=1,
        trade_desc="d",
        item_name="i",
        return_url="https://x.example/r",
        choose_payment="Credit",
    )
    assert co.fields["TotalAmount"] == "1"
    with pytest.raises(omg_payment.ValidationError):
        AsyncClient("", "k", "i")


def test_coroutines_run_concurrently_without_blocking_the_loop(sim: Sim) -> None:
    """Three slow queries are all at the gateway at once, before any has returned (an event read
    from omg-sim's request counter, not a clock), and the event loop keeps running meanwhile."""
    path = "/Cashier/QueryTradeInfo/V5"
    sim.control("POST", "faults", {"path": path, "delay_ms": 2000, "count": 3})
    client = AsyncClient(STAGE_ID, STAGE_KEY, STAGE_IV, base_url=sim.base_url, retries=0)

    def requests() -> int:
        return int(sim.control("GET", "stats")["requests"].get(path, 0))

    async def main() -> tuple:  # type: ignore[type-arg]
        before = await asyncio.to_thread(requests)
        tasks = [asyncio.ensure_future(client.query_trade("NOSUCHORDER3")) for _ in range(3)]
        loop_turns = 0
        while await asyncio.to_thread(requests) - before < 3:
            assert not any(t.done() for t in tasks), (
                "a query returned before all three had started: they ran one after another"
            )
            loop_turns += 1
            await asyncio.sleep(0.01)
        all_in_flight = not any(t.done() for t in tasks)
        results = await asyncio.gather(*tasks, return_exceptions=True)
        return results, all_in_flight, loop_turns

    try:
        results, all_in_flight, _loop_turns = asyncio.run(main())
    finally:
        sim.control("DELETE", "faults")
    assert all(isinstance(r, GatewayError) for r in results), results
    assert all_in_flight, "the three queries were not at the gateway at the same time"


def test_async_results_are_the_typed_results(sim: Sim) -> None:
    from test_client import place_order

    client = AsyncClient.from_client(sim.client())
    no = place_order(sim, client.client, choose_payment="Credit")
    info = asyncio.run(client.query_trade(no))
    assert isinstance(info, TradeInfo) and info.merchant_trade_no == no
