import { describe, expect, it } from 'vitest'
import { countPreview } from '@/apply/preview.ts'
import { templateById } from '@/templates/index.ts'
import {
  actualAssignments,
  actualCosmosAssignments,
  applyOnce,
  bulkDesign,
  expectedAssignments,
  inPageWorld,
  principalIdsOf,
  sandboxPrincipalId,
  type Applied,
} from './support.ts'
import type { Sandbox } from '@/sandbox/core/sandbox.ts'

/** Every assignment the report calls created or unchanged exists; the final state is the design, once. */
function expectTrueAndExact(applied: Applied, actual: string[], sandbox: Sandbox): void {
  const expected = expectedAssignments(applied, sandbox).sort()
  expect(actual.sort()).toEqual(expected)
  expect(new Set(actual).size).toBe(actual.length)
}

describe('apply converges under ARM faults', () => {
  it('paces a burst to ARM’s bucket from the remaining-writes header, without meeting 429s', async () => {
    // ARM's bucket scaled down; the engine's pacer starts with ARM's real figures and follows the header.
    const world = inPageWorld({ throttle: { enabled: true, capacity: 20, refillPerSecond: 10 } })
    const design = bulkDesign(world.sandbox, 60)
    const started = world.clock.now()
    const applied = await applyOnce(design, world)
    expect(applied.report.counts.failed).toBe(0)
    expect(applied.report.counts.created).toBe(60 + 180)
    const writes = 60 + 180
    expect(world.clock.now() - started).toBeGreaterThanOrEqual(((writes - 20) / 10) * 1000 * 0.95)
    expect(
      applied.events.filter((e) => e.type === 'retry' && e.note.failure.status === 429).length,
    ).toBeLessThan(10)
    expectTrueAndExact(
      applied,
      actualAssignments(world.sandbox, principalIdsOf(applied, world.sandbox)),
      world.sandbox,
    )
  })

  it('meets 429s when it cannot see the bucket, honours Retry-After and gets every write through', async () => {
    const world = inPageWorld(
      { throttle: { enabled: true, capacity: 20, refillPerSecond: 10 } },
      undefined,
      false,
    )
    const applied = await applyOnce(bulkDesign(world.sandbox, 60), world)
    expect(applied.report.counts.failed).toBe(0)
    const throttled = applied.events.filter(
      (e) => e.type === 'retry' && e.note.failure.status === 429,
    )
    expect(throttled.length).toBeGreaterThan(0)
    expect(
      throttled.every((e) => e.type === 'retry' && e.note.waitMs === e.note.failure.retryAfterMs),
    ).toBe(true)
    expectTrueAndExact(
      applied,
      actualAssignments(world.sandbox, principalIdsOf(applied, world.sandbox)),
      world.sandbox,
    )
  })

  it('is not caught by the PrincipalNotFound window of fresh identities (principalType is always sent)', async () => {
    const world = inPageWorld()
    const applied = await applyOnce(templateById('scenario-2')!.design, world)
    expect(applied.report.counts.failed).toBe(0)
    expect(
      applied.events.some((e) => e.type === 'retry' && e.note.failure.code === 'PrincipalNotFound'),
    ).toBe(false)
    expectTrueAndExact(
      applied,
      actualAssignments(world.sandbox, principalIdsOf(applied, world.sandbox)),
      world.sandbox,
    )
  })

  it('waits out Cosmos DB’s Entra lookup of an identity made in the same run, then grants its data role', async () => {
    // Scenario 2 makes mi-contoso-data and grants it Cosmos DB Built-in Data Contributor: Cosmos
    // DB answers its write with a failed operation until Entra ID knows the identity.
    const world = inPageWorld()
    const applied = await applyOnce(templateById('scenario-2')!.design, world)
    const waited = applied.events.flatMap((e) =>
      e.type === 'retry' && e.note.failure.code === 'BadRequest' ? [e.note.failure.message] : [],
    )
    expect(waited.length).toBeGreaterThan(0)
    expect(waited[0]).toMatch(
      /^The provided principal ID \[[0-9a-f-]+\] was not found in the AAD tenant\(s\)/,
    )
    expect(
      applied.report.steps.filter((s) => s.kind === 'assignCosmosDataRole').map((s) => s.outcome),
    ).toEqual(['created', 'created'])
    expect(actualCosmosAssignments(world.sandbox)).toHaveLength(2)
  })

  it('recovers from 20% server errors', async () => {
    const world = inPageWorld({ serverErrors: { rate: 0.2 } })
    const applied = await applyOnce(bulkDesign(world.sandbox, 20), world)
    expect(applied.report.counts.failed).toBe(0)
    expect(applied.events.filter((e) => e.type === 'retry').length).toBeGreaterThan(5)
    expectTrueAndExact(
      applied,
      actualAssignments(world.sandbox, principalIdsOf(applied, world.sandbox)),
      world.sandbox,
    )
  })

  it.each(['request', 'response'] as const)(
    'recovers from connection resets (%s phase) without duplicates',
    async (phase) => {
      const world = inPageWorld({ resets: { rate: 0.15, phase } })
      const applied = await applyOnce(bulkDesign(world.sandbox, 20), world)
      expect(applied.report.counts.failed).toBe(0)
      expect(
        applied.events.some((e) => e.type === 'retry' && e.note.failure.code === 'ECONNRESET'),
      ).toBe(true)
      expectTrueAndExact(
        applied,
        actualAssignments(world.sandbox, principalIdsOf(applied, world.sandbox)),
        world.sandbox,
      )
    },
  )

  it('marks a scope without write rights as "cannot" up front, applies the rest and says so', async () => {
    const world = inPageWorld()
    const design = templateById('scenario-3')!.design
    const resources = await world.gateway.listResources(
      '11111111-1111-1111-1111-111111111111',
      'sandbox-rg',
    )
    const vault = resources.find((r) => r.name === 'kv-contoso-orders')!.id
    world.sandbox.setFaults({ forbiddenScopes: [vault] })
    const applied = await applyOnce(design, world)
    const onVault = applied.preview.items.filter(
      (i) => i.step.kind === 'assignRole' && i.step.target === 'vault',
    )
    expect(onVault.length).toBe(2)
    expect(
      onVault.every((i) => i.status === 'cannot' && /roleAssignments\/write/.test(i.reason ?? '')),
    ).toBe(true)
    const results = applied.report.steps.filter((s) => onVault.some((i) => i.step.id === s.id))
    expect(results.every((r) => r.outcome === 'skipped')).toBe(true)
    const others = applied.report.steps.filter(
      (s) => s.kind === 'assignRole' && !onVault.some((i) => i.step.id === s.id),
    )
    expect(others.every((r) => r.outcome === 'created')).toBe(true)
    const actual = actualAssignments(world.sandbox, principalIdsOf(applied, world.sandbox))
    expect(actual.some((a) => a.startsWith(vault.toLowerCase()))).toBe(false)
    expect(actual).toHaveLength(others.length)
  })

  it('meets the subscription’s role-assignment limit: the rest fail at once with what to do, the report says what was made', async () => {
    const world = inPageWorld()
    const held = () => Object.keys(world.sandbox.snapshot().roleAssignments).length
    // Room for two more (Learn: a 400 RoleAssignmentLimitExceeded past the subscription's limit).
    const before = held()
    world.sandbox.setFaults({ limits: { roleAssignments: before + 2 } })
    const applied = await applyOnce(templateById('scenario-3')!.design, world)
    const grants = applied.report.steps.filter((s) => s.kind === 'assignRole')
    expect(grants.filter((s) => s.outcome === 'created')).toHaveLength(2)
    const refused = grants.filter((s) => s.outcome === 'failed')
    expect(refused.length).toBe(grants.length - 2)
    for (const step of refused) {
      expect(step.failure).toMatchObject({
        code: 'RoleAssignmentLimitExceeded',
        message: 'No more role assignments can be created.',
      })
      expect(step.failure?.advice).toMatch(
        /^The subscription holds as many role assignments as ARM allows/,
      )
      // Not retried: waiting frees no room.
      expect(step.attempts).toBe(1)
    }
    expect(held()).toBe(before + 2)
  })

  it('stops when cancelled midway with a true report, and a re-run converges', async () => {
    const world = inPageWorld({ latency: { fixedMs: 20, jitterMs: 10 } })
    const design = bulkDesign(world.sandbox, 30)
    const abort = new AbortController()
    let finished = 0
    const first = await applyOnce(design, world, {
      signal: abort.signal,
      concurrency: 4,
      onEvent: (e) => {
        if (e.type === 'stepFinished' && ++finished === 50) abort.abort()
      },
    })
    expect(first.report.cancelled).toBe(true)
    expect(first.report.counts.created).toBeGreaterThanOrEqual(50)
    expect(first.report.counts.skipped).toBeGreaterThan(0)
    // Every assignment the report says was created exists.
    const actual = new Set(actualAssignments(world.sandbox, principalIdsOf(first, world.sandbox)))
    for (const step of first.report.steps.filter(
      (s) => s.kind === 'assignRole' && s.outcome === 'created',
    )) {
      const planned = first.prepared.steps.find((p) => p.id === step.id)
      if (planned?.kind !== 'assignRole') throw new Error('missing step')
      const principalId = sandboxPrincipalId(world.sandbox, first.prepared, planned.principal)!
      expect(actual.has(`${planned.scope!.toLowerCase()}|${principalId}|${planned.roleGuid}`)).toBe(
        true,
      )
    }

    const second = await applyOnce(design, world)
    expect(second.report.cancelled).toBe(false)
    expect(second.report.counts.failed).toBe(0)
    expect(countPreview(second.preview.items).inPlace).toBeGreaterThan(0)
    expectTrueAndExact(
      second,
      actualAssignments(world.sandbox, principalIdsOf(second, world.sandbox)),
      world.sandbox,
    )
  })
})
