"""FastAPI helpers: a dependency that hands a route a verified, typed notification, and the
replies the gateway understands.

::

    from fastapi import Depends, FastAPI
    from omg_payment import Client, PaymentResult
    from omg_payment.fastapi import NotificationVerifier, ack, install

    client = Client.from_env()
    app = FastAPI()
    install(app)                                   # refusals answer "0|reason" as plain text
    verified_payment = NotificationVerifier(client, expect=PaymentResult)

    @app.post("/omg/return")
    def omg_return(n: PaymentResult = Depends(verified_payment)):
        ...                                        # fulfil once per n.dedupe_key
        return ack()                               # exactly "1|OK", text/plain

The dependency reads the **raw** request body (at most 64 KiB) and verifies the CheckMacValue
over exactly the bytes received. A forged, altered, unreadable or unexpected notification never
reaches the route: the request is answered ``0|reason`` with status 400 (as plain text once
``install(app)`` has run; without it FastAPI's default handler answers the same reason as JSON),
and the gateway will send it again later.
"""

from __future__ import annotations

from typing import Callable, Optional, Tuple, Type, Union

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response

from ._native import ACK, MAX_NOTIFICATION_BYTES, Client, Notification, OmgError, nack
from .async_client import AsyncClient

__all__ = ["NotificationRefused", "NotificationVerifier", "ack", "install", "refusal"]

AnyClient = Union[Client, AsyncClient]


class NotificationRefused(HTTPException):
    """A notification that was not accepted; its ``reply`` is the ``0|reason`` body."""

    def __init__(self, reason: str) -> None:
        self.reply = nack(reason)
        super().__init__(status_code=400, detail=self.reply)


def ack() -> PlainTextResponse:
    """The reply that tells the gateway a notification was received: exactly ``1|OK``."""
    return PlainTextResponse(ACK)


def refusal(reason: str, status_code: int = 400) -> PlainTextResponse:
    """A ``0|reason`` reply: the gateway will send the notification again later."""
    return PlainTextResponse(nack(reason), status_code=status_code)


def install(app: FastAPI) -> None:
    """Makes refused notifications answer their ``0|reason`` body as plain text."""

    async def handler(request: Request, exc: Exception) -> Response:
        reply = exc.reply if isinstance(exc, NotificationRefused) else nack("refused")
        return PlainTextResponse(reply, status_code=400)

    app.add_exception_handler(NotificationRefused, handler)


async def read_body(request: Request, limit: int = MAX_NOTIFICATION_BYTES) -> bytes:
    """The raw request body, refused as soon as it exceeds ``limit`` bytes (a real notification
    is a few KiB: a larger body is not from the gateway and is not read into memory whole)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise NotificationRefused(f"body larger than {limit} bytes")
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise NotificationRefused(f"body larger than {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


class NotificationVerifier:
    """A FastAPI dependency: verifies the request's raw body and returns the typed notification.

    ``client`` is a ``Client``/``AsyncClient``, or a callable returning one (for clients created
    at startup). ``expect`` is a Notification subclass (or a tuple of them) the route accepts;
    another kind is refused with ``0|unexpected notification``.
    """

    def __init__(
        self,
        client: Union[AnyClient, Callable[[], AnyClient]],
        *,
        expect: Optional[Union[Type[Notification], Tuple[Type[Notification], ...]]] = None,
    ) -> None:
        self._client = client
        self._expect = expect

    def _resolve(self) -> AnyClient:
        if isinstance(self._client, (Client, AsyncClient)):
            return self._client
        return self._client()

    async def __call__(self, request: Request) -> Notification:
        body = await read_body(request)
        try:
            notification = self._resolve().verify_notification(body)
        except OmgError as e:
            raise NotificationRefused(str(e)) from e
        if self._expect is not None and not isinstance(notification, self._expect):
            raise NotificationRefused(f"unexpected notification: {notification.kind}")
        return notification
