"""The optional keyword arguments of ``Client.checkout``, as a TypedDict for type checkers.

Each key is an AioCheckOut/V5 field's wire name in snake_case; ``None`` means "not given". The
rules of each field (lengths, ranges, which payment method accepts it) are checked by the Rust
core and reported together in one ``ValidationError``; ``docs/orders.md`` lists them all.

A dict of options can be built once and passed with ``**``::

    atm: CheckoutOptions = {"expire_date": 3, "payment_info_url": "https://shop.example/omg/info"}
    client.checkout(..., choose_payment="ATM", **atm)
"""

from typing import Literal, Optional, Sequence, TypedDict, Union

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
    merchant_trade_date: Optional[str]  # yyyy/MM/dd HH:mm:ss, Taiwan time; default: now
    store_id: Optional[str]
    order_result_url: Optional[str]  # the payer's browser is posted the result here
    client_back_url: Optional[str]  # "back to the shop" link on the gateway's page
    item_url: Optional[str]
    remark: Optional[str]
    platform_id: Optional[str]
    invoice_mark: Optional[Literal["N"]]
    custom_field1: Optional[str]
    custom_field2: Optional[str]
    custom_field3: Optional[str]
    custom_field4: Optional[str]
    language: Optional[Literal["ENG", "KOR", "JPN", "CHI"]]
    need_extra_paid_info: Optional[Union[bool, str]]  # True sends Y
    risk_merchant_member_id: Optional[str]
    device_source: Optional[str]  # leave empty
    choose_sub_payment: Optional[str]  # ATM bank (FIRST, ...), CVS store (CVS, FAMILY, IBON)
    # Credit, one-time.
    binding_card: Optional[Union[bool, int, str]]  # True sends 1
    merchant_member_id: Optional[str]
    union_pay: Optional[Union[int, str]]  # 0 payer chooses, 1 UnionPay only, 2 hidden
    # Credit, installments.
    credit_installment: Optional[Union[Sequence[int], str]]  # e.g. [3, 6, 12]
    # Credit, recurring.
    period_amount: Optional[int]  # = total_amount
    period_type: Optional[Literal["D", "M", "Y"]]
    frequency: Optional[int]
    exec_times: Optional[int]
    period_return_url: Optional[str]
    # ATM.
    expire_date: Optional[int]  # days, 1-60
    expire_minute: Optional[int]  # minutes, 10-1440
    # CVS (minutes, 1-10080) and BARCODE (days, 1-30).
    store_expire_date: Optional[int]
    desc_1: Optional[str]
    desc_2: Optional[str]
    desc_3: Optional[str]
    desc_4: Optional[str]
    # ATM, CVS, BARCODE, ALL.
    payment_info_url: Optional[str]  # the server is told the payment code here
    client_redirect_url: Optional[str]  # the payer's browser is sent the payment code here
    # ALL.
    ignore_payment: Optional[Union[Sequence[ChoosePayment], str]]  # methods not to offer
