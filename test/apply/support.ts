import { identityResourceId, type BindTarget } from '@/apply/binding.ts'
import type { PlanPrincipal } from '@/plan/types.ts'
import type { ArmGateway } from '@/apply/gateway.ts'
import { ArmPacer, type BucketOptions } from '@/apply/pacer.ts'
import { prepareApply, type Prepared } from '@/apply/prepare.ts'
import { previewApply, type Preview } from '@/apply/preview.ts'
import { withReadRetries } from '@/apply/reading.ts'
import { runApply, type ApplyEvent } from '@/apply/run.ts'
import type { RetryPolicy } from '@/apply/retry.ts'
import type { ApplyReport } from '@/apply/report.ts'
import { roleDefinitionGuidOf } from '@/plan/arm-ids.ts'
import { createSdkGateway } from '@/azure/sdk-gateway.ts'
import { connectHttpsSandbox } from '@/azure/https-sandbox.ts'
import { systemClock } from '@/azure/system-clock.ts'
import { DEFAULT_RETRY } from '@/apply/retry.ts'
import { sandboxDeveloperIds } from '@/apply/sandbox-developers.ts'
import type { Design } from '@/model/types.ts'
import { sandboxClientOptions, sandboxCredential } from '@/sandbox/client-options.ts'
import { createSandbox, type Sandbox } from '@/sandbox/core/sandbox.ts'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import type { FaultPatch } from '@/sandbox/core/faults.ts'
import { VirtualClock } from '../support/virtual-clock.ts'

export const SUB = '11111111-1111-1111-1111-111111111111'
export const TARGET: BindTarget = {
  subscriptionId: SUB,
  resourceGroup: 'sandbox-rg',
  location: 'westeurope',
}

/** A seeded sandbox on a virtual clock, reached through the real Azure SDK over the in-page HttpClient. */
export function inPageWorld(
  faults: FaultPatch = {},
  bucket: BucketOptions = { capacity: 200, refillPerSecond: 10 },
  observeRemainingWrites = true,
) {
  const clock = new VirtualClock()
  const sandbox = createSandbox({
    now: () => clock.now(),
    seed: 7,
    options: { faults: { throttle: { enabled: false }, ...faults } },
  })
  const pacer = new ArmPacer(bucket, clock)
  const sdk = createSdkGateway({
    credential: sandboxCredential,
    clientOptions: sandboxClientOptions({
      kind: 'in-page',
      sandbox,
      http: {
        sleep: (ms, signal) => clock.sleep(ms, (signal ?? undefined) as AbortSignal | undefined),
      },
    }),
    ...(observeRemainingWrites ? { onRemainingCalls: pacer.observeRemaining.bind(pacer) } : {}),
    sleep: (ms, signal) => clock.sleep(ms, signal),
  })
  const gateway = withReadRetries(sdk, { clock, random: mulberry(7) })
  return { clock, sandbox, gateway, raw: sdk, pacer }
}

export interface Applied {
  readonly prepared: Prepared
  readonly preview: Preview
  readonly report: ApplyReport
  readonly events: ApplyEvent[]
}

/** Bind, preview and apply, as the CLI and the app do. */
export async function applyOnce(
  design: Design,
  world: { clock: VirtualClock; raw: ArmGateway; pacer: ArmPacer },
  options: {
    /** Called between the preview and the run. */
    beforeRun?: () => void
    signal?: AbortSignal
    concurrency?: number
    onEvent?: (e: ApplyEvent) => void
    retry?: RetryPolicy
    /** The ARM endpoint the report names (default `in-page`); the calls go to `world` anyway. */
    endpoint?: string
    /** Where to bind and apply (default TARGET: sandbox-rg). */
    target?: BindTarget
  } = {},
): Promise<Applied> {
  const target = options.target ?? TARGET
  const reads = withReadRetries(world.raw, {
    clock: world.clock,
    random: mulberry(7),
    ...(options.retry ? { policy: options.retry } : {}),
  })
  const resources = await reads.listResources(target.subscriptionId, target.resourceGroup)
  const prepared = prepareApply(design, resources, target, sandboxDeveloperIds(design))
  if (!prepared.ok)
    throw new Error(prepared.error.problems.map((p) => `${p.node}: ${p.message}`).join('\n'))
  const preview = await previewApply(prepared.value.design, prepared.value.steps, reads, target)
  options.beforeRun?.()
  const events: ApplyEvent[] = []
  const report = await runApply(preview, {
    gateway: world.raw,
    clock: world.clock,
    random: mulberry(42),
    design: design.name,
    target: { ...target, endpoint: options.endpoint ?? 'in-page' },
    pacer: world.pacer,
    concurrency: options.concurrency ?? 8,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onEvent: (e) => {
      events.push(e)
      options.onEvent?.(e)
    },
  })
  return { prepared: prepared.value, preview, report, events }
}

/**
 * The principal id of a plan principal as the sandbox holds it: a user-assigned identity's
 * `principalId`, an app's system-assigned identity, a developer's bound object id. Never the ids
 * the engine recorded: tests compare the sandbox with itself.
 */
export function sandboxPrincipalId(
  sandbox: Sandbox,
  prepared: Prepared,
  principal: PlanPrincipal,
): string | undefined {
  const node = prepared.design.nodes.find((n) => n.id === principal.node)
  if (!node) return undefined
  const resources = Object.values(sandbox.snapshot().resources)
  const byId = (id: string | undefined) =>
    id ? resources.find((r) => r.id.toLowerCase() === id.toLowerCase()) : undefined
  switch (principal.type) {
    case 'developer':
      return node.azure?.principalId
    case 'userAssigned': {
      const id = node.kind === 'identity' ? identityResourceId(node, TARGET) : undefined
      const p = byId(id)?.properties.principalId
      return typeof p === 'string' ? p : undefined
    }
    case 'systemAssigned':
      return byId(node.azure?.resourceId)?.identity?.system?.principalId
  }
}

