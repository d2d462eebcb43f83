"""omg-payment: OMG 金流 (funpoint) payments for Python, on a Rust core.

Everything a merchant needs is importable from here:

- ``Client`` (and ``AsyncClient`` for asyncio / FastAPI): checkout forms, notification
  verification and the server APIs;
- the typed results: ``Checkout``, ``PaymentResult``, ``PaymentCodeIssued``, ``PeriodCharge``,
  ``TradeInfo``, ``PeriodInfo``, ``PeriodActionResult``, ``DoActionResult``, ``CreditDetail``;
- the functions ``check_mac_value``, ``explain``, ``describe_code``, ``barcode_svg``,
  ``sign_test_notification``, ``generate_merchant_trade_no``, ``nack`` and the reply ``ACK``;
- the exceptions, all under ``OmgError``: ``ValidationError``, ``SignatureError``,
  ``GatewayError``, ``TransportError``, ``DecodeError``.

FastAPI helpers live in ``omg_payment.fastapi``.

The client logs what it does (requests, replies, retries, unknown outcomes; never a key) to the
logger ``omg_payment``; it is silent until the application configures logging.
"""

import logging as _logging

from ._native import (
    ACK,
    Checkout,
    CloseEntry,
    Client,
    CodeInfo,
    CreditDetail,
    DecodeError,
    DoActionResult,
    ExecLogEntry,
    Explanation,
    FieldError,
    GatewayError,
    MAX_NOTIFICATION_BYTES,
    Notification,
    OmgError,
    PaymentCodeIssued,
    PaymentResult,
    PeriodActionResult,
    PeriodCharge,
    PeriodInfo,
    SignatureError,
    TradeInfo,
    TransportError,
    ValidationError,
    __version__,
    barcode_svg,
    check_mac_value,
    describe_code,
    explain,
    generate_merchant_trade_no,
    nack,
    sign_test_notification,
)
from .async_client import AsyncClient
from .options import CheckoutOptions, ChoosePayment, NotificationEndpoint, TestNotificationKind

# A library prints nothing by itself: without this, Python's last-resort handler would print the
# WARNING of an unknown outcome to stderr of an application that configured no logging.
_logging.getLogger("omg_payment").addHandler(_logging.NullHandler())

__all__ = [
    "ACK",
    "AsyncClient",
    "CheckoutOptions",
    "ChoosePayment",
    "NotificationEndpoint",
    "TestNotificationKind",
    "Checkout",
    "CloseEntry",
    "Client",
    "CodeInfo",
    "CreditDetail",
    "DecodeError",
    "DoActionResult",
    "ExecLogEntry",
    "Explanation",
    "FieldError",
    "GatewayError",
    "MAX_NOTIFICATION_BYTES",
    "Notification",
    "OmgError",
    "PaymentCodeIssued",
    "PaymentResult",
    "PeriodActionResult",
    "PeriodCharge",
    "PeriodInfo",
    "SignatureError",
    "TradeInfo",
    "TransportError",
    "ValidationError",
    "__version__",
    "barcode_svg",
    "check_mac_value",
    "describe_code",
    "explain",
    "generate_merchant_trade_no",
    "nack",
    "sign_test_notification",
]
