#!/usr/bin/env bash
# `make demo`: build the omg command (release), then run `omg demo`. Says what it does before each
# step: the first build of a fresh clone takes minutes, during which cargo (kept quiet here) would
# otherwise print nothing; a line every 10 s tells how many crates are compiled so far (10, not
# 15: on a loaded machine a tick came 35 s late once, and the promise is no silence over 30 s).
set -euo pipefail
cd "$(dirname "$0")/.."
CARGO=${CARGO:-cargo}

echo "make demo: building the omg command (release; first run: a few minutes, then seconds)…"
start=$SECONDS
log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$CARGO" build --release -p omg-cli --color never >"$log" 2>&1 &
build=$!
said=$SECONDS
while kill -0 "$build" 2>/dev/null; do
  sleep 1
  if ((SECONDS - said >= 10)); then
    crates=$(grep -c '^ *Compiling ' "$log" || true)
    echo "  … still building: ${crates} crates compiled so far ($((SECONDS - start)) s)"
    said=$SECONDS
  fi
done
if ! wait "$build"; then
  cat "$log"
  echo "make demo: the build failed (above)" >&2
  exit 1
fi
echo "make demo: built in $((SECONDS - start)) s; running omg demo"
exec "$CARGO" run --release --quiet -p omg-cli -- demo
