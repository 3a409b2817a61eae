#!/usr/bin/env bash
# The wasm build of mx-core and its Node test.
#
# Builds mx-core for wasm32-unknown-unknown with feature `wasm`, generates the JS packages with wasm-bindgen-cli
# (same version as the pinned wasm-bindgen crate), and runs core/wasm-test/ with node's test runner.
# Outputs (reused by the npm package as `mx-memory/wasm`):
#   $CARGO_TARGET_DIR/wasm-pkg/nodejs/  mx_core.js, mx_core.d.ts, mx_core_bg.wasm  (CommonJS, for Node)
#   $CARGO_TARGET_DIR/wasm-pkg/web/     mx_core.js, mx_core.d.ts, mx_core_bg.wasm  (ES module, for browsers)
# Installs what it needs: the rustup target, and wasm-bindgen-cli into $CARGO_TARGET_DIR/tools (once, ~2.5 min).
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
WASM_BINDGEN_VERSION=0.2.130

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi

TOOLS="$TARGET_DIR/tools"
WASM_BINDGEN="$TOOLS/bin/wasm-bindgen"
if ! [ -x "$WASM_BINDGEN" ] || [ "$("$WASM_BINDGEN" --version)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # Not --locked: the lock file of 0.2.130 pins a webpki-roots version the registry no longer serves.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS"
fi

command -v node >/dev/null || { echo "20-wasm.sh: node is required for the wasm test (Node 20+)" >&2; exit 1; }

cargo build -p mx-core --target wasm32-unknown-unknown --features wasm
WASM="$TARGET_DIR/wasm32-unknown-unknown/debug/mx_core.wasm"
"$WASM_BINDGEN" --target nodejs --out-dir "$TARGET_DIR/wasm-pkg/nodejs" "$WASM"
"$WASM_BINDGEN" --target web --out-dir "$TARGET_DIR/wasm-pkg/web" "$WASM"

MX_WASM_PKG="$TARGET_DIR/wasm-pkg/nodejs" node --test core/wasm-test/
