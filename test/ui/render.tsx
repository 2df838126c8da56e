import { ReactFlowProvider } from '@xyflow/react'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { EffectsContext, StoreContext } from '@/ui/store-context.tsx'
import type { Design } from '@/model/types.ts'
import { testStore } from '../store/helpers.ts'

/** Renders a piece of the designer over a fresh store with in-memory effects. */
export function renderWithStore(ui: ReactNode, design?: Design) {
  const t = testStore(design)
  const result = render(
    <StoreContext.Provider value={t.store}>
      <EffectsContext.Provider value={t.effects}>
        <ReactFlowProvider>{ui}</ReactFlowProvider>
      </EffectsContext.Provider>
    </StoreContext.Provider>,
  )
  return { ...t, ...result }
}
