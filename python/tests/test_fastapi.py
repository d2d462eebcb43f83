"""omg_payment.fastapi: the dependency hands routes verified notifications; refusals never reach them."""

from __future__ import annotations

import pytest

fastapi = pytest.importorskip("fastapi")
from fastapi import Depends, FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

import omg_payment  # noqa: E402
from omg_payment import AsyncClient, Client, Notification, PaymentResult  # noqa: E402
from omg_payment.fastapi import NotificationVerifier, ack, install  # noqa: E402


def make_app(installed: bool = True, client: object = None):  # type: ignore[no-untyped-def]
    shop = Client.stage()
    reached: list[Notification] = []
    app = FastAPI()
    if installed:
        install(app)
    verified = NotificationVerifier(client or shop, expect=PaymentResult)

    @app.post("/omg/return")
    def omg_return(n: PaymentResult = Depends(verified)):  # type: ignore[no-untyped-def]
        reached.append(n)
        return ack()

    return TestClient(app), shop, reached


def post(http: TestClient, body: object):  # type: ignore[no-untyped-def]
    return http.post("/omg/return", content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})


def test_a_genuine_notification_reaches_the_route_and_is_acknowledged_exactly() -> None:
    http, shop, reached = make_app()
    body = shop.sign_test_notification(
        "payment_result", {"MerchantTradeNo": "A1", "TradeAmt": 100, "ItemName": "a+b 手"}
    )
    response = post(http, body)
    assert response.status_code == 200 and response.text == "1|OK"
    assert response.headers["content-type"].startswith("text/plain")
    assert len(reached) == 1 and reached[0].merchant_trade_no == "A1" and reached[0].raw["ItemName"] == "a+b 手"


@pytest.mark.parametrize(
    ("mutate", "status"),
    [
        (lambda b: b.replace("TradeAmt=100", "TradeAmt=1"), 400),
        (lambda b: b + "&Injected=1", 400),
        (lambda b: b.encode() + b"\xff", 400),
        (lambda b: "", 400),
        # omg-core's answer in every language (tests/scenarios/receive.json): too large is 413.
        (lambda b: "A" * (64 * 1024 + 10), 413),
    ],
    ids=["altered", "extra-field", "not-utf8", "empty", "too-big"],
)
def test_refused_notifications_answer_0_and_never_reach_the_route(mutate, status) -> None:  # type: ignore[no-untyped-def]
    http, shop, reached = make_app()
    body = shop.sign_test_notification("payment_result", {"MerchantTradeNo": "A1", "TradeAmt": 100})
    response = post(http, mutate(body))
    assert response.status_code == status and response.text.startswith("0|")
    assert reached == []


def test_an_unexpected_kind_is_refused() -> None:
    http, shop, reached = make_app()
    response = post(http, shop.sign_test_notification("atm_code_issued", {"MerchantTradeNo": "A1"}))
    assert response.text == "0|unexpected notification: payment_code_issued" and reached == []


def test_without_install_a_refusal_is_still_a_400_and_never_reaches_the_route() -> None:
    http, _shop, reached = make_app(installed=False)
    response = post(http, "MerchantID=1000031&CheckMacValue=00")
    assert response.status_code == 400 and response.json()["detail"].startswith("0|") and reached == []


def test_an_async_client_or_a_factory_serves_too() -> None:
    for client in (AsyncClient.stage(), Client.stage, lambda: AsyncClient.stage()):
        http, shop, reached = make_app(client=client)
        assert post(http, shop.sign_test_notification()).text == "1|OK"
        assert len(reached) == 1


def test_helpers() -> None:
    from omg_payment.fastapi import refusal

    assert ack().body == b"1|OK"
    r = refusal("no such order")
    assert r.body == b"0|no such order" and r.status_code == 400
    assert omg_payment.ACK == "1|OK"


# ----- notification_route: the route answers the gateway itself ------------------------------

from fastapi import Form, Request  # noqa: E402

from omg_payment import PeriodCharge  # noqa: E402
from omg_payment.fastapi import NotificationRefused, RawBodyUnavailableError, notification_route  # noqa: E402

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def paid_body(shop: Client) -> str:
    return shop.sign_test_notification("payment_result", {"MerchantTradeNo": "A1", "TradeAmt": 100})


