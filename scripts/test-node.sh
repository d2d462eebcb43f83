#!/usr/bin/env bash
# The Node.js suite of omg-payment, for CI (`make test` calls it) and for people.
#
#   scripts/test-node.sh
#
# On a fresh Debian machine with Rust and Node.js 20+ (docs/toolchains.md) it installs what is
# missing (the C++ toolchain better-sqlite3 builds with, the npm packages of node/ from the npm
# registry via `npm ci`), builds the native module (release) and the omg-sim binary, runs
# `node --test` over node/test/ and `tsc --noEmit`. Prints node's test summary and a
# "N passed, N failed" line; exits non-zero when anything fails.
#
# Environment: CARGO_TARGET_DIR (cargo's usual meaning), NODE_TEST_TIMEOUT_MS (per test,
# default 120000).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/node"
say() { echo "test-node: $*"; }
# shellcheck source=scripts/lib/progress.sh
source "$ROOT/scripts/lib/progress.sh"

# --- tools -----------------------------------------------------------------------------------
command -v cargo >/dev/null || { say "cargo (Rust) is required: see docs/toolchains.md" >&2; exit 2; }
command -v node >/dev/null && command -v npm >/dev/null || { say "Node.js 20+ and npm are required: see docs/toolchains.md" >&2; exit 2; }
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if ((node_major < 20)); then
  say "Node.js $(node --version) is too old: omg-payment needs Node.js 20 or later" >&2
  exit 2
fi

# better-sqlite3 (the example shop's database) compiles its native part with node-gyp.
need_apt=()
command -v g++ >/dev/null || need_apt+=(g++)
command -v make >/dev/null || need_apt+=(make)
command -v python3 >/dev/null || need_apt+=(python3)
if ((${#need_apt[@]})); then
  say "apt packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# --- npm packages ----------------------------------------------------------------------------
# `npm ci` installs exactly package-lock.json; skipped when node_modules already matches it.
if ! npm ls --depth=0 >/dev/null 2>&1 || ! node -e "require('better-sqlite3')" >/dev/null 2>&1; then
  say "npm ci (node/)"
  heartbeat "npm ci" npm ci --no-audit --no-fund
  # npm 11 runs install scripts only for packages in package.json's allowScripts
  # (better-sqlite3 is); make sure its native part is there whatever npm did.
  node -e "require('better-sqlite3')" >/dev/null 2>&1 || npm rebuild better-sqlite3
fi

# --- builds ----------------------------------------------------------------------------------
say "building the native module (release)"
heartbeat "building the native module" npm run --silent build
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
# The debug build is the one `cargo test --workspace` already made: no second compile in CI.
say "building omg-sim"
(cd "$ROOT" && heartbeat "building omg-sim" cargo build --quiet -p omg-sim --bin omg-sim)
export OMG_SIM_BIN="$TARGET_DIR/debug/omg-sim"
[[ -x "$OMG_SIM_BIN" ]] || { say "omg-sim was not built at $OMG_SIM_BIN" >&2; exit 2; }

# --- tests -----------------------------------------------------------------------------------
status=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
say "node --test"
# TAP output (node's default when not on a terminal), kept for the summary below.
node --test --test-reporter=tap --test-timeout="${NODE_TEST_TIMEOUT_MS:-120000}" test/ 2>&1 | tee "$log" || status=1

passed="$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)"
failed="$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)"
cancelled="$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$log" | tail -1)"
failed=$((${failed:-0} + ${cancelled:-0}))
[[ -n "$passed" ]] || { say "no test summary: the runner did not finish" >&2; status=1; passed=0; }
((failed == 0)) || status=1

say "tsc --noEmit"
if npx --no-install tsc --noEmit -p tsconfig.json; then
  say "typecheck ok"
  passed=$((passed + 1))
else
  say "typecheck FAILED" >&2
  failed=$((failed + 1))
  status=1
fi

echo "node: ${passed} passed, ${failed} failed"
exit "$status"
