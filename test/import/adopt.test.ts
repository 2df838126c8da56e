import { describe, expect, it } from 'vitest'
import { sandboxDeveloperIds } from '@/apply/sandbox-developers.ts'
import { adoptUnmanaged } from '@/import/adopt.ts'
import { computeDrift } from '@/import/drift.ts'
import { readLive } from '@/import/read-live.ts'
import { applyEdits } from '@/model/edits.ts'
import type { AccessEdge, Design } from '@/model/types.ts'
import { templateById } from '@/templates/index.ts'
import { applyOnce, inPageWorld, SUB, TARGET } from '../apply/support.ts'

const RG = 'sandbox-rg'
const STORE = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/contosoassets`
const roleId = (guid: string) =>
  `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
const QUEUE_READER = '19e7f393-937e-4f77-808e-94535e297925'
const USER = '0000aaaa-0000-4000-8000-000000000001'

const access = (d: Design, id: string) => d.edges.find((e) => e.id === id) as AccessEdge

describe('adopting unmanaged assignments into the design', () => {
  it('draws each one where import would, after which drift reports none', async () => {
    const template = templateById('scenario-2')!.design
    const ids = sandboxDeveloperIds(template)
    const world = inPageWorld()
    await applyOnce(template, world)
    // By hand: a user gets Reader on the storage account; the storage identity gets Queue Reader.
    await world.gateway.createRoleAssignment(STORE, '0000bbbb-0000-4000-8000-000000000001', {
      roleDefinitionId: roleId(READER),
      principalId: USER,
      principalType: 'User',
    })
    const before = await readLive(world.gateway, SUB, RG)
    const storage = before.identities.find((i) => i.name === 'mi-contoso-storage')!
    await world.gateway.createRoleAssignment(STORE, '0000bbbb-0000-4000-8000-000000000002', {
      roleDefinitionId: roleId(QUEUE_READER),
      principalId: storage.principalId,
      principalType: 'ServicePrincipal',
    })

    const live = await readLive(world.gateway, SUB, RG)
    const drift = computeDrift(template, live, TARGET, ids)
    if (!drift.ok) throw new Error('bind')
    expect(drift.value.unmanaged).toHaveLength(2)
    const adopted = adoptUnmanaged(template, live, TARGET, drift.value.unmanaged, ids)
    if (!adopted.ok) throw new Error('bind')
    const next = applyEdits(template, adopted.value.edits)
    if (!next.ok) throw new Error(next.error.message)

    // The identity's new role joins the edges of every app attached to it: no new edge for them.
    for (const app of ['web1', 'web2', 'func'])
      expect(access(next.value, `${app}-blob`).roles).toEqual([
        'Storage Blob Data Contributor',
        'Storage Queue Data Reader',
      ])
    // The user is a new developer, bound to its object id, with Reader on the account.
    const user = next.value.nodes.find((n) => n.kind === 'developer' && n.id !== 'devs')
    expect(user).toMatchObject({
      kind: 'developer',
      principal: 'user',
      name: `User ${USER}`,
      azure: { principalId: USER },
    })
    expect(next.value.edges.filter((e) => e.source === user?.id)).toMatchObject([
      { kind: 'access', target: 'blob', roles: ['Reader'] },
    ])
    expect(next.value.edges).toHaveLength(template.edges.length + 1)

    const after = computeDrift(next.value, live, TARGET, ids)
    expect(after.ok && after.value).toEqual({
      missing: [],
      unmanaged: [],
      orphaned: [],
      conditions: {},
    })
    expect(adopted.value.notes).toEqual([])
  })

  it('adds nothing for an assignment already drawn, and a user the design already has is that node', async () => {
    const template = templateById('scenario-2')!.design
    const ids = sandboxDeveloperIds(template)
    const world = inPageWorld()
    await applyOnce(template, world)
    // The design's developers group gets Reader by hand: it is the existing developer node.
    await world.gateway.createRoleAssignment(STORE, '0000bbbb-0000-4000-8000-000000000003', {
      roleDefinitionId: roleId(READER),
      principalId: ids.devs!,
      principalType: 'Group',
    })
    const live = await readLive(world.gateway, SUB, RG)
    const drift = computeDrift(template, live, TARGET, ids)
    if (!drift.ok) throw new Error('bind')
    const adopted = adoptUnmanaged(template, live, TARGET, drift.value.unmanaged, ids)
    expect(adopted.ok && adopted.value.edits).toEqual([
      {
        type: 'updateEdge',
        id: 'devs-blob',
        set: { roles: ['Reader', 'Storage Blob Data Contributor'] },
      },
    ])
  })
})
