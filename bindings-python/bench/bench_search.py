"""Binding overhead of MemoryStore.search: the same searches through Python and straight in Rust, same store.

Builds (once, cached under target/bench-py/) a store of 100,000 memories, times `store.search(q)` (limit 10) per
query from Python, runs bench/search.rs (`cargo bench`, release) on the same store and queries, and prints both with
the overhead. Run through bench/run.sh, which installs a release build of the package first.
"""

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from mx_memory import MemoryStore

REPO = Path(__file__).resolve().parents[2]
PROJECT = "github.com/acme/bench"
QUERIES = [
    "stripe webhook retry backoff",
    "root cause timeout postgres connection pool",
    "ruled out redis cache invalidation",
    "convention error handling result type",
    "kubernetes",
]
WORDS = (
    "stripe webhook retry backoff order payment refund ledger invoice checkout cart session token auth oauth "
    "login password hash redis cache invalidation postgres connection pool timeout migration index query "
    "kubernetes deploy helm rollout canary metrics tracing logging error result type exception panic queue "
    "worker cron batch import export csv json schema api endpoint rate limit throttle search ranking digest "
    "memory conversation topic decision constraint convention gotcha progress debugging frontend react state "
    "component render hook build webpack vite test fixture snapshot flaky ci pipeline cargo rust python node"
).split()
KINDS = ["decision", "ruled-out", "constraint", "convention", "debugging", "gotcha", "progress", "note"]


def build_store(home: Path, count: int) -> None:
    marker = home / f"bench-{count}.done"
    if marker.exists():
        return
    rng = random.Random(42)
    chunk = 10_000
    with MemoryStore(home, project=PROJECT) as store:
        for first in range(0, count, chunk):
            path = home.parent / "chunk.jsonl"
            with path.open("w") as out:
                for i in range(first, min(first + chunk, count)):
                    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 40)))
                    record = {
                        "id": f"B-{i}",
                        "conversationId": f"conv_bench_{i % 2_000}",
                        "content": f"{words.capitalize()}.",
                        "kind": KINDS[i % len(KINDS)],
                        "topics": rng.sample(WORDS[:40], 2),
                        "createdAt": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
                    }
                    out.write(json.dumps(record) + "\n")
            report = store.import_(path)
            print(f"  imported {first + report.imported:,} / {count:,}", file=sys.stderr)
    marker.write_text("")


def time_python(home: Path, rounds: int, blocks: int) -> dict:
    """Per query: the mean time per call over `rounds` calls in the fastest of `blocks` blocks."""
    results = {}
    with MemoryStore(home, project=PROJECT) as store:
        for query in QUERIES:
            for _ in range(3):
                hits = store.search(query)
            fastest = float("inf")
            for _ in range(blocks):
                started = time.perf_counter_ns()
                for _ in range(rounds):
                    hits = store.search(query)
                fastest = min(fastest, (time.perf_counter_ns() - started) / rounds)
            results[query] = (fastest, len(hits))
    return results


def rust_bench_binary() -> str:
    """Builds bench/search.rs (release) once and returns its path, so every timing run uses the same build."""
    command = ["cargo", "bench", "--no-run", "--message-format=json", "-p", "mx-memory-python", "--bench", "search"]
    out = subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "search":
            return str(message["executable"])
    raise SystemExit("cargo did not report the search bench executable")


RUST_BENCH = ""


def time_rust(home: Path, rounds: int, blocks: int) -> dict:
    command = [RUST_BENCH, str(home), PROJECT, str(rounds), str(blocks), *QUERIES]
    out = subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True).stdout
    results = {}
    for line in out.splitlines():
        query, mean, hits = line.split("\t")
        results[query] = (float(mean), int(hits))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--memories", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20, help="calls per timed block")
    parser.add_argument("--blocks", type=int, default=10, help="timed blocks per query and side, per repeat")
    parser.add_argument("--repeats", type=int, default=3, help="times the two sides alternate")
    parser.add_argument("--home", type=Path, default=REPO / "target" / "bench-py" / "home")
    args = parser.parse_args()
    args.home.mkdir(parents=True, exist_ok=True)
    build_store(args.home, args.memories)
    global RUST_BENCH
    RUST_BENCH = rust_bench_binary()
    # The machine is shared with other work: alternate the two sides several times and keep each side's fastest
    # block, so that neither profits from a quieter moment or a warmer page cache.
    python = {q: (float("inf"), 0) for q in QUERIES}
    rust = {q: (float("inf"), 0) for q in QUERIES}
    for _ in range(args.repeats):
        for side, timer in ((python, time_python), (rust, time_rust)):
            for query, (ns, hits) in timer(args.home, args.rounds, args.blocks).items():
                side[query] = (min(side[query][0], ns), hits)
    print(f"{args.memories:,} memories, limit 10; per query the fastest block of {args.rounds} calls "
          f"out of {args.blocks * args.repeats}")
    print(f"{'query':<46} {'Rust µs':>9} {'Python µs':>10} {'overhead':>9}  hits")
    total_rust = total_python = 0.0
    for query in QUERIES:
        r, p = rust[query][0], python[query][0]
        assert rust[query][1] == python[query][1], f"different result counts for {query!r}"
        total_rust, total_python = total_rust + r, total_python + p
        print(f"{query:<46} {r / 1e3:>9.1f} {p / 1e3:>10.1f} {(p - r) / r:>+9.1%}  {python[query][1]}")
    print(f"{'all queries':<46} {total_rust / 1e3:>9.1f} {total_python / 1e3:>10.1f} "
          f"{(total_python - total_rust) / total_rust:>+9.1%}")


if __name__ == "__main__":
    main()
