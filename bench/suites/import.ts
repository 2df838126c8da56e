import { performance } from 'node:perf_hooks'
import type { ArmGateway } from '../../src/apply/gateway.ts'
import { withReadRetries } from '../../src/apply/reading.ts'
import { connectHttpsSandbox } from '../../src/azure/https-sandbox.ts'
import { createSdkGateway } from '../../src/azure/sdk-gateway.ts'
import { systemClock } from '../../src/azure/system-clock.ts'
import { importAccess } from '../../src/import/access.ts'
import { importNodes } from '../../src/import/nodes.ts'
import { readEstate } from '../../src/import/read-estate.ts'
import { loadEstate } from '../../src/sandbox/core/estate.ts'
import { startSandboxServer } from '../../src/sandbox/server/https-server.ts'
import { round } from '../measure.ts'
import type { BenchSuite, Figure } from '../types.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const RG = 'estate-rg'

/**
 * Import of a large group from the HTTPS sandbox with ARM's read throttling on (250 reads per
 * caller, refilling 25/s), through the real Azure SDK: 1,000 apps, 200 user-assigned identities,
 * 5,000 role assignments. Beside it, in the same run and on the same data, what a script does
 * with `az role assignment list --scope` per resource: one list per resource, one at a time.
 * Each reader gets a fresh caller identity, so neither starts with the other's empty bucket.
 */
export const suite: BenchSuite = {
  name: 'import',
  async run(log) {
    const server = await startSandboxServer({ port: 0 })
    try {
      log('writing the estate (1,000 apps, 200 identities, 5,000 role assignments)…')
      const made = loadEstate(server.sandbox, {
        resourceGroup: RG,
        apps: 1000,
        identities: 200,
        assignments: 5000,
        seed: 11,
      })
      server.sandbox.setFaults({
        readThrottle: { enabled: true },
        latency: { fixedMs: 20, jitterMs: 0 },
      })
      const options = await connectHttpsSandbox(server.url)
      const gatewayFor = (caller: string): ArmGateway =>
        withReadRetries(
          createSdkGateway({
            ...options,
            credential: {
              getToken: async () => ({ token: caller, expiresOnTimestamp: Date.now() + 3_600_000 }),
            },
          }),
          { clock: systemClock, random: Math.random },
        )
      const calls = (): number => server.sandbox.snapshot().counters.requests

      log('importing (group-wide lists, paged; per-account reads in parallel)…')
      let at = calls()
      let started = performance.now()
      const estate = await readEstate(gatewayFor('bench-import'), SUB, RG)
      const importMs = performance.now() - started
      const importCalls = calls() - at
      started = performance.now()
      const nodes = importNodes(estate)
      const access = importAccess(estate, nodes)
      const buildMs = performance.now() - started
      if (estate.assignments.length < made.assignments)
        throw new Error('the import missed assignments')

      log('the same assignments per resource, one list at a time…')
      const serial = gatewayFor('bench-serial')
      at = calls()
      started = performance.now()
      const resources = await serial.listResources(SUB, RG)
      let found = 0
      for (const r of resources)
        found += (await serial.listScopeAssignments(r.id)).filter(
          (a) => a.scope.toLowerCase() === r.id.toLowerCase(),
        ).length
      const serialMs = performance.now() - started
      const serialCalls = calls() - at

      const figures: Figure[] = [
        {
          name: 'read of 1,000 apps / 200 identities / 5,000 assignments',
          value: round(importMs / 1000),
          unit: 's',
          target: { max: 15 },
          note: 'through the SDK, read throttling on, 20 ms per call',
        },
        {
          name: 'design built from it (nodes and edges, before Auto layout)',
          value: round(buildMs),
          unit: 'ms',
          note: `${nodes.apps.length + nodes.identities.length + nodes.services.length + access.developers.length} nodes, ${nodes.attachEdges.length + access.accessEdges.length} edges`,
        },
        { name: 'import: ARM calls', value: importCalls, unit: 'calls' },
        {
          name: 'per-resource serial reader',
          value: round(serialMs / 1000),
          unit: 's',
          note: `${found} assignments`,
        },
        { name: 'per-resource serial reader: ARM calls', value: serialCalls, unit: 'calls' },
        { name: 'speed-up over the serial reader', value: round(serialMs / importMs), unit: '×' },
      ]
      return figures
    } finally {
      await server.close()
    }
  },
}
