#!/usr/bin/env bash
# Staleness benchmark (issue 16): a generated repository of COMMITS commits (git fast-import) and a store of MEMORIES
# memories (scripts/bench-cli-gen.py) whose project's memories anchor files of that repository at random commits.
# Measures, release build, whole processes with hyperfine:
#   - `mx hook claude-code session-start` run inside the repository (staleness on) and outside it (off);
#   - `mx memories search` inside and outside (the cost of staleness per search);
#   - the post-commit hook `mx setup git` installs, as git runs it after a commit, and the `mx hook git post-commit`
#     it starts in the background (what a commit would wait for if it were not in the background).
# Usage: scripts/bench-staleness.sh [COMMITS] [MEMORIES]. Needs python3, git and hyperfine. Nothing generated stays.
set -euo pipefail
cd "$(dirname "$0")/.."
COMMITS="${1:-10000}"
N="${2:-100000}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
for tool in python3 git hyperfine; do
    command -v "$tool" >/dev/null || { echo "bench-staleness: $tool is missing (apt-get install -y $tool)" >&2; exit 1; }
done
# MX_BENCH_SKIP_BUILD=1 reuses an existing release binary (e.g. while other builds hold the machine).
[ "${MX_BENCH_SKIP_BUILD:-}" = 1 ] || cargo build --release -p mx
RUSTC_VERSION="$(rustc --version)"   # before HOME moves: rustup reads its settings from HOME
MX="$CARGO_TARGET_DIR/release/mx"
REPO_ROOT="$PWD"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mx-bench-staleness.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export MX_HOME="$WORK/home" HOME="$WORK/user" NO_COLOR=1 GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
unset CLAUDECODE CURSOR_TRACE_ID GITHUB_COPILOT_CLI MX_PROFILE MX_FORMAT MX_PROJECT || true
mkdir -p "$HOME"
REPO="$WORK/shop-api"
OUTSIDE="$WORK/outside"
mkdir -p "$OUTSIDE"
echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $RUSTC_VERSION, load $(cut -d' ' -f1-3 /proc/loadavg)"

# The repository: 400 files in 40 directories, each commit editing 1-4 of them (a line changed or added).
git init -q -b main "$REPO"
git -C "$REPO" remote add origin https://github.com/acme/shop-api.git   # the project bench-cli-gen.py writes most
python3 - "$COMMITS" > "$WORK/stream" <<'PY'
import random, sys
rng = random.Random(7)
commits = int(sys.argv[1])
files = [f"src/mod_{d:02}/file_{f:02}.rs" for d in range(40) for f in range(10)]
content = {f: [f"// {f} line {i}" for i in range(60)] for f in files}
out = sys.stdout.buffer
def w(text):
    out.write(text.encode())
def blob(text):
    data = text.encode()
    w(f"data {len(data)}\n"); out.write(data); w("\n")
for n in range(commits):
    touched = files if n == 0 else rng.sample(files, rng.randint(1, 4))
    w(f"commit refs/heads/main\ncommitter Bench <bench@example.com> {1_700_000_000 + n * 600} +0000\n")
    blob(f"Change {n}")
    for f in touched:
        lines = content[f]
        if n:
            i = rng.randrange(len(lines))
            if rng.random() < 0.5:
                lines[i] = f"// {f} edited in {n}"
            else:
                lines.insert(i, f"// {f} added in {n}")
        w(f"M 100644 inline {f}\n")
        blob("\n".join(lines) + "\n")
    w("\n")
PY
git -C "$REPO" fast-import --quiet < "$WORK/stream"
git -C "$REPO" reset -q --hard main
git -C "$REPO" rev-list --reverse main > "$WORK/commits.txt"
echo "== repository: $(wc -l < "$WORK/commits.txt") commits, $(git -C "$REPO" ls-files | wc -l) files"

# The store: bench-cli-gen.py's memories; those of this project anchor 1-2 of its files (a third of them a line range)
# at a commit picked among the history, as if written while the code was there.
# (The generated memories go through a file: the anchoring script itself is read from stdin.)
python3 scripts/bench-cli-gen.py "$N" > "$WORK/generated.jsonl"
python3 - "$WORK/commits.txt" "$WORK/generated.jsonl" > "$WORK/memories.jsonl" <<'PY'
import json, random, sys
rng = random.Random(11)
commits = open(sys.argv[1]).read().split()
files = [f"src/mod_{d:02}/file_{f:02}.rs" for d in range(40) for f in range(10)]
for line in open(sys.argv[2]):
    m = json.loads(line)
    if m.get("project") == "github.com/acme/shop-api":
        anchors = rng.sample(files, rng.randint(1, 2))
        if rng.random() < 0.33:
            start = rng.randint(1, 50)
            anchors[0] = f"{anchors[0]}:{start}-{start + rng.randint(0, 9)}"
        m["files"] = anchors
        m["commit"] = rng.choice(commits[: int(len(commits) * 0.98)])
    print(json.dumps(m))
