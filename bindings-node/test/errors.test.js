'use strict'
// Every failure is an MxError with a stable `code`; Promise forms reject, *Sync forms throw.

const fs = require('node:fs')
const path = require('node:path')
const test = require('node:test')
const assert = require('node:assert/strict')

const { MemoryStore, MxError } = require('..')
const { PROJECT, tmpHome } = require('../support/harness.js')

function expectMxError(code, message) {
  return (err) => {
    assert.ok(err instanceof MxError, `expected an MxError, got ${err && err.constructor && err.constructor.name}: ${err}`)
    assert.ok(err instanceof Error)
    assert.equal(err.name, 'MxError')
    assert.equal(err.code, code, err.message)
    if (message) assert.match(err.message, message)
    return true
  }
}

const store = new MemoryStore({ home: tmpHome('errors'), project: PROJECT })

test('empty content is INVALID_INPUT naming the field, from both forms', async () => {
  await assert.rejects(store.create({ content: '   ' }), expectMxError('INVALID_INPUT', /content: must not be empty/))
  assert.throws(() => store.createSync({ content: '' }), expectMxError('INVALID_INPUT', /content/))
})

test('limits are INVALID_INPUT with the limit and the value', async () => {
  await assert.rejects(
    store.create({ content: 'Retry budget is three attempts', importance: 1.5 }),
    expectMxError('INVALID_INPUT', /importance: must be between 0 and 1 \(got \"1\.5\"\)/),
  )
  assert.throws(
    () => store.createSync({ content: 'x'.repeat(50_001) }),
    expectMxError('INVALID_INPUT', /at most 50000 characters/),
  )
  assert.throws(() => store.createSync({ content: 'ok', name: 'Not Kebab' }), expectMxError('INVALID_INPUT', /name/))
})

test('unknown fields and options are INVALID_INPUT naming them', async () => {
  assert.throws(() => store.createSync({ content: 'ok', titel: 'typo' }), expectMxError('INVALID_INPUT', /titel/))
  await assert.rejects(store.search('payments', { limt: 5 }), expectMxError('INVALID_INPUT', /unknown option `limt`/))
  assert.throws(() => store.listSync({ sort: 'sideways' }), expectMxError('INVALID_INPUT', /sideways/))
  assert.throws(() => store.listSync({ kinds: ['opinion'] }), expectMxError('INVALID_INPUT', /opinion/))
  assert.throws(() => store.digestSync({ format: 'haiku' }), expectMxError('INVALID_INPUT', /haiku/))
  assert.throws(() => store.searchSync('x', { now: 'yesterday' }), expectMxError('INVALID_INPUT', /search options/))
  assert.throws(
    () => store.listSync({ allProjects: true, globalOnly: true }),
    expectMxError('INVALID_INPUT', /exclude each other/),
  )
  assert.throws(() => store.updateSync('money-in-cents', { colour: 'red' }), expectMxError('INVALID_INPUT', /colour/))
})

test('arguments of the wrong type are INVALID_INPUT; the Promise form rejects instead of throwing', async () => {
  assert.throws(() => store.getSync(42), expectMxError('INVALID_INPUT'))
  const pending = store.get(42)
  assert.ok(pending instanceof Promise)
  await assert.rejects(pending, expectMxError('INVALID_INPUT'))
  await assert.rejects(store.search('x', 'not options'), expectMxError('INVALID_INPUT'))
})

test('an unknown id, prefix or name is NOT_FOUND', async () => {
  await assert.rejects(store.get('01jd8x9z4k7q'), expectMxError('NOT_FOUND', /01jd8x9z4k7q/))
  assert.throws(() => store.deleteSync('01jd8x9z4k7q'), expectMxError('NOT_FOUND'))
  assert.throws(() => store.updateSync('01jd8x9z4k7q', { importance: 0.2 }), expectMxError('NOT_FOUND'))
  assert.throws(() => store.getSync('payment-retry-policy'), expectMxError('NOT_FOUND', /payment-retry-policy/))
})

test('a prefix shared by two ids is AMBIGUOUS_ID listing them', async () => {
  const ambiguous = new MemoryStore({ home: tmpHome('ambiguous'), project: PROJECT })
  const base = {
    content: 'placeholder',
    kind: 'note',
    conversationId: 'conv_ambiguous',
    createdAt: '2026-11-25T10:00:00Z',
    updatedAt: '2026-11-25T10:00:00Z',
  }
  ambiguous.importSync([
    { ...base, id: '01jd8x9z4k0000000000000001', content: 'Staging deploys run at 14:00 UTC' },
    { ...base, id: '01jd8x9z4k0000000000000002', content: 'Production deploys need two approvals' },
  ])
  await assert.rejects(
    ambiguous.get('01jd8x9z4k00'),
    expectMxError('AMBIGUOUS_ID', /01jd8x9z4k0000000000000001.*01jd8x9z4k0000000000000002/),
  )
  assert.throws(() => ambiguous.deleteSync('01jd8x9z4k'), expectMxError('AMBIGUOUS_ID'))
  assert.equal(ambiguous.getSync('01jd8x9z4k0000000000000002').content, 'Production deploys need two approvals')
})

test('a home that cannot be created is STORE_UNAVAILABLE, saying where and what to do', () => {
  const dir = tmpHome('unavailable')
  const file = path.join(dir, 'not-a-directory')
  fs.writeFileSync(file, 'a file where the store should be')
  assert.throws(
    () => new MemoryStore({ home: path.join(file, 'mx') }),
    expectMxError('STORE_UNAVAILABLE', /not-a-directory.*MX_HOME/),
  )
})
