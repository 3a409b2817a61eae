"""The GIL is released while the store works, so threads search in parallel."""

import json
import sys
import threading
from pathlib import Path
from typing import List, Tuple

from mx_memory import MemoryStore

TOPICS = ["payments", "checkout", "search", "auth", "billing", "catalog", "shipping", "webhooks"]


def populate(store: MemoryStore, path: Path, count: int) -> None:
    with path.open("w") as out:
        for i in range(count):
            topic = TOPICS[i % len(TOPICS)]
            record = {"id": f"T-{i}", "conversationId": f"conv_{i % 40}", "topics": [topic],
                      "content": f"Decided {topic} service {i} retries with backoff instead of failing fast; "
                                 f"root cause of incident {i} was a missing timeout in the {topic} client"}
            out.write(json.dumps(record) + "\n")
    assert store.import_(path).imported == count


def test_two_threads_search_at_the_same_time(store: MemoryStore, tmp_path: Path) -> None:
    populate(store, tmp_path / "many.jsonl", 2_000)
    log: List[Tuple[str, str]] = []
    start = threading.Barrier(2)
    errors: List[BaseException] = []

    def searcher(name: str, query: str) -> None:
        try:
            start.wait()
            for _ in range(30):
                log.append((name, "enter"))
                assert store.search(query, limit=20)
                log.append((name, "leave"))
        except BaseException as error:  # surfaced by the main thread
            errors.append(error)

    # With an effectively infinite switch interval the interpreter never preempts a thread: control passes to the
    # other thread only when the running one releases the GIL. So the other thread can log an entry while this one
    # is between "enter" and "leave" only if search released the GIL.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1_000.0)
    try:
        threads = [threading.Thread(target=searcher, args=(name, query))
                   for name, query in (("a", "payments retries backoff"), ("b", "root cause missing timeout"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    assert not errors, errors

    inside = {"a": False, "b": False}
    overlapped = {"a": 0, "b": 0}
    for name, event in log:
        other = "b" if name == "a" else "a"
        if inside[other]:
            overlapped[name] += 1
        inside[name] = event == "enter"
    assert overlapped["a"] > 0 and overlapped["b"] > 0, f"no thread ran while the other searched: {overlapped}"
