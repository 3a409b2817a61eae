#!/usr/bin/env bash
# Formatting: both workspaces (the host and plugins/) as rustfmt.toml says. Fails with the files that drifted; fix
# with `cargo fmt --all && (cd plugins && cargo fmt --all)`.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! cargo fmt --version >/dev/null 2>&1; then
    if command -v rustup >/dev/null; then
        rustup component add rustfmt
    else
        echo "rustfmt is missing and rustup is not there to add it" >&2
        exit 1
    fi
fi
cargo fmt --all --check
(cd plugins && cargo fmt --all --check)
echo "formatting: both workspaces match rustfmt.toml"
