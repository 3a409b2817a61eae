"""Every MemoryStore method, against a real store in a temporary MX_HOME."""

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import mx_memory
from mx_memory import (
    Conversation,
    Created,
    Digest,
    ImportReport,
    Memory,
    MemoryStore,
    SearchResult,
    Topic,
    Updated,
)

from conftest import PROJECT, contents

WEBHOOK = "Decided to retry Stripe webhooks with exponential backoff instead of failing the order"
REFUND = "Refunds must go through the ledger service; never call Stripe refunds directly"
CACHE = "Tried caching product prices in Redis, ruled out: invalidation across regions didn't work"


def test_create_returns_the_stored_memory(store: MemoryStore) -> None:
    before = datetime.now(timezone.utc)
    created = store.create(WEBHOOK, topics=["Payments", "web hooks"], kind="decision", importance=0.8,
                           files=["./src/payments/webhooks.rs"])
    assert isinstance(created, Created)
    assert created.conversation_started
    assert created.conversation_id.startswith("conv_")
    assert created.id == created.memory.id and len(created.id) == 26
    memory = created.memory
    assert isinstance(memory, Memory)
    assert memory.content == WEBHOOK
    assert memory.kind == "decision" and not memory.kind_inferred and created.inferred is None
    assert memory.topics == ["payments", "web-hooks"]
    assert memory.files == ["src/payments/webhooks.rs"]
    assert memory.importance == 0.8
    assert memory.source == "lib:python"
    assert memory.project == PROJECT
    assert memory.state == "current" and memory.superseded_by is None
    assert memory.created_at.tzinfo is not None and memory.created_at.utcoffset() == timedelta(0)
    assert before - timedelta(seconds=1) <= memory.created_at <= datetime.now(timezone.utc) + timedelta(seconds=1)
    assert created.redactions == []


def test_create_infers_the_kind_and_continues_a_conversation(store: MemoryStore) -> None:
    first = store.create(WEBHOOK)
    assert first.memory.kind == "decision" and first.memory.kind_inferred
    assert first.inferred is not None and first.inferred.kind == "decision" and first.inferred.rule
    second = store.create(CACHE, conversation_id=first.conversation_id)
    assert not second.conversation_started
    assert second.conversation_id == first.conversation_id
    assert second.memory.kind == "ruled-out"


def test_get_by_id_prefix_and_name(store: MemoryStore) -> None:
    created = store.create(REFUND, name="refund-policy", kind="constraint")
    assert store.get(created.id) == created.memory
    assert store.get(created.id[:12].upper()).id == created.id
    assert store.get("refund-policy").id == created.id


def test_update_changes_fields_and_versions_named_memories(store: MemoryStore) -> None:
    plain = store.create(WEBHOOK, topics=["payments"])
    updated = store.update(plain.id, topics=["payments", "webhooks"], importance=0.9)
    assert isinstance(updated, Updated)
    assert updated.memory.topics == ["payments", "webhooks"] and updated.memory.importance == 0.9
    assert updated.memory.content == WEBHOOK
    assert store.get(plain.id).topics == ["payments", "webhooks"]

    named = store.create(REFUND, name="refund-policy", kind="constraint")
    revised = store.update("refund-policy", content=REFUND + " (since 2026-03)")
    assert revised.previous == named.id
    assert revised.memory.id != named.id
    assert store.get("refund-policy").content.endswith("(since 2026-03)")
    assert store.get(named.id).state == "superseded"


def test_delete_returns_the_memory_and_removes_it(store: MemoryStore) -> None:
    created = store.create(WEBHOOK)
    deleted = store.delete(created.id)
    assert deleted.id == created.id and deleted.content == WEBHOOK
    with pytest.raises(mx_memory.NotFound):
        store.get(created.id)
    assert store.list() == []


