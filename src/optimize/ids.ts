import { fnv1a, StringTable } from '../lib/string-table.ts'

const ID_MAX = 64
/** Allowed characters, no leading, trailing or doubled dash: what idBase would leave unchanged. */
const CLEAN = /^(?!-)(?!.*--)[A-Za-z0-9_.-]+(?<!-)$/

/** FNV-1a as 8 hex digits: a short, stable tag for a long id. */
function shortHash(text: string): string {
  return (fnv1a(text) >>> 0).toString(16).padStart(8, '0')
}

/** Turns any text into a valid id body: allowed characters only, at most `max` long. */
export function idBase(text: string, max = ID_MAX): string {
  // Most texts are built from ids and are already fine: skip the rewriting.
  if (text.length <= max && CLEAN.test(text)) return text
  const clean =
    text
      .replace(/[^A-Za-z0-9_.-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  if (clean.length <= max) return clean
  // Keep the readable start and make the cut deterministic and collision-resistant.
  return `${clean.slice(0, max - 9).replace(/-+$/, '')}-${shortHash(clean)}`
}

/** What is taken already: a set (or anything that answers `has`), or a test. */
type Taken = { has(id: string): boolean } | ((id: string) => boolean)

/**
 * Hands out new ids that are valid (PRODUCT.md §4) and unique against the design and against
 * each other: `base`, then `base-2`, `base-3`, … Deterministic for the same design and calls.
 */
export class IdAllocator {
  private readonly taken: Taken
  /** Ids handed out, and ids tried that the design has (tens of thousands in one optimize). */
  private readonly mine = StringTable.of([])
  private readonly max: number

  /** `max`: the longest result (64 for ids; 128 when used for identity names). */
  constructor(taken: Taken, max = ID_MAX) {
    this.taken = taken
    this.max = max
  }

  fresh(text: string): string {
    const base = idBase(text, this.max)
    for (let n = 1; ; n++) {
      // idBase's result is its own idBase: only a suffix can call for a shorter base. Its
      // result is valid (test/optimize/ids.test.ts), so nothing checks it again here.
      const id = n === 1 ? base : `${idBase(base, this.max - `-${n}`.length)}-${n}`
      if (this.claim(id) && !this.isTaken(id)) return id
    }
  }

  /**
   * Adds the id to `mine` and tells whether it was new there: one probe, not a lookup and then an
   * add. A claimed id the design turns out to have stays in `mine`, which changes no answer.
   */
  private claim(id: string): boolean {
    const size = this.mine.size
    return this.mine.add(id) === size
  }

  private isTaken(id: string): boolean {
    return typeof this.taken === 'function' ? this.taken(id) : this.taken.has(id)
  }
}
