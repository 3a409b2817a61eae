#!/usr/bin/env bash
# Builds mx-core for wasm32-unknown-unknown (feature `wasm`) and generates its JS packages with wasm-bindgen-cli (the
# same version as the pinned wasm-bindgen crate):
#   $CARGO_TARGET_DIR/wasm-pkg/nodejs/  mx_core.js, mx_core.d.ts, mx_core_bg.wasm  (CommonJS, for Node)
#   $CARGO_TARGET_DIR/wasm-pkg/web/     mx_core.js, mx_core.d.ts, mx_core_bg.wasm  (ES module, for browsers)
# `--release` builds the optimised core (what the npm package ships); the default is a debug build (tests).
# Installs what it needs: the rustup target, and wasm-bindgen-cli into $CARGO_TARGET_DIR/tools (once, ~2.5 min).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
WASM_BINDGEN_VERSION=0.2.130
profile=debug
cargo_profile=()
if [ "${1:-}" = "--release" ]; then
    profile=release
    cargo_profile=(--release)
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi

TOOLS="$TARGET_DIR/tools"
WASM_BINDGEN="$TOOLS/bin/wasm-bindgen"
if ! [ -x "$WASM_BINDGEN" ] || [ "$("$WASM_BINDGEN" --version)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    # Not --locked: the lock file of 0.2.130 pins a webpki-roots version the registry no longer serves.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --root "$TOOLS"
fi

cargo build -p mx-core --target wasm32-unknown-unknown --features wasm "${cargo_profile[@]}"
WASM="$TARGET_DIR/wasm32-unknown-unknown/$profile/mx_core.wasm"
"$WASM_BINDGEN" --target nodejs --out-dir "$TARGET_DIR/wasm-pkg/nodejs" "$WASM"
"$WASM_BINDGEN" --target web --out-dir "$TARGET_DIR/wasm-pkg/web" "$WASM"
