#!/usr/bin/env bash
# The wasm build of mx-core and its Node test.
#
# scripts/build-wasm.sh builds mx-core for wasm32-unknown-unknown with feature `wasm` and generates the JS packages
# into $CARGO_TARGET_DIR/wasm-pkg/{nodejs,web} (reused by the npm package as `mx-memory/wasm`); core/wasm-test/ then
# runs with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

command -v node >/dev/null || { echo "20-wasm.sh: node is required for the wasm test (Node 20+)" >&2; exit 1; }

bash scripts/build-wasm.sh
MX_WASM_PKG="$TARGET_DIR/wasm-pkg/nodejs" node --test core/wasm-test/
