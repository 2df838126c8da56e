// ARM at its real limits on a virtual clock: the sandbox core answers the real Azure SDK in
// process (no sockets), its buckets, latency and faults read the virtual clock, and every wait
// (the engine's pacer and retries, the SDK's latency, the baselines' Retry-After) sleeps on it.
// Virtual time is then the only time: 480 s of ARM pacing simulate in seconds.
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import type { PipelinePolicy } from '@azure/core-rest-pipeline'
import type { ArmGateway } from '../../src/apply/gateway.ts'
import { ARM_WRITE_BUCKET, ArmPacer } from '../../src/apply/pacer.ts'
import { prepareApply } from '../../src/apply/prepare.ts'
import { previewApply } from '../../src/apply/preview.ts'
import { withReadRetries } from '../../src/apply/reading.ts'
import type { ApplyReport } from '../../src/apply/report.ts'
import { runApply, type ApplyEvent } from '../../src/apply/run.ts'
import { sandboxDeveloperIds } from '../../src/apply/sandbox-developers.ts'
import { createSdkGateway } from '../../src/azure/sdk-gateway.ts'
import type { Design } from '../../src/model/types.ts'
import { sandboxClientOptions, sandboxCredential } from '../../src/sandbox/client-options.ts'
import type { FaultPatch } from '../../src/sandbox/core/faults.ts'
import { nextFloat } from '../../src/sandbox/core/prng.ts'
import { createSandbox, type Sandbox } from '../../src/sandbox/core/sandbox.ts'
import { VirtualClock } from './virtual-clock.ts'

export const SUB = '11111111-1111-1111-1111-111111111111'
export const TARGET = { subscriptionId: SUB, resourceGroup: 'sandbox-rg', location: 'westeurope' }
export const STORAGE_ID = `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.Storage/storageAccounts/contosoassets`

export interface SimulatedArm {
  readonly clock: VirtualClock
  readonly sandbox: Sandbox
  /** SDK client options that reach the sandbox in process, waiting latency on the virtual clock. */
  readonly clientOptions: ReturnType<typeof sandboxClientOptions>
}

/**
 * A fresh sandbox with ARM's own numbers (write buckets 200 +10/s per caller and 3,000 +150/s
 * for the subscription, reads 250 +25/s per caller) and the given latency and faults.
 */
export function simulatedArm(latencyMs: number, faults: FaultPatch = {}, seed = 7): SimulatedArm {
  const clock = new VirtualClock()
  const sandbox = createSandbox({
    now: () => clock.now(),
    seed,
    options: {
      faults: {
        ...faults,
        latency: { fixedMs: latencyMs, jitterMs: 0 },
        readThrottle: { enabled: true },
      },
    },
  })
  const clientOptions = sandboxClientOptions({
    kind: 'in-page',
    sandbox,
    http: {
      sleep: (ms, signal) => clock.sleep(ms, (signal ?? undefined) as AbortSignal | undefined),
    },
  })
  return { clock, sandbox, clientOptions }
}

/**
 * What the tools people use today do with a 429: wait the Retry-After ARM sent, then send the
 * same request again (the SDK's own retry policy is off; it would sleep on real timers). Models
 * azure-cli's azure-core RetryPolicy and go-azure-sdk's Backoff ("Always look for Retry-After
 * header"), without their retry limits: every write gets through in the end.
 */
export function retryAfterPolicy(clock: VirtualClock, onThrottled: () => void): PipelinePolicy {
  return {
    name: 'benchRetryAfter',
    async sendRequest(request, next) {
      for (;;) {
        const response = await next(request)
        const seconds = Number(response.headers.get('retry-after'))
        if (response.status !== 429 || !Number.isFinite(seconds)) return response
        onThrottled()
        await clock.sleep(seconds * 1000)
      }
    },
  }
}

/** An SDK client as a script or Terraform's provider holds one: Retry-After honoured, on the virtual clock. */
export function baselineClient(
  arm: SimulatedArm,
  onThrottled: () => void,
): AuthorizationManagementClient {
  return new AuthorizationManagementClient(sandboxCredential, SUB, {
    ...arm.clientOptions,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [
      { policy: retryAfterPolicy(arm.clock, onThrottled), position: 'perRetry' },
    ],
  })
}

const NEIGHBOURS = 16

/**
 * Other callers in the same subscription: 16 principals write 200 identities each at once, more
 * than the subscription's global bucket holds, then keep sending (16 every 20 ms, 800/s, most of
 * them throttled) for `holdMs`, taking every token the global bucket regains, so every caller,
 * the apply too, meets 429s from it until they stop. Returns how many requests they sent.
 */