def route_app(handler, verifier=None):  # type: ignore[no-untyped-def]
    shop = Client.stage()
    app = FastAPI()  # no install(app): the route answers refusals itself
    notification_route(app, "/omg/return", verifier or NotificationVerifier(shop, expect=PaymentResult))(handler)
    return TestClient(app, raise_server_exceptions=False), shop


def test_a_route_that_returns_nothing_answers_exactly_1_ok_as_plain_text() -> None:
    seen: list[PaymentResult] = []

    def on_payment(n: PaymentResult) -> None:
        seen.append(n)

    http, shop = route_app(on_payment)
    response = post(http, paid_body(shop))
    assert (response.status_code, response.text) == (200, "1|OK")
    assert response.headers["content-type"].startswith("text/plain")
    assert [n.merchant_trade_no for n in seen] == ["A1"]


def test_an_async_handler_with_other_parameters_gets_them_and_the_raw_body_is_still_readable() -> None:
    seen: list[bytes] = []

    async def on_payment(n: PaymentResult, request: Request) -> None:
        seen.append(await request.body())
        seen.append(request.state.omg_raw_body)

    http, shop = route_app(on_payment)
    body = paid_body(shop)
    assert post(http, body).text == "1|OK"
    assert seen == [body.encode(), body.encode()]


def test_a_handler_that_raises_is_answered_0_with_a_server_error_so_the_gateway_sends_again(caplog) -> None:  # type: ignore[no-untyped-def]
    def on_payment(n: PaymentResult) -> None:
        raise KeyError("database down")

    http, shop = route_app(on_payment)
    response = post(http, paid_body(shop))
    assert response.status_code == 500 and response.text.startswith("0|")
    assert "database down" not in response.text  # the shop's internals stay in its own log
    assert any("on_payment" in r.getMessage() and r.exc_info for r in caplog.records if r.name == "omg_payment")


def test_a_handler_refusal_is_answered_0_reason_with_400() -> None:
    def on_payment(n: PaymentResult) -> None:
        raise NotificationRefused("unknown order")

    http, shop = route_app(on_payment)
    response = post(http, paid_body(shop))
    assert (response.status_code, response.text) == (400, "0|unknown order")


def test_returning_the_ack_answers_exactly_1_ok_not_the_json_string(caplog) -> None:  # type: ignore[no-untyped-def]
    # Issue 21 item 4: FastAPI would send a returned str as JSON ("1|OK" with its quotes) and the
    # gateway would send again; the route owns the reply. (Byte-exact over HTTP: test_fastapi_wire.py.)
    def on_payment(n: PaymentResult):  # type: ignore[no-untyped-def]
        return omg_payment.ACK

    http, shop = route_app(on_payment)
    response = post(http, paid_body(shop))
    assert (response.status_code, response.content) == (200, b"1|OK")
    assert not [r for r in caplog.records if r.name == "omg_payment" and r.levelno >= 30]


def test_a_handler_may_answer_with_its_own_response() -> None:
    from omg_payment.fastapi import refusal

    def on_payment(n: PaymentResult):  # type: ignore[no-untyped-def]
        return refusal("not yet", 503)

    http, shop = route_app(on_payment)
    response = post(http, paid_body(shop))
    assert (response.status_code, response.text) == (503, "0|not yet")


def test_a_forged_or_unexpected_notification_never_reaches_the_handler_and_is_answered_as_text() -> None:
    seen: list[object] = []
    http, shop = route_app(seen.append)  # type: ignore[arg-type]
    forged = post(http, paid_body(shop).replace("TradeAmt=100", "TradeAmt=1"))
    other = post(http, shop.sign_test_notification("atm_code_issued", {"MerchantTradeNo": "A1", "TradeAmt": 100}))
    assert forged.status_code == 400 and forged.text.startswith("0|") and "CheckMacValue" in forged.text
    assert (other.status_code, other.text) == (400, "0|unexpected notification: payment_code_issued")
    assert seen == []


