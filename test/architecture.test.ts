import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The pure core (ARCHITECTURE.md): no UI, SDK, network, storage or clock in these folders. */
const PURE = ['lib', 'model', 'catalog', 'analysis', 'rules', 'optimize', 'plan', 'guide', 'export', 'templates', 'sandbox/core']
const FORBIDDEN_IMPORTS = /from ['"](react|react-dom|@xyflow\/[^'"]+|zustand[^'"]*|zundo|@azure\/[^'"]+|node:[^'"]+|fs|path|http|https)['"]/
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
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

const stripComments = (code: string): string => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

describe('the domain stays pure', () => {
  const files = PURE.flatMap((layer) => filesUnder(join('src', layer)))

  it('finds the domain files', () => expect(files.length).toBeGreaterThan(20))

  it.each(files.map((f) => [relative('src', f), f]))('%s imports no UI, SDK or Node module and touches no effect', (_name, file) => {
    const code = stripComments(readFileSync(file, 'utf8'))
    expect(code).not.toMatch(FORBIDDEN_IMPORTS)
    expect(code).not.toMatch(FORBIDDEN_GLOBALS)
  })
})