def test_list_filters_sorts_and_limits(store: MemoryStore) -> None:
    webhook = store.create(WEBHOOK, topics=["payments"], importance=0.9)
    refund = store.create(REFUND, topics=["payments", "refunds"], kind="constraint", importance=0.2)
    cache = store.create(CACHE, topics=["catalog"], kind="ruled-out")
    assert [m.id for m in store.list()] == [cache.id, refund.id, webhook.id]
    assert [m.id for m in store.list(sort="oldest")] == [webhook.id, refund.id, cache.id]
    assert [m.id for m in store.list(sort="importance", limit=1)] == [webhook.id]
    assert [m.id for m in store.list(topics=["Payments"])] == [refund.id, webhook.id]
    assert [m.id for m in store.list(kind="constraint")] == [refund.id]
    assert [m.id for m in store.list(kind=["constraint", "ruled-out"])] == [cache.id, refund.id]
    assert [m.id for m in store.list(conversation_id=cache.conversation_id)] == [cache.id]


def test_list_is_scoped_to_the_project_plus_global_memories(home: Path, store: MemoryStore) -> None:
    store.create(WEBHOOK)
    with MemoryStore(home, project="github.com/acme/other") as other:
        other.create(REFUND)
        assert contents(other.list()) == [REFUND]
    assert contents(store.list()) == [WEBHOOK]


def test_search_ranks_filters_and_explains(store: MemoryStore) -> None:
    webhook = store.create(WEBHOOK, topics=["payments"])
    store.create(REFUND, topics=["payments"], kind="constraint")
    store.create(CACHE, topics=["catalog"])
    results = store.search("stripe webhook retry")
    assert results and all(isinstance(r, SearchResult) for r in results)
    assert results[0].memory.id == webhook.id
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)
    assert results[0].breakdown is None
    explained = store.search("stripe webhook retry", explain=True)
    assert explained[0].breakdown is not None
    assert explained[0].breakdown.total == pytest.approx(explained[0].score)
    assert len(store.search("stripe", limit=1)) == 1
    assert contents(r.memory for r in store.search("stripe", kind="constraint")) == [REFUND]
    assert contents(r.memory for r in store.search("stripe", topics=["catalog"])) == []
    assert store.search("kubernetes helm chart") == []


def test_search_recent_keeps_a_time_window(store: MemoryStore, tmp_path: Path) -> None:
    old = {"id": "S01-m1", "conversationId": "S01", "content": "Stripe webhooks used to be processed synchronously",
           "createdAt": "2020-01-10T09:00:00Z", "role": "user", "topics": ["payments"]}
    source = tmp_path / "old.jsonl"
    source.write_text(json.dumps(old) + "\n")
    store.import_(source)
    store.create(WEBHOOK)
    everything = contents(r.memory for r in store.search("stripe webhooks"))
    assert sorted(everything) == sorted([old["content"], WEBHOOK])
    assert contents(r.memory for r in store.search("stripe webhooks", recent=timedelta(days=30))) == [WEBHOOK]
    with pytest.raises(ValueError):
        store.search("stripe", recent=timedelta(days=-1))
    # The text grammar every front end shares works too.
    assert contents(r.memory for r in store.search("stripe webhooks", recent="30d")) == [WEBHOOK]
    with pytest.raises(TypeError):
        store.search("stripe", recent=7)  # type: ignore[arg-type]


def test_digest_renders_within_the_budget(store: MemoryStore) -> None:
    webhook = store.create(WEBHOOK, topics=["payments"])
    refund = store.create(REFUND, topics=["payments"], kind="constraint")
    digest = store.digest("stripe payments")
    assert isinstance(digest, Digest)
    assert digest.format == "structured"
    assert str(digest) == digest.text
    assert "exponential backoff" in digest.text and "ledger service" in digest.text
    assert set(digest.included) == {webhook.id, refund.id} and digest.omitted == 0
    assert 0 < digest.tokens <= 1500
    tiny = store.digest("stripe payments", max_tokens=30)
    assert tiny.tokens <= 30 and tiny.omitted >= 1
    as_json = store.digest("stripe payments", format="json")
    assert as_json.format == "json"
    json.loads(as_json.text)
    where_things_stand = store.digest()
    assert where_things_stand.included


def test_build_context_briefs_on_files_and_tasks(store: MemoryStore) -> None:
    anchored = store.create(REFUND, kind="constraint", files=["src/payments/refunds.rs"])
    store.create(CACHE, topics=["catalog"])
    by_file = store.build_context(files=["src/payments/refunds.rs"])
    assert isinstance(by_file, Digest)
    assert anchored.id in by_file.included
    by_task = store.build_context("add partial refunds through stripe")
    assert anchored.id in by_task.included


