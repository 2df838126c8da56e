import { describe, expect, it } from 'vitest'
import type { Design } from '@/model/types.ts'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'

/** The sandbox's answers to DELETE requests, by status, as the page's client received them. */
function deleteStatuses(effects: ReturnType<typeof sandboxApplyEffects>): number[] {
  const statuses: number[] = []
  const handle = effects.sandbox.handle.bind(effects.sandbox)
  effects.sandbox.handle = (request) => {
    const outcome = handle(request)
    if (request.method === 'DELETE' && outcome.kind === 'response')
      statuses.push(outcome.response.status)
    return outcome
  }
  return statuses
}

const withoutAccess = (design: Design): Design => ({
  ...design,
  edges: design.edges.filter((e) => e.kind !== 'access'),
})

/**
 * scenario-3 applied to the sandbox, then a delete bucket of 3 (at ARM's refill) switched on: the
 * prunes and removals below delete more than that.
 */
async function appliedWithSmallDeleteBucket() {
  const effects = sandboxApplyEffects(new VirtualClock())
  const statuses = deleteStatuses(effects)
  const store = createApplyStore(effects)
  const design = templateById('scenario-3')!.design
  await store.getState().chooseTarget('sandbox')
  await store.getState().bind(design)
  await store.getState().readPreview()
  await store.getState().run()
  expect(store.getState().report!.counts.failed).toBe(0)
  store.getState().setSandboxFaults({
    throttle: { enabled: true },
    deleteThrottle: { capacity: 3, refillPerSecond: 10 },
  })
  return { store, statuses, design }
}

describe('the web app paces deletes on ARM’s delete bucket', () => {
  it('prunes more assignments than the delete bucket holds without meeting a 429', async () => {
    const { store, statuses, design } = await appliedWithSmallDeleteBucket()
    await store.getState().bind(withoutAccess(design))
    await store.getState().readPreview()
    await store.getState().findPrune()
    const prunable = store.getState().prunable!
    expect(prunable.length).toBeGreaterThan(3)

    await store.getState().prune(prunable)
    expect(store.getState().pruned!.map((r) => r.outcome)).toEqual(prunable.map(() => 'deleted'))
    expect(statuses).toEqual(prunable.map(() => 200))
  })

  it('removes more unmanaged assignments than the delete bucket holds (Compare) without meeting a 429', async () => {
    const { store, statuses, design } = await appliedWithSmallDeleteBucket()

    const comparison = await store.getState().compare(withoutAccess(design))
    if (!comparison.drift.ok) throw new Error('the design does not bind')
    const unmanaged = comparison.drift.value.unmanaged
    expect(unmanaged.length).toBeGreaterThan(3)
    const removed = await store.getState().remove(comparison, unmanaged)
    const rbac = removed.filter((r) => r.outcome !== 'not removable here')
    expect(rbac.length).toBeGreaterThan(3)
    expect(rbac.map((r) => r.outcome)).toEqual(rbac.map(() => 'deleted'))
    expect(statuses).toEqual(rbac.map(() => 200))
  })
})
