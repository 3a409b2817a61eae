'use strict'
// Every MemoryStore method, in its Promise form and its *Sync twin, on a real store in a temporary directory.

const test = require('node:test')
const assert = require('node:assert/strict')

const { MemoryStore } = require('..')
const { PROJECT, SESSION, tmpHome } = require('../support/harness.js')

/** An ISO timestamp `hours` before now: seeded memories an hour apart, so "newest first" never meets a tie. */
const hoursAgo = (hours) => new Date(Date.now() - hours * 3_600_000).toISOString()

/** A store holding SESSION, created in one conversation; returns the store and the created memories in order. */
async function seeded(label) {
  const store = new MemoryStore({ home: tmpHome(label), project: PROJECT })
  const at = (i) => hoursAgo(SESSION.length - i)
  const first = await store.create({ ...SESSION[0], conversationId: 'NEW', createdAt: at(0) })
  const created = [first]
  for (const [i, input] of SESSION.entries()) {
    if (i === 0) continue
    created.push(await store.create({ ...input, conversationId: first.memory.conversationId, createdAt: at(i) }))
  }
  return { store, memories: created.map((c) => c.memory) }
}

test('the constructor opens the given home and keeps the given project', () => {
  const home = tmpHome('ctor')
  const store = new MemoryStore({ home, project: PROJECT })
  assert.equal(store.home, home)
  assert.equal(store.project, PROJECT)
})

test('the constructor defaults to MX_HOME', () => {
  const home = tmpHome('env')
  const previous = process.env.MX_HOME
  process.env.MX_HOME = home
  try {
    assert.equal(new MemoryStore().home, home)
  } finally {
    if (previous === undefined) delete process.env.MX_HOME
    else process.env.MX_HOME = previous
  }
})

test('create stores a memory, infers its kind, starts a conversation and marks it lib:node', async () => {
  const store = new MemoryStore({ home: tmpHome('create'), project: PROJECT })
  const created = await store.create({ ...SESSION[0], conversationId: 'NEW' })
  const m = created.memory
  assert.match(m.id, /^[0-9a-hjkmnp-tv-z]{26}$/)
  assert.equal(m.content, SESSION[0].content)
  assert.equal(m.kind, 'decision')
  assert.equal(m.kindInferred, true)
  assert.match(created.inferred.rule, /decided/)
  assert.deepEqual(m.topics, ['payments', 'webhooks'])
  assert.deepEqual(m.files, ['src/payments/webhooks.rs'])
  assert.equal(m.importance, 0.8)
  assert.equal(m.source, 'lib:node')
  assert.equal(m.project, PROJECT)
  assert.equal(m.state, 'current')
  assert.match(m.conversationId, /^conv_/)
  assert.equal(created.conversationStarted, true)
  assert.deepEqual(created.redactions, [])
  assert.ok(!Number.isNaN(Date.parse(m.createdAt)), m.createdAt)
  assert.equal(m.createdAt, m.updatedAt)
})

test('createSync adds to an existing conversation; global memories have no project', () => {
  const store = new MemoryStore({ home: tmpHome('create-sync'), project: PROJECT })
  const first = store.createSync({ content: 'Decided to keep the monorepo', conversationId: 'NEW' })
  const second = store.createSync({
    content: 'Use conventional commits in every repository',
    kind: 'convention',
    global: true,
    conversationId: first.memory.conversationId,
  })
  assert.equal(second.conversationStarted, false)
  assert.equal(second.memory.conversationId, first.memory.conversationId)
  assert.equal(second.memory.kind, 'convention')
  assert.equal(second.memory.kindInferred, false)
  assert.equal(second.inferred, null)
  assert.equal('project' in second.memory, false)
})

test('get finds a memory by full id, by unique prefix and by name, in both forms', async () => {
  const { store, memories } = await seeded('get')
  const target = memories[3]
  assert.deepEqual(await store.get(target.id), target)
  assert.deepEqual(store.getSync(target.id.slice(0, 12).toUpperCase()), target)
  assert.deepEqual(await store.get('money-in-cents'), target)
  assert.deepEqual(store.getSync('money-in-cents'), target)
})

