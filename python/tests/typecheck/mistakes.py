"""The type probe: deliberate mistakes a merchant makes, each on a line marked "# mypy: error";
mypy --strict must report every marked line and nothing else (test_fastapi.py checks it, beside
routes_wrong.py). The same mistakes as node/test/types/mistakes.ts; the ones a type system cannot
catch are listed in docs/python.md, "Types". Never run."""

from __future__ import annotations

from fastapi import FastAPI

from omg_payment import ACK, Client, Notification, PaymentResult, PeriodCharge, TradeInfo
from omg_payment.fastapi import NotificationVerifier, notification_route

client = Client.from_env()
app = FastAPI()
paid = NotificationVerifier(client, expect=PaymentResult)

order_with_text_amount = client.checkout(
    merchant_trade_no="A1",
    total_amount="1200",  # mypy: error
    trade_desc="Shop",
    item_name="T-shirt",
    return_url="https://shop.example/omg/return",
    choose_payment="Credit",
)
order_with_unknown_method = client.checkout(
    merchant_trade_no="A2",
    total_amount=1200,
    trade_desc="Shop",
    item_name="T-shirt",
    return_url="https://shop.example/omg/return",
    choose_payment="Card",  # mypy: error
)
order_misspelled = client.checkout(  # mypy: error
    merchant_trade_no="A3",
    total_amount=1200,
    trade_desc="Shop",
    item_name="T-shirt",
    return_url="https://shop.example/omg/return",
    choose_payment="Credit",
    retun_url="https://shop.example/omg/return",
)
order_without_return_url = client.checkout(  # mypy: error
    merchant_trade_no="A4",
    total_amount=1200,
    trade_desc="Shop",
    item_name="T-shirt",
    choose_payment="Credit",
)


def amount_of_any_kind(n: Notification) -> int | None:
    return n.trade_amt  # mypy: error


async def forgot_await(no: str) -> bool:
    from omg_payment import AsyncClient

    info = AsyncClient.from_env().query_trade(no)
    return info.is_paid  # mypy: error


def refund_with_flag(no: str, trade_no: str) -> None:
    client.refund(no, trade_no, 12.5)  # mypy: error


@notification_route(app, "/omg/period", paid)  # mypy: error
def wrong_kind(n: PeriodCharge) -> None: ...


@notification_route(app, "/omg/return", paid)  # mypy: error
def answers_text(n: PaymentResult) -> str:
    return ACK if n.is_paid else "OK"


verify_number = client.verify_notification(42)  # mypy: error


def right_ones(n: PaymentResult) -> TradeInfo:
    client.refund("A1", "T1", "1200")
    n.expect_amount(1200)
    return client.query_trade(n.merchant_trade_no)


# What no type catches: these type-check, and fail at run time (docs/python.md, "Types").
def uncaught(n: PaymentResult) -> Client:
    n.expect_amount(1300)  # uncaught: the wrong amount for this order (expect_amount raises)
    client.checkout(
        merchant_trade_no="A-much-too-long-for-the-gateway-1",  # uncaught: over 20 characters, a symbol
        total_amount=1200,
        trade_desc="<b>Shop</b>",  # uncaught: HTML in TradeDesc (ValidationError)
        item_name="T-shirt",
        return_url="https://shop.example/omg/return",
        choose_payment="Credit",
    )
    return Client(merchant_id="2000132", hash_key="wrong", hash_iv="wrong")  # uncaught: keys the gateway refuses
