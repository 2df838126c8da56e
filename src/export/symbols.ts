import { camelCase, snakeCase, wordsOf } from '../lib/words.ts'

/**
 * Unique identifiers for one generated file: the same key always gets the same name, and two
 * keys whose names would collide after sanitising get a numeric suffix (in first-asked order).
 */
export class SymbolTable {
  private readonly byKey = new Map<string, string>()
  private readonly taken: Set<string>
  private readonly style: (words: readonly string[]) => string

  constructor(style: 'camel' | 'snake' | 'upper', reserved: readonly string[] = []) {
    this.taken = new Set(reserved.map((r) => r.toLowerCase()))
    this.style =
      style === 'camel'
        ? camelCase
        : style === 'snake'
          ? snakeCase
          : (words) => snakeCase(words).toUpperCase()
  }

  /** The name of `key`, made from `text` (a node id, or words joined by spaces) on first use. */
  name(key: string, text: string = key): string {
    const known = this.byKey.get(key)
    if (known) return known
    const words = wordsOf(text)
    const base = this.style(words.length > 0 ? words : ['x'])
    let name = base
    for (let i = 2; this.taken.has(name.toLowerCase()); i++) name = `${base}${i}`
    this.taken.add(name.toLowerCase())
    this.byKey.set(key, name)
    return name
  }
}

/** A short slug of a role for generated names: `Storage Blob Data Contributor` → words. */
export function roleWords(roleName: string): string {
  // Custom roles are GUIDs: their first group is enough to tell them apart in a name.
  return /^[0-9a-f]{8}-/i.test(roleName) ? `role ${roleName.slice(0, 8)}` : roleName
}
