"""`Memory.stale` from Python: memories anchored in a real git repository made here, read after the code moved."""

import os
import subprocess
from pathlib import Path

from mx_memory import MemoryStore

from conftest import PROJECT

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Ada",
    "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Ada",
    "GIT_COMMITTER_EMAIL": "ada@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True, capture_output=True)


def test_stale_reports_what_moved_since_the_memory_was_written(tmp_path: Path, home: Path) -> None:
    repo = tmp_path / "shop"
    (repo / "src").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "remote", "add", "origin", "https://github.com/acme/shop.git")
    (repo / "src" / "pool.rs").write_text("pool size 10\n")
    (repo / "src" / "auth.rs").write_text("signed cookies\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Initial")

    with MemoryStore(home, project=PROJECT, worktree=repo) as store:
        pool = store.create("The pool caps at 10 connections", kind="gotcha", files=["src/pool.rs"])
        auth = store.create("Sessions are signed cookies", kind="decision", files=["src/auth.rs"])
        plain = store.create("We pair on Fridays", kind="convention")
        (repo / "src" / "pool.rs").write_text("pool size 20\n")
        git(repo, "commit", "-q", "-am", "Raise the cap")

        stale = store.get(pool.memory.id).stale
        assert stale is not None and stale.is_stale
        assert stale.mark == "src/pool.rs changed since, 1 commit"
        assert [(a.file, a.state, a.commits) for a in stale.anchors] == [("src/pool.rs", "changed", 1)]
        assert stale.to_dict()["anchors"] == [
            {"file": "src/pool.rs", "state": "changed", "commits": 1, "region_changed": None, "to": None}
        ]
        fresh = store.get(auth.memory.id).stale
        assert fresh is not None and not fresh.is_stale and fresh.anchors[0].state == "unchanged"
        assert store.get(plain.memory.id).stale is None
        assert store.get(pool.memory.id).to_dict()["stale"]["mark"] == stale.mark
