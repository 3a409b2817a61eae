#!/usr/bin/env bash
# The Python package mx-memory (bindings-python/): builds a wheel (debug profile, shared CARGO_TARGET_DIR), installs it
# into a FRESH venv and runs the quickstart there (the install test), checks the .pyi stubs against the built module
# (mypy.stubtest), then runs the pytest suite, which also drives the `mx` CLI against the same store.
# Tools come from PyPI into venvs under target/; a missing Python or an unreachable PyPI fails loudly.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null || { echo "45-python: '$PYTHON' not found; install Python 3.9+ (or set PYTHON)" >&2; exit 1; }
"$PYTHON" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' \
    || { echo "45-python: $PYTHON is older than 3.9 or lacks the venv module" >&2; exit 1; }

repo=$PWD
tools="$CARGO_TARGET_DIR/venv-py"
wheels="$CARGO_TARGET_DIR/wheels-py"
fresh="$CARGO_TARGET_DIR/venv-py-install"
pip_quiet=(--quiet --disable-pip-version-check)

[ -x "$tools/bin/python" ] || "$PYTHON" -m venv "$tools"
"$tools/bin/python" -m pip install "${pip_quiet[@]}" "maturin>=1.16,<2" "pytest>=8" "mypy>=1.10" \
    || { echo "45-python: cannot install maturin, pytest and mypy from PyPI" >&2; exit 1; }

echo "--> building the mx CLI (the interop tests run it) and the mx-memory wheel (debug)"
cargo build -p mx --quiet
rm -rf "$wheels"
"$tools/bin/maturin" build --quiet --manifest-path bindings-python/Cargo.toml --out "$wheels" --interpreter "$tools/bin/python"
wheel=$(ls "$wheels"/mx_memory-*.whl)
"$tools/bin/python" -m pip install "${pip_quiet[@]}" --force-reinstall --no-deps "$wheel"

echo "--> install test: $(basename "$wheel") into a fresh venv, then the quickstart"
rm -rf "$fresh"
"$PYTHON" -m venv "$fresh"
"$fresh/bin/python" -m pip install "${pip_quiet[@]}" --no-index "$wheel"
install_home=$(mktemp -d)
trap 'rm -rf "$install_home"' EXIT
(cd "$install_home" && MX_HOME="$install_home/mx" MX_PROJECT=install-test "$fresh/bin/python" "$repo/bindings-python/examples/quickstart.py") \
    | tee "$install_home/out.txt"
grep -q "retry Stripe webhooks" "$install_home/out.txt" \
    || { echo "45-python: the installed package did not find the memory it had just saved" >&2; exit 1; }

echo "--> stubtest: the .pyi stubs against the built module; mypy --strict on the quickstart through them"
(cd "$install_home" && "$tools/bin/python" -m mypy.stubtest mx_memory --concise)
(cd "$install_home" && "$tools/bin/python" -m mypy --strict --no-incremental "$repo/bindings-python/examples/quickstart.py")

echo "--> pytest"
MX_BIN="$CARGO_TARGET_DIR/debug/mx" "$tools/bin/python" -m pytest bindings-python/tests -q -p no:cacheprovider
