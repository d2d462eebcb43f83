"""omg-payment: OMG 金流 (funpoint) payments for Python, on a Rust core.

Everything a merchant needs is importable from here:

- ``Client`` (and ``AsyncClient`` for asyncio / FastAPI): checkout forms, notification
  verification and the server APIs;
- the typed results: ``Checkout``, ``PaymentResult``, ``PaymentCodeIssued``, ``PeriodCharge``,
  ``TradeInfo``, ``PeriodInfo``, ``PeriodActionResult``, ``DoActionResult``, ``CreditDetail``,
  and ``ClientSettings`` (``Client.settings``);
- the functions ``check_mac_value``, ``explain``, ``describe_code``, ``barcode_svg``,
  ``sign_test_notification``, ``generate_merchant_trade_no``, ``nack`` and the reply ``ACK``;
- the exceptions, all under ``OmgError``: ``ValidationError``, ``SignatureError``,
  ``GatewayError``, ``TransportError``, ``DecodeError``.

FastAPI helpers live in ``omg_payment.fastapi``.

The SDK logs to the logger ``omg_payment`` (never a key): the client's requests, replies and
retries (debug, info), an unknown outcome of a money-moving call (warning), and every notification
the FastAPI helpers refuse (warning; an unexpected kind is an error). The package adds no handler:
with no logging configured, Python's last-resort handler prints warnings and errors to stderr, so a
shop whose wrong HashIV refuses every notification sees it; configure ``logging`` to send them
elsewhere or to change the level.
"""

from ._native import (
    ACK,
    MAX_NOTIFICATION_BYTES,
    Checkout,
    Client,
    ClientSettings,
    CloseEntry,
    CodeInfo,
    CreditDetail,
    DecodeError,
    DoActionResult,
    ExecLogEntry,
    Explanation,
    FieldError,
    GatewayError,
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

__all__ = [
    "ACK",
    "MAX_NOTIFICATION_BYTES",
    "AsyncClient",
    "Checkout",
    "CheckoutOptions",
    "ChoosePayment",
    "Client",
    "ClientSettings",
    "CloseEntry",
    "CodeInfo",
    "CreditDetail",
    "DecodeError",
    "DoActionResult",
    "ExecLogEntry",
    "Explanation",
    "FieldError",
    "GatewayError",
    "Notification",
    "NotificationEndpoint",
    "OmgError",
    "PaymentCodeIssued",
    "PaymentResult",
    "PeriodActionResult",
    "PeriodCharge",
    "PeriodInfo",
    "SignatureError",
    "TestNotificationKind",
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
