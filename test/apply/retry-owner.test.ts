import { describe, expect, it } from 'vitest'
import type { ArmGateway } from '@/apply/gateway.ts'
import { templateById } from '@/templates/index.ts'
import { applyOnce, inPageWorld } from './support.ts'

const RETRY = { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 50, principalWaitMs: 1000 }

/** The world's gateway, whose getResource answers 503 once `failing.on` is set. */
function failingReads(gateway: ArmGateway) {
  const failing = { on: false, calls: 0 }
  const wrapped: ArmGateway = {
    ...gateway,
    getResource: (id, v, o) => {
      if (!failing.on) return gateway.getResource(id, v, o)
      failing.calls++
      return Promise.reject({ code: 'ServiceUnavailable', status: 503, message: 'unavailable' })
    },
  }
  return { wrapped, failing }
}

describe('one owner for retries', () => {
  it('a read that always answers 503 during the run is tried as often as the report says, each attempt logged', async () => {
    const world = inPageWorld()
    const { wrapped, failing } = failingReads(world.raw)
    const retries: number[] = []
    const applied = await applyOnce(
      templateById('scenario-3')!.design,
      { ...world, raw: wrapped },
      {
        retry: RETRY,
        beforeRun: () => void (failing.on = true),
        onEvent: (e) => {
          if (e.type === 'retry' && e.step.kind === 'configureIdentity')
            retries.push(e.note.attempt)
        },
      },
    )
    const configure = applied.report.steps.filter((s) => s.kind === 'configureIdentity')
    expect(configure.length).toBeGreaterThan(0)
    expect(configure.every((s) => s.outcome === 'failed' && s.attempts === 6)).toBe(true)
    // A Container App's settings step reads the app too (its containers' environment).
    const settings = applied.report.steps.filter(
      (s) => s.kind === 'setAppSettings' && s.outcome === 'failed',
    )
    expect(settings.every((s) => s.attempts === 6)).toBe(true)
    expect(failing.calls).toBe(6 * (configure.length + settings.length))
    expect(retries).toHaveLength(5 * configure.length)
  })
  it('stops at once when cancelled while it waits to retry', async () => {
    const world = inPageWorld()
    const { wrapped, failing } = failingReads(world.raw)
    const abort = new AbortController()
    const applied = await applyOnce(
      templateById('scenario-3')!.design,
      { ...world, raw: wrapped },
      {
        retry: RETRY,
        concurrency: 1,
        signal: abort.signal,
        beforeRun: () => void (failing.on = true),
        onEvent: (e) => {
          if (e.type === 'retry' && e.note.attempt === 2) abort.abort()
        },
      },
    )
    expect(applied.report.cancelled).toBe(true)
    expect(failing.calls).toBe(2)
    const configure = applied.report.steps.filter((s) => s.kind === 'configureIdentity')
    expect(configure.map((s) => [s.outcome, s.attempts])).toEqual(
      configure.map((_, i) => (i === 0 ? ['skipped', 2] : ['skipped', 0])),
    )
  })
})

describe('which failures are tried again', () => {
  /** The world's gateway, its Container Apps read back during the run as `answer` says. */
  function containerApps(gateway: ArmGateway, answer: 'no containers' | 'connection reset') {
    const failing = { on: false }
    const wrapped: ArmGateway = {
      ...gateway,
      getResource: async (id, v, o) => {
        if (!failing.on || !/\/Microsoft\.App\/containerApps\//i.test(id))
          return gateway.getResource(id, v, o)
        if (answer === 'connection reset')
          // What the SDK's client throws for a dropped connection, made an ArmFailure (azure/).
          throw { code: 'ECONNRESET', message: 'socket hang up', network: true }
        const app = await gateway.getResource(id, v, o)
        return (
          app && {
            ...app,
            document: { ...app.document, properties: { template: { containers: [] } } },
          }
        )
      },
    }
    return { wrapped, failing }
  }

  async function applied(answer: 'no containers' | 'connection reset') {
    const world = inPageWorld()
    const { wrapped, failing } = containerApps(world.raw, answer)
    const { report } = await applyOnce(
      templateById('scenario-3')!.design,
      { ...world, raw: wrapped },
      { retry: RETRY, beforeRun: () => void (failing.on = true) },
    )
    return report.steps
      .filter((s) => s.outcome === 'failed')
      .map((s) => [s.kind, s.failure?.code, s.attempts])
  }

  it('fails a step once for what it found itself (a Container App with no containers)', async () => {
    const failed = await applied('no containers')
    expect(failed.length).toBeGreaterThan(0)
    // Two calls: the read of the settings and the write that finds no container, each once.
    expect(failed).toEqual(failed.map(() => ['setAppSettings', 'NoContainers', 2]))
  })

  it('tries a step again when the connection drops, as often as the policy allows', async () => {
    const failed = await applied('connection reset')
    expect(failed.length).toBeGreaterThan(0)
    expect(
      failed.every(([, code, attempts]) => code === 'ECONNRESET' && attempts === RETRY.maxAttempts),
    ).toBe(true)
  })
})
