#!/usr/bin/env python3
"""Fits the prompt gate (mx_core::gate::PromptGate) on the tuning context sets.

Runs `mx eval context --gate G` for every gate G of a grid on eval/context-payments and eval/context-mobile (never on
eval/context-heldout), scores each gate by the F1 of the prompt hook's pooled precision (injected memories that are
needed or acceptable) and its recall (needed memories the prompt hook injected), then:
- leave-one-dataset-out: the gate fitted on one tuning set, scored on the other;
- the final gate: fitted on both.
Ties go to the gate that injects fewer memories, then to the stricter one.

Usage: eval/fit-gate.py [MX]   (MX defaults to $CARGO_TARGET_DIR or ./target, debug build)
Writes the whole sweep as TSV to stdout's end and a summary first.
"""

import itertools
import json
import os
import subprocess
import sys
import tempfile

TUNING = ["eval/context-payments", "eval/context-mobile"]
HITS = [2, 3, 4]
COVERAGE = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
RELATIVE = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]


def run(mx, dataset, gate, home):
    spec = f"hits={gate[0]},coverage={gate[1]},relative={gate[2]}"
    out = subprocess.run(
        [mx, "eval", "context", "--dataset", dataset, "--format", "json", "--gate", spec],
        capture_output=True, text=True, check=True, env={**os.environ, "MX_HOME": home},
    )
    report = json.loads(out.stdout)
    injected = good = needed = found = 0
    for task in report["tasks"]:
        ids = task["prompt_hook"]["ids"]
        injected += len(ids)
        if task["prompt_precision"] is not None:
            good += round(task["prompt_precision"] * len(ids))
        needed += len(task["needed"])
        found += len(set(task["needed"]) & set(ids))
    return {"injected": injected, "good": good, "needed": needed, "found": found,
            "recall": report["overall"]["recall"], "tokens_max": max(t["session_start"]["tokens"] + t["prompt_hook"]["tokens"] for t in report["tasks"])}


def score(stats):
    injected = sum(s["injected"] for s in stats)
    good = sum(s["good"] for s in stats)
    needed = sum(s["needed"] for s in stats)
    found = sum(s["found"] for s in stats)
    p = good / injected if injected else 0.0
    r = found / needed if needed else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, p, r, injected


def best(results, datasets):
    def key(gate):
        f1, _, _, injected = score([results[(d, gate)] for d in datasets])
        # Higher F1, then fewer injected memories, then the stricter gate.
        return (-round(f1, 6), injected, -gate[1], -gate[2], gate[0])
    return min({g for (_, g) in results}, key=key)


def main():
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    mx = sys.argv[1] if len(sys.argv) > 1 else os.path.join(target, "debug", "mx")
    grid = list(itertools.product(HITS, COVERAGE, RELATIVE))
    results = {}
    with tempfile.TemporaryDirectory() as home:
        for dataset in TUNING:
            for gate in grid:
                results[(dataset, gate)] = run(mx, dataset, gate, home)

    def show(gate, datasets):
        f1, p, r, n = score([results[(d, gate)] for d in datasets])
        return f"F1 {f1:.3f} (precision {p:.3f}, prompt recall {r:.3f}, {n} injected)"

    a, b = TUNING
    print(f"grid: hits {HITS} x coverage {COVERAGE} x relative {RELATIVE} = {len(grid)} gates")
    for train, test in [(a, b), (b, a)]:
        g = best(results, [train])
        print(f"fitted on {train}: {g} -> on {train}: {show(g, [train])}; held out {test}: {show(g, [test])}")
    final = best(results, TUNING)
    print(f"fitted on both: hits={final[0]},coverage={final[1]},relative={final[2]} -> {show(final, TUNING)}")
    for d in TUNING:
        print(f"  {d}: {show(final, [d])}, needed-memory recall {results[(d, final)]['recall']:.3f}")
    print()
    print("hits\tcoverage\trelative\t" + "\t".join(f"{os.path.basename(d)} F1\tinjected" for d in TUNING) + "\tboth F1")
    for gate in grid:
        cells = []
        for d in TUNING:
            f1, _, _, n = score([results[(d, gate)]])
            cells += [f"{f1:.3f}", str(n)]
        print(f"{gate[0]}\t{gate[1]}\t{gate[2]}\t" + "\t".join(cells) + f"\t{score([results[(d, gate)] for d in TUNING])[0]:.3f}")


if __name__ == "__main__":
    main()
