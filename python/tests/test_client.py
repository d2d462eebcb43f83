"""Client construction and every server API's result shape (against omg-sim)."""

from __future__ import annotations

import re
import threading
import urllib.parse
import urllib.request
from typing import Any

import pytest
from conftest import Sim

import omg_payment
from omg_payment import (
    Client,
    CloseEntry,
    CreditDetail,
    DoActionResult,
    ExecLogEntry,
    GatewayError,
    PeriodActionResult,
    PeriodInfo,
    TradeInfo,
    ValidationError,
)

SECRETS = ("SECRETKEY123", "SECRETIV456", "998877")


def test_constructor_and_properties() -> None:
    c = Client(
        "2000132",
        "SECRETKEY123",
        "SECRETIV456",
        credit_check_code="998877",
        connect_timeout=2.5,
        read_timeout=5,
        retries=1,
    )
    assert (c.merchant_id, c.base_url, c.is_production) == ("2000132", "https://payment-stage.funpoint.com.tw", False)
    assert Client("2000132", "k", "i", environment="production").base_url == "https://payment.funpoint.com.tw"
    assert Client("2000132", "k", "i", base_url="http://127.0.0.1:9/").base_url == "http://127.0.0.1:9"
    assert Client.stage().merchant_id == "1000031"
    text = repr(c) + str(c)
    assert "2000132" in text and not any(s in text for s in SECRETS)
    assert c.platform_id is None and Client("3000001", "k", "i", platform_id="3000").platform_id == "3000"


def test_do_action_and_credit_detail_are_refused_on_the_stage_host() -> None:
    # The real stage gateway has no DoAction or QueryTrade/V2 (protocol.md §1): refused before sending.
    for call in (lambda c: c.capture("A1", "T1", 100), lambda c: c.query_credit_detail("123", 100)):
        with pytest.raises(ValidationError) as info:
            call(Client("2000132", "k", "i", credit_check_code="1"))
        assert (info.value.errors[0].field, info.value.errors[0].rule) == ("environment", "no_stage_api")


@pytest.mark.parametrize(
    "kwargs, field, rule",
    [
        # Errors name the setting as Client takes it (omg-core's setting names, tests/scenarios/settings.json).
        (dict(merchant_id="", hash_key="k", hash_iv="i"), "merchant_id", "required"),
        (dict(merchant_id="1", hash_key="", hash_iv="i"), "hash_key", "required"),
        (dict(merchant_id="1", hash_key="k", hash_iv="i", environment="moon"), "environment", "one_of"),
        (
            dict(merchant_id="1", hash_key="k", hash_iv="i", environment="production", base_url="http://127.0.0.1:9"),
            "base_url",
            "conflict",
        ),
        (dict(merchant_id="1", hash_key="k", hash_iv="i", read_timeout=-1.0), "read_timeout", "range"),
        (dict(merchant_id="1", hash_key="k", hash_iv="i", read_timeout=0.0), "read_timeout", None),
        (dict(merchant_id="1", hash_key="k", hash_iv="i", retries=99), None, None),
    ],
)
def test_bad_settings_are_validation_errors(kwargs: dict[str, Any], field: Any, rule: Any) -> None:
    with pytest.raises(ValidationError) as info:
        Client(**kwargs)
    if field:
        assert field in {e.field for e in info.value.errors}
    if rule:
        assert rule in {e.rule for e in info.value.errors}
    assert not any(s in str(info.value) for s in SECRETS)


def test_errors_never_show_the_keys() -> None:
    with pytest.raises(ValidationError) as info:
        Client("1", " SECRETKEY123", "SECRETIV456 ")
    assert not any(s in str(info.value) for s in SECRETS)
    assert {e.field for e in info.value.errors} == {"hash_key", "hash_iv"}


def test_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OMG_MERCHANT_ID",
        "OMG_HASH_KEY",
        "OMG_HASH_IV",
        "OMG_ENV",
        "OMG_BASE_URL",
        "OMG_CREDIT_CHECK_CODE",
        "OMG_CONNECT_TIMEOUT_MS",
        "OMG_READ_TIMEOUT_MS",
        "OMG_MAX_RETRIES",
    ):
        monkeypatch.delenv(name, raising=False)
    assert Client.from_env().merchant_id == "1000031"
    monkeypatch.setenv("OMG_MERCHANT_ID", "2000132")
    with pytest.raises(ValidationError) as info:
        Client.from_env()
    assert {e.field for e in info.value.errors} == {"OMG_HASH_KEY", "OMG_HASH_IV"}
    monkeypatch.setenv("OMG_HASH_KEY", "k")
    monkeypatch.setenv("OMG_HASH_IV", "i")
    monkeypatch.setenv("OMG_BASE_URL", "http://127.0.0.1:9")
    c = Client.from_env()
    assert (c.merchant_id, c.base_url) == ("2000132", "http://127.0.0.1:9")
    monkeypatch.setenv("OMG_MAX_RETRIES", "lots")
    with pytest.raises(ValidationError) as info:
        Client.from_env()
    assert info.value.errors[0].field == "OMG_MAX_RETRIES"


