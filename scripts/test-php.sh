#!/usr/bin/env bash
# The PHP suite of omg-payment, for CI and for people.
#
#   scripts/test-php.sh
#
# On a fresh Debian machine with Rust (docs/toolchains.md) it installs what PHP needs when it is
# missing (apt: php8.2-cli php8.2-dev php8.2-sqlite3 php8.2-fpm procps libclang1-14 libclang-common-14-dev
# phpunit; php-fpm and pgrep for the tests that run the extension under php-fpm),
# builds the extension (release) and the omg-sim binary (debug, the one `cargo test` made), and
# runs PHPUnit over php/tests with the extension loaded (`php -d extension=...`; phpunit's own -d
# does not load extensions). Exits non-zero when anything fails; PHPUnit's summary line is last.
#
# Environment: CARGO_TARGET_DIR (cargo's usual meaning).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { echo "test-php: $*"; }
# shellcheck source=scripts/lib/progress.sh
source "$ROOT/scripts/lib/progress.sh"

command -v cargo >/dev/null || { say "cargo (Rust) is required: see docs/toolchains.md" >&2; exit 2; }

# --- apt packages ----------------------------------------------------------------------------
need_apt=()
for package in php8.2-cli php8.2-dev php8.2-sqlite3 php8.2-fpm procps libclang1-14 libclang-common-14-dev phpunit; do
  dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
done
if ((${#need_apt[@]})); then
  say "apt packages: ${need_apt[*]}"
  SUDO=""
  ((EUID == 0)) || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# --- builds ----------------------------------------------------------------------------------
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
say "building the extension (release)"
heartbeat "building the extension" cargo build --quiet --release -p omg-payment-php
EXTENSION="$TARGET_DIR/release/libomg_payment.so"
[[ -f "$EXTENSION" ]] || { say "the extension was not built at $EXTENSION" >&2; exit 2; }
# The debug build is the one `cargo test` already made: no second compile in CI.
say "building omg-sim"
heartbeat "building omg-sim" cargo build --quiet -p omg-sim --bin omg-sim
export OMG_SIM_BIN="$TARGET_DIR/debug/omg-sim"
export OMG_PHP_EXTENSION="$EXTENSION"
[[ -x "$OMG_SIM_BIN" ]] || { say "omg-sim was not built at $OMG_SIM_BIN" >&2; exit 2; }

# --- tests -----------------------------------------------------------------------------------
say "phpunit php/tests"
status=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
php -d "extension=$EXTENSION" /usr/bin/phpunit --colors=never -c php/phpunit.xml 2>&1 | tee "$log" || status=1
# PHPUnit's summary ("OK (N tests, M assertions)" or "Tests: N, Assertions: M, Failures: F.") is
# the last line of its output, and so of this script's; without one, PHPUnit did not finish.
if ! tail -1 "$log" | grep -qE '^(OK \(|Tests: )'; then
  echo "test-php: PHPUnit did not finish (no summary line)"
  status=1
fi
exit "$status"
