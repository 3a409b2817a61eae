#!/usr/bin/env python3
"""Bounded soak: CLI writers, `mx mcp` servers and Claude Code hooks on one store for a fixed time.

Not part of the test command (RELIABILITY.md records its figures). Every memory a writer or server was told is
saved must be stored and found by its unique word afterwards, no call may fail, `mx doctor` must pass, and each
MCP server's resident memory must stay flat after warm-up. Exits 1 when any of that does not hold.

    cargo build -p mx && python3 scripts/soak.py --seconds 600
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ID = re.compile(r"\b(01[0-9a-z]{24})\b")


def word(tag, i):
    """A word no other memory holds: letters only, so the analyser keeps it whole."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    n, out = i, ""
    for _ in range(5):
        out += letters[n % 26]
        n //= 26
    return f"soak{tag}{out}"


def rss_kib(pid):
    """Anonymous resident memory (heap, stacks): the search index is memory-mapped, and its pages in RSS grow with
    the store, not with a leak."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


class Soak:
    def __init__(self, mx, home, project, deadline):
        self.mx, self.project, self.deadline = mx, project, deadline
        self.env = dict(os.environ, MX_HOME=str(home), NO_COLOR="1")
        self.lock = threading.Lock()
        self.saved = []  # (id, word)
        self.failed = []  # messages
        self.calls = 0

    def note(self, saved=None, failed=None):
        with self.lock:
            self.calls += 1
            if saved:
                self.saved.append(saved)
            if failed:
                self.failed.append(failed)

    def run(self, args, stdin=None):
        return subprocess.run([self.mx, *args], input=stdin, capture_output=True, text=True, cwd=self.project,
                              env=self.env, timeout=60)

    def writer(self, w):
        i = 0
        while time.monotonic() < self.deadline:
            token = word(f"cli{w}x", i)
            out = self.run(["memories", "create", "--conversation-id", "NEW", "--topics", "soak",
                            "--content", f"Writer {w} item {i}: the ledger retries {token} before giving up."])
            found = ID.search(out.stdout)
            if out.returncode == 0 and found:
                self.note(saved=(found.group(1), token))
            else:
                self.note(failed=f"create exit {out.returncode}: {out.stderr.strip()}")
            if i % 5 == 0:
                out = self.run(["memories", "search", token, "--format", "json"])
                if out.returncode != 0:
                    self.note(failed=f"search exit {out.returncode}: {out.stderr.strip()}")
            i += 1

    def hooks(self):
        i = 0
        while time.monotonic() < self.deadline:
            session = f"soak-session-{i}"
            for event, payload in [
                ("session-start", {"session_id": session, "cwd": str(self.project), "hook_event_name": "SessionStart",
                                   "source": "startup"}),
                ("user-prompt-submit", {"session_id": session, "cwd": str(self.project),
                                        "hook_event_name": "UserPromptSubmit",
                                        "prompt": "why does the ledger retry before giving up?"}),
            ]:
                out = self.run(["hook", "claude-code", event], stdin=json.dumps(payload))
                if out.returncode != 0:
                    self.note(failed=f"hook {event} exit {out.returncode}: {out.stderr.strip()}")
                else:
                    self.note()
            i += 1

    def server(self, s, samples):
        proc = subprocess.Popen([self.mx, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, cwd=self.project, env=self.env, bufsize=1)
        next_id = 0

        def request(method, params):
            nonlocal next_id
            next_id += 1
            proc.stdin.write(json.dumps({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params}) + "\n")
            proc.stdin.flush()
            while True:
                line = proc.stdout.readline()
                if not line:
                    raise RuntimeError("mx mcp closed its output")
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                if message.get("id") == next_id:
                    return message

        def call(tool, arguments):
            reply = request("tools/call", {"name": tool, "arguments": arguments})
            result = reply.get("result")
            if result is None or result.get("isError"):
                raise RuntimeError(json.dumps(reply)[:300])
            return result.get("structuredContent") or {}

        try:
            request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                   "clientInfo": {"name": "soak", "version": "0"}})
            proc.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
            proc.stdin.flush()
            i = 0
            while time.monotonic() < self.deadline:
                token = word(f"mcp{s}x", i)
                try:
                    created = call("create_memory", {"content": f"Server {s} item {i}: the webhook dedupes {token}.",
                                                     "topics": ["soak"]})
                    self.note(saved=(created["id"], token))
                    call("search_memories", {"query": token})
                    self.note()
                except (RuntimeError, KeyError) as err:
                    self.note(failed=f"mcp {s}: {err}")
                if i % 20 == 0:
                    samples.append((time.monotonic(), rss_kib(proc.pid)))
                i += 1
            samples.append((time.monotonic(), rss_kib(proc.pid)))
        finally:
            proc.stdin.close()
            proc.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--mx", default=str(ROOT / "target" / "debug" / "mx"))
    args = parser.parse_args()
    if not Path(args.mx).is_file():
        sys.exit(f"error: no mx binary at {args.mx}; run `cargo build -p mx` first or pass --mx")

    work = Path(tempfile.mkdtemp(prefix="mx-soak-"))
    project = work / "shop"
    project.mkdir()
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    soak = Soak(args.mx, work / "home", project, time.monotonic() + args.seconds)
    samples = [[] for _ in range(args.servers)]
    threads = [threading.Thread(target=soak.writer, args=(w,)) for w in range(args.writers)]
    threads += [threading.Thread(target=soak.server, args=(s, samples[s])) for s in range(args.servers)]
    threads.append(threading.Thread(target=soak.hooks))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started

    problems = list(soak.failed)
    exported = soak.run(["export"])
    stored = set(ID.findall(exported.stdout))
    lost = [i for i, _ in soak.saved if i not in stored]
    problems += [f"lost {i}" for i in lost]
    # Search every 25th saved memory by its word (all of them would take as long as the soak).
    for memory_id, token in soak.saved[::25]:
        out = soak.run(["memories", "search", token, "--format", "json"])
        if memory_id not in out.stdout:
            problems.append(f"{memory_id} not found by its word {token}")
    doctor = soak.run(["doctor"])
    if doctor.returncode != 0:
        problems.append(f"mx doctor exit {doctor.returncode}: {doctor.stdout}{doctor.stderr}")

    print(f"soak: {elapsed:.0f} s, {args.writers} writers, {args.servers} MCP servers, 1 hook loop")
    print(f"calls: {soak.calls}, memories saved: {len(soak.saved)}, stored: {len(stored)}, lost: {len(lost)}, "
          f"failed calls: {len(soak.failed)}")
    for s, points in enumerate(samples):
        values = [kib for _, kib in points if kib]
        if len(values) < 4:
            continue
        warm = values[len(values) // 4]
        last, peak = values[-1], max(values[len(values) // 4:])
        print(f"mcp server {s}: anonymous RSS after warm-up {warm / 1024:.1f} MiB, peak {peak / 1024:.1f} MiB, "
              f"end {last / 1024:.1f} MiB")
        if last > warm * 1.5 + 10 * 1024:
            problems.append(f"mcp server {s} grew from {warm} KiB to {last} KiB")
    for problem in problems[:20]:
        print(f"problem: {problem}")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
