"""Notification routes whose types agree with their verifier: mypy --strict accepts this file
(test_fastapi.py checks it). Never run."""

from __future__ import annotations

from typing import Literal

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response

from omg_payment import ACK, Client, Notification, PaymentCodeIssued, PaymentResult, PeriodCharge
from omg_payment.fastapi import NotificationVerifier, ack, notification_route, refusal

client = Client.stage()
app = FastAPI()
verified_payment = NotificationVerifier(client, expect=PaymentResult)
verified_code = NotificationVerifier(client, expect=PaymentCodeIssued)
verified_any = NotificationVerifier(client)


@notification_route(app, "/omg/return", verified_payment)
def omg_return(n: PaymentResult) -> None:
    trade_no: str | None = n.trade_no
    del trade_no


@notification_route(app, "/omg/payment-info", verified_code)
async def omg_code(n: PaymentCodeIssued, request: Request) -> Response | None:
    if not n.merchant_trade_no:
        return refusal("unknown order")
    await request.body()
    return None


@notification_route(app, "/omg/ack", verified_payment)
def returns_the_ack(n: PaymentResult) -> Literal["1|OK"]:
    return ACK  # the route answers exactly 1|OK, as for None


@notification_route(app, "/omg/any", verified_payment)
def a_wider_parameter_is_fine(n: Notification) -> None: ...


@notification_route(app, "/omg/either", NotificationVerifier(client, expect=(PaymentResult, PeriodCharge)))
def either(n: PaymentResult | PeriodCharge | Notification) -> None: ...


@notification_route(app, "/omg/result", verified_any)
def any_kind(n: Notification) -> None: ...


@app.post("/omg/plain")
async def plain(n: PaymentResult = Depends(verified_payment)) -> Response:
    payment: PaymentResult = await verified_payment(Request({"type": "http"}))
    del payment
    return ack()
