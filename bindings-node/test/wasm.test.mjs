// mx-memory/wasm: mx-core's rank and digest compiled to WebAssembly, over the plain objects the store returns.
// Needs wasm/ (npm run build:wasm, after scripts/test.d/20-wasm.sh).
import test from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createRequire } from 'node:module'

import { rank, digest } from 'mx-memory/wasm'
import { MemoryStore } from 'mx-memory'
import { PROJECT, SESSION, tmpHome } from '../support/harness.js'

const require = createRequire(import.meta.url)
const NOW = '2026-11-26T09:00:00Z'

async function exported() {
  const store = new MemoryStore({ home: tmpHome('wasm'), project: PROJECT })
  const first = await store.create({ ...SESSION[0], conversationId: 'NEW' })
  for (const input of SESSION.slice(1)) await store.create({ ...input, conversationId: first.memory.conversationId })
  return { store, memories: await store.export() }
}

test('require and import of mx-memory/wasm load the nodejs build', () => {
  const cjs = require('mx-memory/wasm')
  assert.equal(cjs.rank, rank)
  assert.equal(typeof digest, 'function')
})

test('wasm rank over exported memories finds what the store finds', async () => {
  const { store, memories } = await exported()
  const inWasm = rank(memories, 'exponential backoff jitter', { now: NOW, project: PROJECT, limit: 3 })
  const inStore = await store.search('exponential backoff jitter', { now: NOW, limit: 3 })
  assert.equal(inWasm[0].memory.id, inStore[0].memory.id)
  assert.equal(inWasm[0].memory.content, SESSION[0].content)
  assert.deepEqual(inWasm[0].memory, memories.find((m) => m.id === inWasm[0].memory.id))
})

test('wasm digest renders exported memories within the budget', async () => {
  const { memories } = await exported()
  const d = digest(memories, { query: 'webhook retries', now: NOW, maxTokens: 300 })
  assert.equal(d.format, 'structured')
  assert.ok(d.tokens <= 300)
  assert.ok(d.text.includes('exponential backoff'), d.text)
  assert.throws(() => digest(memories, { format: 'haiku' }), /haiku/)
})

test('the web build is an ES module that initialises from the wasm bytes', async () => {
  const web = await import('../wasm/web/mx_core.js')
  web.initSync({ module: fs.readFileSync(new URL('../wasm/web/mx_core_bg.wasm', import.meta.url)) })
  const { memories } = await exported()
  const ranked = web.rank(memories, 'flaky checkout test', { now: NOW })
  assert.match(ranked[0].memory.content, /clock mock leaked/)
})
