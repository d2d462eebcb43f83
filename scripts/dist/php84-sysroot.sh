#!/usr/bin/env bash
# PHP 8.4 (Debian 13 "trixie": php8.4-cli, php8.4-dev and the libraries they need), unpacked with
# dpkg -x into target/php84-sysroot/root, through a private apt configuration (this machine's own
# apt sources stay bookworm: nothing is installed system-wide). Writes two wrappers:
#   target/php84-sysroot/bin/php         runs trixie's php8.4 through trixie's own dynamic loader
#   target/php84-sysroot/bin/php-config  php-config8.4 with its paths moved into the sysroot
# so that ext-php-rs can build against PHP 8.4 (PHP=... PHP_CONFIG=...) and the result can be
# loaded by a real PHP 8.4. Prints the sysroot folder; exits 1 when trixie cannot be reached.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="$ROOT/target/php84-sysroot"
R="$DIR/root"
if [[ -x "$DIR/bin/php" && -x "$DIR/bin/php-config" ]]; then echo "$DIR"; exit 0; fi

APT_DIR="$DIR/apt"
mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$DIR/debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" >"$APT_DIR/sources.list"
apt_private=(-o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache="$APT_DIR/cache" -o Dir::State::status=/dev/null
  -o APT::Architectures::=amd64)
apt-get "${apt_private[@]}" update -qq >&2
PACKAGES=(php8.4-cli php8.4-common php8.4-opcache php8.4-readline php8.4-dev libc6 libgcc-s1 libstdc++6 libargon2-1
  libedit2 libbsd0 libmd0 libtinfo6 libncursesw6 libpcre2-8-0 libsodium23 libssl3t64 libxml2 zlib1g liblzma5 libzstd1
  libicu76 libcrypt1 libffi8 libgmp10 libselinux1)
(cd "$DIR/debs" && apt-get "${apt_private[@]}" download -qq "${PACKAGES[@]}" >&2 2>/dev/null)
rm -rf "$R"
mkdir -p "$R" "$DIR/bin"
for deb in "$DIR"/debs/*.deb; do dpkg -x "$deb" "$R"; done
cat >"$DIR/bin/php" <<WRAPPER
#!/bin/sh
exec "$R/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" --library-path "$R/usr/lib/x86_64-linux-gnu:$R/lib/x86_64-linux-gnu" "$R/usr/bin/php8.4" "\$@"
WRAPPER
sed -e "s|^prefix=\"/usr\"|prefix=\"$R/usr\"|" -e "s|^php_binary=.*|php_binary=\"$DIR/bin/php\"|" "$R/usr/bin/php-config8.4" >"$DIR/bin/php-config"
chmod +x "$DIR/bin/php" "$DIR/bin/php-config"
"$DIR/bin/php" -n -r 'exit(PHP_MAJOR_VERSION * 10 + PHP_MINOR_VERSION === 84 ? 0 : 1);' >&2
echo "$DIR"
