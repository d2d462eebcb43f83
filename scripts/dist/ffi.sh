#!/usr/bin/env bash
# dist/ffi: the C ABI (bindings/ffi, cdylib omg_payment_ffi) for every platform zig links here,
# one folder per .NET runtime identifier, plus the header:
#   linux-x64, linux-arm64 (glibc >= 2.17), linux-musl-x64, linux-musl-arm64: libomg_payment_ffi.so
#   osx-arm64, osx-x64: libomg_payment_ffi.dylib; win-x64 (MinGW, cross-linked): omg_payment_ffi.dll
# The macOS and Windows files cannot run here; the release workflow builds and tests them natively.
set -euo pipefail
DIST_STEP=dist-ffi
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
use_tools
OUT="$DIST/ffi"
rm -rf "$OUT"
mkdir -p "$OUT/include"

declare -A RIDS=(
  [linux-x64]=x86_64-unknown-linux-gnu [linux-arm64]=aarch64-unknown-linux-gnu
  [linux-musl-x64]=x86_64-unknown-linux-musl [linux-musl-arm64]=aarch64-unknown-linux-musl
  [osx-arm64]=aarch64-apple-darwin [osx-x64]=x86_64-apple-darwin [win-x64]=x86_64-pc-windows-gnu
)
for rid in linux-x64 linux-arm64 linux-musl-x64 linux-musl-arm64 osx-arm64 osx-x64 win-x64; do
  target=${RIDS[$rid]}
  started "the C ABI for $rid ($target)"
  built="$(zigbuild omg-payment-ffi "$target" omg_payment_ffi)"
  mkdir -p "$OUT/$rid"
  cp "$built" "$OUT/$rid/"
  file="$OUT/$rid/$(basename "$built")"
  assert_stripped "$file"
  written "$file"
  [[ "$target" == *-linux-gnu ]] && say "  needs glibc symbols up to $(glibc_needed "$file")"
done
cp "$ROOT/bindings/ffi/include/omg_payment.h" "$OUT/include/"
written "$OUT/include/omg_payment.h"
