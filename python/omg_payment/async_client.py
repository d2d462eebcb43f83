"""``AsyncClient``: the server APIs as coroutines, for asyncio applications such as FastAPI.

Each network call runs the native client's call in a worker thread (the native call releases
the GIL while it waits on the network), so the event loop keeps serving other requests.
Cancelling the awaiting task does not stop a call already sent: a capture or refund that was
sent completes (or fails) in its thread. Pure, microsecond operations (``checkout``,
``verify_notification``, ``sign_test_notification``) stay synchronous.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Any, TypeVar

from ._native import (
    Checkout,
    Client,
    ClientSettings,
    CreditDetail,
    DoActionResult,
    Notification,
    PeriodActionResult,
    PeriodInfo,
    TradeInfo,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .options import CheckoutOptions, ChoosePayment, NotificationEndpoint, TestNotificationKind

__all__ = ["AsyncClient"]

T = TypeVar("T")


class AsyncClient:
    """The asyncio twin of ``Client``: the same constructor and methods, the network calls as
    coroutines.

    ``AsyncClient(merchant_id=None, hash_key=None, hash_iv=None, *, environment=None,
    base_url=None, credit_check_code=None, connect_timeout=None, read_timeout=None, retries=None,
    initial_backoff=None, max_backoff=None, max_reply_bytes=None, platform_id=None,
    executor=None)``: the settings of ``Client``. ``executor`` runs the blocking calls (default: the
    event loop's default executor). Wrap an existing ``Client`` with ``AsyncClient.from_client(client)``.
    """

    __slots__ = ("_client", "_executor")

    def __init__(
        self,
        merchant_id: str | None = None,
        hash_key: str | None = None,
        hash_iv: str | None = None,
        *,
        environment: str | None = None,
        base_url: str | None = None,
        credit_check_code: str | None = None,
        connect_timeout: float | None = None,
        read_timeout: float | None = None,
        retries: int | None = None,
        initial_backoff: float | None = None,
        max_backoff: float | None = None,
        max_reply_bytes: int | None = None,
        platform_id: str | None = None,
        executor: Executor | None = None,
    ) -> None:
        self._client = Client(
            merchant_id,
            hash_key,
            hash_iv,
            environment=environment,
            base_url=base_url,
            credit_check_code=credit_check_code,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            retries=retries,
            initial_backoff=initial_backoff,
            max_backoff=max_backoff,
            max_reply_bytes=max_reply_bytes,
            platform_id=platform_id,
        )
        self._executor = executor

    @classmethod
    def from_client(cls, client: Client, *, executor: Executor | None = None) -> AsyncClient:
        """An AsyncClient sharing ``client`` (its keys, gateway and connection pool)."""
        self = cls.__new__(cls)
        self._client = client
        self._executor = executor
        return self

    @classmethod
    def stage(cls) -> AsyncClient:
        """The public stage merchant (1000031) on the stage gateway."""
        return cls.from_client(Client.stage())

    @classmethod
    def from_env(cls) -> AsyncClient:
        """A client from the OMG_* environment variables (see ``Client.from_env``)."""
        return cls.from_client(Client.from_env())

    @property
    def client(self) -> Client:
        """The synchronous ``Client`` underneath."""
        return self._client

    @property
    def merchant_id(self) -> str:
        """The MerchantID."""
        return self._client.merchant_id

    @property
    def base_url(self) -> str:
        """The gateway's base URL."""
        return self._client.base_url

    @property
    def is_production(self) -> bool:
        """True when talking to the production gateway."""
        return self._client.is_production

    @property
    def settings(self) -> ClientSettings:
        """The effective settings (see ``Client.settings``)."""
        return self._client.settings

    def __repr__(self) -> str:
        return f"<AsyncClient merchant_id={self.merchant_id!r} base_url={self.base_url!r}>"

    async def _run(self, call: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(call, *args))

    # Pure operations: synchronous, as on Client.

    def checkout(
        self,
        *,
        merchant_trade_no: str,
        total_amount: int,
        trade_desc: str,
        item_name: str | Sequence[str],
        return_url: str,
        choose_payment: ChoosePayment,
        extra: Mapping[str, str | int] | None = None,
        **options: Unpack[CheckoutOptions],
    ) -> Checkout:
        """Signs an order for AioCheckOut/V5 (no network): see ``Client.checkout``."""
        return self._client.checkout(
            merchant_trade_no=merchant_trade_no,
            total_amount=total_amount,
            trade_desc=trade_desc,
            item_name=item_name,
            return_url=return_url,
            choose_payment=choose_payment,
            extra=extra,
            **options,
        )

    def verify_notification(
        self,
        body: bytes | bytearray | memoryview | str | Mapping[str, str],
        endpoint: NotificationEndpoint | None = None,
    ) -> Notification:
        """Verifies a notification and returns it typed: see ``Client.verify_notification``."""
        return self._client.verify_notification(body, endpoint)

    def sign_test_notification(
        self, kind: TestNotificationKind = "payment_result", fields: Mapping[str, str | int] | None = None
    ) -> str:
        """A correctly signed test notification body: see ``Client.sign_test_notification``."""
        return self._client.sign_test_notification(kind, fields)

    # Server APIs: coroutines.

    async def check_credentials(self) -> bool:
        """The credentials self-check: see ``Client.check_credentials``."""
        return await self._run(self._client.check_credentials)

    async def query_trade(self, merchant_trade_no: str) -> TradeInfo:
        """QueryTradeInfo/V5: the state of one order (retried on network failures)."""
        return await self._run(self._client.query_trade, merchant_trade_no)

    async def query_period(self, merchant_trade_no: str) -> PeriodInfo:
        """QueryCreditCardPeriodInfo: a recurring schedule and its charges (retried)."""
        return await self._run(self._client.query_period, merchant_trade_no)

    async def cancel_period(self, merchant_trade_no: str) -> PeriodActionResult:
        """CreditCardPeriodAction Cancel: stops a recurring schedule for good (never retried)."""
        return await self._run(self._client.cancel_period, merchant_trade_no)

    async def capture(self, merchant_trade_no: str, trade_no: str, amount: int | str) -> DoActionResult:
        """DoAction C: captures ``amount`` of an authorised card payment (never retried)."""
        return await self._run(self._client.capture, merchant_trade_no, trade_no, amount)

    async def refund(self, merchant_trade_no: str, trade_no: str, amount: int | str) -> DoActionResult:
        """DoAction R: refunds ``amount`` of a captured card payment (never retried)."""
        return await self._run(self._client.refund, merchant_trade_no, trade_no, amount)

    async def cancel_capture(self, merchant_trade_no: str, trade_no: str, amount: int | str) -> DoActionResult:
        """DoAction E: takes back a capture that is still pending (never retried)."""
        return await self._run(self._client.cancel_capture, merchant_trade_no, trade_no, amount)

    async def abandon(self, merchant_trade_no: str, trade_no: str, amount: int | str) -> DoActionResult:
        """DoAction N: abandons an authorisation that was not captured (never retried)."""
        return await self._run(self._client.abandon, merchant_trade_no, trade_no, amount)

    async def query_credit_detail(self, credit_refund_id: str, credit_amount: int | str) -> CreditDetail:
        """QueryTrade/V2: a card payment's authorised, captured and refunded amounts (retried)."""
        return await self._run(self._client.query_credit_detail, credit_refund_id, credit_amount)
