#!/usr/bin/env bash
# The house's linters and formatters, for CI (`make test` runs `make lint`) and for people.
#
#   scripts/lint.sh              every check, on this repository
#   scripts/lint.sh ruff biome   only those checks
#   LINT_ROOT=/tmp/copy scripts/lint.sh rustfmt     a check on another copy of the tree
#                                                   (scripts/lint-selftest.sh does that)
#
# Checks (each reports, the script fails when any failed):
#   rustfmt   cargo fmt --all --check, for the workspace and for fuzz/ (rustfmt.toml: width 120)
#   clippy    cargo clippy --workspace --all-targets -- -D warnings
#   ruff      ruff check + ruff format --check over python/, tests/scenarios, scripts (ruff.toml)
#   biome     biome check (lint + format) over node/ (biome.jsonc)
#   php       php -l on every PHP file, then phpcs (php/phpcs.xml: PSR-12 at width 120)
#   csharp    every C# source compiled by mcs with warnings as errors (-warn:4 -warnaserror)
#
# On a fresh Debian machine it installs what is missing: ruff (pinned in tools/lint/requirements.txt)
# into the venv .venv-lint/, Biome (pinned in tools/lint/package.json) with npm ci under tools/lint,
# apt php-cli, php-codesniffer, mono-mcs and the NUnit framework, what clippy needs to compile the
# PHP extension (php8.2-dev, libclang), and rustup's rustfmt and clippy.
# To fix what the formatters report: cargo fmt --all; .venv-lint/bin/ruff format python
# tests/scenarios scripts; tools/lint/node_modules/.bin/biome check --write; phpcbf
# --standard=php/phpcs.xml php.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="${LINT_ROOT:-$REPO}"
say() { echo "lint: $*"; }
ALL=(rustfmt clippy ruff biome php csharp)
CHECKS=("$@")
((${#CHECKS[@]})) || CHECKS=("${ALL[@]}")
for check in "${CHECKS[@]}"; do
  [[ " ${ALL[*]} " == *" $check "* ]] || { say "unknown check '$check' (one of: ${ALL[*]})" >&2; exit 2; }
done
wants() { [[ " ${CHECKS[*]} " == *" $1 "* ]]; }

# --- tools -----------------------------------------------------------------------------------
need_apt=()
if wants php; then
  command -v php >/dev/null || need_apt+=(php-cli)
  command -v phpcs >/dev/null || need_apt+=(php-codesniffer)
fi
if wants csharp; then
  command -v mcs >/dev/null || need_apt+=(mono-mcs)
  [[ -f /usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll ]] || need_apt+=(libnunit-cil-dev)
  [[ -f /usr/lib/mono/4.5/System.Web.Extensions.dll ]] || need_apt+=(libmono-system-web-extensions4.0-cil)
fi
if wants clippy; then
  # Clippy compiles every crate, the PHP extension too: php-config and bindgen's libclang
  # (the packages scripts/test-php.sh installs, which runs after the lint).
  for package in php8.2-cli php8.2-dev libclang1-14 libclang-common-14-dev; do
    dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
  done
fi
if wants ruff; then
  command -v python3 >/dev/null || need_apt+=(python3)
  python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
fi
if ((${#need_apt[@]})); then
  say "apt packages: ${need_apt[*]}"
  SUDO=""
  ((EUID == 0)) || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if wants rustfmt || wants clippy; then
  command -v cargo >/dev/null || { say "cargo (Rust) is required: see docs/toolchains.md" >&2; exit 2; }
  if wants rustfmt && ! cargo fmt --version >/dev/null 2>&1; then rustup component add rustfmt; fi
  if wants clippy && ! cargo clippy --version >/dev/null 2>&1; then rustup component add clippy; fi
fi

VENV="$REPO/.venv-lint"
RUFF="$VENV/bin/ruff"
if wants ruff; then
  pinned="$(sed -n 's/^ruff==//p' "$REPO/tools/lint/requirements.txt")"
  if [[ "$("$RUFF" --version 2>/dev/null)" != "ruff $pinned" ]]; then
    say "installing ruff $pinned into $VENV"
    [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REPO/tools/lint/requirements.txt" || exit 2
  fi
fi

BIOME="$REPO/tools/lint/node_modules/.bin/biome"
if wants biome; then
  command -v npm >/dev/null || { say "Node.js and npm are required: see docs/toolchains.md" >&2; exit 2; }
  pinned="$(node -p "require('$REPO/tools/lint/package.json').devDependencies['@biomejs/biome']")"
  if [[ "$("$BIOME" --version 2>/dev/null)" != "Version: $pinned" ]]; then
    say "npm ci (tools/lint)"
    npm ci --prefix "$REPO/tools/lint" --no-audit --no-fund --silent || exit 2
  fi
fi

# --- checks ----------------------------------------------------------------------------------
cd "$ROOT"
declare -a failed=()
run() {
  local name="$1"
  shift
  say "$name"
  if "$@"; then say "$name: ok"; else say "$name: FAILED"; failed+=("$name"); fi
}

check_rustfmt() {
  cargo fmt --all --check && (cd fuzz && cargo fmt --all --check)
}

check_clippy() {
  cargo clippy --quiet --workspace --all-targets -- -D warnings
}

check_ruff() {
  "$RUFF" check python tests/scenarios scripts && "$RUFF" format --check python tests/scenarios scripts
}

check_biome() {
  "$BIOME" check --error-on-warnings .
}

check_php() {
  local file status=0
  while IFS= read -r -d '' file; do
    php -l "$file" >/dev/null || status=1
  done < <(find php -name '*.php' -not -path '*/vendor/*' -print0)
  ((status == 0)) || return 1
  # Errors only (-n): lines over 120 columns are warnings for now (php/phpcs.xml says why).
  phpcs --standard=php/phpcs.xml --no-colors -n -q php
}

check_csharp() {
  local out status=0 nunit=/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll
  out="$(mktemp -d)"
  local mcs=(mcs -nologo -warn:4 -warnaserror)
  "${mcs[@]}" -target:library -unsafe -doc:"$out/Omg.Payment.xml" -out:"$out/Omg.Payment.dll" \
    $(find dotnet/Omg.Payment -name '*.cs' | sort) || status=1
  if ((status == 0)); then
    "${mcs[@]}" -target:library -unsafe -out:"$out/Omg.Payment.Tests.dll" -r:"$out/Omg.Payment.dll" -r:"$nunit" \
      -r:System.Runtime.Serialization -r:System.Web.Extensions dotnet/tests/Omg.Payment.Tests/*.cs \
      dotnet/bench/ManagedCheckMac.cs || status=1
    "${mcs[@]}" -out:"$out/Shop.exe" -r:"$out/Omg.Payment.dll" dotnet/examples/Shop/*.cs || status=1
    "${mcs[@]}" -out:"$out/OmgConsole.exe" -r:"$out/Omg.Payment.dll" dotnet/examples/Console/Program.cs || status=1
    "${mcs[@]}" -out:"$out/Bench.exe" -r:"$out/Omg.Payment.dll" dotnet/bench/Bench.cs dotnet/bench/ManagedCheckMac.cs ||
      status=1
  fi
  rm -rf "$out"
  return "$status"
}

for check in "${CHECKS[@]}"; do run "$check" "check_$check"; done

if ((${#failed[@]})); then
  say "FAILED: ${failed[*]} (see above; the header of scripts/lint.sh says how to fix formatting)"
  exit 1
fi
say "every check passed (${CHECKS[*]})"
