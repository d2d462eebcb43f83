#!/usr/bin/env bash
# dist/tools/omg-sim: the offline gateway, a helper for `make test-dist` (its smoke tests pay and
# receive notifications against it). Not a release artefact.
set -euo pipefail
DIST_STEP=dist-sim
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
started "omg-sim (test helper)"
# The native target folder: the same debug build the language suites use.
CARGO_TARGET_DIR="${OMG_NATIVE_TARGET:-$ROOT/target}" cargo build --quiet -p omg-sim --bin omg-sim
mkdir -p "$DIST/tools"
cp "${OMG_NATIVE_TARGET:-$ROOT/target}/debug/omg-sim" "$DIST/tools/omg-sim"
written "$DIST/tools/omg-sim"
