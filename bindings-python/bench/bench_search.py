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


def time_python(home: Path, rounds: int) -> dict:
    results = {}
    with MemoryStore(home, project=PROJECT) as store:
        for query in QUERIES:
            for _ in range(3):
                hits = store.search(query)
            started = time.perf_counter_ns()
            for _ in range(rounds):
                hits = store.search(query)
            results[query] = ((time.perf_counter_ns() - started) / rounds, len(hits))
    return results


def time_rust(home: Path, rounds: int) -> dict:
    command = ["cargo", "bench", "--quiet", "-p", "mx-memory-python", "--bench", "search", "--",
               str(home), PROJECT, str(rounds), *QUERIES]
    out = subprocess.run(command, cwd=REPO, check=True, capture_output=True, text=True).stdout
    results = {}
    for line in out.splitlines():
        query, mean, hits = line.split("\t")
        results[query] = (float(mean), int(hits))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--memories", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--home", type=Path, default=REPO / "target" / "bench-py" / "home")
    args = parser.parse_args()
    args.home.mkdir(parents=True, exist_ok=True)
    build_store(args.home, args.memories)
    # Interleave the two sides twice so that neither profits from a warmer page cache.
    python, rust = time_python(args.home, args.rounds), time_rust(args.home, args.rounds)
    python2, rust2 = time_python(args.home, args.rounds), time_rust(args.home, args.rounds)
    print(f"{args.memories:,} memories, limit 10, mean of {2 * args.rounds} calls per query")
    print(f"{'query':<46} {'Rust µs':>9} {'Python µs':>10} {'overhead':>9}  hits")
    total_rust = total_python = 0.0
    for query in QUERIES:
        r = (rust[query][0] + rust2[query][0]) / 2
        p = (python[query][0] + python2[query][0]) / 2
        assert rust[query][1] == python[query][1], f"different result counts for {query!r}"
        total_rust, total_python = total_rust + r, total_python + p
        print(f"{query:<46} {r / 1e3:>9.1f} {p / 1e3:>10.1f} {(p - r) / r:>+9.1%}  {python[query][1]}")
    print(f"{'all queries':<46} {total_rust / 1e3:>9.1f} {total_python / 1e3:>10.1f} "
          f"{(total_python - total_rust) / total_rust:>+9.1%}")


if __name__ == "__main__":
    main()
