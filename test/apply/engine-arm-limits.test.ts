import { describe, expect, it } from 'vitest'
import type { ChangeBucket } from '@/apply/pacer.ts'
import type { ApplyEvent } from '@/apply/run.ts'
import { createSdkGateway } from '@/azure/sdk-gateway.ts'
import { sandboxCredential } from '@/sandbox/client-options.ts'
import {
  applyOnArm,
  assignmentsAt,
  expectedGrantKeys,
  groupGrantsDesign,
  neighbourBurst,
  simulatedArm,
  STORAGE_ID,
  STORAGE_READER_ROLES,
} from '../support/simulated-arm.ts'

// ARM's real write buckets (200 +10/s per caller, 3,000 +150/s per subscription), 20 ms latency,
// the real SDK answered in process, on virtual time alone (test/support/simulated-arm.ts).
const GROUPS = 100
const WRITES = GROUPS * 4

const retries = (events: ApplyEvent[], status: (s: number | undefined) => boolean) =>
  events.flatMap((e) => (e.type === 'retry' && status(e.note.failure.status) ? [e.note] : []))

/**
 * Runs `work`, failing if the app's code or the Azure SDK arms a real timer meanwhile: the
 * simulation holds only if virtual time is the only time (the SDK's own retries are off).
 */
async function withoutRealTimers<T>(work: () => Promise<T>): Promise<T> {
  const real = globalThis.setTimeout
  const armed: string[] = []
  const spy = (...args: Parameters<typeof setTimeout>) => {
    const where = new Error().stack?.split('\n').slice(2, 6).join('\n') ?? ''
    if (/[/\\](src|@azure)[/\\]/.test(where)) armed.push(where)
    return real(...args)
  }
  globalThis.setTimeout = spy as typeof setTimeout
  try {
    const result = await work()
    expect(armed).toEqual([])
    return result
  } finally {
    globalThis.setTimeout = real
  }
}

