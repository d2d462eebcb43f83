#!/usr/bin/env bash
# The .NET suite of omg-payment, for CI and for people.
#
#   scripts/test-dotnet.sh
#
# On a fresh Debian machine with Rust (docs/toolchains.md) it installs what is missing (apt:
# mono-mcs mono-runtime nunit-console libnunit-cil-dev nuget valgrind gcc, and
# libmono-system-web-extensions4.0-cil for JavaScriptSerializer in the secrets test), builds the C ABI
# (bindings/ffi, release) and omg-sim (debug), checks the generated header and C# classes, then:
#   1. the C ABI from C (NULLs, invalid UTF-8, huge lengths, freed handles) and under valgrind;
#   2. compiles with mcs, warnings as errors (level 4; for the library missing XML docs too),
#      Omg.Payment, the NUnit suite, the example shop and console program and the benchmark, and
#      runs NUnit under Mono (unit, omg-sim over loopback, the shop end to end);
#   3. `nuget pack`, `nuget install` from a local source into a scratch folder, and the console
#      example compiled against the installed package, run against omg-sim;
#   4. a short benchmark, Omg.Payment against managed C# (figures only).
# Prints "dotnet: N passed, N failed" and exits non-zero when anything fails.
#
# Environment: CARGO_TARGET_DIR (cargo's usual meaning), OMG_DOTNET_BENCH_ITERATIONS (default 3000).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { echo "test-dotnet: $*"; }
# shellcheck source=scripts/lib/progress.sh
source "$ROOT/scripts/lib/progress.sh"

