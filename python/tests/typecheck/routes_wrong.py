"""Notification routes whose types disagree with their verifier: mypy --strict must report every
line marked "# mypy: error", and nothing else (test_fastapi.py checks it). Never run."""

from __future__ import annotations

from fastapi import FastAPI, Request

from omg_payment import Client, PaymentResult, PeriodCharge
from omg_payment.fastapi import NotificationVerifier, notification_route

client = Client.stage()
app = FastAPI()
verified_payment = NotificationVerifier(client, expect=PaymentResult)
verified_any = NotificationVerifier(client)


# A route typed PaymentResult that may receive any notification (no expect=).
@notification_route(app, "/omg/return", verified_any)  # mypy: error
def no_expect(n: PaymentResult) -> None: ...


# A route typed for another kind than the verifier hands out.
@notification_route(app, "/omg/period", verified_payment)  # mypy: error
def other_kind(n: PeriodCharge) -> None: ...


# A string that is not the ACK (the route would answer 500 and the gateway would send again).
@notification_route(app, "/omg/string", verified_payment)  # mypy: error
def returns_a_string(n: PaymentResult) -> str:
    return "OK"


async def direct(request: Request) -> None:
    period: PeriodCharge = await verified_payment(request)  # mypy: error
    del period
