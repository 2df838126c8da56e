import { describe, expect, it } from 'vitest'
import { buildImportedDesign } from '@/import/build-design.ts'
import { readEstate } from '@/import/read-estate.ts'
import { derivePlan } from '@/plan/derive.ts'
import { httpsWorld, SUB, sandboxServerPerFile } from '../apply/support.ts'

const RG = 'sandbox-rg'
const host = sandboxServerPerFile()
const POLICY = {
  tenantId: '22222222-2222-2222-2222-222222222222',
  objectId: 'aaaaaaaa-1111-4000-8000-000000000001',
  permissions: { keys: [], secrets: ['get'], certificates: [] },
}

describe('import reads each Key Vault’s permission model (real SDK over HTTPS)', () => {
  it('marks a vault on access policies accessPolicy, says its entries are not shown, and leaves an RBAC vault as it is', async () => {
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.Web/sites', name: 'kv-api', kind: 'app' },
        {
          type: 'Microsoft.KeyVault/vaults',
          name: "kv-'legacy'",
          properties: { enableRbacAuthorization: false, accessPolicies: [POLICY] },
        },
        { type: 'Microsoft.KeyVault/vaults', name: 'kv-modern' },
      ],
    })
    const world = await httpsWorld(host.server.url)
    const { design, notes } = await buildImportedDesign(await readEstate(world.gateway, SUB, RG))
    const vaults = design.nodes
      .filter((n) => n.name === "kv-'legacy'" || n.name === 'kv-modern')
      .map((n) => [n.name, n.kind === 'service' ? n.permissionModel : undefined])
    expect(vaults).toEqual([
      ["kv-'legacy'", 'accessPolicy'],
      ['kv-modern', undefined],
    ])
    expect(notes).toContain(
      `Key Vault /subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.KeyVault/vaults/kv-'legacy' uses access policies: its 1 access policy entry is not shown as access edges.`,
    )
    // A Key Vault data role given on the imported vault is planned as its access policy equivalent.
    const legacy = design.nodes.find((n) => n.name === "kv-'legacy'")!
    const api = design.nodes.find((n) => n.name === 'kv-api')!
    const plan = derivePlan({
      ...design,
      nodes: design.nodes.map((n) => (n.id === api.id ? { ...n, systemAssigned: true } : n)),
      edges: [
        ...design.edges,
        {
          id: 'e-new',
          kind: 'access',
          source: api.id,
          target: legacy.id,
          via: 'system',
          roles: ['Key Vault Secrets User'],
        },
      ],
    })
    expect(
      plan.actions.filter((a) => 'target' in a && a.target === legacy.id).map((a) => a.action),
    ).toEqual(['keyVaultAccessPolicy'])
  }, 30_000)

  it('counts its reads as it learns of them: "N of N" only once the last read is done', async () => {
    host.server.sandbox.seed({
      resources: [
        { type: 'Microsoft.KeyVault/vaults', name: 'kv-a' },
        { type: 'Microsoft.KeyVault/vaults', name: 'kv-b' },
      ],
    })
    const world = await httpsWorld(host.server.url)
    const seen: string[] = []
    await readEstate(world.gateway, SUB, RG, {
      onProgress: (p) => seen.push(`${p.done}/${p.total}`),
    })
    const total = seen.length
    expect(total).toBeGreaterThanOrEqual(5)
    // Resources, identities and assignments, then one read per vault (and per custom role).
    expect(seen).toEqual(seen.map((_, i) => `${i + 1}/${total}`))
  })
})
