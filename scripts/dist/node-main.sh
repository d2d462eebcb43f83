#!/usr/bin/env bash
# The npm main package omg-payment (JavaScript and typings only) with optionalDependencies on every
# platform package of node/npm/, packed by `npm pack` into OUT (default dist/node). No Rust needed:
# the release runners use it too.
set -euo pipefail
DIST_STEP=dist-node
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
OUT="${1:-$DIST/node}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

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
