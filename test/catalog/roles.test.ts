import { describe, expect, it } from 'vitest'
import { ALL_ROLES, resolveRole, roleByGuid, roleByName, rolesForService, subsumes } from '@/catalog/roles.ts'
import { SERVICES } from '@/catalog/services.ts'
import { SERVICE_KINDS } from '@/model/kinds.ts'
// A verbatim copy of shared/reference/azure-roles.json: the catalog's TS copy must not drift from it.
import reference from '../fixtures/reference-azure-roles.json' with { type: 'json' }

describe('role catalog', () => {
  it('holds exactly the reference facts, then only roles the reference lacks', () => {
    expect(ALL_ROLES.slice(0, reference.roles.length)).toEqual(reference.roles)
    const added = ALL_ROLES.slice(reference.roles.length)
    for (const role of added) {
      expect(reference.roles.some((r) => r.name === role.name || (role.id !== undefined && r.id === role.id)), role.name).toBe(false)
    }
    expect(new Set(ALL_ROLES.map((r) => r.name)).size).toBe(ALL_ROLES.length)
  })

  it('looks roles up by exact name and by GUID in any case', () => {
    expect(roleByName('Storage Blob Data Contributor')?.id).toBe('ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    expect(roleByName('storage blob data contributor')).toBeUndefined()
    expect(roleByGuid('BA92F5B4-2D11-453D-A403-E96B0029C9FE')?.name).toBe('Storage Blob Data Contributor')
  })

  it('resolves names, built-in GUIDs, custom GUIDs and unknown text', () => {
    expect(resolveRole('AcrPull')).toMatchObject({ kind: 'builtin', fact: { name: 'AcrPull' } })
    expect(resolveRole('7F951DDA-4ED3-4680-A7CA-43FE172D538D')).toMatchObject({ kind: 'builtin', fact: { name: 'AcrPull' } })
    expect(resolveRole('00000000-0000-0000-0000-000000000002')).toMatchObject({ kind: 'builtin', fact: { name: 'Cosmos DB Built-in Data Contributor' } })
    expect(resolveRole('AAAAAAAA-1111-2222-3333-444444444444')).toEqual({ kind: 'custom', guid: 'aaaaaaaa-1111-2222-3333-444444444444' })
    expect(resolveRole('acrpull')).toEqual({ kind: 'unknown', text: 'acrpull' })
    expect(resolveRole('not-a-guid-1111-2222')).toEqual({ kind: 'unknown', text: 'not-a-guid-1111-2222' })
  })

  it('follows subsumption transitively and never reflexively', () => {
    const owner = roleByName('Storage Blob Data Owner')!
    const reader = roleByName('Storage Blob Data Reader')!
    expect(subsumes(owner, reader)).toBe(true)
    expect(subsumes(reader, owner)).toBe(false)
    expect(subsumes(owner, owner)).toBe(false)
    expect(subsumes(roleByName('Owner')!, reader)).toBe(false)
  })

  it('has a default role for every service kind that applies to it and is not privileged', () => {
    for (const kind of SERVICE_KINDS) {
      const role = roleByName(SERVICES[kind].defaultRole)
      expect(role, kind).toBeDefined()
      expect(rolesForService(kind)).toContain(role)
      expect(role?.privileged ?? false).toBe(false)
      expect(role?.keyExposing ?? false).toBe(false)
      expect(role?.plane).toBe('data')
    }
  })
})
