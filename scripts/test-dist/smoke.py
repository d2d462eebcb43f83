"""The installed omg-payment wheel through its public API, as a merchant uses it (make test-dist).

    python smoke.py VECTORS_JSON OMG_SIM_URL

CheckMacValue of every vector of tests/vectors; a checkout form; a signed notification verified
and a forged one refused; the FastAPI helper (notification_route) mounted in a real FastAPI app
served by uvicorn on loopback, receiving a signed notification, a forged one, and the one omg-sim
sends when an order is paid there. Prints one line per check; exits non-zero on the first failure.
"""

import json
import platform
import socket
import sys
import sysconfig
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import uvicorn
from fastapi import FastAPI

import omg_payment
from omg_payment import Client, PaymentResult, SignatureError
from omg_payment.fastapi import NotificationVerifier, notification_route


def ok(message):
    print(f"  ok: {message}")


def post(url, body, content_type="application/x-www-form-urlencoded"):
    request = urllib.request.Request(url, data=body.encode(), headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def main():
    vectors_path, sim = sys.argv[1], sys.argv[2]
    native = sys.modules["omg_payment._native"].__file__
    print(f"  python {platform.python_version()} {platform.machine()} ({sysconfig.get_platform()}), module {native}")

    with open(vectors_path, encoding="utf-8") as f:
        data = json.load(f)
    for v in data["vectors"]:
        got = omg_payment.check_mac_value(v["params"], v["hash_key"], v["hash_iv"], method=v.get("method", "sha256"))
        assert got == v["expected"], f"vector {v['name']}: {got} != {v['expected']}"
    ok(f"{len(data['vectors'])} CheckMacValue vectors of tests/vectors")

    client = Client(base_url=sim)
    received = []
    app = FastAPI()

    @notification_route(app, "/omg/return", NotificationVerifier(client, expect=PaymentResult))
    def omg_return(n: PaymentResult) -> None:
        received.append(n)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    return_url = f"http://127.0.0.1:{port}/omg/return"

    body = client.sign_test_notification(kind="payment_result", fields={"TradeAmt": "1200"})
    n = client.verify_notification(body)
    assert isinstance(n, PaymentResult) and n.is_paid and n.trade_amt == 1200, n
    forged = body.replace("TradeAmt=1200", "TradeAmt=1")
    try:
        client.verify_notification(forged)
        raise AssertionError("a forged notification was accepted")
    except SignatureError:
        pass
    ok("a signed notification verified (PaymentResult, 1200), a forged one refused (SignatureError)")

    assert post(return_url, body) == (200, "1|OK"), post(return_url, body)
    status, reply = post(return_url, forged)
    assert status == 400 and reply.startswith("0|"), (status, reply)
    ok(f"FastAPI notification_route at {return_url}: signed -> 1|OK, forged -> {status} {reply!r}")

    no = omg_payment.generate_merchant_trade_no("D")
    form = client.checkout(
        merchant_trade_no=no,
        total_amount=1200,
        trade_desc="test-dist",
        item_name=["T-shirt", "Mug"],
        return_url=return_url,
        choose_payment="Credit",
    )
    assert form.action_url.startswith(sim) and len(form.fields["CheckMacValue"]) == 64 and "<form" in form.html()
    ok(f"checkout form for {no}: {len(form.fields)} fields, posted to {form.action_url}")
    status, _ = post(form.action_url, urllib.parse.urlencode(form.fields))
    assert status == 200, f"omg-sim refused the order: {status}"
    status, reply = post(f"{sim}/_sim/pay", json.dumps({"merchant_trade_no": no}), "application/json")
    assert status == 200, (status, reply)
    info = client.query_trade(no)
    assert info.is_paid and info.trade_amt == 1200, info
    ok(f"paid on omg-sim; QueryTradeInfo: {info.trade_status_name}, {info.trade_amt}")
    for _ in range(200):
        if any(r.merchant_trade_no == no for r in received):
            break
        time.sleep(0.05)
    assert any(r.merchant_trade_no == no for r in received), "omg-sim's notification did not reach the FastAPI app"
    ok("omg-sim's notification reached the FastAPI app, verified and typed")
    server.should_exit = True
    print("  python smoke: all checks passed")


if __name__ == "__main__":
    main()
