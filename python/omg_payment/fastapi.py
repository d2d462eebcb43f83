"""FastAPI helpers: a notification route that answers the gateway itself, a dependency that hands a
route a verified, typed notification, and the replies the gateway understands.

::

    from fastapi import FastAPI
    from omg_payment import Client, PaymentResult
    from omg_payment.fastapi import NotificationVerifier, notification_route

    client = Client.from_env()
    app = FastAPI()
    verified_payment = NotificationVerifier(client, expect=PaymentResult)

    @notification_route(app, "/omg/return", verified_payment)
    def omg_return(n: PaymentResult) -> None:
        ...                     # fulfil once per n.dedupe_key; returning answers exactly "1|OK"

``notification_route`` owns the reply: it answers exactly the four bytes ``1|OK`` (text/plain)
once the handler has returned ``None`` or ``omg_payment.ACK``, ``0|reason`` with status 400 when
the notification is refused (forged, altered, another kind) or the handler raises
``NotificationRefused``, and ``0|...`` with status 500 when the handler raises anything else or
returns another value: the gateway, which did not get ``1|OK``, sends the notification again later.

Every refusal is logged on the ``omg_payment`` logger (a warning; an unexpected kind is an error
naming the order, the amount and how to recover it), so a wrong HashIV that refuses every genuine
notification shows in the application's log, not only as 400s in the access log.

The verifier reads the **raw** request body (at most 64 KiB) and verifies the CheckMacValue over
exactly the bytes received. The bytes stay available to the route afterwards
(``await request.body()``, or ``request.state.omg_raw_body``). When something read the body before
the verifier without keeping it (a ``Form()`` parameter on the route, a middleware), the
signature cannot be checked: ``RawBodyUnavailableError`` says what to change.

``NotificationVerifier`` is generic over the kind it accepts: with ``expect=PaymentResult`` it is a
``NotificationVerifier[PaymentResult]``, and mypy rejects a handler that takes another kind.
It also serves as a plain dependency (``n: PaymentResult = Depends(verified_payment)``); then
call ``install(app)`` so refusals answer plain text, and return ``ack()``, never a bare string.
"""

from __future__ import annotations

import inspect
import logging
import typing
from collections.abc import Awaitable, Callable
from typing import (
    Any,
    Generic,
    Literal,
    TypeVar,
    cast,
    overload,
)

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

if typing.TYPE_CHECKING:
    from typing import Concatenate

    from typing_extensions import ParamSpec
else:  # the names only matter to type checkers; Python 3.9 has neither in `typing`
    try:
        from typing import Concatenate, ParamSpec
    except ImportError:  # pragma: no cover
        from typing import Concatenate

        from typing_extensions import ParamSpec

from ._native import (
    ACK,
    MAX_NOTIFICATION_BYTES,
    Client,
    Notification,
    OmgError,
    SignatureError,
    ValidationError,
    _receive_notification,
    nack,
)
from .async_client import AsyncClient

__all__ = [
    "NotificationRefused",
    "NotificationVerifier",
    "RawBodyUnavailableError",
    "ack",
    "install",
    "notification_route",
    "refusal",
]

AnyClient = Client | AsyncClient
N_co = TypeVar("N_co", bound=Notification, covariant=True)
K = TypeVar("K", bound=Notification)
P = ParamSpec("P")
#: What a notification handler may return: nothing or ``omg_payment.ACK`` (both answered exactly
#: ``1|OK``), or a Response of its own.
HandlerResult = None | Literal["1|OK"] | Response | Awaitable[None | Literal["1|OK"] | Response]

log = logging.getLogger("omg_payment")

#: The methods other than POST a notification route also answers (with omg-core's 405).
OTHER_METHODS = ["GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"]


class NotificationRefused(HTTPException):
    """A notification that was not accepted; its ``reply`` is the ``0|reason`` body, its
    ``status_code`` 400 unless said otherwise."""

    def __init__(self, reason: str, status_code: int = 400) -> None:
        self.reply = nack(reason)
        super().__init__(status_code=status_code, detail=self.reply)


def _refused(status: int, reply: str) -> NotificationRefused:
    """omg-core's refusal (a ``0|reason`` reply and its status) as the exception."""
    return NotificationRefused(reply.removeprefix("0|"), status)


class RawBodyUnavailableError(RuntimeError):
    """The request body was read before the verifier and its bytes were not kept, so the
    notification's CheckMacValue cannot be checked. The message says what to change; the gateway,
    which gets no ``1|OK``, sends the notification again once the app is fixed."""


