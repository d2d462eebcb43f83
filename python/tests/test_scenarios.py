"""The cross-language scenarios (tests/scenarios/*.json, format in its README), through the
wheel's public API: client settings by Client(**settings) and Client.settings, notifications by
Client.verify_notification, replies served over loopback HTTP to a real Client call. Python
names are the scenario names as they are (snake_case)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from conftest import REPO, SIM_CREDIT_CHECK_CODE, STAGE_ID, STAGE_IV, STAGE_KEY

import omg_payment
from omg_payment import (
    Client,
    ClientSettings,
    DecodeError,
    GatewayError,
    SignatureError,
    TransportError,
    ValidationError,
)

SCENARIOS = REPO / "tests" / "scenarios"

ERROR_CLASSES = {
    "validation": ValidationError,
    "signature": SignatureError,
    "gateway": GatewayError,
    "transport": TransportError,
    "decode": DecodeError,
}


def cases(op: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(SCENARIOS.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            if case["op"] == op:
                found.append((f"{path.name}: {case['name']}", case))
    assert found, f"no {op} scenarios"
    return found


def keys(case_input: dict[str, Any]) -> dict[str, str]:
    given = case_input.get("keys", {})
    return {
        "merchant_id": given.get("merchant_id", STAGE_ID),
        "hash_key": given.get("hash_key", STAGE_KEY),
        "hash_iv": given.get("hash_iv", STAGE_IV),
        "credit_check_code": given.get("credit_check_code", SIM_CREDIT_CHECK_CODE),
    }


def check_error(expected: dict[str, Any], error: omg_payment.OmgError) -> None:
    kind = expected["kind"]
    if kind == "not_found":
        assert isinstance(error, GatewayError) and error.rtn_code == 10200047, repr(error)
        # The predicate every language has (issue 24): the same answer as core's is_not_found().
        assert error.is_not_found and not error.is_duplicate and not error.is_already_stopped, repr(error)
    else:
        assert isinstance(error, ERROR_CLASSES[kind]), repr(error)
    if "field" in expected:
        assert isinstance(error, ValidationError) and error.errors[0].field == expected["field"], repr(error)
    if "rule" in expected:
        assert isinstance(error, ValidationError) and error.errors[0].rule == expected["rule"], repr(error)
    if "rtn_code" in expected:
        assert isinstance(error, GatewayError) and error.rtn_code == expected["rtn_code"], repr(error)


@pytest.mark.parametrize("name,case", cases("settings"), ids=lambda v: v if isinstance(v, str) else "")
def test_settings(name: str, case: dict[str, Any]) -> None:
    expect = case["expect"]
    try:
        client = Client(**case["input"])
    except omg_payment.OmgError as error:
        assert "error" in expect, f"{name}: {error!r}"
        want = expect["error"]
        assert isinstance(error, ERROR_CLASSES[want["kind"]]), repr(error)
        # As the Rust runner: one of the field errors names the setting (and the rule, if given).
        found = [(e.field, e.rule) for e in getattr(error, "errors", [])]
        assert any(field == want["field"] and rule == want.get("rule", rule) for field, rule in found), (
            f"{name}: {found}"
        )
        return
    assert "error" not in expect, f"{name}: expected an error, got {client.settings!r}"
    settings = client.settings
    assert isinstance(settings, ClientSettings)
    for field, value in expect.items():
        got = getattr(settings, field)
        if isinstance(value, float):
            assert isinstance(got, float) and got == pytest.approx(value), f"{name}: {field} is {got!r}"
        else:
            # bool is not int here: is_production False must not pass as retries 0.
            assert type(got) is type(value) and got == value, f"{name}: {field} is {got!r}"


@pytest.mark.parametrize("name,case", cases("verify_notification"), ids=lambda v: v if isinstance(v, str) else "")
def test_verify_notification(name: str, case: dict[str, Any]) -> None:
    k = keys(case["input"])
    client = Client(k["merchant_id"], k["hash_key"], k["hash_iv"])
    expect = case["expect"]
    try:
        n = client.verify_notification(case["input"]["body"], case["input"].get("endpoint"))
    except omg_payment.OmgError as error:
        assert "error" in expect, f"{name}: {error!r}"
        check_error(expect["error"], error)
        return
    assert "error" not in expect, f"{name}: expected an error, got {n!r}"
    for prop in ("kind", "is_paid", "is_simulated", "dedupe_key"):
        if prop in expect:
            assert getattr(n, prop) == expect[prop], f"{name}: {prop}"
    for accessor, value in expect.get("accessors", {}).items():
        assert getattr(n, accessor) == value, f"{name}: {accessor}"


class _Reply(BaseHTTPRequestHandler):
    body = b""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def gateway() -> Iterator[ThreadingHTTPServer]:
    """A loopback HTTP server answering every POST with `server.RequestHandlerClass.body`."""
    handler = type("Reply", (_Reply,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def call(client: Client, api: str, args: dict[str, Any]) -> Any:
    if api == "query_trade_info":
        return client.query_trade(args["merchant_trade_no"])
    if api == "query_period_info":
        return client.query_period(args["merchant_trade_no"])
    if api == "period_action":
        return client.cancel_period(args["merchant_trade_no"])
    if api == "do_action":
        return client.capture(args["merchant_trade_no"], args["trade_no"], args["amount"])
    if api == "query_credit_detail":
        return client.query_credit_detail(args["credit_refund_id"], args["credit_amount"])
    raise AssertionError(f"unknown api {api}")


@pytest.mark.parametrize("name,case", cases("parse_reply"), ids=lambda v: v if isinstance(v, str) else "")
def test_parse_reply(gateway: ThreadingHTTPServer, name: str, case: dict[str, Any]) -> None:
    gateway.RequestHandlerClass.body = case["input"]["body"].encode("utf-8")  # type: ignore[attr-defined]
    k = keys(case["input"])
    host, port = gateway.server_address[:2]
    client = Client(
        k["merchant_id"],
        k["hash_key"],
        k["hash_iv"],
        base_url=f"http://{host}:{port}",
        credit_check_code=k["credit_check_code"],
        retries=0,
    )
    expect = case["expect"]
    try:
        result = call(client, case["input"]["api"], case["input"].get("args", {}))
    except omg_payment.OmgError as error:
        assert "error" in expect, f"{name}: {error!r}"
        check_error(expect["error"], error)
        return
    assert "error" not in expect, f"{name}: expected an error, got {result!r}"
    for prop, value in expect["result"].items():
        assert getattr(result, prop) == value, f"{name}: {prop}"
