"""Fields handed over as a mapping are held to a raw body's caps (issue 21 item 5): at most 1,024
fields and 65,536 bytes written ``k=v&k=v``, refused with ``DecodeError`` — the error a raw body
over the caps gets — on every entry point that takes a mapping. Signing refuses an empty HashKey or
HashIV (item 8). The real wheel; the expected numbers come from protocol limits, not from the code."""

from __future__ import annotations

import time
import types
from collections.abc import Callable
from typing import Any

import pytest
from conftest import STAGE_IV, STAGE_KEY

import omg_payment
from omg_payment import Client, DecodeError, SignatureError, ValidationError

MAX_FIELDS = 1024
MAX_BYTES = 64 * 1024


def fields_of_count(n: int) -> dict[str, str]:
    return {f"F{i}": "v" for i in range(n)}


def fields_of_bytes(n: int) -> dict[str, str]:
    """One field ``A=xxx...`` that is exactly ``n`` bytes written as a form."""
    return {"A": "x" * (n - 2)}


def as_proxy(fields: dict[str, str]) -> Any:
    """The same fields as a mapping that is not a dict (the generic-mapping path of the binding)."""
    return types.MappingProxyType(fields)


ENTRY_POINTS: dict[str, Callable[[Any], Any]] = {
    "verify_notification(dict)": lambda f: Client.stage().verify_notification(f),
    "verify_notification(mapping)": lambda f: Client.stage().verify_notification(as_proxy(f)),
    "check_mac_value(dict)": lambda f: omg_payment.check_mac_value(f, STAGE_KEY, STAGE_IV),
    "check_mac_value(mapping)": lambda f: omg_payment.check_mac_value(as_proxy(f), STAGE_KEY, STAGE_IV),
    "explain(dict)": lambda f: omg_payment.explain(f, STAGE_KEY, STAGE_IV),
    "sign_test_notification(fields)": lambda f: omg_payment.sign_test_notification(f, STAGE_KEY, STAGE_IV),
    "sign_test_notification(kind, overrides)": lambda f: omg_payment.sign_test_notification(
        f, STAGE_KEY, STAGE_IV, kind="payment_result"
    ),
    "client.sign_test_notification(overrides)": lambda f: Client.stage().sign_test_notification("payment_result", f),
}


@pytest.mark.parametrize("call", ENTRY_POINTS.values(), ids=ENTRY_POINTS.keys())
@pytest.mark.parametrize(
    "oversized", [fields_of_count(MAX_FIELDS + 1), fields_of_bytes(MAX_BYTES + 1)], ids=["1025 fields", "65537 bytes"]
)
def test_one_field_or_one_byte_over_the_caps_is_a_decode_error(
    call: Callable[[Any], Any], oversized: dict[str, str]
) -> None:
    with pytest.raises(DecodeError, match="1024 fields|65536 bytes"):
        call(oversized)


# At the caps exactly: not refused for size. Verification then fails for the signature (the
# fields carry none), signing succeeds.
AT_THE_CAPS = {
    "verify_notification(dict)": (ENTRY_POINTS["verify_notification(dict)"], SignatureError),
    "verify_notification(mapping)": (ENTRY_POINTS["verify_notification(mapping)"], SignatureError),
    "check_mac_value(dict)": (ENTRY_POINTS["check_mac_value(dict)"], None),
    "check_mac_value(mapping)": (ENTRY_POINTS["check_mac_value(mapping)"], None),
    "explain(dict)": (ENTRY_POINTS["explain(dict)"], None),
    "sign_test_notification(fields)": (ENTRY_POINTS["sign_test_notification(fields)"], None),
}


@pytest.mark.parametrize("call,error", AT_THE_CAPS.values(), ids=AT_THE_CAPS.keys())
@pytest.mark.parametrize(
    "at_cap", [fields_of_count(MAX_FIELDS), fields_of_bytes(MAX_BYTES)], ids=["1024 fields", "65536 bytes"]
)
def test_exactly_at_the_caps_is_not_refused_for_size(
    call: Callable[[Any], Any], error: Any, at_cap: dict[str, str]
) -> None:
    if error is None:
        assert call(at_cap)
    else:
        with pytest.raises(error):
            call(at_cap)


def test_a_million_fields_are_refused_before_any_is_converted() -> None:
    huge = fields_of_count(1_000_000)
    started = time.perf_counter()
    with pytest.raises(DecodeError):
        omg_payment.check_mac_value(huge, STAGE_KEY, STAGE_IV)
    with pytest.raises(DecodeError):
        Client.stage().verify_notification(huge)
    # Not a timing assertion: printed for the report (pytest -s). Refusing reads len() only.
    print(f"two calls with 1,000,000 fields: {(time.perf_counter() - started) * 1e3:.3f} ms")


@pytest.mark.parametrize("fields", [{"A": "1"}, as_proxy({"A": "1"})], ids=["dict", "mapping"])
@pytest.mark.parametrize("hash_key,hash_iv,named", [("", STAGE_IV, "HashKey"), (STAGE_KEY, "", "HashIV")])
def test_check_mac_value_refuses_an_empty_key_naming_it(fields: Any, hash_key: str, hash_iv: str, named: str) -> None:
    with pytest.raises(ValidationError) as refused:
        omg_payment.check_mac_value(fields, hash_key, hash_iv)
    assert [(e.field, e.rule) for e in refused.value.errors] == [(named, "required")]
