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

# The main package: the files package.json lists, with optionalDependencies added.
started "the main package omg-payment"
main="$STAGE/main"
mkdir -p "$main/npm"
(cd "$ROOT/node" && node -e '
  const fs = require("fs");
  const m = require("./package.json");
  for (const f of [...m.files, "package.json"]) fs.cpSync(f, `${process.argv[1]}/${f}`, { recursive: true });
' "$main")
cp "$ROOT/node/npm/check-pack.js" "$main/npm/"
for manifest in "$ROOT"/node/npm/*/package.json; do
  mkdir -p "$main/npm/$(basename "$(dirname "$manifest")")"
  cp "$manifest" "$main/npm/$(basename "$(dirname "$manifest")")/"
done
(cd "$main" && node -e '
  const fs = require("fs");
  const m = JSON.parse(fs.readFileSync("package.json", "utf8"));
  m.optionalDependencies = {};
  for (const dir of fs.readdirSync("npm").sort()) {
    if (!fs.existsSync(`npm/${dir}/package.json`)) continue;
    const platform = JSON.parse(fs.readFileSync(`npm/${dir}/package.json`, "utf8"));
    m.optionalDependencies[platform.name] = m.version;
  }
  fs.writeFileSync("package.json", JSON.stringify(m, null, 2) + "\n");
')
tarball="$(cd "$main" && npm pack --silent --pack-destination "$OUT")"
if tar tzf "$OUT/$tarball" | grep -q '\.node$'; then die "$tarball contains a .node"; fi
written "$OUT/$tarball"
say "  optionalDependencies: $(tar xzf "$OUT/$tarball" -O package/package.json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(Object.keys(JSON.parse(s).optionalDependencies).join(" ")))')"
