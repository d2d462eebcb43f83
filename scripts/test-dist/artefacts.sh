# Sourced by scripts/test-dist.sh: what the artefacts are, read from the files themselves.

unpacked="$WORK/unpacked"
mkdir -p "$unpacked"
for f in "$A"/python/*.whl "$A"/nuget/*.nupkg; do (cd "$unpacked" && mkdir -p "$(basename "$f")" && unzip -q -o "$f" -d "$(basename "$f")"); done
for f in "$A"/node/*.tgz "$A"/php/php_omg_payment-*_php*.tgz; do mkdir -p "$unpacked/$(basename "$f")" && tar xzf "$f" -C "$unpacked/$(basename "$f")"; done
natives=()
while IFS= read -r f; do natives+=("$f"); done < <(find "$unpacked" "$A/ffi" -type f \( -name '*.so' -o -name '*.node' -o -name '*.dylib' -o -name '*.dll' \) | sort)

every_native_file_stripped() {
  echo "${#natives[@]} native files (wheels, npm packages, C ABI, NuGet, PHP):"
  python3 "$ROOT/scripts/dist/check_stripped.py" "${natives[@]}" | sed "s|$WORK/||"
}
check "every native file is stripped (ELF: no .symtab, Mach-O: no local symbols, PE: no COFF symbols)" every_native_file_stripped

glibc_at_most_2_17() {
  local bad=0 f need
  for f in "${natives[@]}"; do
    file -b "$f" | grep -q '^ELF' || continue
    [[ "$f" == *musl* ]] && continue
    need="$(objdump -T "$f" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -uV | tail -1)"
    echo "$need  ${f#"$WORK"/}"
    [[ "$(printf '%s\n' "$need" GLIBC_2.17 | sort -V | tail -1)" == GLIBC_2.17 ]] || bad=1
  done
  return $bad
}
check "no gnu .so/.node needs a glibc symbol newer than 2.17 (objdump -T)" glibc_at_most_2_17

auditwheel_says_2_17() {
  local bad=0 wheel
  for wheel in "$A"/python/*manylinux*.whl; do
    "$AUDITWHEEL" show "$wheel" | tr '\n' ' ' | grep -o '^.*platform tag: "[^"]*"' | sed 's/  */ /g'
    "$AUDITWHEEL" show "$wheel" | grep -q '"manylinux_2_17_' || bad=1
  done
  return $bad
}
check "auditwheel show: both manylinux wheels are manylinux_2_17" auditwheel_says_2_17

npm_main_has_no_node() {
  local main="$A/node/omg-payment-$VERSION.tgz"
  tar tzf "$main" | sed 's/^/  /'
  ! tar tzf "$main" | grep -q '\.node$' && python3 "$ROOT/scripts/check-versions.py" "$ROOT" | tail -8
}
check "the npm main package holds no .node and depends on every platform package at $VERSION" npm_main_has_no_node

prepack_refuses() {
  local dir="$WORK/prepack"
  rm -rf "$dir" && mkdir -p "$dir/npm"
  cp -r "$ROOT/node/npm/linux-x64-gnu" "$ROOT/node/npm/check-pack.js" "$dir/npm/"
  local out
  if out="$(clean sh -c "cd '$dir/npm/linux-x64-gnu' && npm pack --dry-run 2>&1")"; then echo "$out"; return 1; fi
  grep 'refusing to pack' <<<"$out" || return 1
  # The main package without its optionalDependencies (packed in node/, not by make dist).
  (cd "$ROOT/node" && cp -r package.json index.js README.md "$dir/")
  cp -r "$ROOT/node/npm/"*/ "$dir/npm/" 2>/dev/null
  if out="$(clean sh -c "cd '$dir' && npm pack --dry-run 2>&1")"; then echo "$out"; return 1; fi
  grep 'refusing to pack' <<<"$out"
}
check "npm pack refuses a platform package without its .node, and the main package without its platform packages" prepack_refuses

nupkg_contents() {
  local package="$A/nuget/Omg.Payment.$VERSION.nupkg" rids
  rids="$(unzip -Z1 "$package" | awk -F/ '$1 == "runtimes" {print $2}' | sort -u)"
  echo "RIDs: $(tr '\n' ' ' <<<"$rids")"
  unzip -Z1 "$package" | grep -E '\.targets$|\.dll\.config$|README|netstandard'
  unzip -p "$package" Omg.Payment.nuspec | grep -E '<license|<repository|<readme|targetFramework'
  (($(wc -l <<<"$rids") >= 7)) && unzip -Z1 "$package" | grep -qx build/Omg.Payment.targets &&
    unzip -Z1 "$package" | grep -qx buildTransitive/Omg.Payment.targets &&
    unzip -p "$package" Omg.Payment.nuspec | grep -q 'targetFramework=".NETStandard2.0"' &&
    unzip -p "$package" Omg.Payment.nuspec | grep -q '<license type="expression">MIT</license>'
}
check "the nupkg: >= 7 RIDs under runtimes/, build/ + buildTransitive/ .targets, license MIT, netstandard2.0" nupkg_contents

check "actionlint (with shellcheck) .github/workflows/release.yml" "$ACTIONLINT" "$ROOT/.github/workflows/release.yml"
