# Sourced by scripts/test-dist.sh: the npm packages, installed from their tarballs.

npm_dir="$A/node"
main_tgz="$npm_dir/omg-payment-$VERSION.tgz"
fresh_project() { # name: an empty npm project in the work folder
  local dir="$WORK/$1"
  rm -rf "$dir" && mkdir -p "$dir" && echo '{"name":"shop","version":"1.0.0","private":true}' >"$dir/package.json"
  echo "$dir"
}

node_x64() {
  local dir
  dir="$(fresh_project node-x64)"
  clean sh -c "cd '$dir' && npm install --no-audit --no-fund --loglevel=error '$main_tgz' '$npm_dir/omg-payment-linux-x64-gnu-$VERSION.tgz' express" &&
    echo "installed omg-payment-$VERSION.tgz + omg-payment-linux-x64-gnu-$VERSION.tgz (os linux, cpu x64, libc glibc) + express" &&
    clean sh -c "cd '$dir' && cp '$WORK/assets/smoke.js' . && node smoke.js '$VECTORS' '$SIM'"
}
check "npm: omg-payment + omg-payment-linux-x64-gnu in a fresh project: vectors, checkout, notifications, Express app, omg-sim" node_x64

node_without_platform_package() {
  local dir out
  dir="$(fresh_project node-missing)"
  clean sh -c "cd '$dir' && npm install --no-audit --no-fund --loglevel=error --omit=optional '$main_tgz'" || return 1
  if out="$(clean sh -c "cd '$dir' && node -e \"require('omg-payment')\"" 2>&1)"; then echo "loaded without a native module?"; return 1; fi
  grep -m1 'omg-payment: cannot load' <<<"$out"
  grep -q 'omg-payment-linux-x64-gnu' <<<"$out" && grep -q 'linux x64 glibc' <<<"$out" && ! grep -qi 'rust' <<<"$out"
}
check "npm --omit=optional: the loader's error names the platform and omg-payment-linux-x64-gnu, not Rust" node_without_platform_package

refused_platform() { # tarball: npm must refuse it on this linux x64 glibc machine
  local dir out
  dir="$(fresh_project "refused-$1")"
  if out="$(clean sh -c "cd '$dir' && npm install --no-audit --no-fund '$npm_dir/$1-$VERSION.tgz'" 2>&1)"; then
    echo "npm installed $1 on linux x64 glibc"; return 1
  fi
  grep -m1 -E 'EBADPLATFORM|Unsupported platform' <<<"$out"
  grep -q EBADPLATFORM <<<"$out"
}
check "npm refuses omg-payment-linux-arm64-gnu here (EBADPLATFORM: cpu)" refused_platform omg-payment-linux-arm64-gnu
check "npm refuses omg-payment-linux-x64-musl here (EBADPLATFORM: libc)" refused_platform omg-payment-linux-x64-musl

node_arm64() {
  local dir
  dir="$(fresh_project node-arm64)"
  # npm on an arm64 machine: here (x64) it refuses the package unless forced (--force; --cpu etc.
  # make it pick the arm64 optional dependencies), which is the EBADPLATFORM check above.
  clean sh -c "cd '$dir' && npm install --no-audit --no-fund --loglevel=error --force --cpu=arm64 --os=linux --libc=glibc '$main_tgz' '$npm_dir/omg-payment-linux-arm64-gnu-$VERSION.tgz' express" &&
    echo "installed omg-payment-$VERSION.tgz + omg-payment-linux-arm64-gnu-$VERSION.tgz (os linux, cpu arm64, libc glibc) + express" &&
    file -b "$dir/node_modules/omg-payment-linux-arm64-gnu/omg-payment.linux-arm64-gnu.node" | cut -d, -f1-2 &&
    clean sh -c "cd '$dir' && cp '$WORK/assets/smoke.js' . && QEMU_LD_PREFIX='$SYSROOT' qemu-aarch64-static '$SYSROOT/usr/bin/node' smoke.js '$VECTORS' '$SIM'"
}
check "npm: the linux-arm64-gnu package under qemu-aarch64 with Debian's arm64 nodejs: the same smoke test" node_arm64
