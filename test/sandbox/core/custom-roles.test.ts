import { describe, expect, it } from 'vitest'
import { call, ROLES, SUB_ID, testSandbox, v } from '../support.ts'
import { assignment, body, NAME_A, STORE, USER } from './assignment-support.ts'

const GUID = 'aaaaaaaa-0000-4000-8000-00000000000a'
const definition = (guid: string) =>
  v(`${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions/${guid}`)
const custom = (roleName: string, actions: string[], assignableScopes = [SUB_ID]) => ({
  properties: {
    roleName,
    description: 'd',
    type: 'CustomRole',
    assignableScopes,
    permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }],
  },
})

describe('custom role definitions', () => {
  it('PUT 201 then 200, GET and LIST them in ARM’s shape, and assign them', () => {
    const { sandbox } = testSandbox()
    const created = call(
      sandbox,
      'PUT',
      definition(GUID),
      custom('Access writer', ['Microsoft.Authorization/*/write']),
    )
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      id: `${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions/${GUID}`,
      name: GUID,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: {
        roleName: 'Access writer',
        type: 'CustomRole',
        assignableScopes: [SUB_ID],
        permissions: [
          {
            actions: ['Microsoft.Authorization/*/write'],
            notActions: [],
            dataActions: [],
            notDataActions: [],
          },
        ],
      },
    })
    expect(call(sandbox, 'PUT', definition(GUID), custom('Access writer', ['*/read'])).status).toBe(
      200,
    )
    expect(call(sandbox, 'GET', definition(GUID)).json.properties.permissions[0].actions).toEqual([
      '*/read',
    ])
    const list = call(
      sandbox,
      'GET',
      v(`${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions?$filter=type eq 'CustomRole'`),
    )
    expect(list.json.value.map((r: { name: string }) => r.name)).toEqual([GUID])
    const assigned = call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, GUID, 'User'))
    expect(assigned.status).toBe(201)
  })

  it('refuses a duplicate role name (409), a built-in GUID, "/" as assignable scope, and unknown roles in assignments', () => {
    const { sandbox } = testSandbox()
    call(sandbox, 'PUT', definition(GUID), custom('Access writer', ['*']))
    const other = 'aaaaaaaa-0000-4000-8000-00000000000b'
    expect(call(sandbox, 'PUT', definition(other), custom('access WRITER', ['*'])).json).toEqual({
      error: {
        code: 'RoleDefinitionWithSameNameExists',
        message: 'A role definition cannot be updated with a name that already exists.',
      },
    })
    expect(call(sandbox, 'PUT', definition(ROLES.reader), custom('Mine', ['*'])).status).toBe(405)
    expect(call(sandbox, 'PUT', definition(other), custom('Root', ['*'], ['/'])).status).toBe(400)
    expect(
      call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, other, 'User')).json.error.code,
    ).toBe('RoleDefinitionDoesNotExist')
  })

  it('keeps custom roles in the snapshot and drops them on DELETE', () => {
    const { sandbox } = testSandbox()
    call(sandbox, 'PUT', definition(GUID), custom('Access writer', ['*']))
    const { sandbox: restored } = testSandbox({ state: sandbox.snapshot() })
    expect(call(restored, 'GET', definition(GUID)).status).toBe(200)
    expect(call(restored, 'DELETE', definition(GUID)).status).toBe(200)
    expect(call(restored, 'GET', definition(GUID)).json.error.code).toBe(
      'RoleDefinitionDoesNotExist',
    )
  })
})
