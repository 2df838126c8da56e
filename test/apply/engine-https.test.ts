import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '@/azure/system-clock.ts'
import { ArmPacer } from '@/apply/pacer.ts'
import { DEFAULT_RETRY } from '@/apply/retry.ts'
import { withReadRetries } from '@/apply/reading.ts'
import { connectHttpsSandbox } from '@/azure/https-sandbox.ts'
import { createSdkGateway } from '@/azure/sdk-gateway.ts'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import {
  actualAssignments,
  applyOnce,
  bulkDesign,
  expectedAssignments,
  mulberry,
  principalIdsOf,
} from './support.ts'

/** Quick backoff: the faults are the point here, not the waiting. */
const RETRY = { ...DEFAULT_RETRY, baseDelayMs: 20, maxDelayMs: 200 }

let server: SandboxServer
beforeAll(async () => {
  server = await startSandboxServer({ port: 0 })
})
afterAll(() => server.close())

async function world() {
  const pacer = new ArmPacer({ capacity: 15, refillPerSecond: 60 }, systemClock)
  const options = await connectHttpsSandbox(server.url)
  const sdk = createSdkGateway({
    ...options,
    onRemainingCalls: (n, bucket) => pacer.observeRemaining(n, bucket),
  })
  return {
    clock: systemClock as never,
    pacer,
    raw: sdk,
    gateway: withReadRetries(sdk, { clock: systemClock, random: mulberry(3), policy: RETRY }),
  }
}

describe('apply over HTTPS against the sandbox server', () => {
  it('gets a throttled burst through with 5xx and resets on, then converges after a cancel', async () => {
    server.sandbox.reset()
    server.sandbox.setFaults({
      throttle: { enabled: true, capacity: 15, refillPerSecond: 60 },
      serverErrors: { rate: 0.1 },
      resets: { rate: 0.05, phase: 'response' },
      latency: { fixedMs: 2, jitterMs: 3 },
    })
    try {
      const design = bulkDesign(server.sandbox, 24)
      const w = await world()
      const abort = new AbortController()
      let finished = 0
      const first = await applyOnce(design, w, {
        signal: abort.signal,
        retry: RETRY,
        onEvent: (e) => {
          if (e.type === 'stepFinished' && ++finished === 40) abort.abort()
        },
      })
      expect(first.report.cancelled).toBe(true)
      const second = await applyOnce(design, w, { retry: RETRY })
      expect(second.report.counts.failed).toBe(0)
      expect(second.report.cancelled).toBe(false)
      const actual = actualAssignments(
        server.sandbox,
        principalIdsOf(second, server.sandbox),
      ).sort()
      expect(actual).toEqual(expectedAssignments(second, server.sandbox).sort())
      expect(new Set(actual).size).toBe(24 * 3)
    } finally {
      server.sandbox.resetFaults()
    }
  }, 60_000)
})