def test_a_handler_typed_for_another_kind_than_its_verifier_is_refused_at_startup() -> None:
    shop = Client.stage()

    def on_payment(n: PaymentResult) -> None: ...

    def on_charge(n: PeriodCharge) -> None: ...

    with pytest.raises(TypeError, match="expect=PaymentResult"):
        notification_route(FastAPI(), "/r", NotificationVerifier(shop))(on_payment)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expect=PeriodCharge"):
        notification_route(FastAPI(), "/r", NotificationVerifier(shop, expect=PaymentResult))(on_charge)  # type: ignore[arg-type]
    notification_route(FastAPI(), "/r", NotificationVerifier(shop))(lambda n: None)  # any kind: fine


# ----- the raw body: kept after verification, an actionable error when it is gone -------------


def test_a_dependency_route_can_read_the_raw_body_after_verification() -> None:
    shop = Client.stage()
    app = FastAPI()
    got: list[bytes] = []

    @app.post("/omg/return")
    async def omg_return(
        request: Request, n: PaymentResult = Depends(NotificationVerifier(shop, expect=PaymentResult))
    ):  # type: ignore[no-untyped-def]
        got.append(await request.body())
        return ack()

    body = paid_body(shop)
    assert post(TestClient(app), body).text == "1|OK" and got == [body.encode()]


def test_a_form_parameter_on_the_route_gives_an_error_that_says_what_to_change() -> None:
    shop = Client.stage()
    app = FastAPI()

    @app.post("/omg/return")
    def omg_return(
        MerchantTradeNo: str = Form(...), n: PaymentResult = Depends(NotificationVerifier(shop, expect=PaymentResult))
    ):  # type: ignore[no-untyped-def]
        return ack()

    with pytest.raises(RawBodyUnavailableError, match=r"Form\(\) parameter.*remove Form\(\)"):
        post(TestClient(app), paid_body(shop))


def test_a_middleware_that_swallowed_the_body_is_named_not_reported_as_an_empty_notification(caplog) -> None:  # type: ignore[no-untyped-def]
    shop = Client.stage()
    app = FastAPI()
    notification_route(app, "/omg/return", NotificationVerifier(shop, expect=PaymentResult))(lambda n: None)

    def swallowing(inner):  # type: ignore[no-untyped-def]
        async def asgi(scope, receive, send):  # type: ignore[no-untyped-def]
            if scope["type"] == "http":
                message = await receive()  # reads the body and hands the app an empty one
                while message.get("more_body"):
                    message = await receive()

                async def empty():  # type: ignore[no-untyped-def]
                    return {"type": "http.request", "body": b"", "more_body": False}

                return await inner(scope, empty, send)
            return await inner(scope, receive, send)

        return asgi

    response = post(TestClient(swallowing(app)), paid_body(shop))
    assert response.status_code == 500 and response.text.startswith("0|raw body unavailable")
    assert "empty" not in response.text
    messages = [r.getMessage() for r in caplog.records if r.name == "omg_payment"]
    assert any("a middleware consumed them" in m for m in messages)


# ----- the verifier's type follows expect= (mypy) ---------------------------------------------

TYPECHECK = __import__("pathlib").Path(__file__).parent / "typecheck"


def mypy(path: object) -> subprocess.CompletedProcess[str]:  # type: ignore[name-defined]  # noqa: F821
    import subprocess
    import sys

    pytest.importorskip("mypy")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=str(TYPECHECK),
    )


def test_mypy_accepts_routes_whose_types_agree_with_their_verifier() -> None:
    result = mypy(TYPECHECK / "routes_ok.py")
    assert result.returncode == 0, result.stdout + result.stderr


def assert_mypy_reports_exactly_the_marked_lines(name: str) -> int:
    """Each line of typecheck/NAME marked "# mypy: error" is reported by mypy --strict, and
    nothing else; returns how many lines are marked."""
    result = mypy(TYPECHECK / name)
    assert result.returncode == 1, result.stdout + result.stderr
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    marked = [
        i + 1 for i, line in enumerate((TYPECHECK / name).read_text().splitlines()) if line.endswith("# mypy: error")
    ]
    reported = sorted({int(line.split(":")[1]) for line in errors})
    assert reported == marked, result.stdout
    return len(marked)


