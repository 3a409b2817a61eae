"""The README example: save what was learned, find it again, and brief the next session."""

from datetime import timedelta

from mx_memory import MemoryStore

with MemoryStore() as store:  # $MX_HOME or ~/.local/share/mx: the same store as the `mx` CLI
    saved = store.create(
        "Decided to retry Stripe webhooks with exponential backoff instead of failing the order",
        topics=["payments", "webhooks"],
    )
    store.create("Next: add an idempotency key to the refund endpoint", conversation_id=saved.conversation_id)
    for hit in store.search("stripe webhook retry", limit=5, recent=timedelta(days=30)):
        print(f"{hit.score:.2f} [{hit.memory.kind}] {hit.memory.content}")
    print(store.digest("payments", max_tokens=400))
