// Search call overhead of the Node binding versus the same search in Rust, on a store of 100,000 memories.
//
//   npm run build              # the release addon: debug figures mean little
//   cargo build --release --target x86_64-unknown-linux-gnu -p mx-memory-node --example search_bench
//                              # (same --target as napi's build, so both share the release artifacts)
//   node bench/search.mjs      # MX_BENCH_MEMORIES, MX_BENCH_ITERATIONS, MX_BENCH_ROUNDS, MX_BENCH_HOME to change
//
// Both sides open the same store and run the same queries with the same request (project scope, limit 10, a fixed
// "now"); the Rust side (examples/search_bench.rs) calls mx_store::Store::search directly.
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { MemoryStore } from '../index.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const targetDir = process.env.CARGO_TARGET_DIR || path.join(here, '..', '..', 'target')
const MEMORIES = Number(process.env.MX_BENCH_MEMORIES || 100_000)
const ITERATIONS = Number(process.env.MX_BENCH_ITERATIONS || 20)
const ROUNDS = Number(process.env.MX_BENCH_ROUNDS || 7)
const HOME = process.env.MX_BENCH_HOME || path.join(targetDir, 'bench', `node-search-${MEMORIES}`)
const PROJECT = 'github.com/acme/shop'
const NOW = '2026-11-26T09:00:00Z'
const QUERIES = [
  'webhook retry backoff',
  'flaky checkout test clock',
  'refund worker queue ordering',
  'postgres migration lock timeout',
  'money amounts integer cents',
  'session cookie samesite',
  'invoice exporter batch',
  'feature flag rollout',
]
const RUST_BENCH = process.env.MX_BENCH_RUST || path.join(targetDir, 'x86_64-unknown-linux-gnu', 'release', 'examples', 'search_bench')

// A deterministic corpus: the words of a web shop's engineering notes, combined by a seeded generator.
function* corpus(n) {
  let seed = 42
  const rnd = (k) => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % k
  }
  const pick = (xs) => xs[rnd(xs.length)]
  const subjects = ['webhook handler', 'refund worker', 'checkout flow', 'invoice exporter', 'session store', 'search index', 'payment ledger', 'feature flag service', 'postgres migration', 'email sender', 'cart service', 'rate limiter', 'image resizer', 'auth middleware', 'order queue']
  const problems = ['retry backoff', 'clock skew', 'lock timeout', 'ordering across shards', 'integer cents rounding', 'samesite cookie', 'batch size', 'rollout percentage', 'connection pool', 'memory leak', 'n+1 queries', 'timezone handling', 'idempotency keys', 'cache invalidation', 'flaky test']
  const verbs = ['Decided to change', 'Ruled out changing', 'Root cause found in', 'Convention for', 'Gotcha with', 'Next: revisit', 'Noted', 'Constraint on']
  const kinds = ['decision', 'ruled-out', 'debugging', 'convention', 'gotcha', 'progress', 'note', 'constraint']
  const topics = ['payments', 'webhooks', 'checkout', 'testing', 'infra', 'auth', 'search', 'billing', 'queue', 'database']
  const start = Date.parse('2024-11-26T09:00:00Z')
  const span = Date.parse(NOW) - start
  for (let i = 0; i < n; i++) {
    const v = rnd(verbs.length)
    const subject = pick(subjects)
    const problem = pick(problems)
    yield {
      id: `bench-${i}`,
      content: `${verbs[v]} the ${subject}: ${problem} in ${pick(subjects)} (case ${i}); ${pick(problems)} was considered too`,
      kind: kinds[v],
      topics: [pick(topics), pick(topics)],
      project: rnd(5) === 0 ? 'github.com/acme/blog' : PROJECT,
      conversationId: `conv_bench_${Math.floor(i / 20)}`,
      createdAt: new Date(start + Math.floor((span * i) / n)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    }
  }
}

function ensureStore() {
  const store = new MemoryStore({ home: HOME, project: PROJECT })
  const have = store.listSync({ allProjects: true, limit: MEMORIES }).length
  if (have >= MEMORIES) return store
  console.log(`building a store of ${MEMORIES} memories in ${HOME} …`)
  const t0 = performance.now()
  let batch = []
  for (const record of corpus(MEMORIES)) {
    batch.push(record)
    if (batch.length === 10_000) {
      store.importSync(batch)
      batch = []
    }
  }
  if (batch.length) store.importSync(batch)
  console.log(`imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  return store
}

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function rustRound() {
  const run = spawnSync(RUST_BENCH, [HOME, PROJECT, NOW, String(ITERATIONS), ...QUERIES], { encoding: 'utf8' })
  if (run.status !== 0) {
    console.error(run.stderr)
    process.exit(1)
  }
  return JSON.parse(run.stdout).medianNs
}

function nodeSyncRound() {
  const samples = []
  for (let i = 0; i < ITERATIONS; i++) {
    for (const q of QUERIES) {
      const t = process.hrtime.bigint()
      store.searchSync(q, options)
      samples.push(Number(process.hrtime.bigint() - t))
    }
  }
  return median(samples)
}

async function nodeAsyncRound() {
  const samples = []
  for (let i = 0; i < ITERATIONS; i++) {
    for (const q of QUERIES) {
      const t = process.hrtime.bigint()
      await store.search(q, options)
      samples.push(Number(process.hrtime.bigint() - t))
    }
  }
  return median(samples)
}

if (!fs.existsSync(RUST_BENCH)) {
  console.error(`missing ${RUST_BENCH}; build it with: cargo build --release --target x86_64-unknown-linux-gnu -p mx-memory-node --example search_bench`)
  process.exit(1)
}
const store = ensureStore()
const options = { limit: 10, now: NOW }
for (const q of QUERIES) store.searchSync(q, options) // warm-up, as on the Rust side

// Rounds interleave the three paths so that a burst of load from other processes hits all of them alike; the
// fastest round's median of each path is the figure least disturbed by that load.
const rounds = { rust: [], sync: [], async: [] }
for (let r = 0; r < ROUNDS; r++) {
  rounds.rust.push(rustRound())
  rounds.sync.push(nodeSyncRound())
  rounds.async.push(await nodeAsyncRound())
}
const best = (xs) => Math.min(...xs)
const ms = (ns) => (ns / 1e6).toFixed(3)
const rust = best(rounds.rust)
const pct = (x) => `${(((x - rust) / rust) * 100).toFixed(1)}%`
console.log(`${MEMORIES} memories, ${QUERIES.length} queries x ${ITERATIONS} iterations x ${ROUNDS} rounds, limit 10`)
console.log('| path | best round median ms | median of round medians ms | overhead vs Rust (best) |')
console.log('|---|---|---|---|')
console.log(`| Rust \`Store::search\` | ${ms(rust)} | ${ms(median(rounds.rust))} | — |`)
console.log(`| Node \`searchSync\` | ${ms(best(rounds.sync))} | ${ms(median(rounds.sync))} | ${pct(best(rounds.sync))} |`)
console.log(`| Node \`await search\` | ${ms(best(rounds.async))} | ${ms(median(rounds.async))} | ${pct(best(rounds.async))} |`)
