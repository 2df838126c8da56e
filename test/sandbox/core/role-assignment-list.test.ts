import { describe, expect, it } from 'vitest'
import { call, RG_ID, ROLES, SUB, SUB_ID, testSandbox, v } from '../support.ts'
import { assignment, body, NAME_A, STORE, USER } from './assignment-support.ts'

describe('role assignment lists, permissions and the 403 fault', () => {
  it('lists at, above and below a scope; atScope() keeps at and above; principalId eq filters', () => {
    const { sandbox } = testSandbox()
    const OTHER = 'de2ce14e-85d7-4629-bdbc-454d0519d987'
    const names = [
      'a0000000-0000-4000-8000-000000000001',
      'a0000000-0000-4000-8000-000000000002',
      'a0000000-0000-4000-8000-000000000003',
    ]
    call(sandbox, 'PUT', assignment(SUB_ID, names[0] ?? ''), body(USER, ROLES.reader, 'User'))
    call(sandbox, 'PUT', assignment(RG_ID, names[1] ?? ''), body(OTHER, ROLES.reader, 'Group'))
    call(sandbox, 'PUT', assignment(STORE, names[2] ?? ''), body(USER, ROLES.blobReader, 'User'))
    const list = (scope: string, filter?: string) =>
      call(
        sandbox,
        'GET',
        v(
          `${scope}/providers/Microsoft.Authorization/roleAssignments${filter ? `?$filter=${encodeURIComponent(filter)}` : ''}`,
        ),
      ).json.value.map((a: { name: string }) => a.name)
    expect(list(RG_ID)).toEqual(names)
    expect(list(RG_ID, 'atScope()')).toEqual(names.slice(0, 2))
    expect(list(STORE, 'atScope()')).toEqual(names)
    expect(list(SUB_ID, `principalId eq '${USER}'`)).toEqual([names[0], names[2]])
    expect(list(RG_ID, `atScope() and principalId eq '${OTHER}'`)).toEqual([names[1]])
    expect(list(RG_ID, `assignedTo('${USER}')`)).toEqual([names[0], names[2]])
    expect(
      call(
        sandbox,
        'GET',
        v(
          `${RG_ID}/providers/Microsoft.Authorization/roleAssignments?$filter=roleDefinitionId eq 'x'`,
        ),
      ).status,
    ).toBe(400)
  })

  it('pages role assignments with nextLink', () => {
    const { sandbox } = testSandbox({ options: { pageSize: 2 } })
    for (let i = 0; i < 5; i++)
      call(
        sandbox,
        'PUT',
        assignment(STORE, `b0000000-0000-4000-8000-00000000000${i}`),
        body(`c0000000-0000-4000-8000-00000000000${i}`, ROLES.reader, 'User'),
      )
    const first = call(
      sandbox,
      'GET',
      v(`${STORE}/providers/Microsoft.Authorization/roleAssignments`),
    )
    expect(first.json.value).toHaveLength(2)
    expect(first.json.nextLink).toContain('$skipToken=2')
  })

  it('403 AuthorizationFailed at forbidden scopes and below, reflected by permissions', () => {
    const { sandbox } = testSandbox({
      options: { faults: { forbiddenScopes: [RG_ID.toLowerCase()] } },
    })
    const r = call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, ROLES.reader, 'User'))
    expect(r.status).toBe(403)
    expect(r.json.error.code).toBe('AuthorizationFailed')
    expect(r.json.error.message).toContain(
      "'Microsoft.Authorization/roleAssignments/write' over scope",
    )
    expect(
      call(sandbox, 'PUT', assignment(SUB_ID, NAME_A), body(USER, ROLES.reader, 'User')).status,
    ).toBe(201)
    expect(call(sandbox, 'DELETE', assignment(STORE, NAME_A)).status).toBe(403)
    const perms = (scope: string) =>
      call(sandbox, 'GET', v(`${scope}/providers/Microsoft.Authorization/permissions`)).json.value
    expect(perms(SUB_ID)).toEqual([
      { actions: ['*'], notActions: [], dataActions: [], notDataActions: [] },
    ])
    expect(perms(STORE)[0].notActions).toContain('Microsoft.Authorization/*/Write')
  })

  it('deleting a resource removes the role assignments at its scope', () => {
    const { sandbox } = testSandbox()
    call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, ROLES.reader, 'User'))
    call(sandbox, 'DELETE', v(STORE))
    expect(Object.keys(sandbox.snapshot().roleAssignments)).toEqual([])
  })
})

describe('role definitions', () => {
  it('serves built-ins by id in subscription form, tenant form at the root, and by roleName filter', () => {
    const { sandbox } = testSandbox()
    const bySub = call(
      sandbox,
      'GET',
      v(`${RG_ID}/providers/Microsoft.Authorization/roleDefinitions/${ROLES.reader}`),
    )
    expect(bySub.json.id).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLES.reader}`,
    )
    expect(bySub.json.properties).toMatchObject({
      roleName: 'Reader',
      type: 'BuiltInRole',
      assignableScopes: ['/'],
    })
    const atRoot = call(
      sandbox,
      'GET',
      v(`/providers/Microsoft.Authorization/roleDefinitions/${ROLES.reader}`),
    )
    expect(atRoot.json.id).toBe(
      `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.reader}`,
    )
    const filtered = call(
      sandbox,
      'GET',
      v(
        `${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions?$filter=${encodeURIComponent("roleName eq 'Storage Blob Data Reader'")}`,
      ),
    )
    expect(filtered.json.value.map((d: { name: string }) => d.name)).toEqual([ROLES.blobReader])
    expect(
      call(
        sandbox,
        'GET',
        v(
          `${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions/99999999-9999-4999-8999-999999999999`,
        ),
      ).status,
    ).toBe(404)
  })
})
