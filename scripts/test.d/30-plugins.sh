#!/usr/bin/env bash
# Adapter plugins are WebAssembly components built by host/builtin-plugins/build.rs for wasm32-unknown-unknown
# (the built-in adapters and the misbehaving test plugins used by the sandbox tests). Make sure the target is
# there; the Rust suite (90-rust.sh) then builds and tests them.
set -euo pipefail
if ! command -v rustup >/dev/null; then
    echo "rustup is required to add the wasm32-unknown-unknown target" >&2
    exit 1
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi
# The plugin workspace on its own: the SDK, the example and the test plugins must build for the wasm target.
cargo build --release --target wasm32-unknown-unknown --manifest-path plugins/Cargo.toml \
    --target-dir "${CARGO_TARGET_DIR:-target}/plugins" --quiet
echo "plugins: wasm32 build ok"
