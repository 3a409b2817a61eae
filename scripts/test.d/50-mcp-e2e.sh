#!/usr/bin/env bash
# End-to-end test of `mx mcp` with a real third-party client: the official MCP Python SDK (PyPI `mcp`), installed
# into a venv under target/. It launches the debug `mx` binary over stdio with a temporary MX_HOME, lists the tools,
# creates memories with conversationId "NEW", searches, recalls, checks tool errors for bad input, and runs several
# servers and CLI writers on one store at once. A missing python3/venv/pip is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

command -v python3 >/dev/null || { echo "error: python3 is required for the MCP end-to-end test" >&2; exit 1; }
venv="$CARGO_TARGET_DIR/venv-mcp"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || { echo "error: cannot create a venv (install python3-venv)" >&2; exit 1; }
fi
# Pinned to the major version the test was written against; pip says loudly why when it cannot install.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "mcp>=2.3,<3" "pytest>=8" || {
    echo "error: cannot install the MCP Python SDK (PyPI mcp) into $venv" >&2
    exit 1
}

cargo build --quiet -p mx
MX_BIN="$CARGO_TARGET_DIR/debug/mx" "$venv/bin/python" -m pytest -q -p no:cacheprovider host/cli/tests/e2e/test_mcp_e2e.py