export async function neighbourBurst(arm: SimulatedArm, holdMs: number): Promise<number> {
  let sent = 0
  const write = (c: number): void => {
    arm.sandbox.handle({
      method: 'PUT',
      url: `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/neighbour-${c}-${sent++}?api-version=2023-01-31`,
      headers: { authorization: `Bearer neighbour-${c}`, host: 'sandbox.arm.invalid' },
      body: JSON.stringify({ location: 'westeurope' }),
    })
  }
  for (let c = 0; c < NEIGHBOURS; c++) for (let i = 0; i < 200; i++) write(c)
  for (let t = 0; t < holdMs; t += 20) {
    await arm.clock.sleep(20)
    for (let c = 0; c < NEIGHBOURS; c++) write(c)
  }
  return sent
}

/** The role assignments the sandbox holds on one scope, by (scope, principal, role): total and distinct. */
export function assignmentsAt(
  sandbox: Sandbox,
  scope: string,
): { total: number; keys: Set<string> } {
  const records = Object.values(sandbox.snapshot().roleAssignments).filter(
    (a) => a.scope.toLowerCase() === scope.toLowerCase(),
  )
  return {
    total: records.length,
    keys: new Set(
      records.map((a) =>
        [a.scope, a.principalId, a.roleDefinitionGuid].map((s) => s.toLowerCase()).join('|'),
      ),
    ),
  }
}

/** Seeded draws in [0, 1) (the sandbox's own mulberry32), so jitter is the same on every run. */
export function seeded(seed: number): () => number {
  const stream = { value: seed }
  return () => nextFloat(stream)
}

export interface ArmApply {
  readonly report: ApplyReport
  /** Virtual milliseconds the run took (the preview before it excepted). */
  readonly runMs: number
}

/**
 * The engine as the CLI runs it, on the simulated ARM: bind, preview (its reads throttled too),
 * a pause for ARM's buckets to fill again (a user reads the preview), then the run, paced to
 * ARM's real buckets from their headers. `duringRun` starts beside the run (others' traffic).
 */
export async function applyOnArm(
  arm: SimulatedArm,
  design: Design,
  options: {
    readonly concurrency: number
    readonly seed: number
    readonly onEvent?: (e: ApplyEvent) => void
    readonly duringRun?: () => Promise<unknown>
    /** Wraps the run's gateway (a test's own faults on chosen calls). */
    readonly runGateway?: (gateway: ArmGateway) => ArmGateway
  },
): Promise<ArmApply> {
  const { clock } = arm
  const pacer = new ArmPacer(ARM_WRITE_BUCKET, clock)
  const raw = createSdkGateway({
    credential: sandboxCredential,
    clientOptions: arm.clientOptions,
    onRemainingCalls: (n, bucket) => pacer.observeRemaining(n, bucket),
    sleep: (ms, signal) => clock.sleep(ms, signal),
  })
  const reads = withReadRetries(raw, { clock, random: seeded(options.seed) })
  const resources = await reads.listResources(SUB, 'sandbox-rg')
  const prepared = prepareApply(design, resources, TARGET, sandboxDeveloperIds(design))
  if (!prepared.ok) throw new Error(prepared.error.problems[0]?.message)
  const preview = await previewApply(prepared.value.design, prepared.value.steps, reads, TARGET)
  await clock.sleep(30_000)
  const start = clock.now()
  const others = options.duringRun?.()
  const report = await runApply(preview, {
    gateway: options.runGateway?.(raw) ?? raw,
    clock,
    random: seeded(options.seed + 1),
    design: design.name,
    target: { ...TARGET, endpoint: 'in-process' },
    pacer,
    concurrency: options.concurrency,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  })
  const runMs = clock.now() - start
  await others
  return { report, runMs }
}

/** Developer groups, each granted the four storage data-reader roles on one account. */
export const STORAGE_READER_ROLES: readonly [string, string][] = [
  ['Storage Blob Data Reader', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'],
  ['Storage Queue Data Reader', '19e7f393-937e-4f77-808e-94535e297925'],
  ['Storage Table Data Reader', '76199698-9eea-4c19-bc75-cec21354c6b6'],
  ['Storage File Data SMB Share Reader', 'aba4ae5f-2193-4029-9191-0cb91df5e314'],
]

/** `groups` developer groups × 4 data roles on the seeded storage account: no other writes. */
export function groupGrantsDesign(groups: number): Design {
  return {
    name: 'Apply benchmark',
    nodes: [
      { id: 'st', kind: 'service', name: 'contosoassets', service: 'storage' },
      ...Array.from({ length: groups }, (_, i) => ({
        id: `team${i}`,
        kind: 'developer' as const,
        name: `Team ${i}`,
        principal: 'group' as const,
      })),
    ],
    edges: Array.from({ length: groups }, (_, i) => ({
      id: `e${i}`,
      kind: 'access' as const,
      source: `team${i}`,
      target: 'st',
      roles: STORAGE_READER_ROLES.map(([name]) => name),
    })),
  }
}

/** The (scope, principal, role) keys the design should leave on the storage account. */
export function expectedGrantKeys(design: Design): string[] {
  return Object.values(sandboxDeveloperIds(design)).flatMap((p) =>
    STORAGE_READER_ROLES.map(([, guid]) => [STORAGE_ID, p, guid].join('|').toLowerCase()),
  )
}
