#!/usr/bin/env bash
# The tools make test-dist runs the artefacts with, installed when missing (idempotent). None is
# Rust: qemu-user-static (aarch64), Mono, xbuild and NuGet (.NET), PHP 8.2 CLI, gcc, musl, and a
# sysroot of Debian's own arm64 packages (python3.11, nodejs and their libraries), unpacked with
# dpkg -x into target/test-dist/arm64-sysroot, for running aarch64 code under qemu-aarch64-static.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
say() { echo "test-dist-tools: $*"; }
SUDO=""
((EUID == 0)) || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

bash "$ROOT/scripts/dist/tools.sh" >/dev/null   # zig (C test for aarch64), auditwheel, actionlint

need_apt=()
for package in qemu-user-static mono-runtime mono-mcs mono-xbuild nuget php8.2-cli gcc musl musl-dev musl-tools unzip shellcheck; do
  dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
done
if ((${#need_apt[@]})); then
  say "apt packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Debian's Mono (dfsg) ships no reference assemblies (/usr/lib/mono/4.5-api), so xbuild cannot
# compile any .NET Framework project; Mono's own packages ship them. Its runtime assemblies are
# the same API: point the reference folder at them.
if [[ ! -e /usr/lib/mono/4.5-api && -f /usr/lib/mono/4.5/mscorlib.dll ]]; then
  say "xbuild: /usr/lib/mono/4.5-api -> /usr/lib/mono/4.5 (Debian's Mono lacks reference assemblies)"
  $SUDO ln -s /usr/lib/mono/4.5 /usr/lib/mono/4.5-api
fi

SYSROOT="$ROOT/target/test-dist/arm64-sysroot"
ARM64_PACKAGES=(libc6 libgcc-s1 libstdc++6 zlib1g libexpat1 libssl3 libffi8 libbz2-1.0 liblzma5 libuuid1
  python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
  nodejs libnode108 libbrotli1 libc-ares2 libicu72 libnghttp2-14 libuv1 musl)
ALL_PACKAGES=(node-acorn node-cjs-module-lexer node-undici)
if [[ ! -x "$SYSROOT/usr/bin/python3.11" || ! -x "$SYSROOT/usr/bin/node" ]]; then
  say "an arm64 sysroot of Debian packages: ${ARM64_PACKAGES[*]}"
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $SUDO dpkg --add-architecture arm64
  fi
  $SUDO apt-get update -qq
  debs="$(mktemp -d)"
  (cd "$debs" && apt-get download -qq "${ARM64_PACKAGES[@]/%/:arm64}" "${ALL_PACKAGES[@]}" >/dev/null)
  rm -rf "$SYSROOT"
  mkdir -p "$SYSROOT"
  for deb in "$debs"/*.deb; do dpkg -x "$deb" "$SYSROOT"; done
  rm -rf "$debs"
fi
say "ok: $(qemu-aarch64-static --version | head -1), mono $(mono --version | head -1 | awk '{print $5}'), php $(php -r 'echo PHP_VERSION;'), arm64 sysroot $SYSROOT"