test('update patches a memory in place; a named memory gets a new version', async () => {
  const { store, memories } = await seeded('update')
  const plain = memories[2]
  const updated = await store.update(plain.id, { topics: ['testing', 'flaky-tests'], importance: 0.9 })
  assert.equal(updated.memory.id, plain.id)
  assert.deepEqual(updated.memory.topics, ['testing', 'flaky-tests'])
  assert.equal(updated.memory.importance, 0.9)
  assert.equal(updated.previous, null)

  const named = store.updateSync('money-in-cents', { content: 'All money amounts are integer cents (i64), never floats' })
  assert.notEqual(named.memory.id, memories[3].id)
  assert.equal(named.previous, memories[3].id)
  assert.equal(named.memory.supersedes, memories[3].id)
  assert.equal(store.getSync('money-in-cents').id, named.memory.id)
  const old = store.getSync(memories[3].id)
  assert.equal(old.state, 'superseded')
  assert.equal(old.supersededBy, named.memory.id)
})

test('delete removes a memory and returns it; deleteSync too', async () => {
  const { store, memories } = await seeded('delete')
  const gone = await store.delete(memories[1].id)
  assert.equal(gone.id, memories[1].id)
  await assert.rejects(store.get(memories[1].id), { code: 'NOT_FOUND' })
  assert.equal(store.deleteSync(memories[2].id.slice(0, 20)).id, memories[2].id)
  assert.equal(store.listSync().length, SESSION.length - 2)
})

test('list filters by kind and topic, sorts and limits, in both forms', async () => {
  const { store, memories } = await seeded('list')
  const all = await store.list()
  assert.deepEqual(
    all.map((m) => m.id),
    [...memories].reverse().map((m) => m.id),
    'newest first by default',
  )
  const oldest = store.listSync({ sort: 'oldest', limit: 2 })
  assert.deepEqual(
    oldest.map((m) => m.id),
    memories.slice(0, 2).map((m) => m.id),
  )
  const conventions = await store.list({ kinds: ['convention'] })
  assert.deepEqual(
    conventions.map((m) => m.name),
    ['money-in-cents'],
  )
  const testing = store.listSync({ topics: ['Testing'] })
  assert.deepEqual(
    testing.map((m) => m.id),
    [memories[2].id],
  )
  const byImportance = store.listSync({ sort: 'importance', limit: 1 })
  assert.equal(byImportance[0].id, memories[0].id)
})

test('list scopes to the store project plus global memories unless told otherwise', async () => {
  const home = tmpHome('scope')
  const shop = new MemoryStore({ home, project: PROJECT })
  const blog = new MemoryStore({ home, project: 'github.com/acme/blog' })
  await shop.create({ content: 'The shop uses Postgres 16', kind: 'constraint' })
  await blog.create({ content: 'The blog is a static site built with Zola', kind: 'constraint' })
  await blog.create({ content: 'Prefer small pull requests', kind: 'convention', global: true })
  const contents = (ms) => ms.map((m) => m.content).sort()
  assert.deepEqual(contents(await shop.list()), ['Prefer small pull requests', 'The shop uses Postgres 16'])
  assert.deepEqual(contents(shop.listSync({ globalOnly: true })), ['Prefer small pull requests'])
  assert.equal(shop.listSync({ allProjects: true }).length, 3)
  assert.deepEqual(contents(shop.listSync({ project: 'github.com/acme/blog' })), [
    'Prefer small pull requests',
    'The blog is a static site built with Zola',
  ])
})

test('search ranks the memory about the query first and explains its score', async () => {
  const { store, memories } = await seeded('search')
  const results = await store.search('exponential backoff jitter')
  assert.ok(results.length >= 1)
  assert.equal(results[0].memory.id, memories[0].id)
  assert.equal(results[0].score, results[0].breakdown.total)
  assert.ok(results[0].breakdown.lexical > 0)
  for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].score >= results[i].score)

  const sync = store.searchSync('exponential backoff jitter', { limit: 1, topics: ['payments'] })
  assert.deepEqual(
    sync.map((r) => r.memory.id),
    [memories[0].id],
  )
  const none = store.searchSync('kubernetes helm chart')
  assert.deepEqual(none, [])
})

test('search with a fixed "now" and bm25 mode is deterministic', async () => {
  const { store } = await seeded('search-now')
  const options = { now: '2030-01-01T00:00:00Z', mode: 'bm25' }
  const a = await store.search('payments', options)
  const b = store.searchSync('payments', options)
  assert.deepEqual(a, b)
  assert.ok(a.length >= 3)
})