# --- tools -----------------------------------------------------------------------------------
command -v cargo >/dev/null || { say "cargo (Rust) is required: see docs/toolchains.md" >&2; exit 2; }
need_apt=()
command -v mcs >/dev/null || need_apt+=(mono-mcs)
command -v mono >/dev/null || need_apt+=(mono-runtime)
command -v nunit-console >/dev/null || need_apt+=(nunit-console)
[[ -f /usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll ]] || need_apt+=(libnunit-cil-dev)
command -v nuget >/dev/null || need_apt+=(nuget)
[[ -f /usr/lib/mono/4.5/System.Web.Extensions.dll ]] || need_apt+=(libmono-system-web-extensions4.0-cil)
command -v valgrind >/dev/null || need_apt+=(valgrind)
command -v cc >/dev/null || need_apt+=(gcc)
if ((${#need_apt[@]})); then
  say "apt packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  ((EUID == 0)) || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
NUNIT_FRAMEWORK=/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll

# --- builds ----------------------------------------------------------------------------------
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
say "building the C ABI (release) and omg-sim"
heartbeat "building the C ABI" cargo build --quiet --release -p omg-payment-ffi
heartbeat "building omg-sim" cargo build --quiet -p omg-sim --bin omg-sim
NATIVE="$TARGET_DIR/release/libomg_payment_ffi.so"
export OMG_SIM_BIN="$TARGET_DIR/debug/omg-sim"
[[ -f "$NATIVE" && -x "$OMG_SIM_BIN" ]] || { say "build products missing" >&2; exit 2; }

BUILD="$(mktemp -d)"
sims=()
cleanup() {
  for pid in "${sims[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$BUILD"
}
trap cleanup EXIT

passed=0
failed=0
status=0
pass() { passed=$((passed + $1)); }
fail() { failed=$((failed + $1)); status=1; }

# --- generated files -------------------------------------------------------------------------
say "the header and the C# classes match the source (tests/generated.rs)"
if cargo test --quiet -p omg-payment-ffi --test generated 2>&1 | tail -3; then pass 1; else say "generated files are out of date" >&2; fail 1; fi

# --- the C ABI -------------------------------------------------------------------------------
say "the C ABI from C"
cc -Wall -Wextra -Werror -o "$BUILD/abi_test" bindings/ffi/tests/c/abi_test.c -Ibindings/ffi/include \
  -L"$(dirname "$NATIVE")" -lomg_payment_ffi
abi_log="$BUILD/abi.log"
LD_LIBRARY_PATH="$(dirname "$NATIVE")" "$BUILD/abi_test" 1 >"$abi_log" 2>&1 || true
grep -v "validation payload" "$abi_log" | grep -E "FAIL|abi:" || true
abi_passed="$(sed -n 's/^abi: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$abi_log")"
abi_failed="$(sed -n 's/^abi: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$abi_log")"
if [[ -z "$abi_passed" ]]; then say "the ABI test crashed" >&2; fail 1; else pass "$abi_passed"; ((abi_failed == 0)) || fail "$abi_failed"; fi
say "valgrind: 30 rounds of every call, no leak, no invalid access"
if LD_LIBRARY_PATH="$(dirname "$NATIVE")" valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --show-possibly-lost=no --error-exitcode=99 "$BUILD/abi_test" 30 >"$BUILD/valgrind.log" 2>&1; then
  pass 1
else
  tail -30 "$BUILD/valgrind.log"
  say "valgrind found errors" >&2
  fail 1
fi

# --- C# --------------------------------------------------------------------------------------
say "compiling Omg.Payment (mcs) and its tests, examples and benchmark"
cp "$NATIVE" "$BUILD/"
mcs -nologo -target:library -unsafe -warn:4 -warnaserror -doc:"$BUILD/Omg.Payment.xml" -out:"$BUILD/Omg.Payment.dll" \
  $(find dotnet/Omg.Payment -name '*.cs' | sort)
mcs -nologo -warn:4 -warnaserror -target:library -unsafe -out:"$BUILD/Omg.Payment.Tests.dll" -r:"$BUILD/Omg.Payment.dll" -r:"$NUNIT_FRAMEWORK" \
  -r:System.Runtime.Serialization -r:System.Web.Extensions dotnet/tests/Omg.Payment.Tests/*.cs dotnet/bench/ManagedCheckMac.cs
mcs -nologo -warn:4 -warnaserror -out:"$BUILD/Shop.exe" -r:"$BUILD/Omg.Payment.dll" dotnet/examples/Shop/*.cs
mcs -nologo -warn:4 -warnaserror -out:"$BUILD/OmgConsole.exe" -r:"$BUILD/Omg.Payment.dll" dotnet/examples/Console/Program.cs
mcs -nologo -warn:4 -warnaserror -out:"$BUILD/Bench.exe" -r:"$BUILD/Omg.Payment.dll" dotnet/bench/Bench.cs dotnet/bench/ManagedCheckMac.cs

say "NUnit under Mono"
# The suite checks FromEnvironment() with no OMG_* variable set.
for v in $(env | sed -n 's/^\(OMG_[A-Z_]*\)=.*/\1/p'); do [[ "$v" == OMG_SIM_BIN ]] || unset "$v"; done
export OMG_REPO="$ROOT" OMG_SHOP_EXE="$BUILD/Shop.exe"
run_nunit() {
  (cd "$BUILD" && LD_LIBRARY_PATH="$BUILD" timeout 900 nunit-console -nologo -noshadow -xml="$BUILD/nunit.xml" Omg.Payment.Tests.dll) \
    >"$BUILD/nunit.log" 2>&1
}
heartbeat "NUnit" run_nunit || true
grep -E "^Tests run|^[0-9]+\) " "$BUILD/nunit.log" || true
if [[ -f "$BUILD/nunit.xml" ]]; then
  total="$(sed -n 's/.*<test-results[^>]* total="\([0-9]*\)".*/\1/p' "$BUILD/nunit.xml")"
  attribute() { sed -n "s/.*<test-results[^>]* $1=\"\([0-9]*\)\".*/\1/p" "$BUILD/nunit.xml"; }
  bad=$(($(attribute errors) + $(attribute failures)))
  not_run="$(sed -n 's/.*<test-results[^>]* not-run="\([0-9]*\)".*/\1/p' "$BUILD/nunit.xml")"
  pass $((total - bad))
  ((bad == 0)) || { fail "$bad"; sed -n '/Errors and Failures/,$p' "$BUILD/nunit.log" | head -80; }
  ((${not_run:-0} == 0)) || { say "$not_run tests did not run" >&2; fail "$not_run"; }
else
  tail -40 "$BUILD/nunit.log"
  say "NUnit did not finish" >&2
  fail 1
fi

# --- the NuGet package -----------------------------------------------------------------------
start_sim() { # sets sim_url; the process is stopped on exit (not run in $(...): the pid must reach `sims`)
  "$OMG_SIM_BIN" --port 0 --quiet >"$BUILD/sim.out" 2>/dev/null &
  sims+=($!)
  for _ in $(seq 100); do [[ -s "$BUILD/sim.out" ]] && break; sleep 0.1; done
  sim_url="$(head -1 "$BUILD/sim.out")"
}
say "nuget pack, nuget install from a local source, a program against the installed package"
mkdir -p "$BUILD/stage/lib" "$BUILD/stage/native" "$BUILD/feed" "$BUILD/scratch" "$BUILD/user"
cp "$BUILD/Omg.Payment.dll" "$BUILD/Omg.Payment.xml" "$BUILD/stage/lib/"
cp "$NATIVE" "$BUILD/stage/native/"
if nuget pack dotnet/Omg.Payment/Omg.Payment.nuspec -BasePath "$BUILD/stage" -OutputDirectory "$BUILD/feed" \
     -NoPackageAnalysis -NonInteractive >"$BUILD/nuget.log" 2>&1 &&
   nuget install Omg.Payment -Source "$BUILD/feed" -OutputDirectory "$BUILD/scratch" -NonInteractive -NoCache >>"$BUILD/nuget.log" 2>&1; then
  installed="$BUILD/scratch/Omg.Payment.0.1.0"
  say "$(ls "$BUILD/feed") -> $(cd "$installed" && find lib runtimes -type f | sort | tr '\n' ' ')"
  start_sim
  if mcs -nologo -warn:4 -warnaserror -out:"$BUILD/user/OmgConsole.exe" -r:"$installed/lib/netstandard2.0/Omg.Payment.dll" dotnet/examples/Console/Program.cs &&
     cp "$installed/lib/netstandard2.0/Omg.Payment.dll" "$BUILD/user/" &&
     LD_LIBRARY_PATH="$installed/runtimes/linux-x64/native" timeout 120 mono "$BUILD/user/OmgConsole.exe" "$sim_url"; then
    pass 1
  else
    say "the program against the installed package failed" >&2
    fail 1
  fi
else
  cat "$BUILD/nuget.log"
  say "nuget pack/install failed" >&2
  fail 1
fi

# --- benchmark (figures, not a test) -----------------------------------------------------------
say "benchmark: Omg.Payment vs managed C# (docs/performance.md)"
(cd "$BUILD" && LD_LIBRARY_PATH="$BUILD" timeout 300 mono Bench.exe "${OMG_DOTNET_BENCH_ITERATIONS:-3000}") || say "the benchmark did not run" >&2

echo "dotnet: ${passed} passed, ${failed} failed"
exit "$status"
