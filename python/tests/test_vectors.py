"""The shared CheckMacValue vectors (tests/vectors/checkmacvalue.json), through the wheel."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import VECTORS

import omg_payment

DATA = json.loads(VECTORS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", DATA["vectors"], ids=[v["name"] for v in DATA["vectors"]])
def test_every_published_vector_signs_to_its_expected_value(vector: dict[str, Any]) -> None:
    method = vector.get("method", "sha256")
    got = omg_payment.check_mac_value(vector["params"], vector["hash_key"], vector["hash_iv"], method=method)
    assert got == vector["expected"]


@pytest.mark.parametrize("case", DATA["encoding"], ids=[repr(c["input"]) for c in DATA["encoding"]])
def test_every_encoding_case_is_encoded_like_dotnet(case: dict[str, str]) -> None:
    e = omg_payment.explain({"A": case["input"]}, "k", "i")
    assert e.encoded == f"hashkey%3d****%26a%3d{case['expected']}%26hashiv%3d****"


def test_explain_gives_the_documented_intermediate_values() -> None:
    entry = DATA["explain"]
    vector = next(v for v in DATA["vectors"] if v["name"] == entry["vector"])
    e = omg_payment.explain(vector["params"], vector["hash_key"], vector["hash_iv"])
    masked_preimage = entry["sorted_preimage"].replace(vector["hash_key"], "****").replace(vector["hash_iv"], "****")
    assert e.sorted_preimage == masked_preimage
    masked_encoded = (
        entry["encoded_lowercase"]
        .replace(vector["hash_key"].lower(), "****")
        .replace(vector["hash_iv"].lower(), "****")
    )
    assert e.encoded == masked_encoded
    assert e.check_mac_value == entry["expected"]
    assert e.method == "sha256"
    assert vector["hash_key"] not in repr(e) and vector["hash_iv"] not in repr(e)


def test_a_signed_vector_verifies_as_a_notification_only_with_its_keys() -> None:
    # A real ReturnURL notification: a checkout request signs the same way but is no notification
    # (it carries no TradeNo, so it is refused as one).
    vector = next(v for v in DATA["vectors"] if v["name"] == "return-url-notification-with-empty-fields")
    fields = dict(vector["params"], CheckMacValue=vector["expected"])
    client = omg_payment.Client(vector["params"]["MerchantID"], vector["hash_key"], vector["hash_iv"])
    assert client.verify_notification(fields).raw["CheckMacValue"] == vector["expected"]
    with pytest.raises(omg_payment.SignatureError):
        omg_payment.Client.stage().verify_notification(dict(fields, MerchantID="1000031"))
