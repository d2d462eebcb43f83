"""The SDK's log events in Python's ``logging`` (issue 15 item 10, issue 21 item 11): logger
``omg_payment``, warnings visible with no logging configured, never a key — against omg-sim with
injected faults."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from conftest import SIM_CREDIT_CHECK_CODE, STAGE_IV, STAGE_KEY, Sim

from omg_payment import GatewayError, TransportError


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


def run_without_logging_config(program: str) -> subprocess.CompletedProcess[str]:
    """Runs ``program`` in a child Python that configures no logging at all (Python warnings off:
    a library's deprecation notice is not what is looked for)."""
    return subprocess.run(
        [sys.executable, "-W", "ignore", "-c", textwrap.dedent(program)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_with_no_logging_configured_an_unknown_outcome_is_printed_and_retries_are_not(sim: Sim) -> None:
    """Issue 21 item 11: a warning must not need logging set up to be seen. The package adds no
    handler, so Python's last-resort handler prints WARNING records to stderr; INFO (retries) and
    DEBUG (requests) stay quiet."""
    sim.control("POST", "faults", {"path": "/Cashier/QueryTradeInfo/V5", "status": 503, "count": 1})
    sim.control("POST", "faults", {"path": "/CreditDetail/DoAction", "status": 502, "count": 1})
    try:
        done = run_without_logging_config(
            f"""
            import omg_payment
            client = omg_payment.Client({"1000031"!r}, {STAGE_KEY!r}, {STAGE_IV!r}, base_url={sim.base_url!r},
                                        retries=1, initial_backoff=0.001)
            try:
                client.query_trade("NOSUCHORDERLOG2")
            except omg_payment.GatewayError:
                pass
            try:
                client.refund("NOSUCHORDERLOG2", "2401011234567890", 100)
            except omg_payment.TransportError as e:
                print("unknown" if e.outcome_unknown else "known")
            """
        )
    finally:
        sim.control("DELETE", "faults")
    assert done.stdout.strip() == "unknown", done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("DoAction: outcome unknown: HTTP 502"), done.stderr
    for secret in (STAGE_KEY, STAGE_IV):
        assert secret not in done.stderr


def test_with_no_logging_configured_a_refused_notification_is_printed(tmp_path: Any) -> None:
    """A deploy with a wrong HashIV refuses every genuine notification: without this line only the
    access log would show it (as 400s)."""
    pytest.importorskip("fastapi")
    done = run_without_logging_config(
        f"""
        from fastapi import FastAPI
        from fastapi.testclient import TestClient
        import omg_payment
        from omg_payment.fastapi import NotificationVerifier, notification_route

        gateway = omg_payment.Client.stage()                      # signs with the real keys
        shop = omg_payment.Client("1000031", {STAGE_KEY!r}, "wrongHashIV12345")  # a typo in the IV
        app = FastAPI()
        verifier = NotificationVerifier(shop, expect=omg_payment.PaymentResult)
        notification_route(app, "/omg/return", verifier)(lambda n: None)
        reply = TestClient(app).post("/omg/return", content=gateway.sign_test_notification(),
                                     headers={{"Content-Type": "application/x-www-form-urlencoded"}})
        print(reply.status_code, reply.text[:2])
        """
    )
    assert done.stdout.strip() == "400 0|", done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("notification refused at /omg/return: 0|signature error: CheckMacValue does not match")
    assert "HashKey/HashIV" in lines[0] and "wrongHashIV12345" not in done.stderr and STAGE_IV not in done.stderr