def ack() -> PlainTextResponse:
    """The reply that tells the gateway a notification was received: exactly ``1|OK``."""
    return PlainTextResponse(ACK)


def refusal(reason: str, status_code: int = 400) -> PlainTextResponse:
    """A ``0|reason`` reply: the gateway will send the notification again later."""
    return PlainTextResponse(nack(reason), status_code=status_code)


def install(app: FastAPI) -> None:
    """Makes refused notifications answer their ``0|reason`` body as plain text (needed only when
    ``NotificationVerifier`` is used as a plain dependency; ``notification_route`` answers itself)."""

    async def handler(request: Request, exc: Exception) -> Response:
        if isinstance(exc, NotificationRefused):
            return PlainTextResponse(exc.reply, status_code=exc.status_code)
        return PlainTextResponse(nack("refused"), status_code=400)

    app.add_exception_handler(NotificationRefused, handler)


CONSUMED_HINT = (
    "omg-payment: the notification body was read before NotificationVerifier and its bytes were not kept, "
    "so its CheckMacValue cannot be verified. {what} The verified notification carries every field "
    "(n.raw, n.get(name)): remove Form()/Body() parameters from notification routes, and a middleware that "
    "reads the body must use `await request.body()` (Starlette keeps those bytes) or pass the bytes on in "
    "the `receive` it gives the app. (Re-encoding parsed fields is not done on purpose: it does not "
    "reproduce the signed bytes.)"
)


async def read_body(request: Request, limit: int = MAX_NOTIFICATION_BYTES) -> bytes:
    """The raw request body, read up to ``limit + 1`` bytes: enough for omg-core to tell a body
    over the cap (a real notification is a few KiB; a larger body is not from the gateway and is
    not read into memory whole).

    A whole body is kept where Starlette keeps a body it read (so ``await request.body()`` works
    in the route) and on ``request.state.omg_raw_body``."""
    kept = getattr(request, "_body", None)  # read before by request.body(): Starlette kept it
    if isinstance(kept, bytes):
        body = kept
    else:
        declared = request.headers.get("content-length")
        chunks = []
        size = 0
        try:
            async for chunk in request.stream():
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    break  # the rest is not read: omg-core refuses the body as too large
        except RuntimeError as e:  # Starlette: "Stream consumed"
            what = (
                "A Form() parameter on this route (or request.form()) parsed it."
                if getattr(request, "_form", None) is not None
                else "Something read request.stream() before it."
            )
            raise RawBodyUnavailableError(CONSUMED_HINT.format(what=what)) from e
        body = b"".join(chunks)
        if not body and declared is not None and declared.isdigit() and int(declared) > 0:
            what = f"The request declared {declared} bytes but none reached the route: a middleware consumed them."
            raise RawBodyUnavailableError(CONSUMED_HINT.format(what=what))
        if size <= limit:
            request._body = body  # what request.body() returns from now on
    request.state.omg_raw_body = body
    return body[: limit + 1]


