import { StringTable } from '../lib/string-table.ts'
import { ID_PATTERN } from './kinds.ts'
import type { Design, DesignEdge, DesignNode } from './types.ts'

/**
 * Every id in use by a node or an edge (they share one namespace, PRODUCT.md §4). A StringTable:
 * a 10,000-app design has 88,000 ids, and a `Set` of them costs more than the edit that asks.
 */
export function usedIds(design: Design): StringTable {
  const { nodes, edges } = design
  return new StringTable(nodes.length + edges.length, (n) =>
    n < nodes.length ? (nodes[n] as DesignNode).id : (edges[n - nodes.length] as DesignEdge).id,
  )
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
export function freshId(taken: { has(id: string): boolean }, base: string): string {
  const root = ID_PATTERN.test(base) ? base : slugId(base)
  if (!taken.has(root)) return root
  for (let i = 2; ; i++) {
    const id = `${root}-${i}`
    if (!taken.has(id)) return id
  }
}
