#!/usr/bin/env bash
# dist/php: the prebuilt extension as PIE downloads it, and the source bundle PIE can build from.
#   php_omg_payment-<v>_php8.2-x86_64-linux-glibc.tgz   omg_payment.so for PHP 8.2 NTS, Linux x86_64,
#       glibc >= 2.17 (cargo zigbuild against this machine's php8.2-dev headers), and the same for
#       PHP 8.4 against Debian 13's php8.4-dev in a sysroot; PIE's PrePackagedBinaryAssetName:
#       php_<ext>-<version>_php<X.Y>-<arch>-<os>-<libc>[-zts].tgz
#   php_omg_payment-<v>-src.tgz   the repository at HEAD (git archive): `cd php && phpize &&
#       ./configure && make && make install` builds it where Rust is installed (config.m4).
# Other PHP minors, ZTS and other OSes need that PHP's headers: the release workflow builds them.
set -euo pipefail
DIST_STEP=dist-php
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
use_tools
command -v php-config >/dev/null || bash "$ROOT/scripts/dist/tools.sh"
OUT="$DIST/php"
rm -rf "$OUT"
mkdir -p "$OUT"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

# build_asset PHP PHP_CONFIG: omg_payment.so for that PHP (NTS, x86_64, glibc 2.17) as PIE's .tgz
build_asset() {
  local php=$1 php_config=$2 minor asset built
  minor="$("$php_config" --version | cut -d. -f1,2)"
  "$php" -n -r 'exit(PHP_ZTS ? 1 : 0);' || die "$php is ZTS: these builds are NTS"
  asset="php_omg_payment-${VERSION}_php${minor}-x86_64-linux-glibc.tgz"
  started "$asset (PHP $("$php_config" --version) NTS, headers $("$php_config" --include-dir))"
  # cargo-zigbuild points bindgen (ext-php-rs generates the Zend API bindings with libclang) at
  # zig's own C headers, where libclang finds neither stdlib.h nor its stddef.h: give it libclang's
  # builtin headers and this machine's C headers (they only describe PHP's structures here; the
  # code is compiled and linked by zig against glibc 2.17).
  local clang_include
  clang_include="$(ls -d /usr/lib/llvm-*/lib/clang/*/include | sort -V | tail -1)"
  built="$(BINDGEN_EXTRA_CLANG_ARGS="-isystem $clang_include -isystem /usr/include/x86_64-linux-gnu -isystem /usr/include" \
    PHP="$php" PHP_CONFIG="$php_config" zigbuild omg-payment-php x86_64-unknown-linux-gnu omg_payment)"
  rm -f "$STAGE/omg_payment.so"
  cp "$built" "$STAGE/omg_payment.so"
  assert_stripped "$STAGE/omg_payment.so"
  say "  needs glibc symbols up to $(glibc_needed "$STAGE/omg_payment.so")"
  tar --sort=name --mtime="@$ARCHIVE_EPOCH" --owner=0 --group=0 --numeric-owner -C "$STAGE" -cf - omg_payment.so |
    gzip -n >"$OUT/$asset"
  written "$OUT/$asset"
}

# PHP 8.2: this machine's (Debian 12) php8.2-dev.
build_asset "$(command -v php)" "$(command -v php-config)"
# PHP 8.4: Debian 13's php8.4-cli and php8.4-dev, unpacked into a sysroot (scripts/dist/php84-sysroot.sh).
if sysroot="$(bash "$ROOT/scripts/dist/php84-sysroot.sh")"; then
  build_asset "$sysroot/bin/php" "$sysroot/bin/php-config"
else
  say "PHP 8.4: Debian 13 (trixie) packages cannot be reached: not built here (the release workflow builds it)"
fi
# PHP 8.3 (no Debian release ships it), ZTS (Debian ships NTS only), arm64 and other OSes: the
# release workflow builds them against setup-php's headers.

source_asset="php_omg_payment-${VERSION}-src.tgz"
started "$source_asset (git archive HEAD)"
git -C "$ROOT" diff --quiet HEAD -- || say "  note: uncommitted changes are not in the source bundle (it is HEAD)"
git -C "$ROOT" archive --format=tar --prefix="omg-payment-$VERSION/" HEAD | gzip -n >"$OUT/$source_asset"
written "$OUT/$source_asset"
