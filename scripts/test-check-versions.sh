#!/usr/bin/env bash
# `make check-versions`: the version check on the repository, then proof that it can fail: on a
# copy of the manifests in a temporary folder it must pass, and fail (naming the file) when any one
# manifest's version differs, or a repository URL is example.invalid. Prints "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHECK="$ROOT/scripts/check-versions.py"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "check-versions: ok: $*"; }
bad() { failed=$((failed + 1)); echo "check-versions: FAILED: $*"; }

if python3 "$CHECK" "$ROOT"; then ok "the repository's manifests agree"; else bad "the repository's manifests differ (above)"; fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
MANIFESTS=(Cargo.toml python/pyproject.toml node/package.json dotnet/Omg.Payment/Omg.Payment.nuspec
  dotnet/Omg.Payment/Omg.Payment.csproj composer.json)
for f in node/npm/*/package.json; do MANIFESTS+=("$f"); done
copy_manifests() {
  local f
  rm -rf "$WORK/repo"
  for f in "${MANIFESTS[@]}"; do mkdir -p "$WORK/repo/$(dirname "$f")" && cp "$ROOT/$f" "$WORK/repo/$f"; done
}
version="$(python3 -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["workspace"]["package"]["version"])' "$ROOT/Cargo.toml")"

copy_manifests
if python3 "$CHECK" "$WORK/repo" >/dev/null; then ok "a copy of the manifests passes"; else bad "a copy of the manifests fails"; fi

# One manifest at a time gets another version: the check must fail and name that manifest.
for f in "${MANIFESTS[@]}"; do
  [[ "$f" == Cargo.toml ]] && continue
  copy_manifests
  python3 - "$WORK/repo/$f" "$version" <<'PY'
import re, sys
path, version = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
# The first occurrence of the version as a manifest value: "0.1.0", <version>0.1.0<, <Version>0.1.0<
changed, n = re.subn(r'([">])' + re.escape(version) + r'(["<])', r"\g<1>9.9.9\g<2>", text, count=1)
assert n == 1, f"no version {version} in {path}"
open(path, "w", encoding="utf-8").write(changed)
PY
  out="$(python3 "$CHECK" "$WORK/repo" 2>&1)"
  if [[ $? -ne 0 ]] && grep -q "^  $f: version '9.9.9'" <<<"$out"; then
    ok "fails when $f says 9.9.9"
  else
    bad "passes (or does not name $f) when $f says 9.9.9"; echo "$out"
  fi
done

# A placeholder repository URL fails too.
copy_manifests
sed -i 's|https://github.com/omg-payment/omg-payment|https://example.invalid/omg-payment|' "$WORK/repo/composer.json"
out="$(python3 "$CHECK" "$WORK/repo" 2>&1)"
if [[ $? -ne 0 ]] && grep -q "composer.json: .*not a real https URL" <<<"$out"; then ok "fails on example.invalid"; else bad "accepts example.invalid"; echo "$out"; fi

echo "check-versions: ${passed} passed, ${failed} failed"
((failed == 0))
