#!/usr/bin/env bash
# dist/nuget: Omg.Payment.<version>.nupkg with lib/netstandard2.0/Omg.Payment.dll (compiled by
# Mono's mcs, netstandard2.0 APIs only), runtimes/<rid>/native/ for every library of dist/ffi, the
# Mono dllmap (Omg.Payment.dll.config) and build/ + buildTransitive/Omg.Payment.targets. Packed by
# Debian's NuGet 2.8.7, then its .nuspec completed (license, repository, readme, netstandard2.0:
# scripts/dist/nupkg_metadata.py). Needs dist/ffi (scripts/dist/ffi.sh).
set -euo pipefail
DIST_STEP=dist-nuget
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
command -v mcs >/dev/null && command -v nuget >/dev/null || bash "$ROOT/scripts/dist/tools.sh"
FFI="$DIST/ffi"
[[ -f "$FFI/linux-x64/libomg_payment_ffi.so" ]] || die "dist/ffi is missing: run scripts/dist/ffi.sh first"
OUT="$DIST/nuget"
rm -rf "$OUT"
mkdir -p "$OUT"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/lib" "$STAGE/native"

started "Omg.Payment.dll (mcs)"
mcs -nologo -target:library -unsafe -warn:4 -warnaserror -doc:"$STAGE/lib/Omg.Payment.xml" \
  -out:"$STAGE/lib/Omg.Payment.dll" $(find "$ROOT/dotnet/Omg.Payment" -name '*.cs' | sort)
written "$STAGE/lib/Omg.Payment.dll"
cp "$ROOT/dotnet/Omg.Payment/build/Omg.Payment.dll.config" "$ROOT/dotnet/Omg.Payment/build/Omg.Payment.targets" \
  "$ROOT/README.md" "$STAGE/lib/"
cp "$FFI/linux-x64/libomg_payment_ffi.so" "$STAGE/native/"
for dir in "$FFI"/*/; do
  rid="$(basename "$dir")"
  [[ "$rid" == include || "$rid" == linux-x64 ]] && continue
  mkdir -p "$STAGE/native/$rid/native"
  cp "$dir"/* "$STAGE/native/$rid/native/"
done

started "Omg.Payment.$VERSION.nupkg"
nuget pack "$ROOT/dotnet/Omg.Payment/Omg.Payment.nuspec" -BasePath "$STAGE" -OutputDirectory "$OUT" \
  -NoPackageAnalysis -NonInteractive >"$STAGE/nuget.log" 2>&1 || { cat "$STAGE/nuget.log"; die "nuget pack failed"; }
package="$OUT/Omg.Payment.$VERSION.nupkg"
SOURCE_DATE_EPOCH="$ARCHIVE_EPOCH" python3 "$ROOT/scripts/dist/nupkg_metadata.py" "$package" "$ROOT/dotnet/Omg.Payment/Omg.Payment.csproj" \
  "$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
written "$package"
say "  runtimes: $(python3 -m zipfile -l "$package" | awk '$1 ~ /^runtimes\// {split($1, p, "/"); print p[2]}' | sort -u | tr '\n' ' ')"
