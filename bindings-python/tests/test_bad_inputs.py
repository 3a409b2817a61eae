"""The cross-front-end bad-input table (tests/bad-inputs.json at the repository root): every row, called the Python
way, raises InvalidInput naming the same field with the same ``field: problem`` message as the CLI, the MCP server and
the Node binding give."""

import json
from pathlib import Path
from typing import Any, Dict

import pytest

from mx_memory import InvalidInput, MemoryStore

TABLE = json.loads((Path(__file__).resolve().parents[2] / "tests" / "bad-inputs.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", TABLE["cases"], ids=[row["name"] for row in TABLE["cases"]])
def test_bad_input_gives_the_shared_error(tmp_path: Path, row: Dict[str, Any]) -> None:
    store = MemoryStore(home=tmp_path / "mx", project="github.com/acme/shop")
    call = row["python"]
    with pytest.raises(InvalidInput) as raised:
        getattr(store, call["method"])(*call["args"], **call["kwargs"])
    assert raised.value.code == "INVALID_INPUT"
    assert raised.value.field == row["field"]
    assert row["message"] in str(raised.value)
    assert store.list() == []
