import { readFileSync } from 'node:fs'
import { dirname, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The layer map (layers.json), read once: shared by the ESLint rule and test/architecture.test.ts. */
export const LAYERS = JSON.parse(readFileSync(new URL('./layers.json', import.meta.url), 'utf8'))

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SRC = resolve(ROOT, 'src')
const names = Object.keys(LAYERS.layers).sort((a, b) => b.length - a.length)

/** The layer of a file under src/ (`root` for files directly in src/), or undefined outside src/. */
export function layerOf(file) {
  const rel = relative(SRC, resolve(file)).split(sep).join('/')
  if (rel.startsWith('..')) return undefined
  if (!rel.includes('/')) return 'root'
  return names.find((name) => rel === name || rel.startsWith(`${name}/`))
}

/** The file an import specifier names (relative or `@/`), or undefined for a package. */
export function importedFile(fromFile, specifier) {
  if (specifier.startsWith('@/')) return resolve(SRC, specifier.slice(2))
  if (specifier.startsWith('.')) return resolve(dirname(resolve(fromFile)), specifier)
  return undefined
}

/**
 * Why `fromFile` may not import `specifier`, or undefined when it may. `typeOnly`: the import
 * names types only (erased at build time).
 */
export function layerViolation(fromFile, specifier, typeOnly) {
  const from = layerOf(fromFile)
  const target = importedFile(fromFile, specifier)
  if (!from || from === 'root' || !target) return undefined
  const to = layerOf(target)
  if (!to || to === from) return undefined
  if (to === 'root') return `${from} may not import the composition root (${specifier})`
  const allowed = LAYERS.layers[from] ?? []
  if (allowed.includes(to)) return undefined
  if (typeOnly && (LAYERS.typeOnly[from] ?? []).includes(to)) return undefined
  const types = LAYERS.typeOnly[from]?.includes(to) ? ' (types only)' : ''
  return `${from} may not import ${to}${types}: ${from} imports only ${allowed.join(', ') || 'nothing'} (eslint-rules/layers.json)`
}