# ----- against omg-sim ------------------------------------------------------------------------


def place_order(sim: Sim, client: Client, **options: Any) -> str:
    """Checks an order out and posts it to the simulator the way the payer's browser would."""
    no = omg_payment.generate_merchant_trade_no("T")
    base: dict[str, Any] = dict(
        merchant_trade_no=no,
        total_amount=1000,
        trade_desc="test",
        item_name="thing",
        return_url="http://127.0.0.1:9/return",
    )
    base.update(options)
    checkout = client.checkout(**base)
    data = urllib.parse.urlencode(checkout.fields).encode()
    with urllib.request.urlopen(urllib.request.Request(checkout.action_url, data=data), timeout=10) as response:
        assert response.status == 200
    return no


def test_query_trade_shape(sim: Sim) -> None:
    client = sim.client()
    no = place_order(sim, client, choose_payment="Credit", item_name="a+b c", custom_field1="x y")
    info = client.query_trade(no)
    assert isinstance(info, TradeInfo)
    assert (info.merchant_trade_no, info.trade_status, info.trade_status_name, info.is_paid) == (
        no,
        "0",
        "not_paid",
        False,
    )
    sim.control("POST", "pay", {"merchant_trade_no": no})
    info = client.query_trade(no)
    assert info.is_paid and info.trade_status_name == "paid" and info.trade_amt == 1000
    assert info.payment_type == "Credit_CreditCard" and info.item_name == "a+b c" and info.custom_fields[0] == "x y"
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}", info.payment_date)
    assert info.raw["MerchantTradeNo"] == no and "CheckMacValue" in info.raw and isinstance(info.extra, dict)
    assert isinstance(info.trade_no, str) and isinstance(info.store_id, str) and isinstance(info.handling_charge, str)
    assert (
        isinstance(info.payment_type_charge_fee, str)
        and isinstance(info.trade_date, str)
        and info.merchant_id == "1000031"
    )
    assert no in repr(info)


def test_do_actions_and_credit_detail_shapes(sim: Sim) -> None:
    client = sim.client()
    no = place_order(sim, client, choose_payment="Credit", need_extra_paid_info=True)
    sim.control("POST", "pay", {"merchant_trade_no": no})
    info = client.query_trade(no)
    gwsr = info.raw["gwsr"]
    detail = client.query_credit_detail(gwsr, 1000)
    assert isinstance(detail, CreditDetail) and detail.status_name == "authorised" and detail.amount == 1000
    result = client.capture(no, info.trade_no, 1000)
    assert isinstance(result, DoActionResult)
    assert (result.rtn_code, result.merchant_trade_no, result.trade_no) == (1, no, info.trade_no)
    assert result.raw["RtnCode"] == "1" and isinstance(result.rtn_msg, str) and result.merchant_id == "1000031"
    detail = client.query_credit_detail(gwsr, 1000)
    assert detail.status_name == "capture_pending" and detail.status == "要關帳"
    assert all(isinstance(e, CloseEntry) for e in detail.close_data) and detail.close_data[0].amount == 1000
    entry = detail.close_data[0]
    assert isinstance(entry.sno, str) and isinstance(entry.datetime, str) and entry.status_name == "capture_pending"
    assert isinstance(detail.raw, dict) and "RtnValue" in detail.raw and detail.trade_id and detail.authtime
    client.cancel_capture(no, info.trade_no, 1000)
    client.abandon(no, info.trade_no, 1000)
    with pytest.raises(GatewayError) as gerr:
        client.refund(no, info.trade_no, 1000)
    assert "abandon" in gerr.value.rtn_msg


def test_query_and_cancel_period_shapes(sim: Sim) -> None:
    client = sim.client()
    no = place_order(
        sim,
        client,
        choose_payment="Credit",
        total_amount=300,
        period_amount=300,
        period_type="D",
        frequency=1,
        exec_times=5,
        period_return_url="http://127.0.0.1:9/period",
    )
    sim.control("POST", "pay", {"merchant_trade_no": no})
    info = client.query_period(no)
    assert isinstance(info, PeriodInfo)
    assert (info.merchant_trade_no, info.rtn_code, info.period_type, info.frequency, info.exec_times) == (
        no,
        1,
        "D",
        1,
        5,
    )
    assert info.exec_status_name == "running" and info.exec_status == "1"
    assert info.total_success_times == 1 and info.total_success_amount == 300 and info.period_amount == 300
    assert len(info.exec_log) == 1 and all(isinstance(e, ExecLogEntry) for e in info.exec_log)
    first = info.exec_log[0]
    assert (
        (first.rtn_code, first.amount) == (1, 300)
        and first.gwsr
        and first.process_date
        and isinstance(first.auth_code, str)
    )
    assert isinstance(info.raw, dict) and info.raw["MerchantTradeNo"] == no and isinstance(info.card4no, str)
    assert no in repr(info) and "300" in repr(first)
    cancelled = client.cancel_period(no)
    assert isinstance(cancelled, PeriodActionResult)
    assert (cancelled.rtn_code, cancelled.merchant_trade_no) == (1, no) and cancelled.raw["RtnCode"] == "1"
    assert client.query_period(no).exec_status_name == "cancelled"
    with pytest.raises(GatewayError):
        client.cancel_period(no)


