#!/usr/bin/env bash
# Fuzz targets (fuzz/, its own workspace; RELIABILITY.md): each runs for a bounded time from its checked-in seeds
# and regression inputs (fuzz/seeds/<target>, fuzz/regressions/<target>). New inputs go to a scratch corpus under the
# target directory, never into the repository. Needs a nightly toolchain and cargo-fuzz: installed here when missing;
# a failure to install fails this part. The checked-in fuzz/Cargo.lock must match: `cargo fetch --locked` fails this
# part instead of letting the build rewrite it.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
seconds="${MX_FUZZ_SECONDS:-20}"
targets=(redact question transcript_claude_code transcript_cursor mcp_arguments import_record)

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    rustup toolchain install nightly --profile minimal || { echo "error: cannot install the nightly toolchain" >&2; exit 1; }
fi
if ! command -v cargo-fuzz >/dev/null; then
    cargo install cargo-fuzz --locked --quiet || { echo "error: cannot install cargo-fuzz" >&2; exit 1; }
fi
cd fuzz
cargo +nightly fetch --locked --quiet || { echo "error: fuzz/Cargo.lock is out of date; run \`cargo +nightly fetch\` in fuzz/ and commit it" >&2; exit 1; }
cargo +nightly fuzz build -s none --target-dir "$CARGO_TARGET_DIR/fuzz"
for target in "${targets[@]}"; do
    corpus="$CARGO_TARGET_DIR/fuzz-corpus/$target"
    mkdir -p "$corpus" "regressions/$target"
    cargo +nightly fuzz run -s none --target-dir "$CARGO_TARGET_DIR/fuzz" "$target" "$corpus" "seeds/$target" \
        "regressions/$target" -- -max_total_time="$seconds" -max_len=16384 -print_final_stats=1 2>&1 \
        | grep -a -E "stat::number_of_executed_units|^Done|^thread .* panicked|SUMMARY|^ERROR" || true
    # grep ate cargo-fuzz's exit status; a finding leaves an artifact.
    if compgen -G "artifacts/$target/*" >/dev/null; then
        echo "error: fuzz target $target found a failing input: $(ls artifacts/$target)" >&2
        exit 1
    fi
done
echo "fuzz: ${#targets[@]} targets ran ${seconds} s each without a finding"
