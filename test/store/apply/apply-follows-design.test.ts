import { describe, expect, it } from 'vitest'
import { loadEstate } from '@/sandbox/core/estate.ts'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import type { Design } from '@/model/types.ts'
import { templateById } from '@/templates/index.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'

const scenario = (id: string): Design => templateById(id)!.design

async function appliedStore(docId: string, design: Design) {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  store.getState().follow(docId, design)
  await store.getState().chooseTarget('sandbox')
  await store.getState().bind(design)
  await store.getState().readPreview()
  await store.getState().run()
  expect(store.getState().phase).toBe('report')
  return store
}

describe('apply state belongs to one design', () => {
  it('starts over when another design is opened: no report, binding, pick or preview of the first carries over', async () => {
    const a = scenario('scenario-3')
    const store = await appliedStore('doc-a', a)
    store
      .getState()
      .pick(
        'blob',
        '/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z',
      )
    store.getState().setDeveloperId('devs', '00000000-0000-0000-0000-0000000000aa')

    store.getState().follow('doc-b', scenario('scenario-2'))

    expect(store.getState()).toMatchObject({
      docId: 'doc-b',
      phase: 'setup',
      report: null,
      prepared: null,
      preview: null,
      partial: null,
      boundFrom: null,
      picks: {},
      developerIds: {},
      results: {},
      log: [],
    })
    // The Azure side stays chosen: the same group, ready to bind the new design.
    expect(store.getState().resourceGroup).toBe('sandbox-rg')
    const b = scenario('scenario-2')
    await store.getState().bind(b)
    expect(store.getState().prepared?.design.name).toBe(b.name)
    expect(store.getState().prepared?.steps.map((s) => s.title)).toContain(
      'Create identity mi-contoso-storage',
    )
  })

  it('binds again when the same design changed since it was bound; moving nodes changes nothing', async () => {
    const a = scenario('scenario-2')
    const store = await appliedStore('doc-a', a)
    const report = store.getState().report

    const moved: Design = {
      ...a,
      nodes: a.nodes.map((n) => ({ ...n, position: { x: 999, y: 999 } })),
    }
    store.getState().follow('doc-a', moved)
    expect(store.getState().report).toBe(report)
    expect(store.getState().phase).toBe('report')

    const renamed: Design = {
      ...a,
      nodes: a.nodes.map((n) => (n.id === 'mi-storage' ? { ...n, name: 'mi-renamed' } : n)),
    }
    store.getState().follow('doc-a', renamed)
    expect(store.getState().report).toBeNull()
    expect(store.getState().notice).toMatch(/changed since it was bound/)
    await expect.poll(() => store.getState().phase).toBe('bind')
    await expect.poll(() => store.getState().busy).toBeNull()
    expect(store.getState().prepared?.steps.map((s) => s.title)).toContain(
      'Create identity mi-renamed',
    )
  })

  it('binds row by row: every other node is bound while one needs a choice', async () => {
    const base = scenario('scenario-3')
    const design: Design = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'blob' ? { ...n, name: 'renamed-account' } : n)),
    }
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    store.getState().follow('doc', design)
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(design)

    expect(store.getState().problems.map((p) => p.node)).toEqual(['blob'])
    expect(store.getState().prepared).toBeNull()
    const partial = store.getState().partial!
    const boundIds = Object.fromEntries(partial.nodes.map((n) => [n.id, n.azure?.resourceId]))
    expect(boundIds.blob).toBeUndefined()
    for (const node of partial.nodes.filter((n) => n.kind === 'app' || n.kind === 'service'))
      if (node.id !== 'blob') expect(boundIds[node.id]).toMatch(new RegExp(`/${node.name}$`))
  })

  it('takes the resource group of the design it follows: an imported one where it lives, a new one the sandbox’s', async () => {
    const effects = sandboxApplyEffects(new VirtualClock())
    const { resourceGroup } = loadEstate(effects.sandbox, 'demo')
    const store = createApplyStore(effects)
    await store.getState().chooseTarget('sandbox')
    expect(store.getState().groups.map((g) => g.name)).toContain(resourceGroup)
    const SUB = '11111111-1111-1111-1111-111111111111'
    const imported: Design = {
      name: 'contoso-prod (imported)',
      nodes: [
        {
          id: 'kv',
          kind: 'service',
          service: 'keyVault',
          name: 'kv-contoso-prod',
          azure: {
            resourceId: `/subscriptions/${SUB}/resourceGroups/${resourceGroup.toUpperCase()}/providers/Microsoft.KeyVault/vaults/kv-contoso-prod`,
          },
        },
      ],
      edges: [],
    }
    store.getState().follow('doc-imported', imported)
    expect(store.getState().resourceGroup).toBe(resourceGroup)
    // Scenario 2 next (nothing bound): not the group the last design lived in.
    store.getState().follow('doc-new', scenario('scenario-2'))
    expect(store.getState().resourceGroup).toBe('sandbox-rg')
    // A user's own choice for this design stays while it is the one followed.
    await store.getState().selectGroup(resourceGroup)
    store.getState().follow('doc-new', scenario('scenario-2'))
    expect(store.getState().resourceGroup).toBe(resourceGroup)
  })
})

describe('the preview, while it reads', () => {
  it('names the sandbox as what it reads, not Azure', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    const design = scenario('scenario-1')
    store.getState().follow('doc-a', design)
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(design)
    const busy: (string | null)[] = []
    const stop = store.subscribe((s) => void busy.push(s.busy))
    await store.getState().readPreview()
    stop()
    expect(busy).toContain('Reading what exists in the sandbox…')
    expect(busy.filter((b) => b?.includes('Azure'))).toEqual([])
  })
})
