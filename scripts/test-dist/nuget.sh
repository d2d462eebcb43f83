# Sourced by scripts/test-dist.sh: the NuGet package, from a local feed, in a Mono console app.

nuget_app() {
  local app="$WORK/dotnet" feed="$WORK/feed" installed
  mkdir -p "$app" "$feed"
  cp "$A/nuget/Omg.Payment.$VERSION.nupkg" "$feed/"
  clean nuget install Omg.Payment -Version "$VERSION" -Source "$feed" -OutputDirectory "$app/packages" -NonInteractive -NoCache >/dev/null || return 1
  installed="$app/packages/Omg.Payment.$VERSION"
  echo "nuget install Omg.Payment $VERSION from a local feed -> runtimes: $(ls "$installed/runtimes" | tr '\n' ' ')"
  cp "$WORK/assets/Program.cs" "$HERE/OmgConsole.csproj" "$app/"
  clean sh -c "cd '$app' && xbuild /nologo /verbosity:quiet /p:OmgPaymentVersion=$VERSION OmgConsole.csproj" >"$WORK/xbuild.log" 2>&1 ||
    { tail -20 "$WORK/xbuild.log"; return 1; }
  echo "xbuild with the package's build/Omg.Payment.targets -> bin/: $(cd "$app/bin" && find . -type f | sort | tr '\n' ' ')"
  # No LD_LIBRARY_PATH, no MONO_PATH: Mono finds the library through Omg.Payment.dll.config's dllmap.
  clean sh -c "cd '$app/bin' && unset LD_LIBRARY_PATH && mono OmgConsole.exe '$SIM'" || return 1
  # And the dllmap is what finds it: without Omg.Payment.dll.config, Mono cannot.
  local out
  rm "$app/bin/Omg.Payment.dll.config"
  if out="$(clean sh -c "cd '$app/bin' && mono OmgConsole.exe '$SIM'" 2>&1)"; then echo "ran without the dllmap?"; return 1; fi
  grep -m1 -o 'DllNotFoundException: omg_payment_ffi' <<<"$out"
}
check "NuGet: nuget install + xbuild of the console example + mono, without LD_LIBRARY_PATH (linux-x64 via dllmap)" nuget_app
