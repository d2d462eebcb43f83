#!/usr/bin/env bash
# `make bench`: one table for every language (issue 14, docs/performance.md).
#
# Each language's own benchmark times omg-payment against a plain implementation of the same rule
# side by side in one process (Rust: SHA-256 alone over the same encoded bytes). This script runs
# each BENCH_RUNS times (default 5) and prints the median of each figure, plus callgrind
# instruction counts for the Rust rows (they do not move with machine load).
#
#   crates/omg-core/benches/mac.rs   built here (cargo bench --no-run)
#   python/bench/bench_mac.py        needs .venv-py with the wheel (scripts/test-python.sh builds it)
#   node/bench/bench.js              needs node/'s native module (scripts/test-node.sh builds it)
#   php/bench/bench.php              needs the extension, target/release/libomg_payment.so (PHP suite)
#   dotnet/bench/Bench.cs            needs mcs, mono and target/release/libomg_payment_ffi.so
#                                    (scripts/test-dotnet.sh builds it); compiled here
#   crates/omg-sim/examples/load.rs  omg-sim's QueryTradeInfo requests/s under wrk (apt-get install
#                                    wrk); built here (cargo build --release --example load)
#
# A language whose benchmark or build is missing gets a "not built" row saying what is missing.
# Bounded: about a minute per language on a quiet machine. Not part of `make test`.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${BENCH_RUNS:-5}
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
WORK="$(mktemp -d)"
SIM_PID=""
# The simulator started for the omg-sim row is stopped however this script ends.
stop_sim() { if [[ -n "$SIM_PID" ]]; then kill "$SIM_PID" 2>/dev/null; wait "$SIM_PID" 2>/dev/null; SIM_PID=""; fi; }
trap 'stop_sim; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
OUT="$WORK/rows" # lines: lang<TAB>raw output line, or missing<TAB>lang<TAB>reason
: >"$OUT"

say() { echo "bench: $*" >&2; }
missing() { printf 'missing\t%s\t%s\n' "$1" "$2" >>"$OUT"; say "$1: not built ($2)"; }
collect() { sed "s/^/$1\t/" >>"$OUT"; }