test('digest renders the memories about a query within the token budget', async () => {
  const { store, memories } = await seeded('digest')
  const digest = await store.digest({ query: 'webhook retries', maxTokens: 400 })
  assert.equal(digest.format, 'structured')
  assert.ok(digest.text.includes('exponential backoff'), digest.text)
  assert.ok(digest.tokens > 0 && digest.tokens <= 400)
  assert.ok(digest.included.includes(memories[0].id))

  const json = store.digestSync({ query: 'webhook retries', format: 'json' })
  assert.equal(json.format, 'json')
  assert.doesNotThrow(() => JSON.parse(json.text))

  const standing = store.digestSync()
  assert.ok(standing.included.length >= 1)
  assert.ok(standing.included.includes(memories[4].id), 'the newest progress is part of "where things stand"')
})

test('buildContext briefs on the files about to be touched', async () => {
  const { store, memories } = await seeded('context')
  const brief = await store.buildContext({ files: ['src/payments/webhooks.rs'], context: 'refund worker retries' })
  assert.ok(brief.included.includes(memories[0].id), brief.text)
  const sync = store.buildContextSync({ context: 'flaky checkout test', maxTokens: 300 })
  assert.ok(sync.included.includes(memories[2].id), sync.text)
  assert.ok(sync.tokens <= 300)
})

test('conversations and topics summarise the store', async () => {
  const { store, memories } = await seeded('summaries')
  store.createSync({ content: 'Next: upgrade the CI runners', conversationId: 'NEW', topics: ['ci'] })
  const conversations = await store.conversations()
  assert.equal(conversations.length, 2)
  const payments = conversations.find((c) => c.id === memories[0].conversationId)
  assert.equal(payments.memories, SESSION.length)
  assert.ok(payments.topics.includes('payments'))
  assert.deepEqual(
    store.conversationsSync({ limit: 1 }).map((c) => c.memories),
    [1],
    'newest activity first',
  )

  const topics = await store.topics()
  const count = Object.fromEntries(topics.map((t) => [t.topic, t.memories]))
  assert.equal(count.payments, 4)
  assert.equal(count.webhooks, 2)
  assert.equal(count.ci, 1)
  assert.deepEqual(store.topicsSync(), topics)
})

test('export and import copy a store losslessly and idempotently', async () => {
  const { store } = await seeded('export')
  store.updateSync('money-in-cents', { content: 'All money amounts are integer cents (i64), never floats' })
  const exported = await store.export()
  assert.equal(exported.length, SESSION.length + 1, 'superseded versions are exported too')
  assert.deepEqual(store.exportSync(), exported)

  const copy = new MemoryStore({ home: tmpHome('import'), project: PROJECT })
  const report = await copy.import(exported)
  assert.deepEqual(report, { imported: exported.length, skipped: 0, redacted: 0, relationships: 0, usage: 0 })
  assert.deepEqual(copy.exportSync(), exported)
  assert.deepEqual(copy.importSync(exported), { imported: 0, skipped: exported.length, redacted: 0, relationships: 0, usage: 0 })
})

test('import accepts foreign records and keeps their ids as externalId', async () => {
  const store = new MemoryStore({ home: tmpHome('foreign'), project: PROJECT })
  const report = store.importSync([
    {
      id: 'S01-m1',
      conversationId: 'conv_s01',
      content: 'We chose SQLite over Postgres for the desktop app',
      createdAt: '2026-03-02T09:00:00Z',
      role: 'user',
      topics: ['storage'],
    },
  ])
  assert.equal(report.imported, 1)
  const [m] = await store.list({ allProjects: true })
  assert.equal(m.externalId, 'S01-m1')
  assert.equal(m.createdAt, '2026-03-02T09:00:00Z')
  assert.equal(m.conversationId, 'conv_s01')
})

test('many Promise calls at once all land, each with its own id', async () => {
  const store = new MemoryStore({ home: tmpHome('parallel'), project: PROJECT })
  const created = await Promise.all(
    Array.from({ length: 24 }, (_, i) => store.create({ content: `Parallel note ${i} about the payment ledger`, topics: ['ledger'] })),
  )
  assert.equal(new Set(created.map((c) => c.memory.id)).size, 24)
  const [listed, found] = await Promise.all([store.list({ limit: 100 }), store.search('payment ledger', { limit: 50, mode: 'bm25' })])
  assert.equal(listed.length, 24)
  assert.equal(found.length, 24)
})

test('the Promise forms return real Promises', async () => {
  const store = new MemoryStore({ home: tmpHome('promise'), project: PROJECT })
  const pending = store.create({ content: 'Decided to vendor the OpenAPI schema' })
  assert.ok(pending instanceof Promise)
  assert.equal((await pending).memory.kind, 'decision')
})
