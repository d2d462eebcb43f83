#!/usr/bin/env bash
# Installs what the test suite needs and the machine lacks (a fresh Debian with the toolchains
# of docs/toolchains: Rust, Python 3, Node 20). Safe to run again: it skips what is present.
set -euo pipefail

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
# scripts/retry-refund-check.sh (run by crates/omg-cli/tests/retry_refund_check.rs) posts with curl.
command -v curl >/dev/null 2>&1 || need_apt+=(curl)

if ((${#need_apt[@]})); then
  echo "install-deps: apt packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "install-deps: cargo (Rust) is required: see docs/toolchains.md" >&2; exit 1; }
echo "install-deps: ok"
