#!/usr/bin/env bash
# dist/python: abi3 wheels (CPython >= 3.10) for manylinux_2_17 and musllinux_1_2, x86_64 and
# aarch64, cross-built with maturin --zig (no Docker, no manylinux image), and the sdist.
# Prints `auditwheel show` for every wheel and refuses a manylinux wheel tagged above 2_17.
set -euo pipefail
DIST_STEP=dist-python
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
use_tools
OUT="$DIST/python"
rm -rf "$OUT"
mkdir -p "$OUT"
cd "$ROOT/python"
LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT

build_wheel() { # target compatibility
  local target=$1 compatibility=$2 before
  started "the $compatibility wheel for $target"
  before="$(ls "$OUT")"
  maturin build --release --quiet --zig --target "$target" --compatibility "$compatibility" -o "$OUT" >"$LOG" 2>&1 ||
    { cat "$LOG"; die "maturin build failed for $target"; }
  local wheel
  wheel="$(comm -13 <(echo "$before") <(ls "$OUT") | grep '\.whl$')"
  [[ -n "$wheel" ]] || die "maturin wrote no wheel for $target"
  written "$OUT/$wheel"
}

for target in "${LINUX_GNU_TARGETS[@]}"; do build_wheel "$target" manylinux2014; done
for target in "${LINUX_MUSL_TARGETS[@]}"; do build_wheel "$target" musllinux_1_2; done

started "the sdist"
maturin sdist -o "$OUT" >"$LOG" 2>&1 || { cat "$LOG"; die "maturin sdist failed"; }
written "$(ls "$OUT"/omg_payment-*.tar.gz)"

# What each wheel claims, read back: the platform tag, its native module stripped, and for the
# manylinux ones auditwheel's verdict (the glibc symbols it needs allow manylinux_2_17).
for wheel in "$OUT"/*.whl; do
  name="$(basename "$wheel")"
  unpacked="$(mktemp -d)"
  python3 -m zipfile -e "$wheel" "$unpacked"
  module="$(find "$unpacked" -name '_native*.so')"
  assert_stripped "$module"
  say "$name: $(file -b "$module" | cut -d, -f1-2), stripped"
  rm -rf "$unpacked"
  if [[ "$name" == *manylinux* ]]; then
    show="$(auditwheel show "$wheel")"
    sed -e '/^$/d' -e 's/^/  auditwheel: /' <<<"$show"
    grep -q '"manylinux_2_17_' <<<"$show" || die "auditwheel does not allow manylinux_2_17 for $name"
  fi
done