def test_network_calls_release_the_gil(sim: Sim) -> None:
    """A slow gateway call must not stop other Python threads: while one thread waits for the
    reply, this one keeps counting. Events, not a clock: the count is read just before the call
    starts and just after it returns."""
    sim.control("POST", "faults", {"path": "/Cashier/QueryTradeInfo/V5", "delay_ms": 800, "count": 1})
    client = sim.client()
    ticks = 0
    seen: dict[str, int] = {}
    finished = threading.Event()

    def slow_call() -> None:
        try:
            seen["before"] = ticks
            with pytest.raises(GatewayError):
                client.query_trade("NOSUCHORDER2")
            seen["after"] = ticks
        finally:
            finished.set()

    thread = threading.Thread(target=slow_call)
    try:
        thread.start()
        while not finished.is_set():
            ticks += 1
        thread.join()
    finally:
        sim.control("DELETE", "faults")
    assert seen["after"] - seen["before"] >= 1000, (
        f"this thread ran only {seen['after'] - seen['before']} steps during the call"
    )


def test_input_errors_before_any_request(sim: Sim) -> None:
    client = sim.client()
    with pytest.raises(ValidationError) as info:
        client.refund("bad-no", "", 0)
    assert {(e.field, e.rule) for e in info.value.errors} == {
        ("MerchantTradeNo", "charset"),
        ("TradeNo", "required"),
        ("TotalAmount", "range"),
    }
    with pytest.raises(ValidationError) as info:
        Client.stage().query_credit_detail("123", 100)
    assert info.value.errors[0].field == "environment"  # no QueryTrade/V2 on the stage host
    with pytest.raises(ValidationError) as info:
        Client("1000031", "265flDjIvesceXWM", "pOOvhGd1V2pJbjfX", base_url="http://127.0.0.1:9").query_credit_detail(
            "123", 100
        )
    assert info.value.errors[0].field == "CreditCheckCode"
    with pytest.raises(TypeError):
        client.query_trade(123)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.refund("A1", "T1", 10**30),
        lambda c: c.capture("A1", "T1", "99999999999999999999999"),
        lambda c: c.query_credit_detail("123", 10**25),
    ],
    ids=["int", "str", "credit_amount"],
)
def test_an_amount_too_large_names_its_argument(call: Any) -> None:
    with pytest.raises(OverflowError, match=r"^(amount|credit_amount) is \d+: too large for an amount"):
        call(Client.stage())


@pytest.mark.parametrize(
    "value", [12.5, True, "12a", None, b"100"], ids=["float", "bool", "not-digits", "None", "bytes"]
)
def test_an_amount_of_the_wrong_type_is_a_type_error_naming_it(value: Any) -> None:
    with pytest.raises(TypeError, match="^amount must be an int or a str of digits"):
        Client.stage().capture("A1", "T1", value)


def test_server_apis_take_amounts_as_checkout_does_an_int_or_a_str_of_digits(sim: Sim) -> None:
    client = sim.client()
    # A str amount reaches the gateway as the same number: a refused capture of an unknown
    # trade names the order, not the amount's type.
    with pytest.raises(omg_payment.GatewayError):
        client.capture("NOSUCHORDER1", "1234567890", "100")
    n = client.verify_notification(
        client.sign_test_notification("payment_result", {"MerchantTradeNo": "A1", "TradeAmt": 250})
    )
    n.expect_amount("250")
    with pytest.raises(ValidationError):
        n.expect_amount("251")


def test_check_credentials_tells_accepted_keys_from_wrong_ones(sim: Sim) -> None:
    assert sim.client().check_credentials() is True
    wrong = omg_payment.Client("1000031", "AAAAAAAAAAAAAAAA", "SECRETIVSECRETIV", base_url=sim.base_url)
    with pytest.raises(omg_payment.GatewayError) as info:
        wrong.check_credentials()
    assert info.value.rtn_code == 10200073
    assert "OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV" in str(info.value)
    assert "SECRETIVSECRETIV" not in str(info.value)
    # Any API's CheckMacValue Error names the same variables.
    with pytest.raises(omg_payment.GatewayError, match="OMG_MERCHANT_ID, OMG_HASH_KEY and OMG_HASH_IV"):
        wrong.query_trade("A1")
