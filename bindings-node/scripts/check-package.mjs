// Runs before `npm pack` / `npm publish` (the `prepack` script): refuses to pack a package that would not work once
// installed. Every file that package.json points at (`main`, `types`, each `exports` target) must exist, and the
// native addon for this platform must be built; otherwise the tarball would install and then fail with "Cannot find
// module" (the wasm core is built separately from the addon, so it is the one most easily forgotten).
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const pkgDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'))

/** Every file an `exports` entry can resolve to, with the specifier a user would write. */
function exportTargets(exports) {
  const targets = []
  for (const [subpath, entry] of Object.entries(exports)) {
    const specifier = pkg.name + subpath.slice(1)
    const walk = (value) => {
      if (typeof value === 'string') targets.push({ file: value, specifier })
      else if (value && typeof value === 'object') Object.values(value).forEach(walk)
    }
    walk(entry)
  }
  return targets
}

const wanted = [
  { file: pkg.main, specifier: pkg.name },
  { file: pkg.types, specifier: `${pkg.name} (types)` },
  ...exportTargets(pkg.exports ?? {}),
]
const missing = wanted.filter(({ file }) => !fs.existsSync(path.join(pkgDir, file)))
const addons = fs.readdirSync(pkgDir).filter((name) => name.endsWith('.node'))
if (addons.length === 0) missing.push({ file: '*.node (the native addon)', specifier: pkg.name })

if (missing.length > 0) {
  const list = missing.map(({ file, specifier }) => `${file} (for ${specifier})`).join(', ')
  console.error(`${pkg.name}: refusing to pack, missing ${list}; run \`npm run build\` first (it builds the addon and the wasm core)`)
  process.exit(1)
}
