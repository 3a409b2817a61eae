'use strict'
// `memory.stale` from Node: memories anchored in a real git repository made here, read after the code moved.

const test = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const { MemoryStore } = require('..')
const { PROJECT, tmpHome } = require('../support/harness.js')

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
}

const git = (repo, ...args) => execFileSync('git', args, { cwd: repo, env: GIT_ENV, stdio: 'pipe' })

test('stale says what moved since a memory was written, against the worktree given', async () => {
  const repo = path.join(tmpHome('stale-repo'), 'shop')
  fs.mkdirSync(path.join(repo, 'src'), { recursive: true })
  git(repo, 'init', '-q', '-b', 'main')
  git(repo, 'remote', 'add', 'origin', 'https://github.com/acme/shop.git')
  fs.writeFileSync(path.join(repo, 'src/pool.rs'), 'pool size 10\n')
  fs.writeFileSync(path.join(repo, 'src/auth.rs'), 'signed cookies\n')
  git(repo, 'add', '-A')
  git(repo, 'commit', '-q', '-m', 'Initial')

  const store = new MemoryStore({ home: tmpHome('stale'), project: PROJECT, worktree: repo })
  const pool = await store.create({ content: 'The pool caps at 10 connections', kind: 'gotcha', files: ['src/pool.rs'] })
  const auth = store.createSync({ content: 'Sessions are signed cookies', kind: 'decision', files: ['src/auth.rs'] })
  const plain = store.createSync({ content: 'We pair on Fridays', kind: 'convention' })
  fs.writeFileSync(path.join(repo, 'src/pool.rs'), 'pool size 20\n')
  git(repo, 'commit', '-q', '-am', 'Raise the cap')

  assert.deepEqual((await store.get(pool.memory.id)).stale, {
    isStale: true,
    mark: 'src/pool.rs changed since, 1 commit',
    anchors: [{ file: 'src/pool.rs', state: 'changed', commits: 1 }],
  })
  assert.deepEqual(store.getSync(auth.memory.id).stale, {
    isStale: false,
    mark: '',
    anchors: [{ file: 'src/auth.rs', state: 'unchanged' }],
  })
  assert.equal(store.getSync(plain.memory.id).stale, undefined)
})
