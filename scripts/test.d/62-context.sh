#!/usr/bin/env bash
# Context gate (issue 20): builds mx (debug) and runs `mx eval context` on the repository's context sets, which run the
# real claude-code hooks (session start, then the prompt) for each task at its time. Each set must keep issue 20's
# bar: needed-memory recall >= 0.90 within 2,000 tokens of session start plus prompt, per-prompt precision >= 0.8,
# and no superseded or replaced memory injected as current. eval/context-heldout is the held-out set (EVAL.md). Takes
# a few seconds after the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build -p mx
MX="$TARGET_DIR/debug/mx"
# A throwaway home: the eval's store is temporary anyway, this keeps the plugin compile cache out of the user's.
MX_HOME="$(mktemp -d)"
export MX_HOME
trap 'rm -rf "$MX_HOME"' EXIT
found=0
for d in eval/context-*/; do
    [ -f "$d/tasks.jsonl" ] || continue
    found=$((found + 1))
    "$MX" eval context --dataset "${d%/}" --format table \
        --min-recall 0.90 --min-precision 0.80 --max-tokens 2000 --max-superseded 0
done
if [ "$found" -lt 3 ]; then
    echo "62-context.sh: expected at least three context datasets under eval/, found $found" >&2
    exit 1
fi
