import { createContext, useContext } from 'react'

/**
 * What a click on a drawn node or line does. The canvas wires these to the store; node and edge
 * components read nothing else from outside their props, so the benchmark's bare React Flow page
 * draws them too, with actions of its own.
 */
export interface CanvasActions {
  setSystemAssigned(node: string, on: boolean): void
  /** Select the design edges a line stands for. */
  selectEdges(ids: readonly string[]): void
}

export const CanvasActionsContext = createContext<CanvasActions | null>(null)

export function useCanvasActions(): CanvasActions {
  const actions = useContext(CanvasActionsContext)
  if (!actions) throw new Error('useCanvasActions outside <CanvasActionsContext.Provider>')
  return actions
}
