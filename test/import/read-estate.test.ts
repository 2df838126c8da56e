import { describe, expect, it } from 'vitest'
import { buildImportedDesign } from '@/import/build-design.ts'
import { readEstate } from '@/import/read-estate.ts'
import { inPageWorld, SUB } from '../apply/support.ts'

const RG = 'sandbox-rg'
const site = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Web/sites/${name}`

describe('readEstate', () => {
  it('reads an identity attached from elsewhere once, whatever casing each app’s key has', async () => {
    const world = inPageWorld()
    world.sandbox.seed({
      resourceGroups: [{ name: 'shared-rg' }],
      resources: [
        { type: 'Microsoft.Web/sites', name: 'app-a', kind: 'app' },
        { type: 'Microsoft.Web/sites', name: 'app-b', kind: 'app' },
      ],
    })
    const shared = `/subscriptions/${SUB}/resourceGroups/shared-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-shared`
    await world.gateway.putUserIdentity(shared, 'westeurope')
    // Providers echo the key as written, and several write it lower-cased themselves
    // (`resourcegroups`: Azure/azure-rest-api-specs#17038 for IoT Hub; Microsoft.ManagedIdentity's
    // own ids too, Azure/azure-cli#27099): two apps may name one identity in two casings.
    await world.gateway.patchIdentity(site('app-a'), '2023-12-01', {
      type: 'UserAssigned',
      userAssignedIdentities: { [shared]: {} },
    })
    await world.gateway.patchIdentity(site('app-b'), '2023-12-01', {
      type: 'UserAssigned',
      userAssignedIdentities: { [shared.replace('/resourceGroups/', '/resourcegroups/')]: {} },
    })
    const reads: string[] = []
    const reader = {
      ...world.gateway,
      getUserIdentity: (id: string, o?: { signal?: AbortSignal }) => {
        reads.push(id)
        return world.gateway.getUserIdentity(id, o)
      },
    }
    const estate = await readEstate(reader, SUB, RG)
    expect(reads).toHaveLength(1)
    expect(estate.identities.filter((i) => i.name === 'mi-shared')).toHaveLength(1)
    const { design } = await buildImportedDesign(estate)
    const node = design.nodes.find((n) => n.name === 'mi-shared')!
    expect(
      design.edges.filter((e) => e.kind === 'attach' && e.target === node.id).map((e) => e.source),
    ).toEqual(['app-a', 'app-b'])
  })
})
