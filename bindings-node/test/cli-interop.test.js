'use strict'
// The package and the `mx` CLI share one store: what one writes the other reads, also while both write at once.
// Needs the CLI binary (target/debug/mx, or MX_BIN): scripts/test.d/40-node.sh builds it first.

const test = require('node:test')
const assert = require('node:assert/strict')

const { MemoryStore } = require('..')
const { PROJECT, SESSION, tmpHome, mxJson, mxAsync } = require('../support/harness.js')

test('memories written by the package are listed, fetched and found by the CLI', async () => {
  const home = tmpHome('pkg-to-cli')
  const store = new MemoryStore({ home, project: PROJECT })
  const created = []
  for (const input of SESSION) created.push((await store.create(input)).memory)

  const listed = mxJson(home, PROJECT, ['memories', 'list'])
  assert.deepEqual(
    listed.map((m) => m.id).sort(),
    created.map((m) => m.id).sort(),
  )
  // Field for field the same JSON: the package and the CLI share the store's serde shape.
  const fromCli = listed.find((m) => m.id === created[0].id)
  assert.deepEqual(fromCli, created[0])

  const got = mxJson(home, PROJECT, ['memories', 'get', created[3].id])
  assert.equal(got.id ?? got.memory?.id, created[3].id)

  const found = mxJson(home, PROJECT, ['memories', 'search', 'exponential backoff jitter'])
  assert.equal(found[0].memory.id, created[0].id)
})

test('memories written by the CLI are read and searched by the package', async () => {
  const home = tmpHome('cli-to-pkg')
  const out = mxJson(home, PROJECT, [
    'memories',
    'create',
    '--conversation-id',
    'NEW',
    '--content',
    'Decided to cap refund retries at five attempts, after which a human reviews the refund',
    '--topics',
    'payments,refunds',
  ])
  const id = out.id
  assert.match(id, /^[0-9a-z]{26}$/)

  const store = new MemoryStore({ home, project: PROJECT })
  const memory = await store.get(id)
  assert.equal(memory.source, 'cli')
  assert.equal(memory.kind, 'decision')
  assert.deepEqual(memory.topics, ['payments', 'refunds'])
  assert.equal(memory.project, PROJECT)
  const results = store.searchSync('refund retries')
  assert.equal(results[0].memory.id, id)
})

test('the CLI and the package writing at the same time lose nothing', async () => {
  const home = tmpHome('both')
  const store = new MemoryStore({ home, project: PROJECT })
  store.createSync({ content: 'The store exists before both writers start' })

  const CLI_WRITES = 12
  const PKG_WRITES = 40
  // The CLI writes from a child process, one process per memory, as hooks and assistants do.
  const cliWriter = (async () => {
    const ids = []
    for (let i = 0; i < CLI_WRITES; i++) {
      const r = await mxAsync(home, PROJECT, [
        'memories',
        'create',
        '--content',
        `CLI note ${i}: the invoice exporter batches rows by customer`,
        '--topics',
        'invoices',
        '--format',
        'json',
      ])
      assert.equal(r.status, 0, r.stderr)
      ids.push(JSON.parse(r.stdout).id)
    }
    return ids
  })()
  // Meanwhile the package writes from the libuv pool, several at a time.
  const pkgWriter = Promise.all(
    Array.from({ length: PKG_WRITES }, (_, i) =>
      store.create({ content: `Package note ${i}: the invoice exporter streams rows`, topics: ['invoices'] }),
    ),
  )
  const [cliIds, pkgCreated] = await Promise.all([cliWriter, pkgWriter])
  const written = new Set([...cliIds, ...pkgCreated.map((c) => c.memory.id)])
  assert.equal(written.size, CLI_WRITES + PKG_WRITES)

  // Both sides see every memory, in the list and in search (lexical ranking only: full ranking would fold these
  // near-identical notes into one).
  const fromPackage = new Set((await store.list({ topics: ['invoices'], limit: 1000 })).map((m) => m.id))
  assert.deepEqual(fromPackage, written)
  const fromCli = new Set(mxJson(home, PROJECT, ['memories', 'list', '--topics', 'invoices', '--limit', '1000']).map((m) => m.id))
  assert.deepEqual(fromCli, written)
  const searched = await store.search('invoice exporter', { limit: 100, mode: 'bm25' })
  assert.equal(searched.length, CLI_WRITES + PKG_WRITES)
  const cliSearched = mxJson(home, PROJECT, ['memories', 'search', 'invoice exporter', '--limit', '100', '--bm25-only'])
  assert.equal(cliSearched.length, CLI_WRITES + PKG_WRITES)
})