describe('the engine at ARM’s real limits, on a virtual clock', () => {
  it('hears each of ARM’s two write buckets from its own header', async () => {
    const arm = simulatedArm(20)
    const heard: [number, ChangeBucket][] = []
    const gateway = createSdkGateway({
      credential: sandboxCredential,
      clientOptions: arm.clientOptions,
      onRemainingCalls: (n, bucket) => heard.push([n, bucket]),
    })
    await gateway.createRoleAssignment(STORAGE_ID, '0b9f6a1e-3c55-4d5e-9a43-6f1e2b7c8d90', {
      roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_READER_ROLES[0]![1]}`,
      principalId: '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      principalType: 'Group',
    })
    expect(heard).toEqual([
      [199, 'writes'],
      [2999, 'global-writes'],
    ])
  })

  it('hears each of ARM’s two delete buckets from its own header, and a delete spends no write token', async () => {
    const arm = simulatedArm(20)
    const heard: [number, ChangeBucket][] = []
    const gateway = createSdkGateway({
      credential: sandboxCredential,
      clientOptions: arm.clientOptions,
      onRemainingCalls: (n, bucket) => heard.push([n, bucket]),
    })
    const grant = (name: string, role: number) =>
      gateway.createRoleAssignment(STORAGE_ID, name, {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${STORAGE_READER_ROLES[role]![1]}`,
        principalId: '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        principalType: 'Group',
      })
    const written = await grant('0b9f6a1e-3c55-4d5e-9a43-6f1e2b7c8d90', 0)
    await gateway.deleteRoleAssignment(written.value.id)
    await grant('1c8e5b2d-4d66-4e6f-8b54-7a2f3c8d9e01', 1)
    // The second write finds the caller's write bucket as the first left it: 40 ms of refill at
    // 10/s is no whole token (the global one, at 150/s, is full again).
    expect(heard).toEqual([
      [199, 'writes'],
      [2999, 'global-writes'],
      [199, 'deletes'],
      [2999, 'global-deletes'],
      [198, 'writes'],
      [2999, 'global-writes'],
    ])
  })

  it('paces 400 writes through the caller’s 200-token bucket without one 429, within 10% of what the bucket allows', async () => {
    const arm = simulatedArm(20)
    const design = groupGrantsDesign(GROUPS)
    const events: ApplyEvent[] = []
    const { report, runMs } = await applyOnArm(arm, design, {
      concurrency: 16,
      seed: 1,
      onEvent: (e) => events.push(e),
    })
    expect(report.counts).toEqual({ created: WRITES, unchanged: 0, failed: 0, skipped: 0 })
    expect(retries(events, () => true)).toEqual([])
    // (400 − 200) / 10 per s: ARM lets nothing go faster.
    expect(runMs).toBeGreaterThanOrEqual(20_000)
    expect(runMs).toBeLessThanOrEqual(22_000)
  })

  it('with 20% 5xx, resets after the write and others holding the global bucket empty, leaves exactly the design’s assignments, each once, on virtual time alone (no real timer armed)', async () => {
    const arm = simulatedArm(20, {
      serverErrors: { rate: 0.2 },
      resets: { rate: 0.02, phase: 'response' },
    })
    const design = groupGrantsDesign(GROUPS)
    const events: ApplyEvent[] = []
    const { report } = await withoutRealTimers(() =>
      applyOnArm(arm, design, {
        concurrency: 16,
        seed: 3,
        onEvent: (e) => events.push(e),
        duringRun: () => arm.clock.sleep(5000).then(() => neighbourBurst(arm, 3000)),
      }),
    )
    const { created, unchanged, failed, skipped } = report.counts
    expect({ done: created + unchanged, failed, skipped }).toEqual({
      done: WRITES,
      failed: 0,
      skipped: 0,
    })
    // A write whose answer was lost is found in place by its retry (same name): unchanged.
    expect(unchanged).toBeGreaterThan(0)
    expect(retries(events, (s) => s !== undefined && s >= 500).length).toBeGreaterThan(40)
    const throttled = retries(events, (s) => s === 429)
    expect(throttled.length).toBeGreaterThan(0)
    expect(throttled.every((n) => n.waitMs === n.failure.retryAfterMs)).toBe(true)
    const { total, keys } = assignmentsAt(arm.sandbox, STORAGE_ID)
    expect(total).toBe(WRITES)
    expect([...keys].sort()).toEqual(expectedGrantKeys(design).sort())
  })

  it('a write ARM fails six times while it answers the others is retried about every second, and the run stays at the bucket’s pace', async () => {
    const arm = simulatedArm(20)
    const design = groupGrantsDesign(GROUPS)
    const events: ApplyEvent[] = []
    // The 300th write's first six attempts answer 503, when 100 writes are still to go.
    const unlucky = { name: '', failures: 0 }
    let writes = 0
    const { report, runMs } = await applyOnArm(arm, design, {
      concurrency: 16,
      seed: 1,
      onEvent: (e) => events.push(e),
      runGateway: (gateway) => ({
        ...gateway,
        createRoleAssignment: (scope, name, body, o) => {
          if (++writes === 300) unlucky.name = name
          if (name !== unlucky.name || unlucky.failures === 6)
            return gateway.createRoleAssignment(scope, name, body, o)
          unlucky.failures++
          return Promise.reject({ status: 503, code: 'ServiceUnavailable', message: 'busy' })
        },
      }),
    })
    expect(report.counts).toEqual({ created: WRITES, unchanged: 0, failed: 0, skipped: 0 })
    const waits = retries(events, (s) => s === 503).map((n) => n.waitMs)
    expect(waits).toHaveLength(6)
    // The base delay (1 s, jittered ±20%) each time: ARM answered other writes in between.
    expect(waits.every((ms) => ms >= 800 && ms <= 1200)).toBe(true)
    // The retries go before new writes, and 1 + 2 + 4 + 8 + 16 + 30 s of backoff would end the run
    // a minute late: it ends with the bucket, (406 − 200) / 10 s plus the pacer's reserve (22.2 s).
    expect(runMs).toBeLessThanOrEqual(23_000)
  })
})
