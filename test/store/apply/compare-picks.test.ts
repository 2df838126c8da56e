import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'

/** scenario-3 with its storage account drawn under a name the sandbox has no resource of. */
function renamedDesign() {
  const base = templateById('scenario-3')!.design
  return {
    ...base,
    nodes: base.nodes.map((n) => (n.id === 'blob' ? { ...n, name: 'renamed-account' } : n)),
  }
}

describe('Compare binds as Apply did', () => {
  it('uses the resources picked at Bind in this group, which the sandbox does not write into the design', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    const design = renamedDesign()
    await store.getState().chooseTarget('sandbox')
    const account = async () => {
      await store.getState().bind(design)
      return store.getState().resources.find((r) => r.name === 'contosoorders')!
    }
    store.getState().pick('blob', (await account()).id)
    await store.getState().bind(design)
    await store.getState().readPreview()
    await store.getState().run()
    expect(store.getState().report!.counts.failed).toBe(0)

    const comparison = await store.getState().compare(design)
    expect(comparison.drift.ok).toBe(true)
    if (!comparison.drift.ok) return
    expect(comparison.drift.value.missing).toEqual([])
    expect(store.getState().comparison!.design).toBe(design)
  })
})
