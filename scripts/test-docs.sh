#!/usr/bin/env bash
# The docs check (`make test-docs`, the last step of `make test`): every code block of docs/*.md and
# README.md marked runnable (```sh run, ```python run, file=..., ```text expect: scripts/docs_check.py)
# is run against omg-sim with the packages the language suites built before it: the wheel in
# .venv-py (test-python), node/'s native module (test-node), the PHP extension (test-php), and
# Omg.Payment.dll compiled here (mcs) over the C ABI (test-dotnet builds it too). First the check
# proves it can fail: a deliberately broken snippet must be reported (docs_check.py --self-test).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { echo "test-docs: $*"; }
# shellcheck source=scripts/lib/progress.sh
source "$ROOT/scripts/lib/progress.sh"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

say "the check itself: a good document passes, a broken snippet fails"
python3 scripts/docs_check.py --self-test

say "building the omg command"
heartbeat "building omg" cargo build --quiet -p omg-cli
export OMG_BIN="$TARGET_DIR/debug/omg"

missing=()
if [[ -x "$ROOT/.venv-py/bin/python" ]] && "$ROOT/.venv-py/bin/python" -c "import omg_payment" 2>/dev/null; then
  export OMG_DOCS_PYTHON="$ROOT/.venv-py/bin/python"
else
  missing+=("python (run make test-python first: it builds the wheel into .venv-py)")
fi
if compgen -G "$ROOT/node/native/*.node" >/dev/null && [[ -d "$ROOT/node/node_modules" ]]; then
  NODE_LINKS="$(mktemp -d)"
  ln -s "$ROOT/node" "$NODE_LINKS/omg-payment"
  # The example apps' own packages (express) resolve from node/node_modules.
  export OMG_DOCS_NODE_PATH="$NODE_LINKS:$ROOT/node/node_modules"
else
  missing+=("js (run make test-node first: it builds node/'s native module)")
fi
if [[ -f "$TARGET_DIR/release/libomg_payment.so" ]] && command -v php >/dev/null; then
  export OMG_PHP_EXTENSION="$TARGET_DIR/release/libomg_payment.so"
else
  missing+=("php (run make test-php first: it builds the extension)")
fi
DOTNET_DIR="$(mktemp -d)"
trap 'rm -rf "$DOTNET_DIR" "${NODE_LINKS:-}"' EXIT
if command -v mcs >/dev/null && [[ -f "$TARGET_DIR/release/libomg_payment_ffi.so" ]]; then
  cp "$TARGET_DIR/release/libomg_payment_ffi.so" "$DOTNET_DIR/"
  mcs -nologo -target:library -unsafe -out:"$DOTNET_DIR/Omg.Payment.dll" $(find dotnet/Omg.Payment -name '*.cs' | sort)
  export OMG_DOCS_DOTNET="$DOTNET_DIR"
else
  missing+=("csharp (run make test-dotnet first: it builds the C ABI and installs mcs)")
fi
if ((${#missing[@]})); then
  for m in "${missing[@]}"; do say "missing: $m" >&2; done
  exit 1
fi

say "running the runnable blocks of docs/*.md and README.md"
heartbeat "docs check" python3 scripts/docs_check.py docs/*.md README.md