# --- Rust ----------------------------------------------------------------------------------------
say "rust: building the benchmark (release)"
BIN="$(cargo bench -p omg-core --bench mac --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -1)"
if [[ -x "$BIN" ]]; then
  for _ in $(seq "$RUNS"); do "$BIN" --tsv | collect rust; done
  if command -v valgrind >/dev/null; then
    say "rust: callgrind instruction counts"
    ir() { valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" "$BIN" --run "$1" "$2" 2>&1 | sed -n 's/.*Collected : //p'; }
    for case in sha_order sign sha_notification verify_notification sha_reply parse_reply; do
      # Difference between N and 2N calls: the setup (building the inputs) drops out.
      a="$(ir "$case" 100)" b="$(ir "$case" 200)"
      printf 'callgrind\t%s\t%s\n' "$case" "$(((b - a) / 100))" >>"$OUT"
    done
  else
    missing callgrind "valgrind is not installed (apt-get install valgrind)"
  fi
else
  missing rust "cargo bench -p omg-core --bench mac --no-run failed"
fi

# --- Python --------------------------------------------------------------------------------------
PY="$ROOT/.venv-py/bin/python"
if [[ -x "$PY" ]] && "$PY" -c 'import omg_payment' 2>/dev/null; then
  say "python: $RUNS runs"
  for _ in $(seq "$RUNS"); do "$PY" python/bench/bench_mac.py | collect python; done
else
  missing python ".venv-py with the omg_payment wheel; scripts/test-python.sh builds it"
fi

# --- Node ----------------------------------------------------------------------------------------
if command -v node >/dev/null && (cd node && node -e "require('.')" 2>/dev/null); then
  say "node: $RUNS runs"
  for _ in $(seq "$RUNS"); do (cd node && node bench/bench.js) | collect node; done
else
  missing node "node/'s native module; scripts/test-node.sh builds it"
fi

# --- PHP -----------------------------------------------------------------------------------------
PHP_EXT="$TARGET_DIR/release/libomg_payment.so"
if [[ ! -f php/bench/bench.php ]]; then
  missing php "php/bench/bench.php is not in this checkout"
elif ! command -v php >/dev/null || [[ ! -f "$PHP_EXT" ]]; then
  missing php "php or the extension $PHP_EXT; the PHP suite builds it"
else
  say "php: $RUNS runs"
  for _ in $(seq "$RUNS"); do php -d extension="$PHP_EXT" php/bench/bench.php | collect php; done
fi

# --- .NET ----------------------------------------------------------------------------------------
FFI="$TARGET_DIR/release/libomg_payment_ffi.so"
if [[ ! -f dotnet/bench/Bench.cs ]]; then
  missing dotnet "dotnet/bench/Bench.cs is not in this checkout"
elif ! command -v mcs >/dev/null || ! command -v mono >/dev/null || [[ ! -f "$FFI" ]]; then
  missing dotnet "mcs, mono or $FFI; scripts/test-dotnet.sh builds it"
else
  say "dotnet: compiling the benchmark, $RUNS runs"
  cp "$FFI" "$WORK/"
  if mcs -nologo -target:library -unsafe -out:"$WORK/Omg.Payment.dll" $(find dotnet/Omg.Payment -name '*.cs' | sort) &&
    mcs -nologo -out:"$WORK/Bench.exe" -r:"$WORK/Omg.Payment.dll" dotnet/bench/Bench.cs dotnet/bench/ManagedCheckMac.cs; then
    for _ in $(seq "$RUNS"); do
      (cd "$WORK" && LD_LIBRARY_PATH="$WORK" timeout 300 mono Bench.exe "${OMG_DOTNET_BENCH_ITERATIONS:-20000}") | collect dotnet
    done
  else
    missing dotnet "the benchmark did not compile"
  fi
fi

# --- omg-sim -------------------------------------------------------------------------------------
# QueryTradeInfo/V5 requests per second, every request verified and every reply signed: the load
# example (`--serve`) starts the simulator on a free loopback port, creates and pays one order,
# writes a wrk script posting a signed query for it and prints the wrk command line; wrk -t2 -c8
# then runs SIM_RUNS times SIM_SECONDS each (default 3 × 5 s) against 127.0.0.1 only.
SIM_RUNS=${SIM_RUNS:-3}
SIM_SECONDS=${SIM_SECONDS:-5}
if ! command -v wrk >/dev/null; then
  missing sim "apt-get install wrk"
elif ! cargo build --release -p omg-sim --example load >"$WORK/sim-build.log" 2>&1; then
  missing sim "cargo build --release -p omg-sim --example load failed"
else
  say "omg-sim: wrk -t2 -c8, $SIM_RUNS runs of $SIM_SECONDS s"
  # Serves a little longer than the runs take; killed by stop_sim as soon as they are done.
  TMPDIR="$WORK" "$TARGET_DIR/release/examples/load" --serve $((SIM_RUNS * (SIM_SECONDS + 1) + 5)) >"$WORK/sim.out" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 100); do grep -q '^wrk ' "$WORK/sim.out" && break; sleep 0.1; done
  # wrk -t2 -c8 -dNs -s SCRIPT http://127.0.0.1:PORT/Cashier/QueryTradeInfo/V5
  read -r -a WRK <<<"$(sed -n 's/^wrk .* -s \([^ ]*\) \(http:\/\/127\.0\.0\.1:[0-9]*\/[^ ]*\)$/\1 \2/p' "$WORK/sim.out")"
  if [[ ${#WRK[@]} -eq 2 ]]; then
    for _ in $(seq "$SIM_RUNS"); do
      out="$(timeout $((SIM_SECONDS + 10)) wrk -t2 -c8 -d"${SIM_SECONDS}s" -s "${WRK[0]}" "${WRK[1]}" 2>&1)"
      rps="$(sed -n 's/^Requests\/sec: *//p' <<<"$out")"
      # A refused or failed request is not a served one: such a run gives no figure.
      if [[ -n "$rps" ]] && ! grep -q 'Non-2xx\|Socket errors' <<<"$out"; then
        printf 'sim\tquery\t%s\n' "$rps" >>"$OUT"
      else
        say "omg-sim: a wrk run failed: $(tr '\n' ' ' <<<"$out")"
      fi
    done
  else
    missing sim "the load example did not start serving: $(head -c 300 "$WORK/sim.out" | tr '\n' ' ')"
  fi
  stop_sim
fi

# --- load times and package sizes ------------------------------------------------------------
# Each: a fresh process loading the package against the same process doing nothing
# (scripts/bench_load.py: LOAD_RUNS of each, alternately, median minus median).
LOAD_RUNS=${LOAD_RUNS:-11}
load() { python3 scripts/bench_load.py load "$1" "$LOAD_RUNS" -- "${@:2}" >>"$OUT"; }
say "load times ($LOAD_RUNS fresh processes each)"
if [[ -x "$PY" ]]; then
  load python "$PY" -c 'import omg_payment' -- "$PY" -c 'pass'
else
  missing load:python ".venv-py; scripts/test-python.sh builds it"
fi
if command -v node >/dev/null; then
  load node node -e "require('$ROOT/node')" -- node -e ''
fi
if command -v php >/dev/null && [[ -f "$PHP_EXT" ]]; then
  load php php -n -d extension="$PHP_EXT" -r '' -- php -n -r ''
else
  missing load:php "php or the extension $PHP_EXT"
fi
if [[ -f "$WORK/Omg.Payment.dll" ]] && mcs -nologo -out:"$WORK/Load.exe" -r:"$WORK/Omg.Payment.dll" dotnet/bench/Load.cs; then
  load dotnet env LD_LIBRARY_PATH="$WORK" mono "$WORK/Load.exe" call -- env LD_LIBRARY_PATH="$WORK" mono "$WORK/Load.exe"
else
  missing load:dotnet "the .NET benchmark's build (above)"
fi
python3 scripts/bench_load.py sizes "$ROOT/dist" >>"$OUT"

echo
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg); median of $RUNS runs"
python3 scripts/bench_table.py "$OUT" "$RUNS"
