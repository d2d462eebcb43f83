#!/usr/bin/env bash
# `make test-dist`: every artefact of dist/ (`make dist`) installed the way a merchant installs
# it, in a clean environment, and used through its public API.
#
# Clean means: the artefacts and the few test files (tests/vectors, the smoke scripts, the .NET
# console example) are copied into a temporary folder and everything runs from there, with a
# fresh HOME and a PATH that has no cargo or rustc (checked first), so no Rust toolchain and no
# Rust source is reachable. omg-sim (dist/tools) plays the gateway on loopback.
#
# The aarch64 artefacts run under qemu-user (Debian's qemu-user-static) with Debian's own arm64
# python3.11 and nodejs unpacked (dpkg -x) into a sysroot. Each check prints what it installed and
# for which platform tag / RID; the last line is "test-dist: N passed, N failed".
#
# Environment: OMG_DIST_DIR (default dist/), TEST_DIST_ONLY="python node" (some sections only).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${OMG_DIST_DIR:-$ROOT/dist}"
HERE="$ROOT/scripts/test-dist"
SECTIONS=(${TEST_DIST_ONLY:-artefacts python node ffi nuget php})
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -1)"

say() { echo "test-dist: $*"; }
passed=0
failed=0
pass() { passed=$((passed + 1)); say "PASS: $*"; }
fail() { failed=$((failed + 1)); say "FAIL: $*"; }
# check "what" command...: runs it, counts it, shows its output indented.
check() {
  local what=$1
  shift
  local out
  if out="$("$@" 2>&1)"; then
    [[ -n "$out" ]] && sed 's/^/    /' <<<"$out"
    pass "$what"
  else
    [[ -n "$out" ]] && sed 's/^/    /' <<<"$out"
    fail "$what"
  fi
}

[[ -d "$DIST/python" && -d "$DIST/node" && -d "$DIST/ffi" && -d "$DIST/nuget" && -d "$DIST/php" && -x "$DIST/tools/omg-sim" ]] ||
  { say "dist/ is incomplete: run make dist first" >&2; exit 2; }

# --- the machine: test tools (none of them Rust) -------------------------------------------------
bash "$ROOT/scripts/test-dist/tools.sh" || { say "could not install the test tools" >&2; exit 2; }
SYSROOT="$ROOT/target/test-dist/arm64-sysroot"
ZIG="$ROOT/.venv-dist/bin/python-zig"
AUDITWHEEL="$ROOT/.venv-dist/bin/auditwheel"
ACTIONLINT="$ROOT/.venv-dist/bin/actionlint"
PYTHON="$(python3 -c 'import sys; print(sys.executable)')"   # the real interpreter, not a pyenv shim

# --- the clean environment -----------------------------------------------------------------------
WORK="$(mktemp -d /tmp/omg-test-dist.XXXXXX)"
sims=()
cleanup() {
  for pid in "${sims[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/home" "$WORK/assets"
cp -r "$DIST" "$WORK/artefacts"
cp "$ROOT/tests/vectors/checkmacvalue.json" "$HERE"/smoke.* "$HERE/notify.php" "$WORK/assets/"
cp "$ROOT/dotnet/examples/Console/Program.cs" "$WORK/assets/"
A="$WORK/artefacts"
VECTORS="$WORK/assets/checkmacvalue.json"
clean_path=""
IFS=: read -ra parts <<<"$PATH"
for p in "${parts[@]}"; do
  [[ "$p" == *cargo* || "$p" == *rustup* || -x "$p/cargo" || -x "$p/rustc" ]] && continue
  clean_path="${clean_path:+$clean_path:}$p"
done
# Runs a command in the clean environment: fresh HOME, no Rust on PATH, from the work folder.
clean() {
  (cd "$WORK" && env -i HOME="$WORK/home" PATH="$clean_path" LANG=C.UTF-8 TMPDIR="$WORK" NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false "$@")
}
if clean sh -c 'command -v cargo || command -v rustc'; then
  say "cargo or rustc is still reachable in the clean environment: refusing to test" >&2
  exit 2
fi
say "clean environment: $WORK, HOME=$WORK/home, no cargo or rustc on PATH"

"$A/tools/omg-sim" --port 0 --quiet >"$WORK/sim.out" 2>/dev/null &
sims+=($!)
for _ in $(seq 100); do [[ -s "$WORK/sim.out" ]] && break; sleep 0.1; done
SIM="$(head -1 "$WORK/sim.out")"
[[ "$SIM" == http://127.0.0.1:* ]] || { say "omg-sim did not start" >&2; exit 2; }
say "omg-sim (the offline gateway) at $SIM"

start=$SECONDS
for section in "${SECTIONS[@]}"; do
  echo "=== test-dist: $section ==="
  source "$HERE/$section.sh"
done

echo "=== test-dist: done in $((SECONDS - start))s ==="
echo "test-dist: ${passed} passed, ${failed} failed"
((failed == 0))