/** What the design asks for: `scope|principalId|roleGuid` per RBAC assignment of the plan. */
export function expectedAssignments(applied: Applied, sandbox: Sandbox): string[] {
  return applied.prepared.steps.flatMap((s) => {
    if (s.kind !== 'assignRole') return []
    const principalId = sandboxPrincipalId(sandbox, applied.prepared, s.principal)
    return principalId && s.scope ? [`${s.scope.toLowerCase()}|${principalId}|${s.roleGuid}`] : []
  })
}

/** What the sandbox holds for the given principals, duplicates included. */
export function actualAssignments(sandbox: Sandbox, principalIds: ReadonlySet<string>): string[] {
  return Object.values(sandbox.snapshot().roleAssignments)
    .filter((a) => principalIds.has(a.principalId))
    .map(
      (a) =>
        `${a.scope.toLowerCase()}|${a.principalId}|${roleDefinitionGuidOf(a.roleDefinitionGuid)}`,
    )
}

/** The principal ids the sandbox holds for the design's principals. */
export function principalIdsOf(applied: Applied, sandbox: Sandbox): Set<string> {
  const ids = applied.prepared.steps.flatMap((s) =>
    'principal' in s ? [sandboxPrincipalId(sandbox, applied.prepared, s.principal)] : [],
  )
  return new Set(ids.filter((id): id is string => id !== undefined))
}

/** Cosmos DB sqlRoleAssignments the sandbox holds: `account|principalId|roleGuid`. */
export function actualCosmosAssignments(sandbox: Sandbox): string[] {
  return Object.values(sandbox.snapshot().resources)
    .filter(
      (r) => r.type.toLowerCase() === 'microsoft.documentdb/databaseaccounts/sqlroleassignments',
    )
    .map((r) => {
      const p = (r as unknown as { properties: { principalId: string; roleDefinitionId: string } })
        .properties
      return `${r.id.split('/sqlRoleAssignments/')[0]?.toLowerCase()}|${p.principalId}|${roleDefinitionGuidOf(p.roleDefinitionId)}`
    })
}

/** A small seeded PRNG for jitter, so runs are reproducible. */
export function mulberry(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * N apps with system-assigned identities, each reaching `perApp` of a few storage accounts, plus
 * one shared identity: a design big enough to meet ARM's throttling. Seeds the resources it binds to.
 */
export function bulkDesign(sandbox: Sandbox, apps: number, perApp = 3): Design {
  const accounts = Array.from({ length: 4 }, (_, i) => `bulkstore${i}`)
  const roles = [
    'Storage Blob Data Reader',
    'Storage Queue Data Reader',
    'Storage Table Data Reader',
  ]
  sandbox.seed({
    resources: [
      ...accounts.map((name) => ({ type: 'Microsoft.Storage/storageAccounts', name })),
      ...Array.from({ length: apps }, (_, i) => ({
        type: 'Microsoft.Web/sites',
        name: `bulk-app-${i}`,
        kind: 'app',
      })),
    ],
  })
  const nodes: Design['nodes'][number][] = [
    ...accounts.map((name) => ({
      id: name,
      kind: 'service' as const,
      name,
      service: 'storage' as const,
    })),
    ...Array.from({ length: apps }, (_, i) => ({
      id: `app${i}`,
      kind: 'app' as const,
      name: `bulk-app-${i}`,
      hosting: 'appService' as const,
      systemAssigned: true,
    })),
  ]
  const edges: Design['edges'][number][] = []
  for (let i = 0; i < apps; i++) {
    for (let j = 0; j < perApp; j++) {
      edges.push({
        id: `e${i}-${j}`,
        kind: 'access',
        source: `app${i}`,
        target: accounts[(i + j) % accounts.length] as string,
        via: 'system',
        roles: [roles[j % roles.length] as string],
      })
    }
  }
  return { name: `Bulk ${apps}`, nodes, edges }
}

/** Quick backoff for HTTPS tests: the provider's behaviour is the point, not the waiting. */
export const QUICK_RETRY: RetryPolicy = { ...DEFAULT_RETRY, baseDelayMs: 20, maxDelayMs: 200 }

/** The real SDK over HTTPS to a sandbox server, its polls and pacing on the real clock. */
export async function httpsWorld(
  url: string,
  bucket: BucketOptions = { capacity: 200, refillPerSecond: 10 },
) {
  const pacer = new ArmPacer(bucket, systemClock)
  const options = await connectHttpsSandbox(url)
  const raw = createSdkGateway({
    ...options,
    onRemainingCalls: (n, bucket) => pacer.observeRemaining(n, bucket),
    pollIntervalMs: 50,
  })
  return {
    clock: systemClock as never as VirtualClock,
    pacer,
    raw,
    gateway: withReadRetries(raw, { clock: systemClock, random: mulberry(3), policy: QUICK_RETRY }),
  }
}

/** One HTTPS sandbox server for a test file, back to its seeded world and faults before each test. */
export function sandboxServerPerFile(): { readonly server: SandboxServer } {
  const holder = {} as { server: SandboxServer }
  beforeAll(async () => {
    holder.server = await startSandboxServer({ port: 0 })
  })
  afterAll(() => holder.server.close())
  beforeEach(() => {
    holder.server.sandbox.reset()
    holder.server.sandbox.resetFaults()
  })
  return holder
}
