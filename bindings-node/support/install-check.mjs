// Run from an empty directory where only the packed tarball of mx-memory was installed: proves the package works
// as a user gets it, through both module systems.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'

import { MemoryStore as EsmStore, MxError } from 'mx-memory'
import { rank } from 'mx-memory/wasm'

const require = createRequire(import.meta.url)
const { MemoryStore } = require('mx-memory')
assert.equal(EsmStore, MemoryStore, 'import and require load the same module')

// Every entry of package.json's `exports` resolves and loads: a file missing from the tarball fails here.
const manifest = require('mx-memory/package.json')
for (const subpath of Object.keys(manifest.exports)) {
  const specifier = manifest.name + subpath.slice(1)
  assert.ok(Object.keys(require(specifier)).length > 0, `require('${specifier}') is empty`)
  if (!subpath.endsWith('.json')) assert.ok(Object.keys(await import(specifier)).length > 0, `import('${specifier}')`)
}

const resolved = require.resolve('mx-memory')
assert.ok(resolved.includes(`${path.sep}node_modules${path.sep}mx-memory${path.sep}`), `resolved from ${resolved}`)

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'mx-install-'))
try {
  const store = new MemoryStore({ home, project: 'github.com/acme/shop' })
  const { memory } = await store.create({
    content: 'Decided to sign webhook payloads with HMAC-SHA256 instead of shared bearer tokens',
    topics: ['webhooks', 'security'],
  })
  assert.equal(memory.kind, 'decision')
  const results = await store.search('webhook signing')
  assert.equal(results[0].memory.id, memory.id)
  const digest = await store.digest({ query: 'webhooks' })
  assert.ok(digest.text.includes('HMAC-SHA256'), digest.text)
  // The wasm core ranks the store's own JSON the same way.
  const ranked = rank(await store.export(), 'webhook signing')
  assert.equal(ranked[0].memory.id, memory.id)
  // And through require, as a CommonJS user loads it.
  assert.equal(require('mx-memory/wasm').rank(await store.export(), 'webhook signing')[0].memory.id, memory.id)
  assert.throws(() => store.getSync('01jd8x9z4k7q'), (e) => e instanceof MxError && e.code === 'NOT_FOUND')
  console.log(`install check ok: created ${memory.id}, found it, digest of ${digest.tokens} tokens`)
} finally {
  fs.rmSync(home, { recursive: true, force: true })
}
