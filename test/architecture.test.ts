import { readdirSync, readFileSync, statSync } from 'node:fs'
import { extname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importedFile, layerOf, layerViolation } from '../eslint-rules/layers.mjs'

/** The pure core (ARCHITECTURE.md): no UI, SDK, network, storage or clock in these folders. */
const PURE = [
  'lib',
  'model',
  'catalog',
  'analysis',
  'rules',
  'optimize',
  'plan',
  'guide',
  'export',
  'templates',
  'apply',
  'sandbox/core',
]
const FORBIDDEN_IMPORTS =
  /from ['"](react|react-dom|@xyflow\/[^'"]+|zustand[^'"]*|zundo|@azure\/[^'"]+|node:[^'"]+|fs|path|http|https)['"]/
const FORBIDDEN_GLOBALS =
  /\b(window|document|globalThis|localStorage|sessionStorage|indexedDB|process)\.|\bfetch\(|XMLHttpRequest|Date\.now|new Date\(\)|Math\.random|performance\.now|setTimeout|setInterval/

function filesUnder(dir: string): string[] {
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return []
  }
  return entries.flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return filesUnder(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

const stripComments = (code: string): string =>
  code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

describe('the domain stays pure', () => {
  const files = PURE.flatMap((layer) => filesUnder(join('src', layer)))

  it('finds the domain files', () => expect(files.length).toBeGreaterThan(20))

  it.each(files.map((f) => [relative('src', f), f]))(
    '%s imports no UI, SDK or Node module and touches no effect',
    (_name, file) => {
      const code = stripComments(readFileSync(file, 'utf8'))
      expect(code).not.toMatch(FORBIDDEN_IMPORTS)
      expect(code).not.toMatch(FORBIDDEN_GLOBALS)
    },
  )
})

interface Edge {
  readonly to: string
  readonly specifier: string
  readonly typeOnly: boolean
}

/** Every import of a file: static, type-only, re-exports and dynamic `import()`. */
function importsOf(file: string): Edge[] {
  const code = stripComments(readFileSync(file, 'utf8'))
  const edges: Edge[] = []
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm
  for (const m of code.matchAll(statement)) {
    const names = m[3] ?? ''
    // `import { type A, type B }` names types only, like `import type { A, B }`.
    const inner = /^\{([^}]*)\}$/.exec(names.trim())?.[1]
    const allTypes =
      inner !== undefined &&
      inner
        .split(',')
        .filter((s) => s.trim())
        .every((s) => /^\s*type\s/.test(s))
    edges.push(edge(file, m[4] ?? '', m[2] !== undefined || allTypes))
  }
  for (const m of code.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm))
    edges.push(edge(file, m[1] ?? '', false))
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g))
    edges.push(edge(file, m[1] ?? '', false))
  return edges.filter((e) => e.to !== '')
}

function edge(file: string, specifier: string, typeOnly: boolean): Edge {
  const target = importedFile(file, specifier)
  const to = target && extname(target) ? relative(process.cwd(), target) : ''
  return { to, specifier, typeOnly }
}

const SOURCES = filesUnder('src')
const GRAPH = new Map(SOURCES.map((f) => [relative(process.cwd(), resolve(f)), importsOf(f)]))

describe('imports go down the layer order (eslint-rules/layers.json, as the linter checks)', () => {
  it('knows every file’s layer, src/apply included', () => {
    const unplaced = SOURCES.filter((f) => layerOf(f) === undefined)
    expect(unplaced).toEqual([])
    expect(SOURCES.filter((f) => layerOf(f) === 'apply').length).toBeGreaterThan(10)
  })

  it('finds no import running up or across the layers', () => {
    const wrong = [...GRAPH].flatMap(([file, edges]) =>
      edges.flatMap((e) => {
        const why = layerViolation(file, e.specifier, e.typeOnly)
        return why ? [`${file}: ${why}`] : []
      }),
    )
    expect(wrong).toEqual([])
  })

  it('the Apply dialog does not reach Azure, and Azure does not reach the store', () => {
    const reaches = (file: string, folder: string) =>
      (GRAPH.get(file) ?? []).filter((e) => e.to.startsWith(folder))
    expect(reaches('src/ui/apply/apply-dialog.tsx', 'src/azure/')).toEqual([])
    expect(reaches('src/azure/browser-apply-effects.ts', 'src/store/')).toEqual([])
  })

  it('catches an import against the order (the check itself)', () => {
    expect(layerViolation('src/ui/apply/x.tsx', '../../azure/msal-session.ts', false)).toMatch(
      /^ui may not import azure/,
    )
    expect(layerViolation('src/apply/ports.ts', '../sandbox/core/faults.ts', false)).toMatch(
      /types only/,
    )
    expect(layerViolation('src/apply/ports.ts', '../sandbox/core/faults.ts', true)).toBeUndefined()
    expect(layerViolation('src/model/x.ts', '@/store/effects.ts', true)).toMatch(
      /^model may not import store/,
    )
  })
})

/** Strongly connected components of more than one module (or a module importing itself). */
function cycles(graph: ReadonlyMap<string, readonly Edge[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const { to } of graph.get(v) ?? []) {
      if (!graph.has(to)) continue
      if (!index.has(to)) {
        visit(to)
        low.set(v, Math.min(low.get(v) ?? 0, low.get(to) ?? 0))
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v) ?? 0, index.get(to) ?? 0))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string | undefined
    do {
      w = stack.pop()
      if (w === undefined) break
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    const selfLoop = (graph.get(v) ?? []).some((e) => e.to === v)
    if (component.length > 1 || selfLoop) found.push(component.sort())
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('the module graph has no cycles', () => {
  it('finds none over every import, type-only and dynamic ones included', () => {
    expect(cycles(GRAPH)).toEqual([])
  })

  it('would name one (the check itself)', () => {
    const e = (to: string): Edge => ({ to, specifier: to, typeOnly: true })
    const graph = new Map([
      ['a.ts', [e('b.ts')]],
      ['b.ts', [e('c.ts')]],
      ['c.ts', [e('a.ts')]],
      ['d.ts', [e('a.ts')]],
    ])
    expect(cycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })
})
