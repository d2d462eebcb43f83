# Progress lines for long steps of `make demo` and `make test`, sourced by the scripts/ that run
# them. A cold `cargo build --quiet` prints nothing for minutes; these keep a line coming at least
# every 20 s, so a person (or a CI job that kills silent jobs) can tell work from a hang.

# elapsed_since START: the time since $SECONDS was START, as 1m05s.
elapsed_since() {
  local s=$((SECONDS - $1))
  printf '%dm%02ds' $((s / 60)) $((s % 60))
}

# heartbeat LABEL CMD...: runs CMD (its output unchanged); while it runs, prints
# "  … LABEL: still working (1m20s)" every 20 s. Returns CMD's status.
heartbeat() {
  local label=$1
  shift
  local start=$SECONDS
  (
    while :; do
      for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do sleep 1; done
      echo "  … $label: still working ($(elapsed_since "$start"))"
    done
  ) &
  local ticker=$!
  local status=0
  "$@" || status=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  return "$status"
}
