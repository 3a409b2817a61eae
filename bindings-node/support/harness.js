'use strict'
// Shared by the tests and the benchmark: temporary stores, realistic memories and the `mx` binary.
// (Outside test/ because `node --test` runs every file under a test/ directory.)

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn, spawnSync } = require('node:child_process')

const PROJECT = 'github.com/acme/shop'

const homes = []
process.on('exit', () => {
  for (const dir of homes) fs.rmSync(dir, { recursive: true, force: true })
})

/** A fresh, empty data directory, removed when the process exits. */
function tmpHome(label = 'store') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mx-node-${label}-`))
  homes.push(dir)
  return dir
}

/** What a team's assistant would have saved over a week on a shop's payment code. */
const SESSION = [
  {
    content:
      'Decided to retry Stripe webhooks with exponential backoff and jitter instead of a fixed 5 second delay, because fixed delays caused thundering herds after outages',
    topics: ['payments', 'Webhooks'],
    files: ['./src/payments/webhooks.rs'],
    importance: 0.8,
  },
  {
    content: "Tried Redis streams for the refund job queue; it didn't work because ordering across shards was lost. Ruled out.",
    topics: ['payments', 'queue'],
  },
  {
    content: 'Root cause of the flaky checkout test: the clock mock leaked between tests through a global',
    topics: ['testing', 'checkout'],
    files: ['tests/checkout.rs'],
  },
  {
    content: 'All money amounts are integer cents, never floats',
    kind: 'convention',
    topics: ['payments'],
    name: 'money-in-cents',
  },
  {
    content: 'Next: wire the webhook retry policy into the refund worker, then load-test it',
    topics: ['payments', 'webhooks'],
  },
]

function mxBinary() {
  if (process.env.MX_BIN) return process.env.MX_BIN
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(__dirname, '..', '..', 'target')
  const bin = path.join(targetDir, 'debug', process.platform === 'win32' ? 'mx.exe' : 'mx')
  if (!fs.existsSync(bin)) {
    throw new Error(`the mx binary is missing at ${bin}; build it with \`cargo build -p mx\` or set MX_BIN`)
  }
  return bin
}

function mxEnv(home, project) {
  // Only what the CLI needs: no assistant variables that would change its output format.
  return { PATH: process.env.PATH, HOME: process.env.HOME || os.homedir(), MX_HOME: home, MX_PROJECT: project, NO_COLOR: '1' }
}

/** Runs `mx ARGS --format json` synchronously; returns the parsed JSON and fails loudly with stderr otherwise. */
function mxJson(home, project, args, input) {
  const out = spawnSync(mxBinary(), [...args, '--format', 'json'], {
    env: mxEnv(home, project),
    input,
    encoding: 'utf8',
  })
  if (out.error) throw out.error
  if (out.status !== 0) {
    throw new Error(`mx ${args.join(' ')} exited ${out.status}: ${out.stderr.trim()}`)
  }
  return JSON.parse(out.stdout)
}

/** Runs `mx ARGS` in the background; resolves with { status, stdout, stderr }. */
function mxAsync(home, project, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(mxBinary(), args, { env: mxEnv(home, project) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

module.exports = { PROJECT, SESSION, tmpHome, mxBinary, mxJson, mxAsync }
