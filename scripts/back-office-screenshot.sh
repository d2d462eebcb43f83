#!/usr/bin/env bash
# Draws docs/images/back-office.png: omg-sim's back office after a few `omg sim trigger` scenarios
# against a tiny local shop (one route answers 1|OK, one answers the JSON string "1|OK", which does
# not count), with a fault set, in headless Chromium. Not part of `make test`; run it by hand when
# the page changes. Needs chromium (and a CJK font, e.g. fonts-wqy-microhei, for the Chinese labels).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/images/back-office.png}
chromium=${CHROMIUM:-chromium}

cargo build --quiet -p omg-cli
omg="${CARGO_TARGET_DIR:-target}/debug/omg"
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$omg" sim --port 0 --quiet > "$work/sim.url" 2> /dev/null &
pids+=($!)
python3 - > "$work/shop.url" <<'PY' &
import http.server, sys
class Shop(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        reply = b'"1|OK"' if self.path.startswith("/json") else b"1|OK"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(reply)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Shop)
print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
PY
pids+=($!)
for _ in $(seq 100); do [ -s "$work/sim.url" ] && [ -s "$work/shop.url" ] && break; sleep 0.1; done
export OMG_SIM_URL=$(head -1 "$work/sim.url")
shop=$(head -1 "$work/shop.url")

"$omg" sim trigger card-paid --return-url "$shop/omg/return" > /dev/null
"$omg" sim trigger atm-issued-then-paid --return-url "$shop/omg/return" --payment-info-url "$shop/omg/info" > /dev/null
"$omg" sim trigger recurring --return-url "$shop/omg/return" --period-return-url "$shop/omg/period" > /dev/null
no=$("$omg" sim trigger card-paid --amount 1980 --return-url "$shop/json/return" --json \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["merchant_trade_no"])')
"$omg" sim faults add do-action --apply-then-status 307 --count 1 > /dev/null
sleep 3   # let the re-sends of the JSON-string reply happen
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1500 \
  --screenshot="$out" "$OMG_SIM_URL/?order=$no" 2> /dev/null
echo "wrote $out"
