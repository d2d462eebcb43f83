#!/usr/bin/env bash
# The retry loop a merchant script writes around `omg refund`, against a gateway that carries the
# refund out and then answers a redirect or a 4xx (issue 21 item 2). The loop retries only while
# the exit code says "certainly not sent" (5, docs/cli.md); afterwards QueryTrade/V2's close data
# (`omg credit-detail`) must hold exactly one refund. Before the fix the client called a 3xx/4xx
# "not sent" (exit 5), the loop sent the refund again and the payer was refunded twice.
#
#   scripts/retry-refund-check.sh              # statuses 307 400 429
#   STATUSES="302 404" scripts/retry-refund-check.sh
#   OMG=target/release/omg scripts/retry-refund-check.sh
#
# 127.0.0.1 only: the simulator is started here on a free loopback port and stopped on exit. Every
# command is bounded by `timeout`, the loop by MAX_TRIES; the whole run ends by itself. Needs curl
# (to post the payer's checkout form and install the fault). Exit 0 when every status refunded
# exactly once, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

OMG=${OMG:-target/debug/omg}
STATUSES=${STATUSES:-307 400 429}
MAX_TRIES=${MAX_TRIES:-5}
# The simulator's CreditCheckCode for the stage merchant (omg_sim::STAGE_CREDIT_CHECK_CODE).
CREDIT_CHECK_CODE=59997889
AUTHORISED=1000
REFUND=400

command -v curl >/dev/null || { echo "retry-refund-check: curl is required" >&2; exit 1; }
if [ ! -x "$OMG" ]; then
  cargo build -q -p omg-cli
  OMG=target/debug/omg
fi
# The stage merchant's public keys, the simulator's base URL: no OMG_* from the caller's shell.
unset OMG_MERCHANT_ID OMG_HASH_KEY OMG_HASH_IV OMG_CREDIT_CHECK_CODE OMG_ENV OMG_BASE_URL OMG_PLATFORM_ID OMG_MAX_RETRIES

work=$(mktemp -d)
sim_pid=
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "retry-refund-check: failed at line $LINENO: $BASH_COMMAND" >&2' ERR

omg() { timeout 30 "$OMG" "$@"; }
# The first string value of "$1" in the JSON on stdin (the control API's reply).
json_string() { grep -oE "\"$1\": *\"[^\"]*\"" | head -n 1 | cut -d'"' -f4; }

# The simulator, stopped by the trap (and by `timeout` should the trap never run); without the
# daily auto-close, as the loop captures and refunds at whatever time it runs (the gateway refuses
# DoAction 20:15-20:30 Taiwan time).
timeout 300 "$OMG" sim --port 0 --quiet --no-daily-auto-close >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 100); do
  [ -s "$work/sim.out" ] && break
  sleep 0.1
done
url=$(head -n 1 "$work/sim.out")
case "$url" in
  http://127.0.0.1:*) ;;
  *) echo "retry-refund-check: the simulator did not start on 127.0.0.1: '$url'" >&2; cat "$work/sim.err" >&2; exit 1 ;;
esac

failed=0
for status in $STATUSES; do
  no="RR${status}$(date +%s%N | tail -c 12)"

  # A card order, placed as the payer's browser posts it, paid, captured and settled.
  form=()
  while read -r key value; do
    form+=(--data-urlencode "$key=$value")
  done < <(omg checkout --base-url "$url" --trade-no "$no" --amount "$AUTHORISED" --item Mug --desc retry-check \
    --return-url http://127.0.0.1:9/return | tail -n +2)
  timeout 30 curl -sf -o /dev/null "${form[@]}" "$url/Cashier/AioCheckOut/V5"
  paid=$(omg sim trigger pay "$no" --sim "$url" --json)
  trade_no=$(json_string trade_no <<<"$paid")
  gwsr=$(json_string gwsr <<<"$paid")
  omg capture "$no" --trade-no "$trade_no" --amount "$AUTHORISED" --base-url "$url" >/dev/null
  omg sim advance --days 1 --sim "$url" >/dev/null

  # The gateway (or a proxy in front of it) carries the next refund out, then answers $status.
  timeout 30 curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"path\":\"/CreditDetail/DoAction\",\"apply_then_status\":$status,\"count\":1}" "$url/_sim/faults"

  # The merchant's loop: send again only while the exit code says the refund certainly did not leave.
  tries=0
  while :; do
    tries=$((tries + 1))
    code=0
    omg refund "$no" --trade-no "$trade_no" --amount "$REFUND" --base-url "$url" >/dev/null 2>"$work/refund.err" || code=$?
    if [ "$code" -eq 5 ] && [ "$tries" -lt "$MAX_TRIES" ]; then
      sleep 0.2
      continue
    fi
    break
  done

  # What the gateway did: one close-data line per capture or refund.
  refunds=$(omg credit-detail --gwsr "$gwsr" --amount "$AUTHORISED" --credit-check-code "$CREDIT_CHECK_CODE" \
    --base-url "$url" | grep -cE '^  #[0-9]+ .*\((refund pending|refunded)\)' || true)
  verdict=ok
  if [ "$refunds" -ne 1 ]; then
    verdict=FAILED
    failed=1
  fi
  echo "retry-refund-check: HTTP $status after the refund: $tries attempt(s), last exit $code, refunds in close data: $refunds ($verdict)"
  [ "$verdict" = ok ] || sed 's/^/  omg: /' "$work/refund.err"
done

exit "$failed"
