# Sourced by scripts/test-dist.sh: the PHP extension, prebuilt (PIE's asset) and from source.

php_smoke() { # extension.so label [php]: the smoke test with php -n (no ini, no other extension)
  local so=$1 port received="$WORK/php-received-$2" log="$WORK/php-server-$2.log" php=${3:-php}
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  : >"$received"
  clean env OMG_SIM_URL="$SIM" OMG_RECEIVED="$received" "$php" -n -d "extension=$so" -S "127.0.0.1:$port" "$WORK/assets/notify.php" >"$log" 2>&1 &
  sims+=($!)
  local server=$!
  for _ in $(seq 50); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  clean "$php" -n -d "extension=$so" "$WORK/assets/smoke.php" "$VECTORS" "$SIM" "http://127.0.0.1:$port/" "$received"
  local status=$?
  kill "$server" 2>/dev/null
  return $status
}

php_prebuilt() { # minor php: the PIE asset for that PHP minor, loaded by that PHP
  local asset dir="$WORK/php-prebuilt-$1" php=$2
  asset="$A/php/php_omg_payment-${VERSION}_php$1-x86_64-linux-glibc.tgz"
  mkdir -p "$dir" && tar xzf "$asset" -C "$dir" || return 1
  echo "unpacked $(basename "$asset"): $(tar tzf "$asset" | tr '\n' ' ')for $("$php" -n -r 'echo "PHP ", PHP_VERSION, PHP_ZTS ? " ZTS " : " NTS ", php_uname("m");')"
  php_smoke "$dir/omg_payment.so" "prebuilt-$1" "$php"
}
check "PHP 8.2: the prebuilt PIE asset loaded with php -n -d extension=...: vectors, checkout, notifications, handleNotification, omg-sim" \
  php_prebuilt 8.2 php
PHP84="$ROOT/target/php84-sysroot/bin/php"
if [[ -f "$A/php/php_omg_payment-${VERSION}_php8.4-x86_64-linux-glibc.tgz" ]]; then
  check "PHP 8.4 (Debian 13's php8.4 in a sysroot): the prebuilt PIE asset, the same smoke test" php_prebuilt 8.4 "$PHP84"
fi

# The source route (what PIE does when no prebuilt binary matches): needs Rust, so this one runs
# with cargo on PATH, from the source bundle unpacked outside the repository.
php_from_source() {
  local dir="$WORK/php-source"
  mkdir -p "$dir" && tar xzf "$A/php/php_omg_payment-$VERSION-src.tgz" -C "$dir" || return 1
  local src="$dir/omg-payment-$VERSION/php"
  echo "unpacked php_omg_payment-$VERSION-src.tgz; in php/: phpize && ./configure && make && make install (cargo: $(command -v cargo))"
  (cd "$src" && phpize >/dev/null 2>&1 && ./configure --quiet >/dev/null 2>&1 &&
    CARGO_TARGET_DIR="$ROOT/target/test-dist/php-source" make >"$WORK/php-make.log" 2>&1 &&
    make install INSTALL_ROOT="$WORK/php-root" >>"$WORK/php-make.log" 2>&1) || { tail -20 "$WORK/php-make.log"; return 1; }
  local installed
  installed="$(find "$WORK/php-root" -name omg_payment.so)"
  echo "make install put ${installed#"$WORK/php-root"} into the extension folder (INSTALL_ROOT=$WORK/php-root)"
  php_smoke "$installed" source
}
check "PHP: phpize && ./configure && make from the source bundle, then the same smoke test" php_from_source
