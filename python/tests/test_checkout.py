"""Client.checkout for every payment method and option, its result, and its refusals."""

from __future__ import annotations

from typing import Any

import pytest

import omg_payment
from omg_payment import Client, ValidationError

BASE: dict[str, Any] = dict(
    merchant_trade_no="A240101080000XYZ",
    total_amount=1200,
    trade_desc="Online shop",
    item_name=["T-shirt", "Mug"],
    return_url="https://shop.example/omg/return",
)

METHODS = {
    "credit": (
        dict(choose_payment="Credit", binding_card=True, merchant_member_id="m1", union_pay=2),
        {"ChoosePayment": "Credit", "BindingCard": "1", "MerchantMemberID": "m1", "UnionPay": "2"},
    ),
    "installments": (
        dict(choose_payment="Credit", credit_installment=[3, 6, 12]),
        {"ChoosePayment": "Credit", "CreditInstallment": "3,6,12"},
    ),
    "recurring": (
        dict(
            choose_payment="Credit",
            period_amount=1200,
            period_type="M",
            frequency=1,
            exec_times=12,
            period_return_url="https://shop.example/omg/period",
        ),
        {
            "PeriodAmount": "1200",
            "PeriodType": "M",
            "Frequency": "1",
            "ExecTimes": "12",
            "PeriodReturnURL": "https://shop.example/omg/period",
        },
    ),
    "atm": (
        dict(
            choose_payment="ATM",
            expire_date=3,
            choose_sub_payment="FIRST",
            payment_info_url="https://shop.example/info",
            client_redirect_url="https://shop.example/code",
        ),
        {
            "ChoosePayment": "ATM",
            "ExpireDate": "3",
            "ChooseSubPayment": "FIRST",
            "PaymentInfoURL": "https://shop.example/info",
            "ClientRedirectURL": "https://shop.example/code",
        },
    ),
    "atm_minutes": (dict(choose_payment="ATM", expire_minute=30), {"ExpireMinute": "30"}),
    "cvs": (
        dict(choose_payment="CVS", store_expire_date=4320, desc_1="line 1", desc_4="line 4", choose_sub_payment="IBON"),
        {
            "ChoosePayment": "CVS",
            "StoreExpireDate": "4320",
            "Desc_1": "line 1",
            "Desc_4": "line 4",
            "ChooseSubPayment": "IBON",
        },
    ),
    "barcode": (
        dict(choose_payment="BARCODE", store_expire_date=7, desc_2="x"),
        {"ChoosePayment": "BARCODE", "StoreExpireDate": "7", "Desc_2": "x"},
    ),
    "aftee": (dict(choose_payment="AFTEE"), {"ChoosePayment": "AFTEE"}),
    "all": (
        dict(choose_payment="ALL", ignore_payment=["ATM", "CVS"], payment_info_url="https://shop.example/info"),
        {"ChoosePayment": "ALL", "IgnorePayment": "ATM#CVS", "PaymentInfoURL": "https://shop.example/info"},
    ),
}


@pytest.mark.parametrize("name", METHODS)
def test_every_payment_method_signs_its_own_fields(client: Client, name: str) -> None:
    options, expected = METHODS[name]
    checkout = client.checkout(**BASE, **options)
    fields = checkout.fields
    for key, value in expected.items():
        assert fields[key] == value, key
    assert fields["MerchantID"] == "1000031" and fields["PaymentType"] == "aio" and fields["EncryptType"] == "1"
    assert fields["ItemName"] == "T-shirt#Mug" and fields["TotalAmount"] == "1200"
    assert list(fields)[-1] == "CheckMacValue"
    unsigned = {k: v for k, v in fields.items() if k != "CheckMacValue"}
    assert omg_payment.check_mac_value(unsigned, "265flDjIvesceXWM", "pOOvhGd1V2pJbjfX") == fields["CheckMacValue"]
    assert checkout.action_url == "https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5"


