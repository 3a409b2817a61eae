"""Python and the `mx` CLI share one store: each sees what the other wrote, also while both write at once."""

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Callable

from mx_memory import MemoryStore

from conftest import PROJECT, contents, mx_binary

Mx = Callable[..., Any]


def test_cli_reads_what_python_wrote(store: MemoryStore, mx: Mx) -> None:
    created = store.create("Decided to retry Stripe webhooks with exponential backoff", topics=["payments"],
                           kind="decision")
    listed = mx("memories", "list")
    assert [m["id"] for m in listed] == [created.id]
    assert listed[0]["source"] == "lib:python" and listed[0]["topics"] == ["payments"]
    assert listed[0]["conversationId"] == created.conversation_id
    hits = mx("memories", "search", "stripe webhook retry")
    assert [h["memory"]["id"] for h in hits] == [created.id]


def test_python_reads_what_the_cli_wrote(store: MemoryStore, mx: Mx) -> None:
    created = mx("memories", "create", "--content", "Refunds must go through the ledger service",
                 "--kind", "constraint", "--topics", "payments,refunds", "--conversation-id", "NEW")
    memory = store.get(created["id"])
    assert memory.source == "cli" and memory.kind == "constraint" and memory.project == PROJECT
    assert memory.topics == ["payments", "refunds"]
    assert [r.memory.id for r in store.search("ledger refunds")] == [created["id"]]
    assert created["id"] in store.digest("refunds").included


def test_python_and_the_cli_write_at_the_same_time(store: MemoryStore, home: Path) -> None:
    count = 15
    script = (
        'for i in $(seq 1 "$COUNT"); do '
        '"$MX" memories create --content "cli decision $i about the checkout flow" --kind decision '
        '--topics concurrent --conversation-id conv_cli --format json >/dev/null || exit 1; done'
    )
    env = {**os.environ, "MX_HOME": str(home), "MX_PROJECT": PROJECT, "MX": str(mx_binary()), "COUNT": str(count)}
    writer = subprocess.Popen(["bash", "-c", script], env=env, stderr=subprocess.PIPE, text=True)
    python_ids = [store.create(f"python decision {i} about the checkout flow", kind="decision",
                               topics=["concurrent"], conversation_id="conv_py").id for i in range(count)]
    _, stderr = writer.communicate(timeout=300)
    assert writer.returncode == 0, stderr

    listed = store.list(topics=["concurrent"])
    assert len(listed) == 2 * count
    assert set(python_ids) <= {m.id for m in listed}
    assert sum(c.startswith("cli decision") for c in contents(listed)) == count
    # Both sets are searchable, from both sides.
    assert len(store.search("checkout flow decision", limit=100)) == 2 * count
    done = subprocess.run([str(mx_binary()), "memories", "list", "--topics", "concurrent", "--limit", "100",
                           "--format", "json"], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 2 * count
