import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import { SetupStep } from '@/ui/apply/setup-step.tsx'
import CompareDialog from '@/ui/import/compare-dialog.tsx'
import ImportDialog from '@/ui/import/import-dialog.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

function show(dialog: React.ReactNode) {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>{dialog}</ApplyStoreContext.Provider>,
    templateById('scenario-1')!.design,
  )
  return screen.getByRole('radio', { name: /^Azure/ })
}

describe('the Azure target says what the dialog does with it', () => {
  it('applies in the Apply dialog', () => {
    expect(show(<SetupStep />)).toHaveAccessibleName(/apply to a real subscription\.$/)
  })

  it('reads a resource group in Import, and applies nothing', () => {
    const azure = show(<ImportDialog onClose={() => {}} />)
    expect(azure).toHaveAccessibleName(/read a resource group/)
    expect(azure).not.toHaveAccessibleName(/apply/i)
  })

  it('compares with a resource group in Compare, and applies nothing', () => {
    const azure = show(<CompareDialog onClose={() => {}} onApply={() => {}} />)
    expect(azure).toHaveAccessibleName(/compare the design with a resource group/)
    expect(azure).not.toHaveAccessibleName(/apply/i)
  })
})