def test_conversations_and_topics(store: MemoryStore) -> None:
    first = store.create(WEBHOOK, topics=["payments"])
    store.create(REFUND, topics=["payments", "refunds"], conversation_id=first.conversation_id)
    other = store.create(CACHE, topics=["catalog"])
    conversations = {c.id: c for c in store.conversations()}
    assert all(isinstance(c, Conversation) for c in conversations.values())
    assert conversations[first.conversation_id].memories == 2
    assert conversations[other.conversation_id].memories == 1
    assert conversations[first.conversation_id].first_at <= conversations[first.conversation_id].last_at
    assert conversations[first.conversation_id].last_at.tzinfo is not None
    assert len(store.conversations(limit=1)) == 1
    topics = {t.topic: t for t in store.topics()}
    assert all(isinstance(t, Topic) for t in topics.values())
    assert {name: t.memories for name, t in topics.items()} == {"payments": 2, "refunds": 1, "catalog": 1}


def test_export_then_import_is_lossless_and_idempotent(store: MemoryStore, tmp_path: Path) -> None:
    store.create(WEBHOOK, topics=["payments"], name="webhook-retries")
    store.create(REFUND, kind="constraint")
    dump = tmp_path / "memories.jsonl"
    assert store.export(dump) == 2
    lines = [json.loads(line) for line in dump.read_text().splitlines()]
    assert [line["content"] for line in lines] == [WEBHOOK, REFUND]
    with MemoryStore(tmp_path / "copy", project=PROJECT) as copy:
        report = copy.import_(str(dump))
        assert isinstance(report, ImportReport)
        assert (report.imported, report.skipped) == (2, 0)
        assert copy.list() == store.list()
        again = copy.import_(dump)
        assert (again.imported, again.skipped) == (0, 2)


def test_import_rejects_a_bad_line_and_imports_nothing(store: MemoryStore, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"content": "fine"}) + "\nnot json\n")
    with pytest.raises(mx_memory.InvalidInput, match="line 2"):
        store.import_(bad)
    assert store.list() == []


def test_results_convert_to_plain_dicts(store: MemoryStore) -> None:
    created = store.create(WEBHOOK, topics=["payments"])
    as_dict = created.memory.to_dict()
    assert list(as_dict) == [
        "id", "content", "kind", "kind_inferred", "topics", "conversation_id", "project", "name", "importance",
        "role", "source", "memory_type", "files", "commit", "supersedes", "superseded_by", "state", "external_id",
        "private", "created_at", "updated_at", "stale",
    ]
    assert as_dict["private"] is False
    assert store.create("My own reminder", private=True).memory.to_dict()["private"] is True
    assert as_dict["content"] == WEBHOOK and isinstance(as_dict["created_at"], datetime)
    created_dict = created.to_dict()
    assert created_dict["memory"] == as_dict and created_dict["redactions"] == []
    hit = store.search("webhook", explain=True)[0].to_dict()
    assert hit["memory"]["id"] == created.id
    assert set(hit["breakdown"]) == {"lexical", "topic", "conversation", "project", "kind", "importance",
                                     "recency", "total"}
    assert set(store.digest("webhook").to_dict()) == {"format", "text", "tokens", "included", "omitted"}
    assert set(store.topics()[0].to_dict()) == {"topic", "memories", "last_at"}
    assert set(store.conversations()[0].to_dict()) == {"id", "project", "memories", "first_at", "last_at",
                                                       "topics", "last_content"}


def test_results_are_frozen_and_have_a_readable_repr(store: MemoryStore) -> None:
    created = store.create("Next: wire the webhook retry queue", kind="progress")
    with pytest.raises(AttributeError):
        created.memory.content = "changed"  # type: ignore[misc]
    assert repr(created.memory) == (
        f"Memory(id='{created.id}', kind='progress', content='Next: wire the webhook retry queue')"
    )
    assert repr(store).startswith("MemoryStore(home=") and f"project='{PROJECT}'" in repr(store)
    assert repr(store.digest()).startswith("Digest(format='structured', tokens=")