def test_mypy_rejects_a_route_typed_for_another_kind_or_returning_a_string() -> None:
    assert_mypy_reports_exactly_the_marked_lines("routes_wrong.py")


def test_the_type_probe_every_deliberate_mistake_is_reported() -> None:
    # The mistakes of node's probe too: a text amount, an unknown method, a misspelled or missing
    # order option, a field of one kind read from any, an await forgotten, a float amount, a
    # route for another kind, a reply other than ACK, a number as a body.
    assert assert_mypy_reports_exactly_the_marked_lines("mistakes.py") >= 10


# ----- the raw body is what is verified, not a parse of it ---------------------------------------

# Bodies a form parser would read differently from the bytes sent: a literal '+' (%2B) beside
# spaces written '+' or '%20', lowercase escapes, a value holding '&' and '=', Chinese that is not
# NFC-normalised (U+F91D, whose NFC form is U+6B04) and a decomposed é, a value ending in a
# newline, a repeated field, a newline after the body.
TRICKY = "a+b 手 \uf91d e\u0301 Tea & Cake=2"


def tricky_body(shop: Client) -> str:
    return shop.sign_test_notification(
        "payment_result", {"MerchantTradeNo": "A2", "TradeAmt": 100, "ItemName": TRICKY, "CustomField2": "line\n"}
    )


def respelled(body: str) -> str:
    """The same fields, spelt as other encoders do: spaces as %20, escapes in lowercase."""
    import re

    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), body.replace("+", "%20"))


def raw_body_app():  # type: ignore[no-untyped-def]
    shop = Client.stage()
    app = FastAPI()
    install(app)  # refusals of the Depends route answered as text, as the docs set it up
    seen: list[tuple] = []  # type: ignore[type-arg]

    @app.post("/depends")
    async def with_depends(
        request: Request, n: PaymentResult = Depends(NotificationVerifier(shop, expect=PaymentResult))
    ):  # type: ignore[no-untyped-def]
        seen.append((n, await request.body()))
        return ack()

    @notification_route(app, "/route", NotificationVerifier(shop, expect=PaymentResult))
    def with_route(n: PaymentResult) -> None:
        seen.append((n, None))

    return TestClient(app, raise_server_exceptions=False), shop, seen


def test_non_nfc_chinese_plus_and_percent20_ampersands_and_lowercase_escapes_reach_the_route_exactly() -> None:
    import unicodedata

    http, shop, seen = raw_body_app()
    body = tricky_body(shop)
    assert unicodedata.normalize("NFC", TRICKY) != TRICKY
    assert all(e in body for e in ("%2B", "%26", "%3D", "%0A")), body
    for path in ("/depends", "/route"):
        for variant in (body, respelled(body)):
            response = http.post(path, content=variant.encode(), headers=FORM)
            assert (response.status_code, response.text) == (200, "1|OK"), (path, variant)
            n, raw = seen[-1]
            assert n.raw["ItemName"] == TRICKY and n.raw["CustomField2"] == "line\n" and n.trade_amt == 100
            # The Depends route reads the bytes that were sent (the other records none).
            assert raw == (variant.encode() if path == "/depends" else None)
    assert len(seen) == 4


@pytest.mark.parametrize("path", ["/depends", "/route"])
def test_a_repeated_field_is_refused_whichever_copy_the_signature_covers(path: str) -> None:
    http, shop, seen = raw_body_app()
    body = tricky_body(shop)
    for repeated in ("TradeAmt=1&" + body, body + "&TradeAmt=100"):
        response = http.post(path, content=repeated.encode(), headers=FORM)
        assert response.status_code == 400 and response.text.startswith("0|") and "TradeAmt" in response.text, (
            response.text
        )
    assert seen == []


@pytest.mark.parametrize("path", ["/depends", "/route"])
def test_a_newline_after_the_body_is_not_what_was_signed_and_is_refused(path: str) -> None:
    http, shop, seen = raw_body_app()
    trailing = tricky_body(shop) + "\n"
    with pytest.raises(omg_payment.SignatureError):
        shop.verify_notification(trailing.encode())
    response = http.post(path, content=trailing.encode(), headers=FORM)
    assert response.status_code == 400 and response.text.startswith("0|"), response.text
    assert seen == []