def test_every_common_option_reaches_the_wire(client: Client) -> None:
    fields = client.checkout(
        **BASE,
        choose_payment="Credit",
        merchant_trade_date="2024/01/01 08:00:00",
        store_id="s1",
        order_result_url="https://shop.example/result",
        client_back_url="https://shop.example/",
        item_url="https://shop.example/item",
        remark="note",
        platform_id="",
        invoice_mark="N",
        custom_field1="a",
        custom_field2="b",
        custom_field3="c",
        custom_field4="d",
        language="ENG",
        need_extra_paid_info=False,
        risk_merchant_member_id="r1",
        device_source="",
        extra={"X_Custom": "1", "X_Number": 2},
    ).fields
    assert fields["MerchantTradeDate"] == "2024/01/01 08:00:00"
    assert (fields["StoreID"], fields["Remark"], fields["InvoiceMark"], fields["Language"]) == (
        "s1",
        "note",
        "N",
        "ENG",
    )
    assert [fields[f"CustomField{i}"] for i in range(1, 5)] == ["a", "b", "c", "d"]
    assert fields["NeedExtraPaidInfo"] == "N" and fields["DeviceSource"] == "" and fields["PlatformID"] == ""
    assert fields["X_Custom"] == "1" and fields["X_Number"] == "2"


def test_names_may_be_given_in_any_casing_and_none_means_not_given(client: Client) -> None:
    fields = client.checkout(**BASE, choose_payment="ATM", ExpireDate=5, paymentInfoUrl=None, store_id=None).fields
    assert fields["ExpireDate"] == "5" and "PaymentInfoURL" not in fields and "StoreID" not in fields


def test_merchant_trade_date_defaults_to_now_in_taiwan_time(client: Client) -> None:
    date = client.checkout(**BASE, choose_payment="Credit").fields["MerchantTradeDate"]
    assert len(date) == 19 and date[4] == "/" and date[13] == ":"


def test_html_posts_every_field_escaped(client: Client) -> None:
    # An HTML tag is refused (protocol.md §4); "<3" is not one, and is escaped.
    with pytest.raises(ValidationError):
        client.checkout(**dict(BASE, item_name="<b>Mug</b>"), choose_payment="Credit")
    checkout = client.checkout(**dict(BASE, item_name='"Tom\'s" <3 & co'), choose_payment="Credit")
    page = checkout.html()
    assert 'action="https://payment-stage.funpoint.com.tw/Cashier/AioCheckOut/V5"' in page
    assert "<3" not in page and "&lt;3" in page and "&amp; co" in page
    for name in checkout.fields:
        assert f'name="{name}"' in page
    assert "A240101080000XYZ" in repr(checkout)


def test_every_problem_is_reported_at_once(client: Client) -> None:
    with pytest.raises(ValidationError) as info:
        client.checkout(**dict(BASE, total_amount=0), choose_payment="ATM", expire_date=99, retrun_url="x")
    pairs = {(e.field, e.rule) for e in info.value.errors}
    assert {("TotalAmount", "range"), ("ExpireDate", "range"), ("retrun_url", "unknown")} <= pairs


@pytest.mark.parametrize(
    "options, field, rule",
    [
        (dict(choose_payment="Credit", credit_installment=[5]), "CreditInstallment", "one_of"),
        (
            dict(choose_payment="Credit", period_amount=1, period_type="M", frequency=1, exec_times=12),
            "PeriodAmount",
            "mismatch",
        ),
        (
            dict(choose_payment="Credit", period_amount=1200, period_type="M", frequency=13, exec_times=12),
            "Frequency",
            "range",
        ),
        (dict(choose_payment="CVS", store_expire_date=20000), "StoreExpireDate", "range"),
        (dict(choose_payment="BARCODE", store_expire_date=31), "StoreExpireDate", "range"),
        (
            dict(choose_payment="ALL", ignore_payment=["Credit", "ATM", "CVS", "BARCODE", "AFTEE"]),
            "IgnorePayment",
            "conflict",
        ),
        (dict(choose_payment="Bitcoin"), "ChoosePayment", "one_of"),
        (dict(choose_payment="Credit", language="FR"), "Language", "one_of"),
        (dict(choose_payment="Credit", merchant_id="2000132"), "MerchantID", "not_allowed"),
        (dict(choose_payment="Credit", custom_field1="a-b"), "CustomField1", "charset"),
        (dict(choose_payment="Credit", colour="red"), "colour", "unknown"),
        (dict(choose_payment="Credit", remark=True), "Remark", "format"),
        (dict(choose_payment="Credit", expire_date=[1, 2]), "ExpireDate", "format"),
        (dict(choose_payment="Credit", extra={"returnurl": "https://x.example"}), "returnurl", "conflict"),
    ],
)
def test_each_rule_names_its_field(client: Client, options: dict[str, Any], field: str, rule: str) -> None:
    with pytest.raises(ValidationError) as info:
        client.checkout(**BASE, **options)
    assert (field, rule) in {(e.field, e.rule) for e in info.value.errors}


