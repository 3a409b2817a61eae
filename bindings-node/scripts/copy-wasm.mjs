// Copies mx-core's wasm build (made by scripts/test.d/20-wasm.sh with wasm-bindgen into $CARGO_TARGET_DIR/wasm-pkg)
// into wasm/, which package.json exports as `mx-memory/wasm`: the nodejs flavour for Node, the web flavour (ES
// module with an async `init`) for browsers and edge runtimes. Generated files are not committed.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const pkgDir = path.join(here, '..')
const targetDir = process.env.CARGO_TARGET_DIR || path.join(pkgDir, '..', 'target')
const source = path.join(targetDir, 'wasm-pkg')
const FLAVOURS = ['nodejs', 'web']

for (const flavour of FLAVOURS) {
  const from = path.join(source, flavour)
  const entry = path.join(from, 'mx_core.js')
  if (!fs.existsSync(entry)) {
    console.error(`mx-memory: ${entry} is missing; build the wasm core first with \`bash scripts/test.d/20-wasm.sh\``)
    process.exit(1)
  }
  const to = path.join(pkgDir, 'wasm', flavour)
  fs.rmSync(to, { recursive: true, force: true })
  fs.mkdirSync(to, { recursive: true })
  for (const name of fs.readdirSync(from)) {
    // wasm-bindgen writes its own package.json and .gitignore; the npm package has one of each already.
    if (name === 'package.json' || name === '.gitignore' || name === 'README.md') continue
    fs.cpSync(path.join(from, name), path.join(to, name), { recursive: true })
  }
  // The web flavour is an ES module, the nodejs one CommonJS: say so, since the package itself has no "type".
  const type = flavour === 'web' ? 'module' : 'commonjs'
  fs.writeFileSync(path.join(to, 'package.json'), JSON.stringify({ type }, null, 2) + '\n')
  console.log(`mx-memory: copied ${flavour} wasm build into ${path.relative(process.cwd(), to) || '.'}`)
}
