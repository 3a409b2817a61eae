// The ESM entry exports the very same classes as the CommonJS one (no dual-package hazard).
import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

import mx, { MemoryStore, MxError } from 'mx-memory'
import { tmpHome, PROJECT } from '../support/harness.js'

const require = createRequire(import.meta.url)

test('import and require give the same MemoryStore and MxError', async () => {
  const cjs = require('mx-memory')
  assert.equal(MemoryStore, cjs.MemoryStore)
  assert.equal(MxError, cjs.MxError)
  assert.equal(mx.MemoryStore, MemoryStore)

  const store = new MemoryStore({ home: tmpHome('esm'), project: PROJECT })
  const { memory } = await store.create({ content: 'Gotcha: the staging database resets every Sunday at 02:00 UTC' })
  assert.equal((await store.get(memory.id)).content, memory.content)
  await assert.rejects(store.get(memory.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'))), (err) => err instanceof MxError && err.code === 'NOT_FOUND')
})
