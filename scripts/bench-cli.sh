#!/usr/bin/env bash
# The issue-3 speed benchmark of the `mx` CLI, whole processes, release build:
#   1. generate N realistic memories (scripts/bench-cli-gen.py; default 100,000) as JSONL,
#   2. `mx import` them into a fresh MX_HOME (memories/s),
#   3. `mx memories search` and `mx memories digest` as fresh processes (p50/p95, hyperfine),
#   4. single `mx memories create` processes (p50),
#   5. peak RSS of a digest (/usr/bin/time -v).
# Usage: scripts/bench-cli.sh [N]. Needs python3, hyperfine (apt-get install -y hyperfine) and GNU time.
# "Cold" = a new process each run (open the store, load the index, answer); the OS page cache stays warm, since
# dropping it needs privileges a container doesn't have.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
for tool in python3 hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench-cli: $tool is missing (apt-get install -y hyperfine time python3)" >&2; exit 1; }
done
cargo build --release -p mx
MX="$CARGO_TARGET_DIR/release/mx"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mx-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export MX_HOME="$WORK/home" NO_COLOR=1 MX_FORMAT=json
unset CLAUDECODE CURSOR_TRACE_ID GITHUB_COPILOT_CLI MX_PROFILE || true
PROJECT="github.com/acme/shop-api"

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rustc --version)"
# Other work on the machine inflates every figure: record how busy it was.
echo "== load average (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== generating $N memories"
python3 scripts/bench-cli-gen.py "$N" > "$WORK/memories.jsonl"
ls -l "$WORK/memories.jsonl" | awk '{printf "   %.1f MB\n", $5/1e6}'

echo "== import"
start=$(date +%s.%N)
"$MX" import "$WORK/memories.jsonl" --format llm
end=$(date +%s.%N)
python3 -c "s=$end-$start; print(f'   {$N} memories in {s:.2f} s = {$N/s:,.0f} memories/s')"
"$MX" doctor --format llm | sed 's/^/   /'
du -sh "$MX_HOME"/mx.db "$MX_HOME"/index 2>/dev/null | sed 's/^/   /'

echo "== search (whole process, new process per run)"
hyperfine -N --warmup 3 --runs 60 --export-json "$WORK/search.json" \
    "$MX memories search 'stripe idempotency retries' --project $PROJECT" \
    "$MX memories search 'root cause connection pool exhausted' --project $PROJECT" \
    "$MX memories search 'kafka consumer' --all-projects" \
    "$MX memories search 'which database had the connection-pool outage' --project $PROJECT" >/dev/null
echo "== digest"
hyperfine -N --warmup 3 --runs 40 --export-json "$WORK/digest.json" \
    "$MX memories digest --query 'payments feature' --project $PROJECT" \
    "$MX memories digest --project $PROJECT" >/dev/null
echo "== create (one memory per process)"
hyperfine -N --warmup 2 --runs 40 --export-json "$WORK/create.json" \
    "$MX memories create --project $PROJECT --topics bench --content 'Benchmark write: decided to keep the retry budget at 3 attempts.'" >/dev/null
python3 - "$WORK" <<'PY'
import json, sys, statistics
work = sys.argv[1]
for name in ("search", "digest", "create"):
    for r in json.load(open(f"{work}/{name}.json"))["results"]:
        t = sorted(x * 1000 for x in r["times"])
        p = lambda q: t[min(len(t) - 1, int(round(q * (len(t) - 1))))]
        cmd = r["command"].split("/release/")[-1]
        print(f"   {name:6} p50 {p(0.5):6.1f} ms  p95 {p(0.95):6.1f} ms  max {t[-1]:6.1f} ms  {cmd}")
PY
echo "== peak RSS of a digest"
for args in "--query 'payments feature'" ""; do
    eval "/usr/bin/time -v \"$MX\" memories digest $args --project \"$PROJECT\"" 2>&1 >/dev/null \
        | awk -F': ' -v what="digest $args" '/Maximum resident set size/ {printf "   %.1f MB  %s\n", $2/1024, what}'
done
echo "== load average at the end (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
