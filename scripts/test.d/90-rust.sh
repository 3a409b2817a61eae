#!/usr/bin/env bash
# The Rust workspace: unit, integration and snapshot tests (debug build, one shared target dir).
set -euo pipefail
cargo test --workspace --no-fail-fast
