# Sourced by scripts/dist/*.sh and scripts/test-dist/*.sh: paths, the version, progress lines.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIST="${OMG_DIST_DIR:-$ROOT/dist}"
TOOLS_VENV="${OMG_DIST_TOOLS:-$ROOT/.venv-dist}"
# Cross builds get their own target folder: the native one (target/) stays as the suites left it.
export CARGO_TARGET_DIR="${OMG_DIST_TARGET:-$ROOT/target/dist}"
# The one version (scripts/check-versions.py checks that every manifest carries it).
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -1)"
# Reproducible archives (the PHP .tgz, the .nupkg): every timestamp is the last commit's. Not
# exported: the cc crate rebuilds every C dependency (ring, and all that depends on it) when
# SOURCE_DATE_EPOCH changes, so a new commit would mean a cold build.
ARCHIVE_EPOCH="$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 946684800)"

# The Linux targets built here, as Rust triples (glibc ones pinned to 2.17 for cargo-zigbuild).
LINUX_GNU_TARGETS=(x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu)
LINUX_MUSL_TARGETS=(x86_64-unknown-linux-musl aarch64-unknown-linux-musl)

say() { echo "${DIST_STEP:-dist}: $*"; }
die() { echo "${DIST_STEP:-dist}: $*" >&2; exit 1; }

size_of() { # human-readable size of a file
  local bytes
  bytes=$(stat -c %s "$1")
  if ((bytes >= 1048576)); then awk -v b="$bytes" 'BEGIN{printf "%.1f MB", b/1048576}'
  else awk -v b="$bytes" 'BEGIN{printf "%.0f KB", b/1024}'; fi
}
started() { say "building $1 ..."; }
written() { say "wrote ${1#"$ROOT"/} ($(size_of "$1"))"; }

# The build tools (scripts/dist/tools.sh) on PATH: maturin, cargo-zigbuild, zig, auditwheel.
use_tools() {
  [[ -x "$TOOLS_VENV/bin/cargo-zigbuild" ]] || bash "$ROOT/scripts/dist/tools.sh"
  export PATH="$TOOLS_VENV/bin:$PATH"
}

# Every native file we ship is stripped (scripts/dist/check_stripped.py reads ELF, Mach-O and PE).
assert_stripped() {
  python3 "$ROOT/scripts/dist/check_stripped.py" "$@" >/dev/null || {
    python3 "$ROOT/scripts/dist/check_stripped.py" "$@" >&2
    die "not stripped: $*"
  }
}

# musl: a cdylib must link the process's musl dynamically (it is loaded into python/node/php).
export CARGO_TARGET_X86_64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="-C target-feature=-crt-static"
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_RUSTFLAGS="-C target-feature=-crt-static"

# cargo zigbuild --release -p CRATE for TARGET (glibc targets at glibc 2.17); prints the path of
# the library it wrote (lib<name>.so, lib<name>.dylib or <name>.dll).
zigbuild() {
  local crate=$1 target=$2 lib=$3 zig_target=$2
  [[ "$target" == *-linux-gnu ]] && zig_target="$target.2.17"
  cargo zigbuild --quiet --release --target "$zig_target" -p "$crate" >&2
  local dir="$CARGO_TARGET_DIR/$target/release"
  case "$target" in
    *-apple-darwin) echo "$dir/lib$lib.dylib" ;;
    *-windows-*) echo "$dir/$lib.dll" ;;
    *) echo "$dir/lib$lib.so" ;;
  esac
}

# The highest GLIBC_ symbol version a library needs (objdump -T), or "none".
glibc_needed() {
  objdump -T "$1" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -1 || true
}
