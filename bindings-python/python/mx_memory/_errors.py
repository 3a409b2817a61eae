"""The exceptions of mx_memory.

Every error the store reports is an ``MxError``; the subclasses also derive from the built-in exception a Python
programmer would reach for, so ``except ValueError`` / ``except KeyError`` / ``except OSError`` keep working.
The message is one line saying what is wrong and what to do. ``code`` is the stable, language-neutral error code that
the CLI and the Node binding report too. An underlying SQLite or I/O error is chained as ``__cause__``.
"""

from typing import List, Optional

__all__ = ["MxError", "InvalidInput", "NotFound", "AmbiguousId", "StoreUnavailable"]


class MxError(Exception):
    """Base class of every error raised by mx_memory."""

    code: str = "INTERNAL"


class InvalidInput(MxError, ValueError):
    """An argument failed validation; ``field`` names it (``content``, ``topics``, ``importance``, ...)."""

    code = "INVALID_INPUT"
    field: Optional[str] = None


class NotFound(MxError, KeyError):
    """No memory has that id, id prefix or name."""

    code = "NOT_FOUND"

    def __str__(self) -> str:
        # KeyError would show the message quoted, as if it were a key.
        return Exception.__str__(self)


class AmbiguousId(MxError):
    """An id prefix matches several memories; ``matches`` lists some of them. Type more characters."""

    code = "AMBIGUOUS_ID"
    matches: List[str] = []


class StoreUnavailable(MxError, OSError):
    """The store cannot be opened or written (permissions, disk, a lock held too long), or it was closed."""

    code = "STORE_UNAVAILABLE"
