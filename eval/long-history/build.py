#!/usr/bin/env python3
"""Builds eval/long-history (memories.jsonl, queries.jsonl) from the parts in parts/*.json. Deterministic, stdlib only.

Each part is one person's own sessions, ten generic "filler" sessions and the person's questions (README.md). Every
person's history (one project) gets their own sessions plus the filler sessions of *every* part, spread evenly over
their own period: about fifty sessions behind each question, most of them long chats about something else.
"""

import json
import pathlib
import sys
from datetime import datetime, timedelta, timezone

HERE = pathlib.Path(__file__).resolve().parent
TURN_GAP = timedelta(minutes=2)


def parse_time(text):
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def fmt(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def fail(message):
    sys.exit(f"long-history/build.py: {message}")


def check_turns(session_id, turns):
    if not 4 <= len(turns) <= 14:
        fail(f"{session_id} has {len(turns)} turns (4-14 expected)")
    for i, turn in enumerate(turns):
        want = "user" if i % 2 == 0 else "assistant"
        if turn.get("role") != want:
            fail(f"{session_id} turn {i + 1} is {turn.get('role')!r}, expected {want}")
        if not turn.get("content", "").strip():
            fail(f"{session_id} turn {i + 1} is empty")


def turn_memories(project, session_id, start, turns):
    return [
        {
            "id": f"{session_id}-t{i + 1}",
            "project": project,
            "conversationId": session_id,
            "role": turn["role"],
            "content": turn["content"].strip(),
            "createdAt": fmt(start + TURN_GAP * i),
        }
        for i, turn in enumerate(turns)
    ]


def main():
    parts = [json.loads(p.read_text()) for p in sorted((HERE / "parts").glob("*.json"))]
    if not parts:
        fail("no parts in parts/")
    filler = []
    for part in parts:
        for session in part["filler"]:
            check_turns(session["id"], session["turns"])
            filler.append(session)
    filler.sort(key=lambda s: s["id"])

    memories, queries = [], []
    for part in parts:
        user = part["user"]
        sessions = part["sessions"]
        own = []
        previous = None
        for session in sessions:
            check_turns(session["id"], session["turns"])
            start = parse_time(session["start"])
            if previous and start <= previous:
                fail(f"{session['id']} starts before the session ahead of it")
            previous = start
            own.extend(turn_memories(user, session["id"], start, session["turns"]))
        first, last = parse_time(sessions[0]["start"]), parse_time(sessions[-1]["start"])
        # Filler sessions evenly over the person's period, at 13:00 plus a few minutes so they never collide.
        step = (last - first) / (len(filler) + 1)
        mixed = list(own)
        for i, session in enumerate(filler):
            day = (first + step * (i + 1)).replace(hour=13, minute=0, second=0) + timedelta(minutes=7 * (i % 5))
            mixed.extend(turn_memories(user, f"{user}/{session['id']}", day, session["turns"]))
        mixed.sort(key=lambda m: (m["createdAt"], m["id"]))
        memories.extend(mixed)

        by_id = {m["id"]: m for m in own}
        for q in part["questions"]:
            gold = q["goldIds"]
            if not gold:
                fail(f"{q['id']} has no gold")
            for g in gold:
                if g not in by_id:
                    fail(f"{q['id']}: gold {g} is not one of {user}'s turns")
                if by_id[g]["createdAt"] >= q["askedAt"]:
                    fail(f"{q['id']}: gold {g} is not before askedAt")
            conversations = sorted({by_id[g]["conversationId"] for g in gold})
            queries.append(
                {
                    "id": q["id"],
                    "project": user,
                    "query": q["query"],
                    "askedAt": q["askedAt"],
                    "goldIds": gold,
                    "goldConversations": conversations,
                    "type": q["type"],
                }
            )

    ids = [m["id"] for m in memories]
    if len(ids) != len(set(ids)):
        fail("duplicate memory ids")
    texts = [q["query"] for q in queries]
    if len(texts) != len(set(texts)):
        fail("a question text repeats")
    with open(HERE / "memories.jsonl", "w") as f:
        for m in memories:
            f.write(json.dumps(m, ensure_ascii=False) + "\n")
    with open(HERE / "queries.jsonl", "w") as f:
        for q in queries:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")

    words = {"user": [], "assistant": []}
    for m in memories:
        words[m["role"]].append(len(m["content"].split()))
    print(f"{len(memories)} memories, {len(queries)} questions, {len(parts)} people, {len(filler)} filler sessions")
    for role, counts in words.items():
        print(f"  {role}: {len(counts)} turns, {sum(counts) / len(counts):.0f} words on average, longest {max(counts)}")
    per_type = {}
    for q in queries:
        per_type[q["type"]] = per_type.get(q["type"], 0) + 1
    print("  " + ", ".join(f"{t} {n}" for t, n in sorted(per_type.items())))


if __name__ == "__main__":
    main()