class NotificationVerifier(Generic[N_co]):
    """A FastAPI dependency: verifies the request's raw body and returns the typed notification.

    ``client`` is a ``Client``/``AsyncClient``, or a callable returning one (for clients created
    at startup). ``expect`` is the Notification subclass (or a tuple of them) the route accepts;
    another kind is refused with ``0|unexpected notification``. The verifier's type follows
    ``expect``: ``NotificationVerifier(client, expect=PaymentResult)`` is a
    ``NotificationVerifier[PaymentResult]``; without ``expect`` it hands out any ``Notification``.
    """

    @overload
    def __init__(
        self: NotificationVerifier[Notification],
        client: AnyClient | Callable[[], AnyClient],
        *,
        expect: None = None,
    ) -> None: ...
    @overload
    def __init__(
        self: NotificationVerifier[K],
        client: AnyClient | Callable[[], AnyClient],
        *,
        expect: type[K] | tuple[type[K], ...],
    ) -> None: ...
    def __init__(
        self,
        client: AnyClient | Callable[[], AnyClient],
        *,
        expect: type[Notification] | tuple[type[Notification], ...] | None = None,
    ) -> None:
        self._client = client
        self._expect: tuple[type[Notification], ...] = (
            () if expect is None else expect if isinstance(expect, tuple) else (expect,)
        )
        for kind in self._expect:
            if not (isinstance(kind, type) and issubclass(kind, Notification)):
                raise TypeError(f"expect must be a Notification subclass or a tuple of them, not {kind!r}")

    @property
    def expected(self) -> tuple[type[Notification], ...]:
        """The kinds this verifier accepts; empty when it accepts any notification."""
        return self._expect

    def _resolve(self) -> Client:
        client = self._client if isinstance(self._client, (Client, AsyncClient)) else self._client()
        return client.client if isinstance(client, AsyncClient) else client

    async def receive(self, request: Request) -> dict[str, Any]:
        """omg-core's receipt of this request (method, Content-Type, size, signature): its status
        and reply, and the verified notification or the error; see notify::receive."""
        body = await read_body(request)
        content_type = request.headers.get("content-type")
        return _receive_notification(self._resolve(), request.method, content_type, body, MAX_NOTIFICATION_BYTES)

    async def __call__(self, request: Request) -> N_co:
        return cast(N_co, self._accepted(request, await self.receive(request)))

    def _accepted(self, request: Request, receipt: dict[str, Any]) -> Notification:
        """The receipt's notification when this verifier takes it; else the refusal, logged."""
        notification = receipt["notification"]
        if notification is None:
            error = receipt["error"]
            log.warning("notification refused at %s: %s%s", request.url.path, receipt["reply"], _hint(error))
            raise _refused(receipt["status"], receipt["reply"]) from error
        if self._expect and not isinstance(notification, self._expect):
            status, reply, line = receipt["unexpected"]
            log.error("notification refused at %s: %s", request.url.path, line)
            raise _refused(status, reply)
        return cast(Notification, notification)


def _hint(error: OmgError) -> str:
    """What to check when refusals are not attacks but a misconfigured shop."""
    if isinstance(error, SignatureError):
        return " (if the gateway's genuine notifications are refused too, this client's HashKey/HashIV are wrong)"
    if isinstance(error, ValidationError) and any(e.rule == "merchant_mismatch" for e in error.errors):
        return " (if this is your own merchant, this client's MerchantID is wrong)"
    return ""


class _Answered:
    """What the guarded dependency of a notification route hands over when it already has the reply."""

    def __init__(self, response: Response) -> None:
        self.response = response


class _Verified:
    """What the guarded dependency hands over for a notification the route takes: it, and what to
    answer if the handler fails (omg-core's)."""

    def __init__(self, notification: Notification, handler_failed: tuple[int, str]) -> None:
        self.notification = notification
        self.handler_failed = handler_failed


def _guarded(verifier: NotificationVerifier[Notification]) -> Callable[[Request], Awaitable[object]]:
    async def verified_or_answered(request: Request) -> object:
        try:
            receipt = await verifier.receive(request)
            return _Verified(verifier._accepted(request, receipt), receipt["handler_failed"])
        except NotificationRefused as refused:
            return _Answered(PlainTextResponse(refused.reply, status_code=refused.status_code))
        except RawBodyUnavailableError as e:
            log.error("%s", e)
            return _Answered(refusal("raw body unavailable: the shop must fix its route (see its log)", 500))

    return verified_or_answered


def _check_annotation(
    handler: Callable[..., Any], first: inspect.Parameter, verifier: NotificationVerifier[Any]
) -> Any:
    """The handler's resolved annotation of its notification parameter; a kind the verifier does
    not guarantee is refused here, at startup, rather than crashing on the first notification."""
    try:
        hints = typing.get_type_hints(handler)
    # get_type_hints evaluates the annotations' text; whatever it raises (most often a local name
    # it cannot see) means "cannot tell here": leave the check to mypy.
    except Exception:  # noqa: BLE001
        return inspect.Parameter.empty
    wanted = hints.get(first.name, inspect.Parameter.empty)
    narrower = isinstance(wanted, type) and issubclass(wanted, Notification) and wanted is not Notification
    if narrower and (not verifier.expected or not all(issubclass(kind, wanted) for kind in verifier.expected)):
        accepted = ", ".join(k.__name__ for k in verifier.expected) or "any notification"
        raise TypeError(
            f"{handler.__name__}({first.name}: {wanted.__name__}) gets what its verifier accepts ({accepted}): "
            f"use NotificationVerifier(client, expect={wanted.__name__})"
        )
    return wanted


