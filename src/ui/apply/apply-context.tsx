import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { ApplyActions, ApplyStore } from '../../store/apply/apply-store.ts'
import type { ApplyState } from '../../store/apply/types.ts'

export const ApplyStoreContext = createContext<ApplyStore | null>(null)

export function useApplyStore(): ApplyStore {
  const store = useContext(ApplyStoreContext)
  if (!store) throw new Error('useApplyStore outside <ApplyStoreContext.Provider>')
  return store
}

/** A narrow selector over the apply store. */
export function useApply<T>(selector: (state: ApplyState & ApplyActions) => T): T {
  return useStore(useApplyStore(), selector)
}
