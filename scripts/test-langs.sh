#!/usr/bin/env bash
# Runs `make test-<lang>` for every language given (the Makefile's LANGS), each one even when an
# earlier one failed, then prints one summary line per language. Exits 1 when any failed, so CI
# fails, but never hides a language behind another's failure.
set -uo pipefail
cd "$(dirname "$0")/.."

[ $# -gt 0 ] || { echo "usage: $0 LANG..." >&2; exit 2; }
# shellcheck source=scripts/lib/progress.sh
source scripts/lib/progress.sh

declare -a results=()
failed=0
all_start=$SECONDS
n=0
for lang in "$@"; do
  n=$((n + 1))
  echo "=== test-$lang ($n of $#; make test running for $(elapsed_since "$all_start")) ==="
  start=$SECONDS
  if make --no-print-directory "test-$lang"; then
    status=passed
  else
    status=FAILED
    failed=1
  fi
  results+=("$(printf '%-8s %-7s %4ss' "$lang" "$status" "$((SECONDS - start))")")
  echo "=== test-$lang: $status in $(elapsed_since "$start") ==="
done

echo
echo "=== summary ($(elapsed_since "$all_start") in all) ==="
printf '%s\n' "${results[@]}"
if [ "$failed" -ne 0 ]; then
  echo "make test: FAILED (see the languages marked FAILED above)"
  exit 1
fi
echo "make test: every language passed"