def notification_route(
    router: FastAPI | APIRouter,
    path: str,
    verifier: NotificationVerifier[N_co],
    **route_options: Any,
) -> Callable[[Callable[Concatenate[N_co, P], HandlerResult]], Callable[Concatenate[N_co, P], HandlerResult]]:
    """Registers ``handler`` as the POST route ``path`` that receives notifications.

    The handler's first parameter gets the verified notification; its other parameters are
    ordinary FastAPI parameters (dependencies, ``Request``). A sync handler runs in FastAPI's
    thread pool, an ``async def`` one on the event loop. The route answers exactly ``1|OK`` after
    the handler returned ``None`` or ``omg_payment.ACK``, sends a ``Response`` it returned as is,
    answers ``0|reason`` (400) when it raised ``NotificationRefused`` and ``0|...`` (500) when it
    raised anything else (logged on the ``omg_payment`` logger with its traceback) or returned any
    other value (logged as an error). ``route_options`` go to ``add_api_route`` (``name``,
    ``tags``, ``include_in_schema``...).
    """

    def register(
        handler: Callable[Concatenate[N_co, P], HandlerResult],
    ) -> Callable[Concatenate[N_co, P], HandlerResult]:
        signature = inspect.signature(handler)
        params = list(signature.parameters.values())
        if not params:
            raise TypeError(f"{handler.__name__} must take the notification as its first parameter")
        first = params[0]
        annotation = _check_annotation(handler, first, verifier)
        try:
            hints = typing.get_type_hints(handler, include_extras=True)
        except Exception:  # noqa: BLE001 (as in _check_annotation: unresolvable hints stay as written)
            hints = {}
        # The other parameters become keyword-only: FastAPI passes keywords, and they may follow
        # the notification's (which has a default, the dependency) without one of their own.
        rest = [
            p.replace(annotation=hints.get(p.name, p.annotation), kind=inspect.Parameter.KEYWORD_ONLY)
            for p in params[1:]
            if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        ]
        notification_param = first.replace(
            kind=inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=Depends(_guarded(cast(NotificationVerifier[Notification], verifier))),
            annotation=annotation if annotation is not inspect.Parameter.empty else Any,
        )
        is_async = inspect.iscoroutinefunction(handler)

        async def endpoint(**kwargs: Any) -> Response:
            received = kwargs[first.name]
            if isinstance(received, _Answered):
                return received.response
            kwargs[first.name] = received.notification
            failed_status, failed_reply = received.handler_failed
            call = cast(Callable[..., Any], handler)  # called with FastAPI's keywords
            try:
                result = await call(**kwargs) if is_async else await run_in_threadpool(call, **kwargs)
                if inspect.isawaitable(result):
                    result = await result
            except NotificationRefused as refused:
                log.warning("notification handler %s refused the notification: %s", handler.__name__, refused.reply)
                return PlainTextResponse(refused.reply, status_code=400)
            except Exception:
                log.exception(
                    "notification handler %s failed; answered %s %s, the gateway will send the notification again",
                    handler.__name__,
                    failed_status,
                    failed_reply,
                )
                return PlainTextResponse(failed_reply, status_code=failed_status)
            # The route owns the reply: None and the ACK itself are both answered with exactly the
            # four bytes 1|OK (FastAPI would send a returned str as JSON, "1|OK" with its quotes,
            # which the gateway takes for no answer and re-sends).
            if result is None or (isinstance(result, str) and result == ACK):
                return ack()
            if isinstance(result, Response):
                return result
            log.error(
                "notification handler %s returned %r (%s): return None (or omg_payment.ACK) to answer exactly 1|OK, "
                "or raise NotificationRefused(reason) to refuse; the route answered %s %s and the gateway will send "
                "the notification again",
                handler.__name__,
                result,
                type(result).__name__,
                failed_status,
                failed_reply,
            )
            return PlainTextResponse(failed_reply, status_code=failed_status)

        # Not functools.wraps: FastAPI would look through __wrapped__ and take a sync handler's
        # endpoint for a sync function.
        for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(endpoint, attribute, getattr(handler, attribute, None))
        endpoint.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[notification_param, *rest], return_annotation=Response
        )
        route_options.setdefault("response_class", PlainTextResponse)
        router.add_api_route(path, endpoint, methods=["POST"], **route_options)
        # Other methods reach the same endpoint, so omg-core answers them too (405, 0|...), the
        # same as every other language's helper; they stay out of the OpenAPI schema.
        hidden = {**route_options, "include_in_schema": False}
        router.add_api_route(path, endpoint, methods=OTHER_METHODS, **hidden)
        return handler

    return register
