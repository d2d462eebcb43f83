"""verify_notification: every kind, every body type, and every way a body can be wrong."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from types import MappingProxyType

import pytest

import omg_payment
from omg_payment import (
    ACK,
    Client,
    DecodeError,
    PaymentCodeIssued,
    PaymentResult,
    PeriodCharge,
    SignatureError,
    ValidationError,
)


def test_payment_result_properties(client: Client) -> None:
    body = client.sign_test_notification(
        "payment_result",
        {
            "MerchantTradeNo": "A1",
            "TradeNo": "2401011000001234",
            "TradeAmt": 1200,
            "PaymentDate": "2024/01/01 10:01:00",
            "CustomField1": "c1",
            "gwsr": "11223344",
            "card4no": "2222",
            "amount": 1200,
            "Unknown": "kept",
        },
    )
    n = client.verify_notification(body)
    assert isinstance(n, PaymentResult) and isinstance(n, omg_payment.Notification)
    assert n.kind == "payment_result" and n.is_paid and not n.is_simulated
    assert (n.merchant_id, n.merchant_trade_no, n.trade_no, n.trade_amt) == ("1000031", "A1", "2401011000001234", 1200)
    assert n.payment_type == "Credit_CreditCard" and n.payment_date == "2024/01/01 10:01:00" and n.rtn_code == 1
    assert (n.gwsr, n.card4no, n.amount) == ("11223344", "2222", 1200)
    assert n.custom_fields == ("c1", "", "", "")
    assert n.raw["Unknown"] == "kept" and n.get("Unknown") == "kept" and n.get("Nope") is None
    assert n.raw["CheckMacValue"] and next(iter(n.raw)) == "MerchantID"
    assert n.dedupe_key == "payment_result|a1|2401011000001234|1"
    assert n.amount_field == "TradeAmt" and n.store_id == "" and n.rtn_msg
    assert "A1" in repr(n)
    n.expect_amount(1200)
    with pytest.raises(ValidationError) as info:
        n.expect_amount(1199)
    assert (info.value.errors[0].field, info.value.errors[0].rule) == ("TradeAmt", "amount_mismatch")


def test_simulated_payments_are_flagged(client: Client) -> None:
    n = client.verify_notification(
        client.sign_test_notification("payment_result", {"SimulatePaid": "1", "TradeAmt": 5})
    )
    assert n.is_simulated and not n.is_paid  # no money moved (protocol.md §5)
    assert n.dedupe_key.endswith("|simulated")


@pytest.mark.parametrize(
    "kind, fields, check",
    [
        (
            "atm_code_issued",
            {"BankCode": "007", "vAccount": "1234567890", "ExpireDate": "2024/01/04"},
            lambda n: (n.bank_code, n.v_account, n.expire_date, n.rtn_code) == ("007", "1234567890", "2024/01/04", 2),
        ),
        ("cvs_code_issued", {"PaymentNo": "LLL123"}, lambda n: n.payment_no == "LLL123" and n.barcodes is None),
        (
            "barcode_code_issued",
            {"Barcode1": "1301015EA", "Barcode2": "0000000000000000", "Barcode3": "0101K70000001200"},
            lambda n: (
                n.barcodes == ("1301015EA", "0000000000000000", "0101K70000001200") and n.barcode2 == "0000000000000000"
            ),
        ),
    ],
)
def test_payment_code_issued_properties(client: Client, kind: str, fields: dict, check) -> None:  # type: ignore[no-untyped-def,type-arg]
    n = client.verify_notification(
        client.sign_test_notification(kind, dict(fields, MerchantTradeNo="A2", TradeAmt=300))
    )
    assert isinstance(n, PaymentCodeIssued) and n.kind == "payment_code_issued"
    assert not n.is_paid and n.trade_amt == 300 and check(n)


def test_period_charge_properties(client: Client) -> None:
    n = client.verify_notification(
        client.sign_test_notification(
            "period_charge",
            {
                "MerchantTradeNo": "A3",
                "Amount": 499,
                "Gwsr": "555",
                "ProcessDate": "2024/02/01 10:00:00",
                "TotalSuccessTimes": 2,
                "FirstAuthAmount": 499,
                "AuthCode": "777",
            },
        )
    )
    assert isinstance(n, PeriodCharge) and n.kind == "period_charge" and n.is_paid
    assert (n.amount, n.gwsr, n.process_date, n.total_success_times, n.first_auth_amount, n.auth_code) == (
        499,
        "555",
        "2024/02/01 10:00:00",
        2,
        499,
        "777",
    )
    assert n.period_type == "M" and n.frequency == 1 and n.exec_times == 12
    assert n.amount_field == "Amount" and n.dedupe_key.startswith("period_charge|a3|555|1|2|")
    n.expect_amount(499)


class FormLike(Mapping[str, str]):
    """A read-only mapping that is not a dict, like Starlette's FormData."""

    def __init__(self, data: Mapping[str, str]) -> None:
        self._data = dict(data)

    def __getitem__(self, key: str) -> str:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def test_every_body_type_verifies_the_same(client: Client) -> None:
    body = client.sign_test_notification(
        "payment_result", {"MerchantTradeNo": "A4", "TradeNo": "T4", "ItemName": "手機殼 a+b"}
    )
    parsed = client.verify_notification(body).raw
    for candidate in [
        body,
        body.encode(),
        bytearray(body.encode()),
        memoryview(body.encode()),
        parsed,
        OrderedDict(parsed),
        MappingProxyType(parsed),
        FormLike(parsed),
    ]:
        n = client.verify_notification(candidate)
        assert n.dedupe_key == "payment_result|a4|t4|1" and n.raw["ItemName"] == "手機殼 a+b", type(candidate)


