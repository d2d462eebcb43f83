#!/usr/bin/env bash
# The Python suite, from a fresh Debian machine: a venv under .venv-py/, the wheel built by maturin
# (release) and installed into it, the omg-sim binary, then every test in python/tests (pytest).
# Exits non-zero when anything fails; pytest's summary line is the last thing it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV=$ROOT/.venv-py
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export CARGO_TARGET_DIR=$TARGET

say() { echo "test-python: $*"; }
# shellcheck source=scripts/lib/progress.sh
source "$ROOT/scripts/lib/progress.sh"

command -v python3 >/dev/null || { echo "test-python: python3 is required (docs/toolchains.md)" >&2; exit 1; }
command -v cargo >/dev/null || { echo "test-python: cargo (Rust) is required (docs/toolchains.md)" >&2; exit 1; }

if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    say "python3 -m venv failed: installing python3-venv"
    rm -rf "$VENV"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$VENV"
  fi
fi
PY=$VENV/bin/python

say "installing the test tools into the venv (pinned: python/requirements-test.txt)"
"$PY" -m pip install -q --disable-pip-version-check "pip==26.3"
heartbeat "pip install" "$PY" -m pip install -q --disable-pip-version-check -r "$ROOT/python/requirements-test.txt"

say "building the wheel (maturin, release)"
WHEELS=$TARGET/python-wheels
rm -rf "$WHEELS"
(cd python && heartbeat "building the wheel" "$VENV/bin/maturin" build --release --quiet -o "$WHEELS")
"$PY" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$WHEELS"/omg_payment-*.whl

say "building omg-sim"
heartbeat "building omg-sim" cargo build --quiet -p omg-sim
export OMG_SIM_BIN=$TARGET/debug/omg-sim
export OMG_REQUIRE_SIM=1

say "running pytest"
# From the tests folder, so that `import omg_payment` is the installed wheel, not the sources.
cd python/tests
exec "$PY" -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning "$@"
