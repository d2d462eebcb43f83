"""Shared fixtures: the repository's paths, the shared vectors, and a running omg-sim.

omg-sim is found through ``OMG_SIM_BIN``, else in ``$CARGO_TARGET_DIR`` or ``target/`` (release,
then debug). Tests that need it are skipped with a clear reason when it is not built, unless
``OMG_REQUIRE_SIM=1`` (set by scripts/test-python.sh), which turns that into a failure.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import omg_payment

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors" / "checkmacvalue.json"
EXAMPLES = REPO / "python" / "examples"

STAGE_ID, STAGE_KEY, STAGE_IV = "1000031", "265flDjIvesceXWM", "pOOvhGd1V2pJbjfX"
#: omg-sim's CreditCheckCode of the stage merchant.
SIM_CREDIT_CHECK_CODE = "59997889"


@pytest.fixture(scope="session")
def vectors() -> dict[str, Any]:
    return json.loads(VECTORS.read_text(encoding="utf-8"))


@pytest.fixture
def client() -> omg_payment.Client:
    return omg_payment.Client.stage()


def sim_binary() -> Path | None:
    explicit = os.environ.get("OMG_SIM_BIN")
    if explicit:
        return Path(explicit)
    targets = [Path(os.environ["CARGO_TARGET_DIR"])] if os.environ.get("CARGO_TARGET_DIR") else []
    targets.append(REPO / "target")
    for target in targets:
        for profile in ("release", "debug"):
            candidate = target / profile / "omg-sim"
            if candidate.is_file():
                return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(predicate: Any, timeout: float = 10.0, interval: float = 0.05) -> Any:
    """Polls ``predicate`` until it returns something truthy; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


@contextmanager
def serving(app: Any) -> Iterator[int]:
    """``app`` (an ASGI app) under uvicorn on a free 127.0.0.1 port, in a thread of this process
    (so caplog sees its log records); yields the port, stops the server when the block ends."""
    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started, timeout=20)
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class Sim:
    """A running omg-sim process and its control API."""

    def __init__(self, process: subprocess.Popen[str], base_url: str) -> None:
        self.process = process
        self.base_url = base_url

    def control(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base_url + "/_sim/" + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def client(self, **options: Any) -> omg_payment.Client:
        return omg_payment.Client(
            STAGE_ID, STAGE_KEY, STAGE_IV, base_url=self.base_url, credit_check_code=SIM_CREDIT_CHECK_CODE, **options
        )


@pytest.fixture(scope="session")
def sim() -> Iterator[Sim]:
    binary = sim_binary()
    if binary is None:
        message = "omg-sim is not built (cargo build --release -p omg-sim, or set OMG_SIM_BIN)"
        if os.environ.get("OMG_REQUIRE_SIM") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Without the daily auto-close (on by default, as in production): the tests capture and refund
    # at any real time, and the gateway refuses DoAction 20:15-20:30 Taiwan time.
    process = subprocess.Popen(
        [str(binary), "--port", "0", "--quiet", "--no-daily-auto-close"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    base_url = process.stdout.readline().strip()
    if not base_url.startswith("http"):
        process.kill()
        pytest.fail(f"omg-sim did not print its base URL (got {base_url!r})")
    try:
        yield Sim(process, base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


def python() -> str:
    return sys.executable