def test_forged_altered_and_foreign_notifications_are_refused(client: Client) -> None:
    body = client.sign_test_notification("payment_result", {"MerchantTradeNo": "A5", "TradeAmt": 100})
    with pytest.raises(SignatureError):
        client.verify_notification(body.replace("A5", "A6"))
    with pytest.raises(SignatureError):
        client.verify_notification(body + "&Extra=1")
    without_mac = "&".join(p for p in body.split("&") if not p.startswith("CheckMacValue="))
    with pytest.raises(SignatureError, match="no CheckMacValue"):
        client.verify_notification(without_mac)
    other = omg_payment.sign_test_notification(
        {"MerchantID": "2000132", "RtnCode": 1, "TradeNo": "T1"}, "265flDjIvesceXWM", "pOOvhGd1V2pJbjfX"
    )
    with pytest.raises(ValidationError) as info:
        client.verify_notification(other)
    assert (info.value.errors[0].field, info.value.errors[0].rule) == ("MerchantID", "merchant_mismatch")


@pytest.mark.parametrize(
    "body, error",
    [
        (b"", DecodeError),
        (b"   ", DecodeError),
        (b"MerchantID=\xff\xfe", DecodeError),
        (b"A=%zz", DecodeError),
        (b"A=1&A=2", ValidationError),
        (b"A" * (64 * 1024 + 1), DecodeError),
        (b"\x00\x01\x02garbage", SignatureError),
        ("MerchantID=1000031&CheckMacValue=" + "0" * 64, SignatureError),
    ],
    ids=["empty", "blank", "not-utf8", "bad-escape", "duplicate", "over-64KiB", "binary", "zero-mac"],
)
def test_bad_bodies_raise_clear_errors(client: Client, body: object, error: type) -> None:
    with pytest.raises(error):
        client.verify_notification(body)  # type: ignore[arg-type]


def test_huge_bodies_are_refused_quickly_without_crashing(client: Client) -> None:
    with pytest.raises(DecodeError, match="bytes"):
        client.verify_notification(b"A=" + b"x" * (32 * 1024 * 1024))
    with pytest.raises(DecodeError):
        client.verify_notification("A=" + "手" * (8 * 1024 * 1024))


@pytest.mark.parametrize("body", [None, 42, 1.5, ["A=1"], object()], ids=["none", "int", "float", "list", "object"])
def test_wrong_body_types_are_type_errors(client: Client, body: object) -> None:
    with pytest.raises(TypeError, match="body"):
        client.verify_notification(body)  # type: ignore[arg-type]


@pytest.mark.parametrize("mapping", [{"A": 1}, {1: "a"}, {"A": None}, {"A": b"x"}])
def test_mappings_of_non_strings_are_type_errors(client: Client, mapping: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(TypeError):
        client.verify_notification(mapping)


def test_ack_and_nack_are_the_exact_replies() -> None:
    assert ACK == "1|OK"
    assert omg_payment.nack("bad signature") == "0|bad signature"
    assert omg_payment.nack("a\nb") == "0|a b"


def test_lowercase_and_mixed_case_escapes_verify_like_uppercase_ones(client: Client) -> None:
    body = client.sign_test_notification("payment_result", {"MerchantTradeNo": "A5", "CustomField1": "手機殼 a+b"})
    assert "%E6" in body
    parts = body.split("%")
    lower = parts[0] + "".join("%" + p[:2].lower() + p[2:] for p in parts[1:])
    mixed = parts[0] + "".join("%" + (p[:2].lower() if i % 2 else p[:2]) + p[2:] for i, p in enumerate(parts[1:]))
    assert len({body, lower, mixed}) == 3
    expected = client.verify_notification(body).raw
    for variant in (lower, mixed, lower.encode()):
        n = client.verify_notification(variant)
        assert n.raw == expected and n.custom_fields[0] == "手機殼 a+b"
