import type { Design } from '../../model/types.ts'
import { useDesigner } from '../store-context.tsx'

/**
 * Bidi controls that reorder the text after them up to the end of the paragraph: embeddings,
 * overrides (U+202A–U+202E) and isolates (U+2066–U+2069). A name is any text (PRODUCT.md §4).
 */
const REORDERING = /[\u202A-\u202E\u2066-\u2069]/

const reorderingByDesign = new WeakMap<Design, readonly string[]>()

/**
 * The design's names that carry such controls: almost always none. Found once per design, not
 * once per finding (a large design has thousands).
 */
export function useReorderingNames(): readonly string[] {
  return useDesigner((s) => {
    let names = reorderingByDesign.get(s.design)
    if (!names) {
      names = s.design.nodes.filter((n) => REORDERING.test(n.name)).map((n) => n.name)
      reorderingByDesign.set(s.design, names)
    }
    return names
  })
}
