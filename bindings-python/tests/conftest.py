"""Fixtures: a fresh store per test, and the `mx` CLI pointed at the same store."""

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Callable, Iterator, List

import pytest

from mx_memory import MemoryStore

PROJECT = "github.com/acme/shop"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "mx-home"


@pytest.fixture
def store(home: Path) -> Iterator[MemoryStore]:
    with MemoryStore(home, project=PROJECT) as s:
        yield s


def mx_binary() -> Path:
    """The CLI built by scripts/test.d/45-python.sh (`cargo build -p mx`); MX_BIN overrides."""
    binary = Path(os.environ.get("MX_BIN") or REPO / "target" / "debug" / "mx")
    if not binary.is_file():
        pytest.fail(f"the mx CLI is not built at {binary}; run `cargo build -p mx` or set MX_BIN")
    return binary


@pytest.fixture
def mx(home: Path) -> Callable[..., Any]:
    """Runs `mx ARGS --format json` on the test's store and returns the parsed JSON output."""
    binary = mx_binary()

    def run(*args: str) -> Any:
        env = {**os.environ, "MX_HOME": str(home), "MX_PROJECT": PROJECT, "NO_COLOR": "1"}
        done = subprocess.run(
            [str(binary), *args, "--format", "json"], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, f"mx {' '.join(args)} failed ({done.returncode}): {done.stderr}"
        return json.loads(done.stdout)

    return run


def contents(memories: List[Any]) -> List[str]:
    return [m.content if hasattr(m, "content") else m["content"] for m in memories]
