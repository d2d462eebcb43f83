#!/usr/bin/env bash
# `make dist`: every artefact a merchant installs, into dist/ (docs/release.md):
#   dist/python  abi3 wheels manylinux_2_17 + musllinux_1_2, x86_64 + aarch64, and the sdist
#   dist/node    omg-payment-<v>.tgz (no .node) + omg-payment-linux-{x64,arm64}-{gnu,musl}-<v>.tgz
#   dist/ffi     the C ABI per .NET RID (linux-x64/arm64, linux-musl-x64/arm64, osx-x64/arm64, win-x64)
#   dist/nuget   Omg.Payment.<v>.nupkg with every RID of dist/ffi
#   dist/php     PIE's php_omg_payment-<v>_php8.2-x86_64-linux-glibc.tgz and the -src.tgz bundle
#   dist/tools   omg-sim, for make test-dist
# Installs its tools first (scripts/dist/tools.sh). Every native file is stripped and checked.
# DIST_STEPS="ffi nuget" runs some steps only.
set -euo pipefail
cd "$(dirname "$0")/.."
STEPS=(${DIST_STEPS:-tools ffi node python nuget php sim})
start=$SECONDS
for step in "${STEPS[@]}"; do
  step_start=$SECONDS
  echo "=== dist: $step ==="
  bash "scripts/dist/$step.sh"
  echo "=== dist: $step done in $((SECONDS - step_start))s ==="
done
echo
echo "=== dist: artefacts ==="
find dist -type f ! -path 'dist/tools/*' -printf '%s %p\n' | sort -k2 | awk '{printf "%10.1f KB  %s\n", $1/1024, $2}'
echo "make dist: done in $((SECONDS - start))s"
