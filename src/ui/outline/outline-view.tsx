import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react'
import { nodeById } from '../canvas/lookups.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { focusInspector } from './inspector-focus.ts'
import { Outline } from './outline-model.ts'
import { OutlineRowView } from './outline-row.tsx'
import { initiallyExpanded, PAGE, visibleRows, type OutlineRow } from './outline-rows.ts'
import { treeMove } from './tree-keys.ts'
import { useReturnFromInspector } from './use-return-from-inspector.ts'

/**
 * The outline view: the design as a tree (WAI-ARIA tree pattern, one tab stop with a roving
 * tabindex). Arrow keys move and open rows, typing jumps to a name; the selection follows the
 * focus and is shared with the canvas, so the inspector edits the row's node or connection:
 * Enter goes there (F2 to its Name field), Escape comes back. Delete removes the row's node or
 * connection; Enter on a fix row applies the fix. Every edit goes through the store's commands.
 */
export function OutlineView() {
  const store = useStoreApi()
  const design = useDesigner((s) => s.design)
  const selection = useDesigner((s) => s.selection)
  const outline = useMemo(() => new Outline(design), [design])
  const [expanded, setExpanded] = useState(() => initiallyExpanded(outline))
  const [limits, setLimits] = useState<ReadonlyMap<string, number>>(new Map())
  const rows = useMemo(() => visibleRows(outline, expanded, limits), [outline, expanded, limits])
  // The active row (the tree's one tab stop) and where it was, for when it goes away.
  const [current, setCurrent] = useState<{ key: string | null; index: number }>({
    key: null,
    index: 0,
  })
  const tree = useRef<HTMLUListElement>(null)
  const typed = useRef({ text: '', at: 0 })

  // The active row, or where it was when it went away (deleted, fixed, closed above it).
  const found = rows.findIndex((r) => r.item.key === current.key)
  const activeIndex = found >= 0 ? found : Math.max(0, Math.min(current.index, rows.length - 1))
  const active = rows[activeIndex]

  // The selection made elsewhere (canvas, problems, inspector) brings its row into view, and so
  // does an edit that moved the active row's subject (a fix puts an access under another identity).
  const selected = selection.nodes.length + selection.edges.length === 1
  const selectedId = selection.nodes[0] ?? selection.edges[0]
  // What the outline itself last selected: following it would move the active row off the row
  // the user chose (an edge shows under its app, identity and service).
  const ownSelection = useRef<string | null>(null)
  const activeGone = found < 0
  useEffect(() => {
    if (!selected || selectedId === undefined) return
    if (!activeGone && (selectedId === ownSelection.current || active?.item.subject === selectedId))
      return
    const path = outline.pathTo(selectedId)
    if (!path) return
    const target = path[path.length - 1] as string
    ownSelection.current = null
    // Following the selection: open its row's ancestors, make it the active row.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setExpanded((old) =>
      path.slice(0, -1).every((k) => old.has(k)) ? old : new Set([...old, ...path.slice(0, -1)]),
    )
    setCurrent((old) => ({ key: target, index: old.index }))
    // Only a change of the selection or of the design moves the active row, not moving around.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, selected, outline])

  // Keyboard focus follows the active row while the tree has it (also when a key just removed
  // the focused row: a deletion, a fix); the row scrolls into view.
  const keepFocus = useRef(false)
  useLayoutEffect(() => {
    const el = tree.current?.querySelector<HTMLElement>(`[data-row="${activeIndex}"]`)
    const had = keepFocus.current
    keepFocus.current = false
    if (!el) return
    const inTree = tree.current?.contains(document.activeElement)
    const lost = document.activeElement === null || document.activeElement === document.body
    if ((inTree || (had && lost)) && document.activeElement !== el) el.focus()
    revealInList(el)
  }, [activeIndex, rows])

  // The tree's one tab stop: its active row.
  const activeRow = useCallback(
    () => tree.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]'),
    [],
  )
  useReturnFromInspector(activeRow)

  // Stable handlers (per design and rows): moving the active row re-renders only two rows.
  const selectSubject = useCallback(
    (subject: string | null): void => {
      if (subject === null) return
      ownSelection.current = subject
      const isNode = nodeById(design, subject) !== undefined
      store
        .getState()
        .select(isNode ? { nodes: [subject], edges: [] } : { nodes: [], edges: [subject] })
    },
    [design, store],
  )
  const go = useCallback(
    (row: OutlineRow | undefined): void => {
      if (!row) return
      setCurrent({ key: row.item.key, index: rows.indexOf(row) })
      selectSubject(row.item.subject)
    },
    [rows, selectSubject],
  )
  const toggle = useCallback(
    (row: OutlineRow, open: boolean = !row.expanded): void =>
      setExpanded((old) => {
        const next = new Set(old)
        if (open) next.add(row.item.key)
        else next.delete(row.item.key)
        return next
      }),
    [],
  )
  const heading = (subject: string | null): string | undefined => {
    if (subject === null) return undefined
    return design.nodes.find((n) => n.id === subject)?.name ?? 'Connection'
  }
  const activate = (row: OutlineRow): void => {
    const { item } = row
    switch (item.kind) {
      case 'group':
        toggle(row, !row.expanded)
        return
      case 'more':
        if (row.parent)
          setLimits((old) =>
            new Map(old).set(row.parent as string, (old.get(row.parent as string) ?? PAGE) + PAGE),
          )
        return
      case 'fix':
        if (item.fix) store.getState().applyFix(item.fix)
        return
      case 'finding':
        if (item.subject !== null)
          focusInspector({ to: 'finding', index: item.findingIndex ?? 0 }, heading(item.subject))
        return
      default:
        focusInspector({ to: 'first' }, heading(item.subject))
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>): void => {
    if (!active || event.altKey || event.ctrlKey || event.metaKey) return
    const move = treeMove(rows, activeIndex, event.key, typed.current, event.timeStamp)
    if (!move) return
    event.preventDefault()
    event.stopPropagation()
    // A key that may remove the focused row (Delete, a fix) keeps the focus in the tree.
    keepFocus.current =
      move.type === 'remove' || (move.type === 'activate' && active.item.kind === 'fix')
    switch (move.type) {
      case 'go':
        go(rows[move.index])
        break
      case 'expand':
        toggle(active, true)
        break
      case 'collapse':
        toggle(active, false)
        break
      case 'expandAll':
        setExpanded((old) => new Set([...old, ...move.keys]))
        break
      case 'activate':
        activate(active)
        break
      case 'rename':
        if (active.item.kind === 'node')
          focusInspector({ to: 'name' }, heading(active.item.subject))
        break
      case 'remove':
        if (active.item.removes) {
          selectSubject(active.item.removes)
          store.getState().removeSelection()
        }
        break
    }
  }

  if (design.nodes.length === 0)
    return (
      <div className="outline outline-empty">
        <p>The design is empty. Add apps, identities, services and developers from the palette.</p>
      </div>
    )
  return (
    <div className="outline">
      <ul
        ref={tree}
        role="tree"
        aria-label="Design outline"
        className="outline-tree"
        onKeyDown={onKeyDown}
      >
        {rows.map((row, i) => (
          <OutlineRowView
            key={row.item.key}
            row={row}
            index={i}
            active={i === activeIndex}
            selected={
              row.item.subject !== null &&
              i === activeIndex &&
              isSelected(selection, row.item.subject)
            }
            onFocusRow={go}
            onToggle={toggle}
          />
        ))}
      </ul>
    </div>
  )
}

function isSelected(
  selection: { nodes: readonly string[]; edges: readonly string[] },
  id: string,
): boolean {
  return selection.nodes.includes(id) || selection.edges.includes(id)
}

/**
 * Scrolls the outline's own scroll box so the row shows, never the page: at 200% zoom the page
 * scrolls too, and an edit in the inspector must not move it.
 */
function revealInList(row: HTMLElement): void {
  const box = row.closest<HTMLElement>('.view-outline')
  if (!box) return
  const top = row.getBoundingClientRect().top - box.getBoundingClientRect().top
  const bottom = top + row.offsetHeight
  if (top < 0) box.scrollTop += top
  else if (bottom > box.clientHeight) box.scrollTop += bottom - box.clientHeight
}
