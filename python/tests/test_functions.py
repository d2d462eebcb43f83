"""The module-level functions."""

from __future__ import annotations

import re

import pytest

import omg_payment
from omg_payment import Client, ValidationError


def test_check_mac_value_accepts_numbers_ignores_its_own_field_and_supports_md5() -> None:
    a = omg_payment.check_mac_value({"TotalAmount": 100, "A": "x"}, "k", "i")
    assert a == omg_payment.check_mac_value({"TotalAmount": "100", "A": "x", "CheckMacValue": "junk"}, "k", "i")
    assert re.fullmatch(r"[0-9A-F]{64}", a)
    md5 = omg_payment.check_mac_value({"A": "x"}, "k", "i", method="md5")
    assert re.fullmatch(r"[0-9A-F]{32}", md5)
    assert omg_payment.explain({"A": "x"}, "k", "i", method="md5").method == "md5"


def test_check_mac_value_refusals() -> None:
    with pytest.raises(ValidationError) as info:
        omg_payment.check_mac_value({"A": "1", "a": "2"}, "k", "i")
    assert info.value.errors[0].rule == "duplicate"
    with pytest.raises(ValidationError) as info:
        omg_payment.check_mac_value({"A": "1"}, "k", "i", method="sha1")
    assert (info.value.errors[0].field, info.value.errors[0].rule) == ("method", "one_of")
    with pytest.raises(TypeError):
        omg_payment.check_mac_value([("A", "1")], "k", "i")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        omg_payment.check_mac_value({"A": True}, "k", "i")  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        omg_payment.check_mac_value({"A": "1"}, b"k", "i")  # type: ignore[arg-type]


def test_describe_code_knows_codes_and_never_guesses() -> None:
    c = omg_payment.describe_code(10200073)
    assert (c.code, c.category, c.confirmed) == (10200073, "signature", True) and c.zh and c.en
    u = omg_payment.describe_code(123456789)
    assert (u.code, u.category, u.confirmed) == (123456789, "unknown", False)
    assert omg_payment.describe_code(1).category == "success"


def test_barcode_svg_draws_one_or_three_segments() -> None:
    one = omg_payment.barcode_svg("1012187FA")
    three = omg_payment.barcode_svg(("1301015EA", "0000000000000000", "0101K70000001200"))
    assert one.startswith("<svg") and "1012187FA" in one
    assert three.count("<text") >= 3 or three.count("0101K70000001200") == 1
    with pytest.raises(ValidationError):
        omg_payment.barcode_svg("abc~")
    with pytest.raises(ValidationError):
        omg_payment.barcode_svg([])
    with pytest.raises(TypeError):
        omg_payment.barcode_svg(123)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "segments,field,rule",
    [
        ("A" * 65, "Barcode", "max_length"),
        ("1" * 1_000_000, "Barcode", "max_length"),  # was a 239 MB SVG
        (["1301015EA", "A" * 65, "0101K70000001200"], "Barcode2", "max_length"),
        (["1301015EA"] * 4, "Barcode", "range"),
    ],
    ids=["65 characters", "1 MB", "the second of three", "four segments"],
)
def test_barcode_svg_refuses_more_than_a_cvs_barcode_can_be(segments: object, field: str, rule: str) -> None:
    # Issue 21 item 7: a BARCODE payment has three segments of 9 to 16 characters; 64 is the cap.
    assert omg_payment.barcode_svg("A" * 64).startswith("<svg")
    with pytest.raises(ValidationError) as refused:
        omg_payment.barcode_svg(segments)  # type: ignore[arg-type]
    assert [(e.field, e.rule) for e in refused.value.errors] == [(field, rule)]


def test_sign_test_notification_signs_exactly_or_from_a_template() -> None:
    exact = omg_payment.sign_test_notification(
        {"MerchantID": "1000031", "MerchantTradeNo": "A1", "RtnCode": 1, "TradeNo": "T1"},
        "265flDjIvesceXWM",
        "pOOvhGd1V2pJbjfX",
    )
    assert exact.startswith("MerchantID=1000031&MerchantTradeNo=A1&RtnCode=1&TradeNo=T1&CheckMacValue=")
    n = Client.stage().verify_notification(exact)
    assert n.rtn_code == 1 and n.merchant_trade_no == "A1"
    # Signed exactly as given, even without an order; verification then refuses it.
    no_order = omg_payment.sign_test_notification(
        {"MerchantID": "1000031", "RtnCode": 1, "TradeNo": "T1"}, "265flDjIvesceXWM", "pOOvhGd1V2pJbjfX"
    )
    with pytest.raises(ValidationError) as refused:
        Client.stage().verify_notification(no_order)
    assert (refused.value.errors[0].field, refused.value.errors[0].rule) == ("MerchantTradeNo", "required")
    with pytest.raises(ValidationError) as empty:
        Client.stage().sign_test_notification("payment_result", {"MerchantTradeNo": "", "TradeAmt": 0})
    assert [(e.field, e.rule) for e in empty.value.errors] == [
        ("MerchantTradeNo", "required"),
        ("TradeAmt", "required"),
    ]
    sample = Client.stage().verify_notification(Client.stage().sign_test_notification())
    assert (sample.merchant_trade_no, sample.trade_amt) == ("OMGTEST20241125001", 1200)
    templated = omg_payment.sign_test_notification(
        {"MerchantID": "1000031", "MerchantTradeNo": "A9"},
        "265flDjIvesceXWM",
        "pOOvhGd1V2pJbjfX",
        kind="cvs_code_issued",
    )
    assert isinstance(Client.stage().verify_notification(templated), omg_payment.PaymentCodeIssued)
    with pytest.raises(ValidationError) as info:
        omg_payment.sign_test_notification({}, "k", "i", kind="paid")  # type: ignore[arg-type]
    assert (info.value.errors[0].field, info.value.errors[0].rule) == ("kind", "one_of")
    with pytest.raises(ValidationError):
        omg_payment.sign_test_notification({"A": "1"}, "", "i")


def test_generate_merchant_trade_no() -> None:
    numbers = {omg_payment.generate_merchant_trade_no("S") for _ in range(1000)}
    assert len(numbers) == 1000
    assert all(re.fullmatch(r"S\d{12}[0-9A-Z]{7}", n) for n in numbers)
    assert omg_payment.generate_merchant_trade_no().startswith("A")
    with pytest.raises(ValidationError):
        omg_payment.generate_merchant_trade_no("ABC")
    with pytest.raises(ValidationError):
        omg_payment.generate_merchant_trade_no("1")
