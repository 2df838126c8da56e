import type { EdgeChange, NodeChange } from '@xyflow/react'
import type { Position } from '../model/types.ts'
import type { DesignerStore } from './create-store.ts'
import type { Selection } from './types.ts'

/**
 * The one place React Flow's change objects are translated. Positions while dragging go to a
 * preview (`drag`) and become one `moveNodes` command on drop, so a drag is one undo step and the
 * rules never run mid-drag; `select` changes update the selection; `dimensions` are noted (not
 * rendered: React Flow already holds them) so rebuilt node objects can carry them back; `remove` is ignored (Delete runs `removeSelection`).
 */
export function applyNodeChanges(store: DesignerStore, changes: readonly NodeChange[]): void {
  const state = store.getState()
  let drag: Map<string, Position> | undefined
  let dropped: Map<string, Position> | undefined
  let selected: Set<string> | undefined
  let measured: { id: string; size: { width: number; height: number } }[] | undefined
  for (const change of changes) {
    switch (change.type) {
      case 'position': {
        if (change.dragging) {
          drag ??= new Map(state.drag ?? [])
          if (change.position) drag.set(change.id, change.position)
        } else {
          dropped ??= new Map()
          const at = change.position ?? state.drag?.get(change.id)
          if (at) dropped.set(change.id, at)
        }
        break
      }
      case 'select':
        selected ??= new Set(state.selection.nodes)
        if (change.selected) selected.add(change.id)
        else selected.delete(change.id)
        break
      case 'dimensions':
        if (change.dimensions) {
          measured ??= []
          measured.push({ id: change.id, size: change.dimensions })
        }
        break
      case 'add':
      case 'remove':
      case 'replace':
        break
    }
  }
  if (measured) state.noteMeasured(measured)
  if (selected) state.select(withNodes(state.selection, selected))
  if (dropped) {
    // Nodes dragged together but not reported on drop keep their last preview position.
    const all = new Map([...(state.drag ?? []), ...dropped])
    state.setDrag(null)
    state.moveNodes(all)
  } else if (drag) state.setDrag(drag)
}

/**
 * Edge selection. A drawn line may stand for several design edges (access bundled through an
 * identity): `membersOf` names them, and selecting the line selects all of them.
 */
export function applyEdgeChanges(
  store: DesignerStore,
  changes: readonly EdgeChange[],
  membersOf: (lineId: string) => readonly string[] = (id) => [id],
): void {
  const state = store.getState()
  let selected: Set<string> | undefined
  for (const change of changes) {
    if (change.type !== 'select') continue
    selected ??= new Set(state.selection.edges)
    for (const id of membersOf(change.id)) {
      if (change.selected) selected.add(id)
      else selected.delete(id)
    }
  }
  if (selected) state.select({ nodes: state.selection.nodes, edges: [...selected] })
}

function withNodes(selection: Selection, nodes: ReadonlySet<string>): Selection {
  return { nodes: [...nodes], edges: selection.edges }
}
