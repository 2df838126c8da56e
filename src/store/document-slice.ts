import { SERVICES } from '../catalog/services.ts'
import { placeAdded, type Placement } from '../layout/free-space.ts'
import { planConnection } from '../model/connect.ts'
import { applyEdits, type Edit } from '../model/edits.ts'
import type { Design, Position } from '../model/types.ts'
import { copyOf, pasteEdits } from './clipboard.ts'
import type { Effects } from './effects.ts'
import { extrasWithGroup, groupTagProblem } from './group-view.ts'
import { newNode } from './node-factory.ts'
import type { DocumentSlice, GetState, SetState } from './types.ts'

export const EMPTY_SELECTION = { nodes: [], edges: [] } as const

/** Undo/redo controls of the history middleware, reached lazily (the store is built first). */
export interface HistoryControls {
  undo(): void
  redo(): void
  clear(): void
}

const PASTE_OFFSET = 40

/**
 * The document and its named commands. Each command turns a user action into edits and commits
 * them with one `set`, which the history middleware records as exactly one undo step.
 */
export function documentSlice(
  set: SetState,
  get: GetState,
  effects: Effects,
  history: () => HistoryControls,
  initial: Design,
): DocumentSlice {
  // Every node added (quick fix, Optimize, paste, palette) lands in free space near where it was
  // meant to go, never on another node.
  const commit = (edits: readonly Edit[], what = 'Change', how: Placement = 'each'): boolean => {
    if (edits.length === 0) return true
    const design = get().design
    const result = applyEdits(design, placeAdded(design, edits, how))
    if (!result.ok) {
      get().notify({ tone: 'error', title: `${what} refused: ${result.error.message}` })
      return false
    }
    set({ design: result.value })
    return true
  }

  let pastes = 0

  return {
    design: initial,
    docId: effects.newId(),
    commit,

    addNode(spec, position) {
      const node = newNode(get().design, spec, position)
      if (!commit([{ type: 'addNode', node }], 'Adding')) return undefined
      get().select({ nodes: [node.id], edges: [] })
      return node.id
    },

    connect(from, to) {
      const planned = planConnection(get().design, from, to, {
        defaultRole: (service) => SERVICES[service].defaultRole,
      })
      if (!planned.ok) {
        get().notify({ tone: 'warning', title: planned.error })
        return false
      }
      if (!commit([{ type: 'addEdge', edge: planned.value }], 'Connecting')) return false
      get().select({ nodes: [], edges: [planned.value.id] })
      return true
    },

    updateNode: (id, fields) => commit([{ type: 'updateNode', id, set: fields }], 'Edit'),
    updateEdge: (id, fields) => commit([{ type: 'updateEdge', id, set: fields }], 'Edit'),
    renameDesign: (name) => commit([{ type: 'renameDesign', name }], 'Renaming'),

    setNodeGroup(id, group) {
      const node = get().design.nodes.find((n) => n.id === id)
      const problem = node ? groupTagProblem(group) : `no node with id ${JSON.stringify(id)}`
      if (problem) {
        get().notify({ tone: 'error', title: `Group refused: ${problem}` })
        return false
      }
      if (!node || (node.extras?.['group'] ?? '') === group) return true
      return commit(
        [{ type: 'updateNode', id, set: { extras: extrasWithGroup(node, group) } }],
        'Group',
      )
    },

    moveNodes(positions) {
      const edits: Edit[] = []
      for (const node of get().design.nodes) {
        const to = positions.get(node.id)
        if (!to || (node.position?.x === to.x && node.position?.y === to.y)) continue
        edits.push({ type: 'updateNode', id: node.id, set: { position: { x: to.x, y: to.y } } })
      }
      commit(edits, 'Moving')
    },

    removeSelection() {
      const { selection, design } = get()
      const nodes = new Set(selection.nodes)
      const edits: Edit[] = [
        ...design.edges
          .filter(
            (e) => selection.edges.includes(e.id) && !nodes.has(e.source) && !nodes.has(e.target),
          )
          .map((e): Edit => ({ type: 'removeEdge', id: e.id })),
        ...design.nodes
          .filter((n) => nodes.has(n.id))
          .map((n): Edit => ({ type: 'removeNode', id: n.id })),
      ]
      if (edits.length === 0) return
      if (commit(edits, 'Deleting')) get().select(EMPTY_SELECTION)
    },

    applyFix(fix) {
      if (!commit(fix.edits, fix.title)) return false
      get().notify({ tone: 'success', title: `${fix.title} — Ctrl+Z to undo`, undoable: true })
      return true
    },

    applyOptimize(edits, laidOut) {
      const all = laidOut ? placedAt(get().design, edits, laidOut) : edits
      // Laid out, every node has its place already: none is to be moved to free space.
      if (!commit(all, 'Optimize identities', laidOut ? 'asGiven' : 'each')) return false
      get().notify({
        tone: 'success',
        title: 'Identities optimized — Ctrl+Z to undo',
        undoable: true,
      })
      return true
    },

    copySelection() {
      const data = copyOf(get().design, get().selection.nodes)
      if (data) {
        pastes = 0
        set({ clipboard: data })
      }
    },

    paste() {
      const data = get().clipboard
      if (!data) return []
      pastes++
      const { edits, nodeIds } = pasteEdits(get().design, data, PASTE_OFFSET * pastes)
      if (!commit(edits, 'Pasting', 'together')) return []
      get().select({ nodes: nodeIds, edges: [] })
      return nodeIds
    },

    loadDesign(design, options = {}) {
      set({
        design,
        docId: options.docId ?? effects.newId(),
        selection: EMPTY_SELECTION,
        drag: null,
        otherTab: false,
        neighbourhood: null,
        focusTrail: [],
      })
      history().clear()
      if (options.viewport) get().requestViewport(options.viewport)
      else get().requestFit()
    },

    undo() {
      if (get().drag) return
      history().undo()
      if (get().notice?.undoable) get().dismissNotice()
    },

    redo() {
      if (get().drag) return
      history().redo()
    },
  }
}

/**
 * The edits with each node put where `positions` has it: an added node in its addNode edit, a node
 * already there by a move after the edits (a node the edits remove is not in `positions`).
 */
function placedAt(
  design: Design,
  edits: readonly Edit[],
  positions: ReadonlyMap<string, Position>,
): Edit[] {
  const placed = edits.map((e): Edit => {
    const position = e.type === 'addNode' ? positions.get(e.node.id) : undefined
    return e.type === 'addNode' && position ? { ...e, node: { ...e.node, position } } : e
  })
  const moves = design.nodes.flatMap((n): Edit[] => {
    const to = positions.get(n.id)
    return to && (n.position?.x !== to.x || n.position?.y !== to.y)
      ? [{ type: 'updateNode', id: n.id, set: { position: { x: to.x, y: to.y } } }]
      : []
  })
  return [...placed, ...moves]
}
