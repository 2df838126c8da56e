import { PUBLIC_CLOUD_NAME } from '../catalog/clouds.ts'
import { hiddenGroupsOf, withoutMembers } from './group-view.ts'
import type { GetState, SetState, Size, ViewSlice } from './types.ts'

/** Selection, viewport, drag preview, notices and panels: state that is never an undo step. */
export function viewSlice(set: SetState, get: GetState): ViewSlice {
  const measured = new Map<string, Size>()
  let noticeSeq = 0
  let focusSeq = 0
  return {
    selection: { nodes: [], edges: [] },
    viewport: { x: 0, y: 0, zoom: 1 },
    drag: null,
    measured,
    notice: null,
    panel: 'problems',
    centerView: 'canvas',
    edgeDrawing: 'bundled',
    grouping: 'none',
    collapsedGroups: [],
    neighbourhood: null,
    focusTrail: [],
    viewCommand: { seq: 0 },
    focusRequest: null,
    clipboard: null,
    saveState: 'idle',
    savedAt: null,
    otherTab: false,
    guideView: { language: 'csharp', cloud: PUBLIC_CLOUD_NAME },

    select(selection) {
      const current = get().selection
      if (sameIds(current.nodes, selection.nodes) && sameIds(current.edges, selection.edges)) return
      set({ selection })
    },
    focus(id) {
      const isNode = get().design.nodes.some((n) => n.id === id)
      // What is brought into view is never hidden in a collapsed group: its group opens.
      const hiding = hiddenGroupsOf(get(), id)
      if (hiding.length > 0)
        set((s) => ({ collapsedGroups: s.collapsedGroups.filter((g) => !hiding.includes(g)) }))
      get().select(isNode ? { nodes: [id], edges: [] } : { nodes: [], edges: [id] })
      set({ focusRequest: { id, seq: ++focusSeq } })
    },
    setViewport: (viewport) => set({ viewport }),
    setDrag: (drag) => set({ drag }),
    noteMeasured: (sizes) => {
      for (const { id, size } of sizes) measured.set(id, size)
    },
    notify: (notice) => set({ notice: { ...notice, id: ++noticeSeq } }),
    dismissNotice: () => set({ notice: null }),
    setPanel: (panel) => set({ panel }),
    setGuideView: (view) => set((s) => ({ guideView: { ...s.guideView, ...view } })),
    setCenterView: (centerView) => set({ centerView }),
    setEdgeDrawing: (edgeDrawing) => set({ edgeDrawing }),
    setGrouping: (grouping) => set({ grouping }),
    setGroupCollapsed(id, collapsed) {
      const current = get().collapsedGroups
      if (current.includes(id) === collapsed) return
      set({ collapsedGroups: collapsed ? [...current, id] : current.filter((g) => g !== id) })
      // What a collapsed group hides is no longer selected: Delete never removes a hidden node.
      if (collapsed) get().select(withoutMembers(get(), id))
    },
    showNeighbourhood(id) {
      const { neighbourhood, focusTrail } = get()
      if (neighbourhood === id) return
      set((s) => ({
        neighbourhood: id,
        focusTrail: trailTo(id, neighbourhood, focusTrail),
        viewCommand:
          id === null ? { seq: s.viewCommand.seq + 1 } : { seq: s.viewCommand.seq + 1, around: id },
      }))
    },
    requestFit: () => set((s) => ({ viewCommand: { seq: s.viewCommand.seq + 1 } })),
    requestViewport: (viewport) =>
      set((s) => ({ viewport, viewCommand: { seq: s.viewCommand.seq + 1, viewport } })),
    setSaveState: (saveState, at) =>
      set({ saveState, ...(at !== undefined ? { savedAt: at } : {}) }),
    setOtherTab: (otherTab) => set({ otherTab }),
  }
}

/** How many earlier focuses the breadcrumb keeps: a walk from neighbour to neighbour stays short. */
export const FOCUS_TRAIL_LENGTH = 4

/** The trail after focusing `next` from `current` (see ViewSlice.focusTrail). */
function trailTo(
  next: string | null,
  current: string | null,
  trail: readonly string[],
): readonly string[] {
  if (next === null || current === null) return []
  const back = trail.indexOf(next)
  if (back >= 0) return trail.slice(0, back)
  return [...trail, current].slice(-FOCUS_TRAIL_LENGTH)
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}
