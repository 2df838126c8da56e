import { describe, expect, it } from 'vitest'
import { countPreview } from '@/apply/preview.ts'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'

describe('apply store', () => {
  it('runs the whole flow against the sandbox: target, bind, preview, run, report, again', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    const design = templateById('scenario-3')!.design
    await store.getState().chooseTarget('sandbox')
    expect(store.getState()).toMatchObject({
      subscriptionId: '11111111-1111-1111-1111-111111111111',
      resourceGroup: 'sandbox-rg',
      location: 'westeurope',
      error: null,
    })

    await store.getState().bind(design)
    expect(store.getState().phase).toBe('bind')
    expect(store.getState().problems).toEqual([])
    expect(store.getState().prepared?.steps.length).toBeGreaterThan(5)

    await store.getState().readPreview()
    expect(store.getState().phase).toBe('preview')
    expect(countPreview(store.getState().preview!.items).inPlace).toBe(0)

    await store.getState().run()
    const report = store.getState().report!
    expect(store.getState().phase).toBe('report')
    expect(report.counts.failed).toBe(0)
    expect(store.getState().progress).toMatchObject({
      done: report.steps.length,
      total: report.steps.length,
      retries: {},
    })
    expect(store.getState().log.some((l) => l.text.startsWith('created: Grant'))).toBe(true)

    await store.getState().again()
    const counts = countPreview(store.getState().preview!.items)
    expect(counts.create + counts.conflict).toBe(0)
  })

  it('reports binding problems per node and lets a hand-picked resource fix them', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    const base = templateById('scenario-3')!.design
    const design = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'blob' ? { ...n, name: 'renamed-account' } : n)),
    }
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(design)
    expect(store.getState().problems).toEqual([
      {
        node: 'blob',
        message: expect.stringContaining(
          'no Microsoft.Storage/storageAccounts named "renamed-account"',
        ),
      },
    ])
    const account = store.getState().resources.find((r) => r.name === 'contosoorders')!
    store.getState().pick('blob', account.id)
    await store.getState().bind(design)
    expect(store.getState().problems).toEqual([])
    expect(
      store
        .getState()
        .prepared?.bindingEdits.some((e) => e.type === 'updateNode' && e.id === 'blob'),
    ).toBe(true)
  })

  it('binds through ARM read throttling, waiting out each 429 as the preview does', async () => {
    const clock = new VirtualClock()
    const store = createApplyStore(sandboxApplyEffects(clock))
    await store.getState().chooseTarget('sandbox')
    // One read a second (ARM's read bucket, made tiny): the listing answers 429 with Retry-After.
    store.getState().setSandboxFaults({
      readThrottle: { enabled: true, capacity: 1, refillPerSecond: 1 },
    })
    const design = templateById('scenario-2')!.design
    await store.getState().bind(design)
    // The bucket is empty now: binding again at once is answered 429 until a second has passed.
    const start = clock.now()
    await store.getState().bind(design)
    expect(store.getState()).toMatchObject({ phase: 'bind', error: null, problems: [] })
    expect(store.getState().resources.map((r) => r.name)).toContain('contosoassets')
    expect(clock.now() - start).toBeGreaterThanOrEqual(1000)
  })

  it('says what failed instead of throwing when Azure is unreachable', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    await store.getState().saveEntra({
      clientId: '00000000-0000-0000-0000-000000000001',
      authority: 'https://login.microsoftonline.com/organizations',
      armEndpoint: 'https://management.azure.com',
    })
    expect(store.getState().error).toBe('no Azure in tests')
    expect(store.getState().busy).toBeNull()
  })
})

describe('apply journal', () => {
  it('notes progress while running and clears it when the run ends', async () => {
    const effects = sandboxApplyEffects(new VirtualClock())
    const saved: number[] = []
    let cleared = 0
    const store = createApplyStore({
      ...effects,
      journal: {
        load: async () => undefined,
        save: async (j) => void saved.push(j.steps.length),
        clear: async () => void cleared++,
      },
    })
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(templateById('scenario-2')!.design)
    await store.getState().readPreview()
    await store.getState().run()
    expect(saved[0]).toBe(0)
    expect(Math.max(...saved)).toBeGreaterThan(0)
    expect(saved).toEqual([...saved].sort((a, b) => a - b))
    expect(cleared).toBe(1)
  })

  it('finds the journal a closed tab left, and forgets it on dismiss', async () => {
    const effects = sandboxApplyEffects(new VirtualClock())
    await effects.journal.save({
      design: 'Scenario 2',
      target: 'sandbox',
      subscriptionId: '11111111-1111-1111-1111-111111111111',
      resourceGroup: 'sandbox-rg',
      startedAt: 0,
      total: 14,
      steps: [
        {
          id: 'createIdentity:mi-storage',
          kind: 'createIdentity',
          title: 'Create identity mi-contoso-storage',
          outcome: 'created',
          attempts: 1,
        },
      ],
    })
    const store = createApplyStore(effects)
    await store.getState().checkInterrupted()
    expect(store.getState().interrupted?.steps).toHaveLength(1)
    await store.getState().dismissInterrupted()
    expect(store.getState().interrupted).toBeNull()
    expect(await effects.journal.load()).toBeUndefined()
  })
})
