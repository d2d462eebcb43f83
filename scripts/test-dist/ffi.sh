# Sourced by scripts/test-dist.sh: the C ABI of dist/ffi, through bindings/ffi's own C test
# (tests/c/abi_test.c: every call, NULLs, invalid UTF-8, huge lengths, freed handles), compiled
# here against dist/ffi/include/omg_payment.h and linked against each library as shipped.

cp "$ROOT/bindings/ffi/tests/c/abi_test.c" "$WORK/assets/"
abi_run() { # rid compiler... -- runner...: compiles the test against dist/ffi/<rid>, runs it
  local rid=$1 lib="$A/ffi/$1" exe="$WORK/abi-$1" compiler=() runner=()
  shift
  while [[ $1 != -- ]]; do compiler+=("$1"); shift; done
  shift
  runner=("$@")
  "${compiler[@]}" -o "$exe" "$WORK/assets/abi_test.c" -I"$A/ffi/include" -L"$lib" -lomg_payment_ffi -Wl,-rpath,"$lib" || return 1
  echo "$rid: $(file -b "$lib"/libomg_payment_ffi.so | cut -d, -f1-2); test program: $(file -b "$exe" | cut -d, -f1-2,5)"
  local out
  out="$(clean "${runner[@]}" "$exe" 1 2>&1)"
  grep -E '^abi: ' <<<"$out" || { tail -5 <<<"$out"; return 1; }
  grep -qE '^abi: [0-9]+ passed, 0 failed$' <<<"$out"
}
check "C ABI linux-x64 (glibc): abi_test.c" abi_run linux-x64 gcc -Wall -Werror -- env
check "C ABI linux-arm64 (glibc) under qemu-aarch64: abi_test.c (built with zig cc -target aarch64-linux-gnu.2.17)" \
  abi_run linux-arm64 "$ZIG" cc -target aarch64-linux-gnu.2.17 -- env QEMU_LD_PREFIX="$SYSROOT" qemu-aarch64-static
check "C ABI linux-musl-x64 with Debian's musl loader: abi_test.c (built with musl-gcc)" \
  abi_run linux-musl-x64 musl-gcc -- env
check "C ABI linux-musl-arm64 under qemu-aarch64 with Debian's arm64 musl: abi_test.c (built with zig cc -target aarch64-linux-musl)" \
  abi_run linux-musl-arm64 "$ZIG" cc -target aarch64-linux-musl -- env QEMU_LD_PREFIX="$SYSROOT" qemu-aarch64-static
