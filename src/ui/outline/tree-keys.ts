import type { OutlineRow } from './outline-rows.ts'

/** What a key press does in the tree (WAI-ARIA APG tree view keyboard model, plus edits). */
export type TreeMove =
  | { readonly type: 'go'; readonly index: number }
  | { readonly type: 'expand' }
  | { readonly type: 'collapse' }
  | { readonly type: 'expandAll'; readonly keys: readonly string[] }
  | { readonly type: 'activate' }
  | { readonly type: 'rename' }
  | { readonly type: 'remove' }

/** Letters typed within this time make one search ("con" finds contoso-web-1). */
const TYPEAHEAD_MS = 700

/**
 * Down/Up: next/previous row. Right: open a closed row, or go to the first child of an open one.
 * Left: close an open row, or go to the parent. Home/End: first/last row. `*`: open every
 * sibling. A letter: the next row whose name starts with what was typed. Enter: activate (open
 * in the inspector, apply a fix, open a group); F2: rename; Delete: remove. Pure, for testing;
 * `typed` carries the type-ahead between presses.
 */
export function treeMove(
  rows: readonly OutlineRow[],
  at: number,
  key: string,
  typed: { text: string; at: number },
  now: number,
): TreeMove | null {
  const row = rows[at]
  if (!row) return null
  switch (key) {
    case 'ArrowDown':
      return at + 1 < rows.length ? { type: 'go', index: at + 1 } : null
    case 'ArrowUp':
      return at > 0 ? { type: 'go', index: at - 1 } : null
    case 'Home':
      return { type: 'go', index: 0 }
    case 'End':
      return { type: 'go', index: rows.length - 1 }
    case 'ArrowRight':
      if (row.expanded === false) return { type: 'expand' }
      if (row.expanded === true && rows[at + 1]?.parent === row.item.key)
        return { type: 'go', index: at + 1 }
      return null
    case 'ArrowLeft': {
      if (row.expanded === true) return { type: 'collapse' }
      const parent = rows.findIndex((r) => r.item.key === row.parent)
      return parent >= 0 ? { type: 'go', index: parent } : null
    }
    case '*':
      return {
        type: 'expandAll',
        keys: rows
          .filter((r) => r.parent === row.parent && r.expanded === false)
          .map((r) => r.item.key),
      }
    case 'Enter':
      return { type: 'activate' }
    case 'F2':
      return { type: 'rename' }
    case 'Delete':
    case 'Backspace':
      return { type: 'remove' }
    default:
      return key.length === 1 && key !== ' ' ? typeAhead(rows, at, key, typed, now) : null
  }
}

function typeAhead(
  rows: readonly OutlineRow[],
  at: number,
  key: string,
  typed: { text: string; at: number },
  now: number,
): TreeMove | null {
  const fresh = now - typed.at > TYPEAHEAD_MS
  typed.text = (fresh ? '' : typed.text) + key.toLowerCase()
  typed.at = now
  // A new search starts after the current row; a longer one may still match the current row.
  const start = typed.text.length === 1 ? at + 1 : at
  for (let i = 0; i < rows.length; i++) {
    const index = (start + i) % rows.length
    const r = rows[index]
    const name = (r?.item.emphasis ?? r?.item.label ?? '').toLowerCase()
    if (name.startsWith(typed.text)) return { type: 'go', index }
  }
  return null
}
