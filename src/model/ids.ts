import { ID_PATTERN } from './kinds.ts'
import type { Design } from './types.ts'

/** Every id in use by a node or an edge (they share one namespace, PRODUCT.md §4). */
export function usedIds(design: Design): Set<string> {
  const ids = new Set<string>()
  for (const n of design.nodes) ids.add(n.id)
  for (const e of design.edges) ids.add(e.id)
  return ids
}

/** Turns free text into an id-safe slug: `Receipts API` → `Receipts-API`. */
export function slugId(text: string): string {
  const slug = text
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
  return slug === '' ? 'item' : slug
}

/**
 * A fresh id from a readable base: the base itself when free, else `base-2`, `base-3`…
 * Deterministic (no randomness), so designs built by the same steps get the same ids.
 */
export function freshId(taken: ReadonlySet<string>, base: string): string {
  const root = ID_PATTERN.test(base) ? base : slugId(base)
  if (!taken.has(root)) return root
  for (let i = 2; ; i++) {
    const id = `${root}-${i}`
    if (!taken.has(id)) return id
  }
}
