#!/usr/bin/env bash
# Unit tests of the built-in adapters (transcript reading, prompt relevance, rule sizes), run natively from the
# plugin workspace; their end-to-end tests (tests/setup_*.rs, hooks_*.rs) run with the Rust suite.
set -euo pipefail
cargo test --manifest-path plugins/Cargo.toml --target-dir "${CARGO_TARGET_DIR:-target}/plugins" --quiet \
    -p adapter-common -p mx-adapter-claude-code -p mx-adapter-cursor -p mx-adapter-windsurf \
    -p mx-adapter-copilot -p mx-adapter-codex
echo "adapters: unit tests ok"
