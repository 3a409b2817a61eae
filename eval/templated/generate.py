#!/usr/bin/env python3
"""Writes eval/templated/{memories,queries}.jsonl (not committed; deterministic, stdlib only): 10,000 coding memories
from a few templates, "<Kind>: <technology> <thing> in <service> <tail>.", where every sentence has twins that differ
in one subject (the technology or the service), and 30 questions aimed at one memory each: the exact phrase "<technology>
<thing> in <service>" and two words of its tail (gold: the one memory holding both). This is the case where near-duplicate folding
hid the asked-for fact behind a newer twin ("Kafka connection pool in auth" answered by "PostgreSQL connection pool
in auth"). core/tests/twins.rs builds the same store and asserts a gold memory in the top 3 of every question.

Run: python3 eval/templated/generate.py && mx eval retrieval --dataset eval/templated"""

import json
import os
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["Gotcha", "Decision", "Note", "Constraint", "Debugging"]
TECHS = ["Kafka", "PostgreSQL", "Redis", "MySQL", "RabbitMQ", "Elasticsearch", "MongoDB", "Cassandra", "NATS", "SQLite"]
THINGS = ["connection pool", "retry budget", "request timeout", "schema migration", "health check", "rate limiter",
          "TLS certificate", "backup job", "metrics exporter", "client library"]
SERVICES = ["auth", "search", "billing", "checkout", "inventory", "notifications", "reporting", "gateway", "profile",
            "shipping"]
TAILS = [
    "must stay below {n} connections or the pods restart under load",
    "was raised to {n} after the incident review",
    "times out after {n} seconds when the cluster rebalances",
    "is configured in the shared Helm values, default {n}",
    "leaked {n} handles per hour until the client was upgraded",
    "is owned by the platform team; ask before changing {n}",
    "needs a restart when the credentials rotate every {n} days",
    "was the root cause of the {n} ms latency spike",
    "gets its settings from environment variables, limit {n}",
    "is monitored by the dashboard panel {n}",
]
# A few words of each tail, added to a question to aim it at one memory of its template cell.
TAIL_KEYS = ["pods restart", "incident review", "cluster rebalances", "Helm values", "handles per hour", "platform team",
             "credentials rotate", "latency spike", "environment variables", "dashboard panel"]
NOW = datetime(2026, 11, 26, 9, tzinfo=timezone.utc)


def main() -> None:
    state = 0x2545F4914F6CDD1D

    def nxt() -> int:
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        return state >> 33

    memories = []
    for tech in TECHS:
        for thing in THINGS:
            for service in SERVICES:
                for tail in TAILS:
                    kind = KINDS[nxt() % 5]
                    n = 2 + nxt() % 98
                    at = NOW - timedelta(seconds=nxt() % (400 * 86400) + 60)
                    memories.append({"id": f"t{len(memories):05d}", "project": "templated",
                                     "conversationId": f"c{len(memories):05d}", "role": "assistant",
                                     "content": f"{kind}: {tech} {thing} in {service} {tail.replace('{n}', str(n))}.",
                                     "createdAt": at.strftime("%Y-%m-%dT%H:%M:%SZ")})
    queries = []
    for q in range(30):
        phrase = f"{TECHS[q % 10]} {THINGS[(q * 7 + q // 10) % 10]} in {SERVICES[(q * 3 + q // 10) % 10]}"
        key = TAIL_KEYS[(q * 3 + 1) % 10]
        gold = [m for m in memories if phrase in m["content"] and key in m["content"]]
        assert len(gold) == 1, (phrase, key, len(gold))
        queries.append({"id": f"tq{q:02d}", "project": "templated", "query": f"{phrase} {key}",
                        "askedAt": NOW.strftime("%Y-%m-%dT%H:%M:%SZ"), "goldIds": [m["id"] for m in gold],
                        "goldConversations": [m["conversationId"] for m in gold], "type": "exact-phrase"})
    for name, rows in (("memories.jsonl", memories), ("queries.jsonl", queries)):
        with open(os.path.join(HERE, name), "w") as f:
            for row in rows:
                f.write(json.dumps(row) + "\n")
    print(f"{len(memories)} memories, {len(queries)} queries")


if __name__ == "__main__":
    main()
