#!/usr/bin/env bash
# dist/node: one npm package per Linux platform (omg-payment-linux-{x64,arm64}-{gnu,musl}, each
# holding its .node, with os/cpu/libc), cross-built with cargo zigbuild (glibc builds at 2.17), and
# the main package omg-payment: JavaScript and typings only, with optionalDependencies on every
# platform package of node/npm/ (the darwin and win32 ones are filled by the release workflow).
# Both are packed by `npm pack`, whose prepack (node/npm/check-pack.js) refuses a platform package
# without its binary and a main package with one.
set -euo pipefail
DIST_STEP=dist-node
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
use_tools
OUT="$DIST/node"
rm -rf "$OUT"
mkdir -p "$OUT"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

declare -A SUFFIXES=(
  [x86_64-unknown-linux-gnu]=linux-x64-gnu [aarch64-unknown-linux-gnu]=linux-arm64-gnu
  [x86_64-unknown-linux-musl]=linux-x64-musl [aarch64-unknown-linux-musl]=linux-arm64-musl
)
# The platform packages are packed from a copy of node/npm/ (so the source tree gets no .node).
cp -r "$ROOT/node/npm" "$STAGE/npm"
for target in "${LINUX_GNU_TARGETS[@]}" "${LINUX_MUSL_TARGETS[@]}"; do
  suffix=${SUFFIXES[$target]}
  started "the native module for $suffix ($target)"
  built="$(zigbuild omg-payment-node "$target" omg_payment_node)"
  node_file="$STAGE/npm/$suffix/omg-payment.$suffix.node"
  cp "$built" "$node_file"
  assert_stripped "$node_file"
  [[ "$target" == *-linux-gnu ]] && say "  needs glibc symbols up to $(glibc_needed "$node_file")"
  tarball="$(cd "$STAGE/npm/$suffix" && npm pack --silent --pack-destination "$OUT")"
  written "$OUT/$tarball"
done

bash "$ROOT/scripts/dist/node-main.sh" "$OUT"
