import { describe, expect, it } from 'vitest'
import { classify, type ArmFailure } from '@/apply/failure.ts'
import { succeeded } from '@/apply/report.ts'
import { templateById } from '@/templates/index.ts'
import {
  actualCosmosAssignments,
  bulkDesign,
  applyOnce,
  httpsWorld,
  QUICK_RETRY,
  sandboxPrincipalId,
  SUB,
  sandboxServerPerFile,
} from './support.ts'

const OTHER = 'aaaaaaaa-0000-4000-8000-000000000001'

const RETRY = QUICK_RETRY

/**
 * Cosmos DB's own lookup of the identity this run made, waited out before its data role is
 * written (engine-faults.test.ts): not a lock, which is what this file is about.
 */
const waitsForEntra = (f: ArmFailure): boolean => classify(f) === 'principalNotReady'

const host = sandboxServerPerFile()

describe('apply meets each provider as Azure has it (real SDK over HTTPS)', () => {
  it('applies scenario 2 with the Cosmos DB account lock on: one data-role write at a time per account, no 412 met', async () => {
    host.server.sandbox.setFaults({
      locks: { enabled: true },
      operations: { durationMs: 300, retryAfterSeconds: 1 },
    })
    const w = await httpsWorld(host.server.url)
    const retries: string[] = []
    const design = templateById('scenario-2')!.design
    const applied = await applyOnce(design, w, {
      retry: RETRY,
      onEvent: (e) => {
        if (e.type === 'retry' && !waitsForEntra(e.note.failure))
          retries.push(`${e.step.kind}:${e.note.failure.code}`)
      },
    })
    expect(
      applied.report.steps.filter((s) => s.outcome === 'failed').map((s) => s.failure),
    ).toEqual([])
    expect(succeeded(applied.report)).toBe(true)
    expect(retries).toEqual([])
    const cosmos = applied.prepared.steps.filter((s) => s.kind === 'assignCosmosDataRole')
    expect(cosmos.length).toBe(2)
    const expected = cosmos.map(
      (s) =>
        `${s.accountId!.toLowerCase()}|${sandboxPrincipalId(host.server.sandbox, applied.prepared, s.principal)}|${s.roleGuid}`,
    )
    expect(actualCosmosAssignments(host.server.sandbox).sort()).toEqual(expected.sort())
  }, 30_000)

  it('retries a 412 from a lock another client holds, with backoff, and succeeds once it is free', async () => {
    host.server.sandbox.setFaults({ operations: { durationMs: 400, retryAfterSeconds: 1 } })
    const w = await httpsWorld(host.server.url)
    const retries: string[] = []
    const account = `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos`
    const applied = await applyOnce(templateById('scenario-2')!.design, w, {
      retry: RETRY,
      // Someone else's data-role write on the same account, just before the run.
      beforeRun: () => {
        const held = host.server.sandbox.handle({
          method: 'PUT',
          url: `${account}/sqlRoleAssignments/${OTHER}?api-version=2024-05-15`,
          headers: { authorization: 'Bearer someone-else' },
          body: JSON.stringify({
            properties: {
              roleDefinitionId: `${account}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`,
              scope: account,
              principalId: OTHER,
            },
          }),
        })
        expect(held.kind === 'response' && held.response.status).toBe(202)
      },
      onEvent: (e) => {
        if (e.type === 'retry' && !waitsForEntra(e.note.failure))
          retries.push(`${e.step.kind}:${e.note.failure.code}`)
      },
    })
    expect(succeeded(applied.report)).toBe(true)
    expect(retries.length).toBeGreaterThan(0)
    expect(new Set(retries)).toEqual(new Set(['assignCosmosDataRole:PreconditionFailed']))
    expect(actualCosmosAssignments(host.server.sandbox)).toHaveLength(3)
  }, 30_000)

  it('waits out App Service’s 409 “another operation is in progress” on a site another client is changing', async () => {
    host.server.sandbox.setFaults({ locks: { enabled: true, siteMs: 800 } })
    const w = await httpsWorld(host.server.url)
    const busy: string[] = []
    const site = `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.Web/sites/contoso-web-1`
    const applied = await applyOnce(templateById('scenario-2')!.design, w, {
      retry: RETRY,
      // Someone else's write to the site just before the run: App Service holds the site.
      beforeRun: () => {
        const held = host.server.sandbox.handle({
          method: 'PATCH',
          url: `${site}?api-version=2023-12-01`,
          headers: { authorization: 'Bearer someone-else' },
          body: JSON.stringify({ tags: { deployed: 'now' } }),
        })
        expect(held.kind === 'response' && held.response.status).toBe(200)
      },
      onEvent: (e) => {
        if (e.type === 'retry' && e.note.failure.status === 409)
          busy.push(`${e.note.failure.code}: ${e.note.failure.message.split('. Details')[0]}`)
      },
    })
    expect(succeeded(applied.report)).toBe(true)
    expect(busy.length).toBeGreaterThan(0)
    // Microsoft.Web's own error shape ({ Code, Message }), read as ARM's would be.
    expect(new Set(busy)).toEqual(
      new Set(['Conflict: Cannot modify this site because another operation is in progress']),
    )
  }, 30_000)

  it('paces to the tighter of ARM’s two write buckets: the subscription-wide global one here, no 429 met', async () => {
    host.server.sandbox.setFaults({
      throttle: {
        enabled: true,
        capacity: 200,
        refillPerSecond: 10,
        globalCapacity: 40,
        globalRefillPerSecond: 40,
      },
    })
    // 60 writes: more than the global bucket holds, far fewer than the caller's.
    const design = bulkDesign(host.server.sandbox, 30, 1)
    const throttled: string[] = []
    const world = await httpsWorld(host.server.url, { capacity: 200, refillPerSecond: 40 })
    const applied = await applyOnce(design, world, {
      retry: RETRY,
      onEvent: (e) => {
        if (e.type === 'retry') throttled.push(`${e.note.failure.status} ${e.note.failure.message}`)
      },
    })
    expect(succeeded(applied.report)).toBe(true)
    expect(applied.report.counts.created).toBe(60)
    expect(throttled).toEqual([])
  }, 30_000)
})
