"""Every exception class: its place in the hierarchy and the attributes it carries."""

from __future__ import annotations

import pytest

import omg_payment
from omg_payment import DecodeError, FieldError, GatewayError, OmgError, SignatureError, TransportError, ValidationError


@pytest.mark.parametrize("cls", [ValidationError, SignatureError, GatewayError, TransportError, DecodeError])
def test_every_error_is_an_omg_error_and_an_exception(cls: type) -> None:
    assert issubclass(cls, OmgError) and issubclass(cls, Exception)
    assert cls.__module__ == "omg_payment"
    assert cls.__doc__


def test_validation_error_lists_every_broken_rule_as_field_errors(client: omg_payment.Client) -> None:
    with pytest.raises(ValidationError) as info:
        client.checkout(
            merchant_trade_no="A-1",
            total_amount=0,
            trade_desc="",
            item_name="x",
            return_url="ftp://nowhere",
            choose_payment="Credit",
        )
    errors = info.value.errors
    assert all(isinstance(e, FieldError) for e in errors)
    pairs = {(e.field, e.rule) for e in errors}
    assert {
        ("MerchantTradeNo", "charset"),
        ("TotalAmount", "range"),
        ("TradeDesc", "required"),
        ("ReturnURL", "format"),
    } <= pairs
    field, _rule, message = errors[0]  # a named tuple: unpacks as (field, rule, message)
    assert message and field in str(info.value)


def test_signature_error_on_an_altered_notification(client: omg_payment.Client) -> None:
    body = client.sign_test_notification("payment_result", {"MerchantTradeNo": "A1", "TradeAmt": 100})
    with pytest.raises(SignatureError, match="CheckMacValue"):
        client.verify_notification(body.replace("TradeAmt=100", "TradeAmt=1"))


def test_decode_error_on_bytes_that_are_not_a_form(client: omg_payment.Client) -> None:
    with pytest.raises(DecodeError):
        client.verify_notification(b"MerchantID=%zz")


def test_class_defaults_exist_for_errors_raised_from_python() -> None:
    assert ValidationError("x").errors == []
    e = GatewayError("x")
    assert e.rtn_code is None and e.rtn_msg == ""
    t = TransportError("x")
    assert t.timeout is False and t.status is None and t.outcome_unknown is False and t.reconcile_with is None


def test_gateway_and_transport_errors_carry_their_fields(sim) -> None:  # type: ignore[no-untyped-def]
    client = sim.client()
    with pytest.raises(GatewayError) as info:
        client.query_period("NOSUCHORDER1")
    assert info.value.rtn_code == 10200047 and isinstance(info.value.rtn_msg, str)

    sim.control("POST", "faults", {"path": "/Cashier/QueryTradeInfo/V5", "status": 503})
    try:
        with pytest.raises(TransportError) as tinfo:
            sim.client(retries=0).query_trade("A1")
        assert tinfo.value.status == 503 and tinfo.value.timeout is False and tinfo.value.outcome_unknown is False
    finally:
        sim.control("DELETE", "faults")


def test_an_unknown_do_action_outcome_is_flagged_and_a_timeout_is_a_timeout(sim) -> None:  # type: ignore[no-untyped-def]
    sim.control("POST", "faults", {"path": "/CreditDetail/DoAction", "delay_ms": 1500, "count": 1})
    try:
        with pytest.raises(TransportError) as info:
            sim.client(read_timeout=0.3).refund("A1", "T1", 100)
        assert info.value.timeout is True and info.value.outcome_unknown is True
        assert "QueryTrade/V2" in str(info.value)
        # The reconciling query by name, as in every language (protocol.md: DoAction is checked
        # with QueryTrade/V2).
        assert info.value.reconcile_with == "QueryTrade/V2"
    finally:
        sim.control("DELETE", "faults")


def test_connection_refused_is_a_transport_error() -> None:
    from conftest import free_port

    port = free_port()
    client = omg_payment.Client(
        "1000031", "265flDjIvesceXWM", "pOOvhGd1V2pJbjfX", base_url=f"http://127.0.0.1:{port}", retries=0
    )
    with pytest.raises(TransportError) as info:
        client.query_trade("A1")
    assert info.value.status is None and info.value.outcome_unknown is False and info.value.reconcile_with is None
