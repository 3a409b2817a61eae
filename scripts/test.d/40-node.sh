#!/usr/bin/env bash
# The npm package mx-memory (bindings-node): napi build, index.d.ts drift check, node --test (with the mx CLI for the
# interop tests), then an install test: npm pack, install the tarball into an empty directory, require + import every
# export of package.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

command -v node >/dev/null || { echo "40-node: node is missing; install Node.js 20 or newer" >&2; exit 1; }
command -v npm >/dev/null || { echo "40-node: npm is missing; install Node.js 20 or newer (it ships npm)" >&2; exit 1; }
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
    || { echo "40-node: node $(node --version) is too old; mx-memory needs Node.js 20 or newer" >&2; exit 1; }

# The CLI, for the tests that share a store with it.
cargo build -p mx
export MX_BIN="$CARGO_TARGET_DIR/debug/mx"

cd bindings-node
npm ci --no-audit --no-fund

# Debug build of the addon; regenerates native.js and index.d.ts, which are committed and must not drift.
npx napi build --platform --js native.js --dts index.d.ts
if ! git -C "$root" diff --exit-code -- bindings-node/index.d.ts bindings-node/native.js; then
    echo "40-node: bindings-node/index.d.ts or native.js is out of date: commit the regenerated files" >&2
    exit 1
fi

# Packing refuses a package whose exports point at missing files (the `prepack` check): without wasm/ there is no
# `mx-memory/wasm`, so `npm pack` must fail rather than ship a tarball that cannot be imported.
rm -rf wasm
if npm pack --dry-run >/dev/null 2>&1; then
    echo "40-node: npm pack accepted a package without wasm/" >&2
    exit 1
fi

# mx-memory/wasm: mx-core's (debug) wasm build from 20-wasm.sh; `npm run build:wasm` would rebuild it optimised.
node scripts/copy-wasm.mjs

npm test

# Install test: what `npm publish` would ship, installed into an empty project.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tarball="$(npm pack --silent --pack-destination "$scratch" | tail -n 1)"
contents="$(tar -tzf "$scratch/$tarball")"
grep -q '^package/mx-memory\..*\.node$' <<<"$contents" \
    || { echo "40-node: $tarball has no native addon for this platform" >&2; exit 1; }
grep -q '^package/wasm/web/mx_core_bg.wasm$' <<<"$contents" \
    || { echo "40-node: $tarball has no wasm core" >&2; exit 1; }
mkdir "$scratch/app"
cp support/install-check.mjs "$scratch/app/"
(
    cd "$scratch/app"
    echo '{ "name": "install-check", "private": true }' > package.json
    npm install --no-audit --no-fund --no-package-lock "$scratch/$tarball"
    node install-check.mjs
)
