import { describe, expect, it } from 'vitest'
import { countPreview } from '@/apply/preview.ts'
import { succeeded } from '@/apply/report.ts'
import { templateById } from '@/templates/index.ts'
import {
  actualAssignments,
  actualCosmosAssignments,
  applyOnce,
  expectedAssignments,
  inPageWorld,
  principalIdsOf,
} from './support.ts'

const scenario = (id: string) => templateById(id)!.design

describe('apply against the in-page sandbox (real Azure SDK clients)', () => {
  it.each(['scenario-1', 'scenario-2', 'scenario-3'])(
    'applies %s exactly, and a second run changes nothing',
    async (id) => {
      const world = inPageWorld()
      const first = await applyOnce(scenario(id), world)
      expect(
        first.report.counts.failed,
        JSON.stringify(
          first.report.steps.filter((s) => s.outcome === 'failed'),
          null,
          1,
        ),
      ).toBe(0)
      expect(succeeded(first.report)).toBe(true)
      expect(countPreview(first.preview.items).inPlace).toBe(0)

      const expected = expectedAssignments(first, world.sandbox).sort()
      expect(expected.length).toBe(
        first.prepared.plan.actions.filter((a) => a.action === 'assignRole').length,
      )
      expect(actualAssignments(world.sandbox, principalIdsOf(first, world.sandbox)).sort()).toEqual(
        expected,
      )

      const second = await applyOnce(scenario(id), world)
      expect(second.report.counts.created).toBe(0)
      expect(second.report.counts.failed).toBe(0)
      const counts = countPreview(second.preview.items)
      expect(counts.create + counts.conflict).toBe(0)
      expect(
        actualAssignments(world.sandbox, principalIdsOf(second, world.sandbox)).sort(),
      ).toEqual(expected)
    },
  )

  it("links each step's resource to its Access control page in the run's cloud's portal, and no portal for a sandbox", async () => {
    const linksAt = async (endpoint: string) => {
      const { report } = await applyOnce(scenario('scenario-2'), inPageWorld(), { endpoint })
      const changed = report.steps.filter((s) => s.resourceId)
      expect(changed.length).toBeGreaterThan(0)
      return changed.map((s) => [s.resourceId, s.portalUrl])
    }
    const ids = (await linksAt('in-page')).map(([id]) => id)
    expect(await linksAt('in-page')).toEqual(ids.map((id) => [id, undefined]))
    expect(await linksAt('https://127.0.0.1:8443')).toEqual(ids.map((id) => [id, undefined]))
    expect(await linksAt('https://management.usgovcloudapi.net')).toEqual(
      ids.map((id) => [id, `https://portal.azure.us/#@/resource${id}/users`]),
    )
    expect(await linksAt('https://management.azure.com')).toEqual(
      ids.map((id) => [id, `https://portal.azure.com/#@/resource${id}/users`]),
    )
  })

  it('creates identities, turns on and attaches identities, and sets client ids', async () => {
    const world = inPageWorld()
    const applied = await applyOnce(scenario('scenario-3'), world)
    const state = world.sandbox.snapshot()
    const resources = Object.values(state.resources)
    const identity = resources.find((r) => r.name === 'mi-contoso-orders-storage')
    expect(identity?.type).toBe('Microsoft.ManagedIdentity/userAssignedIdentities')
    const api = await world.gateway.getResource(
      applied.prepared.design.nodes.find((n) => n.id === 'api')!.azure!.resourceId!,
      '2024-03-01',
    )
    expect(api?.identity?.type).toMatch(/^SystemAssigned, ?UserAssigned$/) // each provider spells it its own way
    // ARM spells the keys its own way (resourcegroups): ids compare case-insensitively.
    expect(
      Object.keys(api?.identity?.userAssignedIdentities ?? {}).map((k) => k.toLowerCase()),
    ).toEqual([identity?.id.toLowerCase()])
    const worker = applied.prepared.design.nodes.find((n) => n.id === 'worker')!.azure!.resourceId!
    const settings = await world.gateway.getAppSettings(worker)
    expect(settings.AZURE_CLIENT_ID).toBe(identity?.properties.clientId)
  })

  it('grants Cosmos DB data roles through sqlRoleAssignments, once', async () => {
    const world = inPageWorld()
    const first = await applyOnce(scenario('scenario-2'), world)
    expect(actualCosmosAssignments(world.sandbox)).toHaveLength(2)
    await applyOnce(scenario('scenario-2'), world)
    expect(actualCosmosAssignments(world.sandbox)).toHaveLength(2)
    expect(
      first.report.steps
        .filter((s) => s.kind === 'assignCosmosDataRole')
        .every((s) => s.outcome === 'created'),
    ).toBe(true)
  })

  it("fills in the T-SQL's object id of an identity the run found or created", async () => {
    const { report } = await applyOnce(scenario('scenario-2'), inPageWorld())
    const identity = 'userAssigned:mi-data'
    const objectId = report.principals[identity]?.principalId
    expect(objectId).toMatch(/^[0-9a-f-]{36}$/)
    const sql = report.steps.find((s) => s.id.startsWith('sqlScript:mi-data:'))
    expect(sql?.script).toContain(`-- add WITH OBJECT_ID = '${objectId}' to it`)
  })

  it('reports SQL as manual T-SQL, never as a failure', async () => {
    const world = inPageWorld()
    const applied = await applyOnce(scenario('scenario-1'), world)
    const sql = applied.report.steps.filter((s) => s.kind === 'sqlScript')
    expect(sql).toHaveLength(2)
    expect(
      sql.every(
        (s) => s.manual && s.outcome === 'skipped' && s.script?.includes('FROM EXTERNAL PROVIDER'),
      ),
    ).toBe(true)
  })
})
