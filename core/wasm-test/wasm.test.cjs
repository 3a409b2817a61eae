// Loads the wasm-bindgen package of mx-core (nodejs target) built by scripts/test.d/20-wasm.sh and checks real
// rankings and digests over the Rust tests' fixture (35 memories of a shop's repository).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const pkgDir = process.env.MX_WASM_PKG || path.join(__dirname, "..", "..", "target", "wasm-pkg", "nodejs");
const mx = require(path.join(pkgDir, "mx_core.js"));
const memories = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "tests", "fixtures", "memories.json"), "utf8"));
const NOW = "2026-11-26T09:00:00Z";
const byKey = (key) => memories.find((m) => m.externalId === key);

/** The lines of one `## ` section of a markdown digest. */
function section(text, heading) {
  const lines = text.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const out = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith("## ")) break;
    if (line) out.push(line);
  }
  return out;
}

test("structured digest for 'payments feature' shows the seed memory under Where things stand", () => {
  const d = mx.digest(memories, { query: "payments feature", now: NOW, project: "github.com/acme/shop" });
  assert.equal(d.format, "structured");
  assert.ok(d.tokens <= 1500, `tokens ${d.tokens}`);
  const seed = byKey("pay-progress-2");
  const standing = section(d.text, "## Where things stand");
  const at = standing.findIndex((l) => l.includes(seed.id.slice(0, 12)));
  assert.ok(at >= 0, d.text);
  assert.match(standing[at], /^- Implemented idempotency key pattern on all Stripe calls/);
  assert.equal(standing[at + 1], "  - Next: write integration tests.");
  assert.equal(standing[at + 2], "  - Known issue: Redis connection pool config needs revisiting for high-load scenarios.");
  const decision = byKey("pay-result");
  assert.ok(
    section(d.text, "## Decisions").some((l) => l.startsWith("- We use a Result type pattern, not exceptions") && l.includes(decision.id.slice(0, 12))),
    d.text,
  );
  assert.ok(d.included.includes(seed.id));
});

test("the wasm digest is the native digest (same snapshot text)", () => {
  const d = mx.digest(memories, { query: "payments feature", now: NOW, project: "github.com/acme/shop" });
  const snap = fs.readFileSync(path.join(__dirname, "..", "tests", "snapshots", "digest__snapshot_structured_payments.snap"), "utf8");
  const body = snap.split("\n---\n").slice(1).join("\n---\n");
  assert.equal(d.text.trimEnd(), body.trimEnd());
});

test("every format renders within the budget", () => {
  for (const format of ["structured", "narrative", "timeline", "status-report", "json"]) {
    for (const maxTokens of [50, 200, 1500]) {
      const d = mx.digest(memories, { query: "payments feature", now: NOW, format, maxTokens });
      assert.equal(d.format, format);
      assert.ok(d.tokens <= maxTokens, `${format} ${maxTokens}: ${d.tokens}`);
      if (format === "json" && d.text) assert.equal(JSON.parse(d.text).memories.length, d.included.length);
    }
  }
});

test("no query means where things stand", () => {
  const d = mx.digest(memories, { now: NOW });
  assert.match(d.text, /^# Project memory — where things stand\n/);
  assert.ok(section(d.text, "## Where things stand").length >= 3);
  assert.ok(!d.included.includes(byKey("auth-lock-redis").id), "superseded memories never stand");
});

test("rank orders by relevance, explains scores and drops superseded memories", () => {
  const ranked = mx.rank(memories, "job lock", { now: NOW });
  assert.ok(ranked.length > 0);
  assert.equal(ranked[0].memory.externalId, "auth-lock-pg");
  assert.ok(!ranked.some((r) => r.memory.externalId === "auth-lock-redis"));
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score >= ranked[i].score);
  for (const r of ranked) {
    const b = r.breakdown;
    const sum = b.lexical + b.topic + b.conversation + b.project + b.kind + b.importance + b.recency + b.superseded;
    assert.ok(Math.abs(sum - b.total) < 1e-4 && Math.abs(r.score - b.total) < 1e-6);
  }
  const withOld = mx.rank(memories, "job lock", { now: NOW, includeSuperseded: true });
  const newer = withOld.findIndex((r) => r.memory.externalId === "auth-lock-pg");
  const older = withOld.findIndex((r) => r.memory.externalId === "auth-lock-redis");
  assert.ok(older > newer && newer >= 0, "the newer statement ranks above the superseded one");
  const bm25 = mx.rank(memories, "job lock", { now: NOW, mode: "bm25", limit: 2 });
  assert.equal(bm25.length, 2);
  assert.equal(bm25[0].breakdown.recency, 0);
});

test("bad input throws an Error that says what is wrong", () => {
  assert.throws(() => mx.digest([{ content: "no id" }], { now: NOW }), (e) => e instanceof Error && /memories:/.test(e.message));
  assert.throws(() => mx.digest(memories, { now: NOW, format: "prose" }), /format/);
  assert.throws(() => mx.rank(memories, "x", { now: "yesterday" }), /now:/);
});

test("now defaults to the JS clock", () => {
  const d = mx.digest(memories, { query: "payments feature" });
  assert.ok(d.tokens > 0);
});

test("options are optional", () => {
  assert.ok(mx.rank(memories, "stripe").length > 0);
  assert.ok(mx.digest(memories).text.startsWith("# Project memory — where things stand"));
});

test("the package ships real TypeScript types", () => {
  const dts = fs.readFileSync(path.join(pkgDir, "mx_core.d.ts"), "utf8");
  assert.match(dts, /export function digest\(memories: Memory\[\], options\?: DigestOptions \| null\): Digest;/);
  assert.match(dts, /export function rank\(memories: Memory\[\], query\?: string \| null, options\?: RankOptions \| null\): RankedMemory\[\];/);
  assert.match(dts, /export interface Memory \{/);
});