PY
"$MX" import "$WORK/memories.jsonl" --format llm >/dev/null
ANCHORED=$(grep -c '"commit"' "$WORK/memories.jsonl")
echo "== $N memories imported, $ANCHORED of them anchored in the repository"

printf '%s' '{"session_id":"bench","transcript_path":"","cwd":"'"$REPO"'","hook_event_name":"SessionStart","source":"startup"}' > "$WORK/start-in.json"
printf '%s' '{"session_id":"bench","transcript_path":"","cwd":"'"$OUTSIDE"'","hook_event_name":"SessionStart","source":"startup"}' > "$WORK/start-out.json"
(cd "$REPO" && "$MX" hook claude-code session-start < "$WORK/start-in.json" | head -c 400); echo
(cd "$REPO" && "$MX" memories stale --format llm --limit 3); echo

# The project is pinned outside the repository so both runs read the same memories; only the worktree differs.
# Shell mode with a redirect for the hooks (hyperfine subtracts the shell's start-up); -N for plain commands.
echo "== session-start, search: inside the repository (staleness on) and outside (off)"
(cd "$REPO" && hyperfine --warmup 5 --runs 100 --export-json "$WORK/start-in.hf.json" \
    "$MX hook claude-code session-start < $WORK/start-in.json" >/dev/null)
(cd "$OUTSIDE" && MX_PROJECT=github.com/acme/shop-api hyperfine --warmup 5 --runs 100 \
    --export-json "$WORK/start-out.hf.json" "$MX hook claude-code session-start < $WORK/start-out.json" >/dev/null)
(cd "$REPO" && hyperfine -N --warmup 5 --runs 100 --export-json "$WORK/search-in.json" \
    "$MX memories search 'pool retry webhook' --limit 20 --format json" >/dev/null)
(cd "$OUTSIDE" && MX_PROJECT=github.com/acme/shop-api hyperfine -N --warmup 5 --runs 100 \
    --export-json "$WORK/search-out.json" "$MX memories search 'pool retry webhook' --limit 20 --format json" >/dev/null)

echo "== post-commit: the installed hook as git runs it, and the mx it starts in the background"
(cd "$REPO" && "$MX" setup git >/dev/null)
(cd "$REPO" && hyperfine --warmup 5 --runs 100 --export-json "$WORK/hook-script.json" ".git/hooks/post-commit" >/dev/null)
(cd "$REPO" && hyperfine -N --warmup 5 --runs 100 --export-json "$WORK/hook-mx.json" \
    "$MX hook git post-commit --commit $(git -C "$REPO" rev-parse HEAD)" >/dev/null)
sleep 2   # the background runs started by the hook-script round finish

python3 - "$WORK" <<'PY'
import json, os, sys
work = sys.argv[1]
def stats(name):
    r = json.load(open(os.path.join(work, name)))["results"][0]
    t = sorted(r["times"])
    p = lambda q: t[min(len(t) - 1, int(q * len(t)))] * 1000
    return p(0.5), p(0.95), r["mean"] * 1000, len(t)
rows = [("session-start, in the repository (staleness on)", "start-in.hf.json"),
        ("session-start, outside (staleness off)", "start-out.hf.json"),
        ("search, in the repository (staleness on)", "search-in.json"),
        ("search, outside (staleness off)", "search-out.json"),
        ("post-commit hook script (what the commit waits for)", "hook-script.json"),
        ("mx hook git post-commit (in the background)", "hook-mx.json")]
res = {}
for label, name in rows:
    p50, p95, mean, n = stats(name)
    res[name] = p50
    print(f"   {label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, mean {mean:.1f} ms ({n} runs)")
print(f"   staleness cost per search: p50 ratio {res['search-in.json'] / res['search-out.json']:.2f}"
      f" ({res['search-in.json'] - res['search-out.json']:+.1f} ms)")
PY
grep -v '^$' "$MX_HOME/logs/hook.log" 2>/dev/null && { echo "bench-staleness: hooks logged errors" >&2; exit 1; } || true
