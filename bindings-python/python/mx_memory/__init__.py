"""mx-memory: the mx memory store for Python agent scripts.

The same local store as the ``mx`` CLI and MCP server, safe to use from all of them at once::

    from mx_memory import MemoryStore

    with MemoryStore() as store:
        created = store.create("Decided to retry Stripe webhooks with backoff instead of failing", topics=["payments"])
        for hit in store.search("stripe webhook retry"):
            print(hit.score, hit.memory.content)
        print(store.digest("payments"))
"""

from ._errors import AmbiguousId, InvalidInput, MxError, NotFound, StoreUnavailable
from ._mx_memory import (
    AnchorStatus,
    Conversation,
    Created,
    Digest,
    ImportReport,
    Inference,
    Memory,
    MemoryStore,
    Redaction,
    ScoreBreakdown,
    SearchResult,
    Staleness,
    Topic,
    Updated,
    __version__,
)

__all__ = [
    "AmbiguousId",
    "AnchorStatus",
    "Conversation",
    "Created",
    "Digest",
    "ImportReport",
    "Inference",
    "InvalidInput",
    "Memory",
    "MemoryStore",
    "MxError",
    "NotFound",
    "Redaction",
    "ScoreBreakdown",
    "SearchResult",
    "Staleness",
    "StoreUnavailable",
    "Topic",
    "Updated",
    "__version__",
]
