#!/usr/bin/env bash
# Proves that `make lint` catches what it is for: for each language, a copy of the tree with one
# file deliberately misformatted (or, for C#, given a warning), the same check scripts/lint.sh
# runs, which must fail and name that file. Run by `make test` after `make lint`.
# Prints "lint-selftest: N passed, N failed"; exits non-zero when a check let its file through.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
say() { echo "lint-selftest: $*"; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The tracked and new (not ignored) files as they are now, without build products.
copy_tree() {
  local into="$1"
  mkdir -p "$into"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [[ -e "$f" ]] && printf '%s\0' "$f"
  done | xargs -0 cp --parents -t "$into"
}

passed=0
failed=0
# expect_caught CHECK FILE TEXT: appends TEXT to FILE in a fresh copy; `lint.sh CHECK` must fail
# and mention FILE.
expect_caught() {
  local check="$1" file="$2" text="$3" tree="$WORK/$1" log="$WORK/$1.log"
  copy_tree "$tree"
  printf '%s\n' "$text" >>"$tree/$file"
  if LINT_ROOT="$tree" bash "$REPO/scripts/lint.sh" "$check" >"$log" 2>&1; then
    say "FAILED: $check passed with a misformatted $file"
    failed=$((failed + 1))
  elif ! grep -qF "$(basename "$file")" "$log"; then
    say "FAILED: $check failed, but not on $file:"
    tail -20 "$log"
    failed=$((failed + 1))
  else
    say "ok: $check refuses a misformatted $file"
    passed=$((passed + 1))
  fi
  rm -rf "$tree"
}

expect_caught rustfmt crates/omg-core/src/rules.rs 'pub fn  misformatted( )->u8{1}'
expect_caught ruff tests/scenarios/sign.py 'MISFORMATTED = {  "a":1 }'
expect_caught biome node/lib/args.js 'module.exports.misformatted = {a:1}'
expect_caught php php/tests/bootstrap.php 'function misformatted( ) { return 1; }'
expect_caught csharp dotnet/Omg.Payment/Misformatted.cs \
  'namespace Omg.Payment { internal static class Misformatted { internal static int Value() { int unused = 1; return 2; } } }'

echo "lint-selftest: ${passed} passed, ${failed} failed"
((failed == 0))