def test_production_refuses_stage_keys_and_plain_http_callbacks() -> None:
    client = Client("1000031", "265flDjIvesceXWM", "pOOvhGd1V2pJbjfX", environment="production")
    assert client.is_production
    with pytest.raises(ValidationError) as info:
        client.checkout(**dict(BASE, return_url="http://shop.example:8080/r"), choose_payment="Credit")
    pairs = {(e.field, e.rule) for e in info.value.errors}
    assert {("MerchantID", "stage_credentials"), ("ReturnURL", "https"), ("ReturnURL", "port")} <= pairs


@pytest.mark.parametrize(
    "value",
    [12.5, object(), {"a": 1}, b"bytes", [1.5], [["nested"]]],
    ids=["float", "object", "dict", "bytes", "list-of-float", "nested-list"],
)
def test_wrong_python_types_are_type_errors_naming_the_argument(client: Client, value: Any) -> None:
    with pytest.raises(TypeError, match="total_amount"):
        client.checkout(**dict(BASE, total_amount=value), choose_payment="Credit")


def test_missing_required_arguments_and_huge_numbers_are_python_errors(client: Client) -> None:
    with pytest.raises(TypeError):
        client.checkout(merchant_trade_no="A1")  # type: ignore[call-arg]
    with pytest.raises(OverflowError, match="total_amount is 1000000000000000000000000000000: too large"):
        client.checkout(**dict(BASE, total_amount=10**30), choose_payment="Credit")
    with pytest.raises(TypeError):
        client.checkout(**BASE, choose_payment="Credit", extra=["not", "a", "mapping"])  # type: ignore[arg-type]
    with pytest.raises(UnicodeEncodeError):
        client.checkout(**dict(BASE, trade_desc="\udcff"), choose_payment="Credit")


def test_production_warns_about_a_plain_http_browser_url_and_refuses_a_server_one() -> None:
    # protocol.md §1: plain http only makes the payer's browser warn; server callbacks stay strict.
    own = Client("3002607", "pwFHCqoQZGmho4w6", "EkRm7iFT261dpevs", environment="production")
    order = dict(BASE, return_url="https://shop.example/omg/return", order_result_url="http://shop.example/omg/result")
    checkout = own.checkout(**order, choose_payment="Credit")
    assert [(w.field, w.rule) for w in checkout.warnings] == [("OrderResultURL", "https")]
    assert client_warnings_empty(Client.stage())
    with pytest.raises(ValidationError) as info:
        own.checkout(**dict(order, return_url="http://shop.example/omg/return"), choose_payment="Credit")
    assert [(e.field, e.rule) for e in info.value.errors] == [("ReturnURL", "https")]


def client_warnings_empty(client: Client) -> bool:
    return client.checkout(**BASE, choose_payment="Credit").warnings == []


def test_an_item_holding_the_separator_or_empty_is_refused_not_split(client: Client) -> None:
    for items, rule in ((["T-shirt #1", "Mug"], "separator"), (["T-shirt", ""], "empty_item")):
        with pytest.raises(ValidationError) as info:
            client.checkout(**dict(BASE, item_name=items), choose_payment="Credit")
        assert (info.value.errors[0].field, info.value.errors[0].rule) == ("ItemName", rule)
