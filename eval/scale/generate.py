#!/usr/bin/env python3
"""Generates a synthetic scale-test dataset for `mx eval retrieval`: 250,000 memories in 500 projects (conversations of
~62 memories, 12-40 words from a small vocabulary, so most questions match tens of thousands of memories: a worst case
for candidate generation) and 200 questions. Gold labels are arbitrary: this set measures time and memory, not quality.

Usage: python3 eval/scale/generate.py OUT_DIR   (deterministic; ~90 MB)"""

import json
import os
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/mx-scale"
os.makedirs(out, exist_ok=True)
random.seed(7)
words = ("cache invalidation stripe webhook retry idempotency postgres index migration deploy kubernetes docker "
         "terraform nginx latency timeout queue worker cron schedule auth token session cookie refresh rotation redis "
         "bucket upload image resize thumbnail pagination cursor offset query plan vacuum replica failover backup "
         "restore snapshot metric alert dashboard trace span log level error panic crash regression flaky test fixture "
         "mock stub contract schema json yaml config env secret vault rollout canary feature flag toggle experiment "
         "billing invoice tax currency refund dispute charge customer tenant account user role permission admin "
         "audit").split()
tools = ("fastapi django flask express nextjs rails spring postgresql mysql sqlite mongodb redis memcached docker "
         "kubernetes terraform airflow dagster pytest jest vitest sentry grafana prometheus").split()
with open(os.path.join(out, "memories.jsonl"), "w") as f:
    for i in range(250_000):
        p = f"proj-{i % 500:03d}"
        c = f"{p}-conv-{(i // 500) // 8:04d}"
        text = " ".join(random.choice(words) for _ in range(random.randint(12, 40)))
        text = f"Decided to use {random.choice(tools)} for {text}."
        day = 1 + (i * 180) // 250_000
        at = f"2025-{1 + day // 31:02d}-{1 + day % 28:02d}T{(i // 60) % 24:02d}:{i % 60:02d}:00Z"
        f.write(json.dumps({"id": f"m{i}", "project": p, "conversationId": c,
                            "role": random.choice(["user", "assistant"]), "content": text, "createdAt": at}) + "\n")
with open(os.path.join(out, "queries.jsonl"), "w") as f:
    for q in range(200):
        p = f"proj-{(q * 7) % 500:03d}"
        f.write(json.dumps({"id": f"q{q}", "project": p,
                            "query": f"why {random.choice(words)} {random.choice(words)} with {random.choice(tools)}?",
                            "askedAt": "2025-07-01T00:00:00Z", "goldIds": [f"m{(q * 7) % 500}"],
                            "goldConversations": [f"{p}-conv-0000"], "type": "synthetic"}) + "\n")
