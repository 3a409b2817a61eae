"""End-to-end: the real `mx mcp` binary driven over stdio by the official MCP Python SDK (PyPI `mcp`).

Run by scripts/test.d/50-mcp-e2e.sh, which builds `mx` and installs the SDK into a venv under target/.
MX_BIN points at the binary; each test gets its own MX_HOME and project directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

REPO = Path(__file__).resolve().parents[4]
MX_BIN = Path(os.environ.get("MX_BIN", REPO / "target" / "debug" / "mx"))

EXPECTED_TOOLS = {
    "create_memory",
    "search_memories",
    "get_memory",
    "update_memory",
    "delete_memory",
    "recall",
    "build_context",
    "list_conversations",
    "list_topics",
    "list_stale_memories",
    "reanchor_memory",
}


@pytest.fixture()
def env(tmp_path: Path) -> dict[str, Any]:
    home = tmp_path / "mx-home"
    project = tmp_path / "shop"
    project.mkdir()
    assert MX_BIN.is_file(), f"{MX_BIN} is missing: build it with `cargo build -p mx`"
    return {"home": home, "project": project, "errlog": tmp_path / "server-stderr.log"}


@asynccontextmanager
async def session(env: dict[str, Any], extra_env: dict[str, str] | None = None) -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(
        command=str(MX_BIN),
        args=["mcp"],
        env={"MX_HOME": str(env["home"]), **(extra_env or {})},
        cwd=str(env["project"]),
    )
    with open(env["errlog"], "a", encoding="utf-8") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write):
            async with ClientSession(read, write) as client:
                await client.initialize()
                yield client


def text_of(result: Any) -> str:
    return "\n".join(block.text for block in result.content if getattr(block, "type", None) == "text")


async def call_ok(client: ClientSession, tool: str, args: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    result = await client.call_tool(tool, args)
    assert not result.is_error, f"{tool} failed: {text_of(result)}"
    assert isinstance(result.structured_content, dict), f"{tool} has no structured content"
    return text_of(result), result.structured_content


def test_lists_the_tools_with_described_schemas_and_instructions(env: dict[str, Any]) -> None:
    async def main() -> None:
        async with session(env) as client:
            assert client.server_info is not None and client.server_info.name == "mx"
            instructions = client.instructions or ""
            assert "recall" in instructions and "NEW" in instructions, instructions
            tools = (await client.list_tools()).tools
            assert {t.name for t in tools} == EXPECTED_TOOLS
            for tool in tools:
                assert tool.description, tool.name
                for field, schema in tool.input_schema.get("properties", {}).items():
                    assert schema.get("description"), f"{tool.name}.{field}"

    anyio.run(main)


def test_create_with_new_search_get_and_recall(env: dict[str, Any]) -> None:
    async def main() -> None:
        async with session(env) as client:
            text, first = await call_ok(
                client,
                "create_memory",
                {
                    "content": "Decided to store money as integer cents instead of floats: rounding errors broke invoice totals.",
                    "conversationId": "NEW",
                    "topics": ["billing", "money"],
                    "kind": "decision",
                    "files": ["src/billing/money.rs"],
                },
            )
            conversation = first["conversationId"]
            assert conversation.startswith("conv_"), first
            assert first["conversationStarted"] is True
            assert conversation in text
            assert first["memory"]["source"] == "mcp"

            _, second = await call_ok(
                client,
                "create_memory",
                {
                    "content": "Ruled out the rust_decimal crate for money: too slow in the pricing hot loop.",
                    "conversationId": conversation,
                    "topics": ["billing"],
                },
            )
            assert second["conversationId"] == conversation
            assert second["conversationStarted"] is False

            _, found = await call_ok(client, "search_memories", {"query": "money cents floats"})
            ids = [r["memory"]["id"] for r in found["results"]]
            assert ids and ids[0] == first["id"], found

            _, got = await call_ok(client, "get_memory", {"id": first["id"][:12]})
            assert got["memory"]["id"] == first["id"]

            digest, structured = await call_ok(client, "recall", {"query": "how is money stored"})
            assert "integer cents" in digest, digest
            assert first["id"] in structured["included"], structured

            standing, _ = await call_ok(client, "recall", {})
            assert "integer cents" in standing or "rust_decimal" in standing, standing

            briefing, _ = await call_ok(
                client, "build_context", {"context": "fix invoice rounding", "files": ["src/billing/money.rs"]}
            )
            assert "integer cents" in briefing, briefing

            listed, conversations = await call_ok(client, "list_conversations", {})
            assert conversation in listed
            assert any(c["id"] == conversation and c["memories"] == 2 for c in conversations["conversations"])

            _, topics = await call_ok(client, "list_topics", {})
            assert {"topic": "billing", "memories": 2} in [
                {"topic": t["topic"], "memories": t["memories"]} for t in topics["topics"]
            ]

    anyio.run(main)


def test_bad_input_is_a_tool_error_and_the_server_keeps_serving(env: dict[str, Any]) -> None:
    async def main() -> None:
        async with session(env) as client:
            missing = await client.call_tool("create_memory", {"conversationId": "NEW"})
            assert missing.is_error and "content" in text_of(missing)

            too_long = await client.call_tool("create_memory", {"content": "x" * 50_001})
            assert too_long.is_error and "50000" in text_of(too_long)

            wrong_type = await client.call_tool("create_memory", {"content": "fine", "importance": "very"})
            assert wrong_type.is_error

            unknown = await client.call_tool("get_memory", {"id": "01jzzzzzzzzzzzzzzzzzzzzzzz"})
            assert unknown.is_error and unknown.structured_content["error"]["code"] == "NOT_FOUND"

            _, ok = await call_ok(client, "create_memory", {"content": "Still serving after bad input."})
            assert ok["memory"]["content"] == "Still serving after bad input."

    anyio.run(main)


def test_logs_go_to_stderr_and_stdout_stays_protocol(env: dict[str, Any]) -> None:
    async def main() -> None:
        async with session(env, {"MX_LOG": "debug"}) as client:
            await call_ok(client, "create_memory", {"content": "Logging check.", "conversationId": "NEW"})
            await call_ok(client, "search_memories", {"query": "logging"})

    anyio.run(main)
    log = env["errlog"].read_text(encoding="utf-8")
    assert "DEBUG" in log or "INFO" in log, "MX_LOG=debug should produce log lines on stderr"


def test_concurrent_servers_and_cli_lose_no_writes(env: dict[str, Any]) -> None:
    servers, per_server, cli_writes = 3, 8, 6

    async def one_server(n: int, ids: list[str]) -> None:
        async with session(env) as client:
            async with anyio.create_task_group() as tg:
                for i in range(per_server):

                    async def write(i: int = i) -> None:
                        _, created = await call_ok(
                            client,
                            "create_memory",
                            {"content": f"concurrent write from window {n} item {i} about sharding", "topics": ["sharding"]},
                        )
                        ids.append(created["id"])

                    tg.start_soon(write)

    def cli_write(i: int) -> str:
        out = subprocess.run(
            [str(MX_BIN), "--format", "json", "memories", "create", "--content",
             f"concurrent write from the cli item {i} about sharding", "--topics", "sharding"],
            cwd=env["project"],
            env={**os.environ, "MX_HOME": str(env["home"])},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        return out.stdout

    async def main() -> None:
        ids: list[str] = []
        async with anyio.create_task_group() as tg:
            for n in range(servers):
                tg.start_soon(one_server, n, ids)
            for i in range(cli_writes):
                tg.start_soon(anyio.to_thread.run_sync, cli_write, i)
        assert len(set(ids)) == servers * per_server
        # A fresh server sees every write: each id resolves and the topic count adds up. (Search is not the check:
        # ranking folds these near-identical texts together on purpose.)
        async with session(env) as client:
            for memory_id in ids:
                _, got = await call_ok(client, "get_memory", {"id": memory_id})
                assert got["memory"]["id"] == memory_id
            _, topics = await call_ok(client, "list_topics", {})
            counts = {t["topic"]: t["memories"] for t in topics["topics"]}
            assert counts.get("sharding") == servers * per_server + cli_writes, counts

    anyio.run(main)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-v"]))
