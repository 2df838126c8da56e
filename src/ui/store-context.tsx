import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import { useStoreWithEqualityFn } from 'zustand/traditional'
import type { DesignerStore } from '../store/create-store.ts'
import type { Effects } from '../store/effects.ts'
import type { DesignerState } from '../store/types.ts'

export const StoreContext = createContext<DesignerStore | null>(null)

export function useStoreApi(): DesignerStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStoreApi outside <StoreContext.Provider>')
  return store
}

/** A narrow selector over the designer store: components re-render only when their slice changes. */
export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useStoreApi(), selector)
}

/** Like useDesigner, with a custom equality (e.g. shallow for arrays built by the selector). */
export function useDesignerWith<T>(
  selector: (state: DesignerState) => T,
  equal: (a: T, b: T) => boolean,
): T {
  return useStoreWithEqualityFn(useStoreApi(), selector, equal)
}

/** Undo/redo availability, from the history middleware's own store. */
export function useHistory(): { canUndo: boolean; canRedo: boolean } {
  const store = useStoreApi()
  const canUndo = useStore(store.temporal, (t) => t.pastStates.length > 0)
  const canRedo = useStore(store.temporal, (t) => t.futureStates.length > 0)
  return { canUndo, canRedo }
}

export const EffectsContext = createContext<Effects | null>(null)

/** The injected effects (download, storage, clock) for UI actions outside the store. */
export function useEffects(): Effects {
  const effects = useContext(EffectsContext)
  if (!effects) throw new Error('useEffects outside <EffectsContext.Provider>')
  return effects
}
