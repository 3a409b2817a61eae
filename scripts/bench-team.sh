#!/usr/bin/env bash
# Team sync benchmark (issue 15), release build, against a throwaway PostgreSQL cluster (scripts/pg-cluster) and real
# `mx serve` processes on 127.0.0.1:
#   - push: PUSH memories (scripts/bench-cli-gen.py) imported into a logged-in machine, then `mx team sync`;
#   - pull: the server then holds PULL memories (pushed the same way); `mx team sync` on an empty machine;
#   - the cost of being logged in: `mx memories create` against a loopback server vs. a store that is not;
#   - 50 clients at once through two servers: raw `/v1/push` of one memory and `/v1/pull`, latency per request as
#     the client sees it (loopback, so the server's time plus a few microseconds), p50 and p99.
# Usage: scripts/bench-team.sh [PUSH] [PULL]. Needs python3, hyperfine and PostgreSQL. Nothing generated stays.
set -euo pipefail
cd "$(dirname "$0")/.."
PUSH="${1:-10000}"
PULL="${2:-100000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
for tool in python3 hyperfine; do
    command -v "$tool" >/dev/null || { echo "bench-team: $tool is missing (apt-get install -y $tool)" >&2; exit 1; }
done
# MX_BENCH_SKIP_BUILD=1 reuses an existing release binary.
[ "${MX_BENCH_SKIP_BUILD:-}" = 1 ] || cargo build --release -p mx
RUSTC_VERSION="$(rustc --version)"
MX="$CARGO_TARGET_DIR/release/mx"
ROOT="$PWD"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mx-bench-team.XXXXXX")"
chmod o+x "$WORK"
servers=()
cleanup() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    "$ROOT/scripts/pg-cluster" stop "$WORK/pg" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
export NO_COLOR=1
unset CLAUDECODE CURSOR_TRACE_ID GITHUB_COPILOT_CLI MX_PROFILE MX_FORMAT MX_API_URL MX_API_KEY || true

echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $RUSTC_VERSION"
export MX_DATABASE_URL="$("$ROOT/scripts/pg-cluster" start "$WORK/pg")"

start_server() {
    "$MX" serve --listen 127.0.0.1:0 --rate-limit 1000000 > "$WORK/serve-$1.out" 2> "$WORK/serve-$1.err" &
    servers+=("$!")
    for _ in $(seq 100); do
        [ -s "$WORK/serve-$1.out" ] && break
        sleep 0.1
    done
    head -1 "$WORK/serve-$1.out" | awk '{print $NF}'
}
A_URL="$(start_server a)"
B_URL="$(start_server b)"
KEY="$("$MX" serve key create --team bench --user alice)"

machine() {   # machine NAME URL: a data home logged in to URL
    mkdir -p "$WORK/$1"
    echo "$KEY" | MX_HOME="$WORK/$1" "$MX" auth login --server "$2" --api-key-stdin >/dev/null
}
seconds() { python3 -c 'import sys,time; print(f"{time.monotonic():.6f}")'; }

python3 scripts/bench-cli-gen.py "$PUSH" > "$WORK/push.jsonl"
machine push "$A_URL"
MX_HOME="$WORK/push" "$MX" import "$WORK/push.jsonl" >/dev/null
t0=$(seconds)
MX_HOME="$WORK/push" "$MX" team sync >/dev/null
t1=$(seconds)
python3 -c "print(f'== push: {$PUSH} memories in {$t1 - $t0:.2f} s through one server: {$PUSH / ($t1 - $t0):,.0f}/s')"

if [ "$PULL" -gt "$PUSH" ]; then
    python3 scripts/bench-cli-gen.py "$((PULL - PUSH))" | sed 's/"id": "bench-/"id": "more-/' > "$WORK/more.jsonl"
    MX_HOME="$WORK/push" "$MX" import "$WORK/more.jsonl" >/dev/null
    MX_HOME="$WORK/push" "$MX" team sync >/dev/null
fi
machine pull "$B_URL"
t0=$(seconds)
MX_HOME="$WORK/pull" "$MX" team sync >/dev/null
t1=$(seconds)
pulled=$(MX_HOME="$WORK/pull" "$MX" export | grep -c '"content"')
python3 -c "print(f'== pull: {$pulled} memories into an empty store in {$t1 - $t0:.2f} s')"

# The cost of a write while logged in (push within its budget) against the same store logged out.
machine online "$A_URL"
mkdir -p "$WORK/offline"
export MX_PROJECT="github.com/acme/shop-api"
hyperfine -N --warmup 3 --runs 60 --export-markdown "$WORK/create.md" \
    -n "create, not logged in" "env MX_HOME=$WORK/offline $MX memories create --content 'Retry webhooks with backoff, capped at 5 attempts' --topics payments" \
    -n "create, logged in (loopback server)" "env MX_HOME=$WORK/online $MX memories create --content 'Retry webhooks with backoff, capped at 5 attempts' --topics payments" \
    >/dev/null
cat "$WORK/create.md"

echo "== 50 clients at once through two servers (raw HTTP, one memory per push, then a pull)"
python3 - "$A_URL" "$B_URL" "$KEY" <<'PY'
import json, sys, threading, time, urllib.request
a, b, key = sys.argv[1], sys.argv[2], sys.argv[3]
CLIENTS, ROUNDS = 50, 40
lat = {"push": [], "pull": []}
lock = threading.Lock()
errors = []

def call(url, body=None):
    req = urllib.request.Request(url, data=body, headers={"Authorization": f"Bearer {key}",
                                                          "Content-Type": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as r:
        r.read()
    return time.perf_counter() - t0

def client(c):
    base = a if c % 2 == 0 else b
    for i in range(ROUNDS):
        mid = f"01kb{c:04d}{i:04d}" + "0" * 14
        now = "2026-12-01T00:00:00Z"
        body = json.dumps({"changes": [{"id": mid, "version": 1764547200000, "memory": {
            "id": mid, "content": f"client {c} note {i}: the ledger retries", "kind": "note",
            "conversationId": "conv_" + mid, "project": "bench", "createdAt": now, "updatedAt": now}}]}).encode()
        try:
            p = call(f"{base}/v1/push", body)
            q = call(f"{base}/v1/pull?after=0&limit=100")
        except Exception as err:  # noqa: BLE001 - reported, not hidden
            with lock:
                errors.append(str(err))
            continue
        with lock:
            lat["push"].append(p)
            lat["pull"].append(q)

threads = [threading.Thread(target=client, args=(c,)) for c in range(CLIENTS)]
t0 = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
wall = time.perf_counter() - t0
for name, xs in lat.items():
    xs.sort()
    if not xs:
        continue
    p50, p99 = xs[len(xs) // 2], xs[min(len(xs) - 1, int(len(xs) * 0.99))]
    print(f"{name}: {len(xs)} requests, p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
print(f"{CLIENTS * ROUNDS * 2} requests in {wall:.1f} s ({CLIENTS * ROUNDS * 2 / wall:,.0f}/s), errors: {len(errors)}")
if errors:
    print("first error:", errors[0])
PY
