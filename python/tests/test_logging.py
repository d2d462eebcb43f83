"""The client's log events in Python's ``logging`` (issue 15 item 10): logger ``omg_payment``,
silent unless the application asks, never a key — against omg-sim with injected faults."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap

import pytest

from omg_payment import GatewayError, TransportError

from conftest import SIM_CREDIT_CHECK_CODE, STAGE_IV, STAGE_KEY, Sim


def test_requests_replies_retries_and_unknown_outcomes_reach_the_omg_payment_logger(
    sim: Sim, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="omg_payment")
    client = sim.client(retries=1)
    sim.control("POST", "faults", {"path": "/Cashier/QueryTradeInfo/V5", "status": 503, "count": 1})
    sim.control("POST", "faults", {"path": "/CreditDetail/DoAction", "status": 502, "count": 1})
    try:
        with pytest.raises(GatewayError):
            client.query_trade("NOSUCHORDERLOG1")
        with pytest.raises(TransportError) as unknown:
            client.refund("NOSUCHORDERLOG1", "2401011234567890", 100)
    finally:
        sim.control("DELETE", "faults")
    assert unknown.value.outcome_unknown

    ours = [r for r in caplog.records if r.name == "omg_payment"]
    lines = [(r.levelno, r.getMessage()) for r in ours]
    messages = [m for _, m in lines]
    assert messages[0].startswith("QueryTradeInfo/V5: request sent to " + sim.base_url), lines
    assert (logging.DEBUG, "QueryTradeInfo/V5: attempt 1 failed (HTTP 503): HTTP 503 from the gateway") in lines
    retry = [(level, m) for level, m in lines if "retrying in" in m]
    assert len(retry) == 1 and retry[0][0] == logging.INFO and "(attempt 2) after: HTTP 503" in retry[0][1], lines
    assert any(m.startswith("QueryTradeInfo/V5: reply HTTP 200, ") for m in messages), lines
    assert sum("DoAction: request sent" in m for m in messages) == 1, lines  # never retried
    warnings = [m for level, m in lines if level == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("DoAction: outcome unknown: HTTP 502"), lines
    assert "QueryTrade/V2" in warnings[0]

    text = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (STAGE_KEY, STAGE_IV, SIM_CREDIT_CHECK_CODE, "CheckMacValue"):
        assert secret not in text, secret
    # Only the SDK's own events: the HTTP library's (which show bodies) are not forwarded.
    assert {r.name for r in caplog.records if not r.name.startswith("omg_payment")} == set()


def test_silent_by_default_even_for_an_unknown_outcome(sim: Sim) -> None:
    """With no logging configured a library prints nothing, not even a warning (Python's
    last-resort handler would print WARNING records of a logger without handlers)."""
    sim.control("POST", "faults", {"path": "/CreditDetail/DoAction", "status": 502, "count": 1})
    program = textwrap.dedent(
        f"""
        import omg_payment
        client = omg_payment.Client({"1000031"!r}, {STAGE_KEY!r}, {STAGE_IV!r}, base_url={sim.base_url!r})
        try:
            client.refund("NOSUCHORDERLOG2", "2401011234567890", 100)
        except omg_payment.TransportError as e:
            print("unknown" if e.outcome_unknown else "known")
        """
    )
    try:
        done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    finally:
        sim.control("DELETE", "faults")
    assert done.stdout.strip() == "unknown", done.stderr
    assert done.stderr == ""
