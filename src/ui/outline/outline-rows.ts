import type { OutlineItem } from './outline-item.ts'
import type { Outline } from './outline-model.ts'

/** One visible row of the tree, with what ARIA needs to say where it is. */
export interface OutlineRow {
  readonly item: OutlineItem
  /** 1 for the top groups. */
  readonly level: number
  readonly posinset: number
  readonly setsize: number
  readonly parent: string | null
  /** Open or closed for a row with children; undefined for a leaf. */
  readonly expanded: boolean | undefined
}

/** How many children a row shows before a "Show more" row: long lists open a page at a time. */
export const PAGE = 200

/**
 * The rows on screen: the roots, and the children of every open row, depth first. Only open rows
 * have their children computed, and a list longer than its limit shows a page of it.
 */
export function visibleRows(
  outline: Outline,
  expanded: ReadonlySet<string>,
  limits: ReadonlyMap<string, number> = new Map(),
): OutlineRow[] {
  const rows: OutlineRow[] = []
  const walk = (items: readonly OutlineItem[], level: number, parent: string | null): void => {
    const limit = parent === null ? items.length : (limits.get(parent) ?? PAGE)
    const shown = items.slice(0, limit)
    const rest = items.length - shown.length
    const setsize = shown.length + (rest > 0 ? 1 : 0)
    shown.forEach((item, i) => {
      const open = item.hasChildren ? expanded.has(item.key) : undefined
      rows.push({ item, level, posinset: i + 1, setsize, parent, expanded: open })
      if (open) walk(outline.children(item), level + 1, item.key)
    })
    if (rest > 0 && parent !== null)
      rows.push({
        item: {
          key: `${parent}/more`,
          kind: 'more',
          label: `Show ${Math.min(PAGE, rest)} more of ${rest}`,
          subject: null,
          hasChildren: false,
        },
        level,
        posinset: setsize,
        setsize,
        parent,
        expanded: undefined,
      })
  }
  walk(outline.roots(), 1, null)
  return rows
}

/** The rows opened when the outline first shows: the top groups, so every node is listed. */
export function initiallyExpanded(outline: Outline): Set<string> {
  return new Set(outline.roots().map((r) => r.key))
}
