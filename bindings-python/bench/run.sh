#!/usr/bin/env bash
# The binding-overhead benchmark (BENCHMARKS.md "Python binding"): a release build of mx-memory in its own venv, then
# bench_search.py, which also runs the Rust side (`cargo bench --bench search`, release).
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
venv="$CARGO_TARGET_DIR/venv-py-bench"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.16,<2"
rm -rf "$CARGO_TARGET_DIR/wheels-py-release"
"$venv/bin/maturin" build --release --quiet --manifest-path bindings-python/Cargo.toml \
    --out "$CARGO_TARGET_DIR/wheels-py-release" --interpreter "$venv/bin/python"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
    "$CARGO_TARGET_DIR"/wheels-py-release/mx_memory-*.whl
"$venv/bin/python" bindings-python/bench/bench_search.py "$@"
