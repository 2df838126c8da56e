import { temporal } from 'zundo'
import { createStore } from 'zustand/vanilla'
import type { Design } from '../model/types.ts'
import { TEMPLATES } from '../templates/index.ts'
import { documentSlice, type HistoryControls } from './document-slice.ts'
import type { Effects } from './effects.ts'
import type { DesignerState } from './types.ts'
import { viewSlice } from './view-slice.ts'

/** How many undo steps are kept. */
export const HISTORY_LIMIT = 200

/**
 * The designer's one store, built from slices with its effects injected. History (zundo) tracks
 * the document only: selection, viewport, drag previews and React Flow's measurements never
 * become undo steps, because `equality` compares just the design.
 */
export function createDesignerStore(effects: Effects, initial?: Design) {
  const start = initial ?? (TEMPLATES[0] as { design: Design }).design
  const controls: HistoryControls = {
    undo: () => store.temporal.getState().undo(),
    redo: () => store.temporal.getState().redo(),
    clear: () => store.temporal.getState().clear(),
  }
  const store = createStore<DesignerState>()(
    temporal(
      (set, get) => ({
        ...viewSlice(set, get),
        ...documentSlice(set, get, effects, () => controls, start),
      }),
      {
        partialize: (state) => ({ design: state.design }),
        equality: (past, current) => past.design === current.design,
        limit: HISTORY_LIMIT,
      },
    ),
  )
  return store
}

export type DesignerStore = ReturnType<typeof createDesignerStore>
