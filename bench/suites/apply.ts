import { performance } from 'node:perf_hooks'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { bucketFloorMs, WritePacer, type BucketOptions } from '../../src/apply/pacer.ts'
import { prepareApply } from '../../src/apply/prepare.ts'
import { previewApply } from '../../src/apply/preview.ts'
import { withReadRetries } from '../../src/apply/reading.ts'
import { runApply } from '../../src/apply/run.ts'
import { systemClock as clock } from '../../src/azure/system-clock.ts'
import { connectHttpsSandbox } from '../../src/azure/https-sandbox.ts'
import { createSdkGateway } from '../../src/azure/sdk-gateway.ts'
import { sandboxDeveloperIds } from '../../src/apply/sandbox-developers.ts'
import type { Design } from '../../src/model/types.ts'
import { startSandboxServer } from '../../src/sandbox/server/https-server.ts'
import { round } from '../measure.ts'
import type { BenchSuite } from '../types.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const TARGET = { subscriptionId: SUB, resourceGroup: 'sandbox-rg', location: 'westeurope' }
/** ARM's write bucket scaled down so the run takes seconds: the same shape, 4× smaller, 10× faster. */
const BUCKET: BucketOptions = { capacity: 50, refillPerSecond: 100 }
const LATENCY_MS = 20
const ASSIGNMENTS = 1000
const ROLES = [
  'Storage Blob Data Reader',
  'Storage Queue Data Reader',
  'Storage Table Data Reader',
  'Storage File Data SMB Share Reader',
]

/** 250 developer groups × 4 data roles on one storage account: 1,000 role assignments, no other writes. */
function design(): Design {
  const groups = ASSIGNMENTS / ROLES.length
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
      roles: ROLES,
    })),
  }
}

async function server() {
  return startSandboxServer({
    port: 0,
    options: {
      faults: {
        latency: { fixedMs: LATENCY_MS, jitterMs: 0 },
        throttle: { enabled: true, ...BUCKET },
      },
    },
  })
}

export const suite: BenchSuite = {
  name: 'apply',
  async run(log) {
    const d = design()
    const engineServer = await server()
    let engineMs: number
    let throttled = 0
    try {
      const pacer = new WritePacer(BUCKET, clock)
      const options = await connectHttpsSandbox(engineServer.url)
      const raw = createSdkGateway({
        ...options,
        onRemainingWrites: (n) => pacer.observeRemaining(n),
      })
      const gateway = withReadRetries(raw, { clock, random: Math.random })
      const resources = await gateway.listResources(SUB, 'sandbox-rg')
      const prepared = prepareApply(d, resources, TARGET, sandboxDeveloperIds(d))
      if (!prepared.ok) throw new Error(prepared.error.problems[0]?.message)
      const preview = await previewApply(
        prepared.value.design,
        prepared.value.steps,
        gateway,
        TARGET,
      )
      log(
        `  engine: ${prepared.value.steps.length} role assignments, concurrency 16, pacer ${BUCKET.capacity}/${BUCKET.refillPerSecond}/s`,
      )
      const start = performance.now()
      const report = await runApply(preview, {
        gateway: raw,
        clock,
        random: Math.random,
        design: d.name,
        target: { ...TARGET, endpoint: engineServer.url },
        pacer,
        concurrency: 16,
        onEvent: (e) => {
          if (e.type === 'retry' && e.note.failure.status === 429) throttled++
        },
      })
      engineMs = performance.now() - start
      if (report.counts.created !== ASSIGNMENTS)
        throw new Error(`engine created ${report.counts.created} of ${ASSIGNMENTS}`)
    } finally {
      await engineServer.close()
    }

    const serialServer = await server()
    let serialMs: number
    try {
      log('  serial: one create at a time, as a script of `az role assignment create` calls does')
      const options = await connectHttpsSandbox(serialServer.url)
      const client = new AuthorizationManagementClient(
        options.credential,
        SUB,
        options.clientOptions ?? {},
      )
      const ids = Object.values(sandboxDeveloperIds(d))
      const scope = `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.Storage/storageAccounts/contosoassets`
      const guids = [
        '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
        '19e7f393-937e-4f77-808e-94535e297925',
        '76199698-9eea-4c19-bc75-cec21354c6b6',
        'aba4ae5f-2193-4029-9191-0cb91df5e314',
      ]
      const start = performance.now()
      for (const principalId of ids) {
        for (const guid of guids) {
          await client.roleAssignments.create(scope, crypto.randomUUID(), {
            roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
            principalId,
            principalType: 'Group',
          })
        }
      }
      serialMs = performance.now() - start
    } finally {
      await serialServer.close()
    }

    const floor = bucketFloorMs(ASSIGNMENTS, BUCKET)
    return [
      {
        name: 'apply 1,000 assignments (engine)',
        value: round(engineMs / 1000),
        unit: 's',
        note: `${throttled} × 429 met`,
      },
      {
        name: 'token-bucket floor',
        value: round(floor / 1000),
        unit: 's',
        note: `(${ASSIGNMENTS} − ${BUCKET.capacity}) / ${BUCKET.refillPerSecond} per s`,
      },
      { name: 'engine / floor', value: round(engineMs / floor), unit: '×', target: { max: 1.1 } },
      {
        name: 'apply 1,000 assignments (serial)',
        value: round(serialMs / 1000),
        unit: 's',
        note: `${LATENCY_MS} ms latency per call`,
      },
      { name: 'serial / engine', value: round(serialMs / engineMs), unit: '×' },
    ]
  },
}
