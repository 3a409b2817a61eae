"""The exception hierarchy and how store errors map onto it."""

import errno
from pathlib import Path

import pytest

import mx_memory
from mx_memory import AmbiguousId, InvalidInput, MemoryStore, MxError, NotFound, StoreUnavailable


def test_exception_classes_derive_from_mx_error_and_the_natural_builtin() -> None:
    assert issubclass(InvalidInput, MxError) and issubclass(InvalidInput, ValueError)
    assert issubclass(NotFound, MxError) and issubclass(NotFound, KeyError)
    assert issubclass(AmbiguousId, MxError)
    assert issubclass(StoreUnavailable, MxError) and issubclass(StoreUnavailable, OSError)
    assert issubclass(MxError, Exception)
    codes = {cls.__name__: cls.code for cls in (MxError, InvalidInput, NotFound, AmbiguousId, StoreUnavailable)}
    assert codes == {"MxError": "INTERNAL", "InvalidInput": "INVALID_INPUT", "NotFound": "NOT_FOUND",
                     "AmbiguousId": "AMBIGUOUS_ID", "StoreUnavailable": "STORE_UNAVAILABLE"}


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s: s.create("   "), "content"),
        (lambda s: s.create("x" * 50_001), "content"),
        (lambda s: s.create("fine", importance=1.5), "importance"),
        (lambda s: s.create("fine", kind="opinion"), "kind"),
        (lambda s: s.create("fine", name="Not Kebab"), "name"),
        (lambda s: s.create("fine", topics=[f"t{i}" for i in range(33)]), "topics"),
        (lambda s: s.list(sort="random"), "sort"),
        (lambda s: s.digest(format="poem"), "format"),
    ],
)
def test_invalid_input_names_the_field(store: MemoryStore, call, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as raised:
        call(store)
    assert raised.value.field == field
    assert isinstance(raised.value, ValueError)
    assert str(raised.value).startswith(f"{field}: ")


def test_not_found_is_a_key_error_with_a_readable_message(store: MemoryStore) -> None:
    with pytest.raises(KeyError) as raised:
        store.get("zzzzzzzzzz")
    assert isinstance(raised.value, NotFound)
    assert str(raised.value) == "no memory matches id `zzzzzzzzzz`; list ids with Store.list()"
    with pytest.raises(NotFound):
        store.delete("unknown-name")
    with pytest.raises(NotFound):
        store.update("unknown-name", importance=0.1)


def test_ambiguous_prefix_lists_the_matches(store: MemoryStore) -> None:
    # The first 6 characters of an id encode its creation time in units of about 4 minutes, so memories created
    # together share them.
    ids = {store.create(f"note number {i}", kind="note").id for i in range(3)}
    prefix = next(iter(ids))[:6]
    sharing = {i for i in ids if i.startswith(prefix)}
    assert len(sharing) >= 2
    with pytest.raises(AmbiguousId) as raised:
        store.get(prefix)
    assert set(raised.value.matches) <= ids and len(raised.value.matches) == len(sharing)
    assert "ambiguous" in str(raised.value)


def test_a_home_that_is_a_file_is_store_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with pytest.raises(StoreUnavailable) as raised:
        MemoryStore(blocker / "mx")
    assert isinstance(raised.value, OSError)
    assert str(blocker) in str(raised.value)


def test_a_corrupt_database_is_store_unavailable(tmp_path: Path) -> None:
    home = tmp_path / "mx"
    home.mkdir()
    (home / "mx.db").write_bytes(b"this is not an SQLite database, it is a text file" * 100)
    with pytest.raises(StoreUnavailable, match="not a database"):
        MemoryStore(home).list()


def test_io_errors_keep_the_os_error_as_cause(store: MemoryStore, tmp_path: Path) -> None:
    store.create("Decided to export nightly")
    with pytest.raises(StoreUnavailable) as raised:
        store.export(tmp_path / "missing-directory" / "dump.jsonl")
    assert "missing-directory" in str(raised.value)
    cause = raised.value.__cause__
    assert isinstance(cause, FileNotFoundError) and cause.errno == errno.ENOENT
    assert raised.value.__suppress_context__


def test_a_closed_store_is_unavailable(home: Path) -> None:
    store = MemoryStore(home)
    store.create("kept before closing")
    store.close()
    store.close()
    with pytest.raises(StoreUnavailable, match="closed"):
        store.list()
    assert "closed" in repr(store)


def test_context_manager_closes_and_lets_exceptions_through(home: Path) -> None:
    with MemoryStore(home, project="p") as store:
        assert isinstance(store, MemoryStore)
        created = store.create("Decided to keep the context manager simple")
    with pytest.raises(StoreUnavailable):
        store.get(created.id)
    with pytest.raises(ZeroDivisionError):
        with MemoryStore(home, project="p") as again:
            1 / 0
    with pytest.raises(StoreUnavailable):
        again.list()
    with MemoryStore(home, project="p") as reopened:
        assert reopened.get(created.id).content == "Decided to keep the context manager simple"


def test_module_metadata() -> None:
    assert mx_memory.__version__ == "0.1.0"
    assert set(mx_memory.__all__) <= set(dir(mx_memory))
