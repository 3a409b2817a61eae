'use strict'
// The cross-front-end bad-input table (tests/bad-inputs.json at the repository root): every row, called the Node way,
// rejects with an MxError whose code is INVALID_INPUT and whose message carries the same `field: problem` as the CLI,
// the MCP server and the Python binding give.

const fs = require('node:fs')
const path = require('node:path')
const test = require('node:test')
const assert = require('node:assert/strict')

const { MemoryStore, MxError } = require('..')
const { PROJECT, tmpHome } = require('../support/harness.js')

const table = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tests', 'bad-inputs.json'), 'utf8'))
const store = new MemoryStore({ home: tmpHome('bad-inputs'), project: PROJECT })

for (const row of table.cases) {
  test(`bad input: ${row.name}`, async () => {
    await assert.rejects(store[row.node.method](...row.node.args), (err) => {
      assert.ok(err instanceof MxError, `expected an MxError, got ${err}`)
      assert.equal(err.code, 'INVALID_INPUT', err.message)
      assert.ok(err.message.includes(row.message), `${err.message} should include ${row.message}`)
      return true
    })
  })
}

test('nothing was stored by the refused creates', async () => {
  assert.deepEqual(await store.list(), [])
})
