"""The optional keyword arguments of ``Client.checkout``, as a TypedDict for type checkers.

Each key is an AioCheckOut/V5 field's wire name in snake_case; ``None`` means "not given". The
rules of each field (lengths, ranges, which payment method accepts it) are checked by the Rust
core and reported together in one ``ValidationError``; ``docs/orders.md`` lists them all.

A dict of options can be built once and passed with ``**``::

    atm: CheckoutOptions = {"expire_date": 3, "payment_info_url": "https://shop.example/omg/info"}
    client.checkout(..., choose_payment="ATM", **atm)
"""

from collections.abc import Sequence
from typing import Literal, TypedDict

__all__ = ["CheckoutOptions", "ChoosePayment", "NotificationEndpoint", "TestNotificationKind"]

#: The payment methods of ``choose_payment``.
ChoosePayment = Literal["Credit", "ATM", "CVS", "BARCODE", "AFTEE", "ALL"]

#: The notifications ``sign_test_notification`` can start from.
# The URL a notification was posted to (Client.verify_notification's `endpoint`); the gateway's
# own names (ReturnURL, OrderResultURL, PaymentInfoURL, ClientRedirectURL, PeriodReturnURL) work too.
NotificationEndpoint = Literal[
    "return_url",
    "payment_info_url",
    "period_return_url",
    "ReturnURL",
    "OrderResultURL",
    "PaymentInfoURL",
    "ClientRedirectURL",
    "PeriodReturnURL",
]

TestNotificationKind = Literal[
    "payment_result", "atm_code_issued", "cvs_code_issued", "barcode_code_issued", "period_charge"
]


class CheckoutOptions(TypedDict, total=False):
    """Every optional AioCheckOut/V5 field ``Client.checkout`` accepts as a keyword argument."""

    # Any payment method.
    merchant_trade_date: str | None  # yyyy/MM/dd HH:mm:ss, Taiwan time; default: now
    store_id: str | None
    order_result_url: str | None  # the payer's browser is posted the result here
    client_back_url: str | None  # "back to the shop" link on the gateway's page
    item_url: str | None
    remark: str | None
    platform_id: str | None
    invoice_mark: Literal["N"] | None
    custom_field1: str | None
    custom_field2: str | None
    custom_field3: str | None
    custom_field4: str | None
    language: Literal["ENG", "KOR", "JPN", "CHI"] | None
    need_extra_paid_info: bool | str | None  # True sends Y
    risk_merchant_member_id: str | None
    device_source: str | None  # leave empty
    choose_sub_payment: str | None  # ATM bank (FIRST, ...), CVS store (CVS, FAMILY, IBON)
    # Credit, one-time.
    binding_card: bool | int | str | None  # True sends 1
    merchant_member_id: str | None
    union_pay: int | str | None  # 0 payer chooses, 1 UnionPay only, 2 hidden
    # Credit, installments.
    credit_installment: Sequence[int] | str | None  # e.g. [3, 6, 12]
    # Credit, recurring.
    period_amount: int | None  # = total_amount
    period_type: Literal["D", "M", "Y"] | None
    frequency: int | None
    exec_times: int | None
    period_return_url: str | None
    # ATM.
    expire_date: int | None  # days, 1-60
    expire_minute: int | None  # minutes, 10-1440
    # CVS (minutes, 1-10080) and BARCODE (days, 1-30).
    store_expire_date: int | None
    desc_1: str | None
    desc_2: str | None
    desc_3: str | None
    desc_4: str | None
    # ATM, CVS, BARCODE, ALL.
    payment_info_url: str | None  # the server is told the payment code here
    client_redirect_url: str | None  # the payer's browser is sent the payment code here
    # ALL.
    ignore_payment: Sequence[ChoosePayment] | str | None  # methods not to offer
