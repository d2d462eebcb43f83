# Sourced by scripts/test-dist.sh: the wheels.

wheels="$A/python"
# pip's own tag check: would `pip install omg-payment` pick one of our wheels on that system? pip
# on a glibc 2.Y machine accepts manylinux_2_Y down to manylinux_2_5, on musl 1.Z musllinux_1_Z
# down to 1_0; `--platform` takes each tag explicitly, so a system is its list of tags.
system_tags() { # manylinux_2_31_x86_64 -> --platform manylinux_2_31_x86_64 ... --platform manylinux_2_5_x86_64
  local family=${1%%_[0-9]*} rest=${1#*_} major minor arch
  major=${rest%%_*}; rest=${rest#*_}; minor=${rest%%_*}; arch=${rest#*_}
  for ((m = minor; m >= 0; m--)); do
    [[ $family == manylinux && $m -lt 5 ]] && break
    echo "--platform ${family}_${major}_${m}_${arch}"
  done
}
pip_platform_check() { # system-tag python-version: downloads from dist/python only, no index
  local dest="$WORK/pip-download/$1-$2"
  # shellcheck disable=SC2046
  clean "$PYTHON" -m pip download -q --disable-pip-version-check --no-index --find-links "$wheels" --only-binary=:all: \
    --no-deps $(system_tags "$1") --python-version "$2" --implementation cp -d "$dest" omg-payment &&
    echo "pip on $1 (CPython $2) picks $(ls "$dest")"
}
for system in manylinux_2_17_x86_64 manylinux_2_28_x86_64 manylinux_2_31_x86_64 manylinux_2_17_aarch64 manylinux_2_28_aarch64 \
  musllinux_1_2_x86_64 musllinux_1_2_aarch64; do
  check "pip accepts a wheel on a $system system" pip_platform_check "$system" 3.11
done
check "pip accepts the abi3 wheel for CPython 3.13 too (manylinux_2_17_x86_64)" pip_platform_check manylinux_2_17_x86_64 3.13
refused_for_glibc_2_12() { ! pip_platform_check manylinux_2_12_x86_64 3.11 >/dev/null 2>&1 && echo "no wheel for a glibc 2.12 system (CentOS 6): as tagged"; }
check "pip's check can fail: no wheel for a manylinux_2_12_x86_64 system" refused_for_glibc_2_12

python_x86_64() {
  local venv="$WORK/venv" wheel
  wheel="$(ls "$wheels"/omg_payment-*manylinux_2_17_x86_64*.whl)"
  clean "$PYTHON" -m venv "$venv" &&
    clean "$venv/bin/pip" install -q --disable-pip-version-check "$wheel[fastapi]" uvicorn &&
    echo "installed $(basename "$wheel") into a fresh venv ($("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_platform())'))" &&
    clean "$venv/bin/python" "$WORK/assets/smoke.py" "$VECTORS" "$SIM"
}
check "the manylinux x86_64 wheel in a fresh venv: vectors, checkout, notifications, FastAPI app, omg-sim" python_x86_64

python_aarch64() {
  local target="$WORK/py-aarch64" wheel
  wheel="$(ls "$wheels"/omg_payment-*manylinux_2_17_aarch64*.whl)"
  # pip installs for another platform into a folder: the aarch64 wheel, FastAPI and uvicorn with
  # their aarch64 wheels (pydantic-core is native), exactly what pip on that machine would pick.
  clean env PIP_ROOT_USER_ACTION=ignore "$PYTHON" -m pip install -q --disable-pip-version-check --no-warn-conflicts \
    --only-binary=:all: --platform manylinux_2_17_aarch64 \
    --python-version 3.11 --implementation cp --target "$target" "$wheel[fastapi]" uvicorn &&
    echo "installed $(basename "$wheel") for manylinux_2_17_aarch64 into $target" &&
    clean env QEMU_LD_PREFIX="$SYSROOT" PYTHONPATH="$target" \
      qemu-aarch64-static "$SYSROOT/usr/bin/python3.11" "$WORK/assets/smoke.py" "$VECTORS" "$SIM"
}
check "the manylinux aarch64 wheel under qemu-aarch64 with Debian's arm64 python3.11: the same smoke test" python_aarch64
