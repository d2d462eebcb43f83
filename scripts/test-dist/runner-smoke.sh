#!/usr/bin/env bash
# The install test of one artefact on a release runner (.github/workflows/release.yml), where
# make test-dist cannot run (macOS, Windows, other PHP builds):
#
#   runner-smoke.sh python WHEEL | node PLATFORM_TGZ | ffi DIR | php EXTENSION(.so|.tgz|.dll) | dotnet NUPKG
#
# Installs the artefact into a fresh venv / npm project / NuGet console app in a temporary folder,
# starts omg-sim (built here: a test helper), and runs the smoke test of that language
# (smoke.py, smoke.js, smoke.php, the .NET console example; bindings/ffi's C test for the C ABI).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/scripts/test-dist"
kind=$1
artefact="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
WORK="$(mktemp -d)"
say() { echo "runner-smoke: $*"; }

cargo build --quiet -p omg-sim --bin omg-sim
SIM_BIN="$ROOT/target/debug/omg-sim"
[[ -x "$SIM_BIN" ]] || SIM_BIN="$SIM_BIN.exe"
"$SIM_BIN" --port 0 --quiet >"$WORK/sim.out" 2>/dev/null &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [[ -s "$WORK/sim.out" ]] && break; sleep 0.1; done
SIM="$(head -1 "$WORK/sim.out" | tr -d '\r')"
VECTORS="$WORK/checkmacvalue.json"
cp "$ROOT/tests/vectors/checkmacvalue.json" "$HERE"/smoke.* "$HERE/notify.php" "$WORK/"
cd "$WORK"
say "$kind: $(basename "$artefact") on $(uname -sm), omg-sim at $SIM"

case "$kind" in
  python)
    python3 -m venv venv
    py=venv/bin/python
    [[ -x "$py" ]] || py=venv/Scripts/python.exe
    "$py" -m pip install -q "$artefact[fastapi]" uvicorn
    "$py" smoke.py "$VECTORS" "$SIM"
    ;;
  node)
    bash "$ROOT/scripts/dist/node-main.sh" "$WORK/main" >/dev/null
    echo '{"name":"shop","version":"1.0.0","private":true}' >package.json
    npm install --no-audit --no-fund "$WORK"/main/omg-payment-*.tgz "$artefact" express
    node smoke.js "$VECTORS" "$SIM"
    ;;
  ffi)
    cc -o abi_test "$ROOT/bindings/ffi/tests/c/abi_test.c" -I"$ROOT/bindings/ffi/include" -L"$artefact" -lomg_payment_ffi \
      -Wl,-rpath,"$artefact"
    ./abi_test 1 | grep -E '^abi: [0-9]+ passed, 0 failed$'
    ;;
  php)
    case "$artefact" in *.tgz) mkdir ext && tar xzf "$artefact" -C ext && so="$WORK/ext/omg_payment.so" ;; *) so="$artefact" ;; esac
    port=8765
    : >received
    OMG_SIM_URL="$SIM" OMG_RECEIVED="$WORK/received" php -n -d "extension=$so" -S "127.0.0.1:$port" notify.php >server.log 2>&1 &
    php_pid=$!
    sleep 1
    status=0
    php -n -d "extension=$so" smoke.php "$VECTORS" "$SIM" "http://127.0.0.1:$port/" "$WORK/received" || status=$?
    kill "$php_pid" 2>/dev/null || true
    exit "$status"
    ;;
  dotnet)
    mkdir feed && cp "$artefact" feed/
    dotnet new console -o app --force >/dev/null
    cp "$ROOT/dotnet/examples/Console/Program.cs" app/Program.cs
    (cd app && dotnet add package Omg.Payment --source "$WORK/feed" && dotnet run -- "$SIM")
    ;;
  *)
    say "unknown kind $kind" >&2
    exit 2
    ;;
esac
