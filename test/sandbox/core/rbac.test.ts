import { describe, expect, it } from 'vitest'
import { actionMatches, permits } from '@/catalog/arm-permissions.ts'
import { CONTROL_PLANE_ROLES } from '@/sandbox/core/rbac-roles.ts'
import type { RbacAssignmentSeed } from '@/sandbox/core/rbac-seed.ts'
import { call, RG_ID, resourceId, ROLES, SUB_ID, testSandbox, v } from '../support.ts'

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
const RBAC_ADMIN = 'f58310d9-a9f6-439a-9e8d-f62e7b41a168'
const WEBSITE_CONTRIBUTOR = 'de139f84-1756-47ae-9be6-808fbbe84772'
const MI_OPERATOR = 'f1a07417-d97a-45cb-824c-7a7467783830'

const PEOPLE = {
  owner: 'aaaaaaaa-0000-4000-8000-000000000001',
  reader: 'aaaaaaaa-0000-4000-8000-000000000002',
  groupAdmin: 'aaaaaaaa-0000-4000-8000-000000000003',
  webDeployer: 'aaaaaaaa-0000-4000-8000-000000000004',
  stranger: 'aaaaaaaa-0000-4000-8000-000000000009',
}
const DEV_GROUP = 'bbbbbbbb-0000-4000-8000-000000000001'
const STORE = resourceId('Microsoft.Storage/storageAccounts', 'contosoassets')
const SITE = resourceId('Microsoft.Web/sites', 'contoso-web-1')

const directory: RbacAssignmentSeed[] = [
  { principalId: PEOPLE.owner, principalType: 'User', roleDefinitionGuid: OWNER, scope: SUB_ID },
  {
    principalId: PEOPLE.reader,
    principalType: 'User',
    roleDefinitionGuid: ROLES.reader,
    scope: SUB_ID,
  },
  {
    principalId: PEOPLE.groupAdmin,
    principalType: 'User',
    roleDefinitionGuid: RBAC_ADMIN,
    scope: RG_ID,
  },
  {
    principalId: PEOPLE.webDeployer,
    principalType: 'ServicePrincipal',
    roleDefinitionGuid: WEBSITE_CONTRIBUTOR,
    scope: RG_ID,
  },
]

/** An unsigned JWT naming the caller: the core trusts what the server verified. */
function as(oid: string, username?: string): Record<string, string> {
  const claims = Buffer.from(
    JSON.stringify({
      oid,
      tid: '22222222-2222-2222-2222-222222222222',
      ...(username ? { preferred_username: username } : {}),
    }),
  ).toString('base64url')
  return { authorization: `Bearer eyJhbGciOiJub25lIn0.${claims}.`, host: 'sandbox.test' }
}

const assignmentBody = (principalId: string) => ({
  properties: {
    roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${ROLES.blobReader}`,
    principalId,
    principalType: 'Group',
  },
})
const assignmentAt = (scope: string, name: string): string =>
  v(`${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`)

describe('ARM wildcard actions', () => {
  it.each([
    ['*', 'Microsoft.Web/sites/write', true],
    ['*/read', 'Microsoft.Web/sites/config/read', true],
    ['*/read', 'Microsoft.Web/sites/write', false],
    ['microsoft.authorization/*', 'Microsoft.Authorization/roleAssignments/write', true],
    // Managed Identity Operator: `/*/` also stands for no segment at all.
    [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
      true,
    ],
    [
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/read',
      true,
    ],
    ['Microsoft.Web/sites/*', 'Microsoft.Storage/storageAccounts/write', false],
    ['Microsoft.Web.sites/read', 'MicrosoftxWeb.sites/read', false],
  ])('%s matches %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected)
  })

  it('notActions subtract from their own role only: Contributor may not write role assignments, Owner beside it may', () => {
    const role = (name: string) => CONTROL_PLANE_ROLES.find((r) => r.name === name)?.permission
    const contributor = role('Contributor')
    const owner = role('Owner')
    if (!contributor || !owner) throw new Error('missing built-in')
    const write = 'Microsoft.Authorization/roleAssignments/write'
    expect(permits([contributor], write)).toBe(false)
    expect(permits([contributor], 'Microsoft.ManagedIdentity/userAssignedIdentities/write')).toBe(
      true,
    )
    expect(permits([contributor, owner], write)).toBe(true)
  })
})

describe('the sandbox authorizes every call by the caller’s roles in sign-in mode', () => {
  const world = () => testSandbox({ options: { directory } }).sandbox

  it('an Owner on the subscription writes a role assignment on a resource below it', () => {
    const s = world()
    const r = call(
      s,
      'PUT',
      assignmentAt(STORE, '0f8fad5b-d9cb-469f-a165-70867728950e'),
      assignmentBody(DEV_GROUP),
      as(PEOPLE.owner),
    )
    expect(r.status).toBe(201)
  })

  it('a Reader is refused with ARM’s AuthorizationFailed, naming a user by sign-in name and the exact scope', () => {
    const s = world()
    const url = assignmentAt(STORE, '0f8fad5b-d9cb-469f-a165-70867728950e')
    const r = call(
      s,
      'PUT',
      url,
      assignmentBody(DEV_GROUP),
      as(PEOPLE.reader, 'reader@sandbox.example'),
    )
    expect(r.status).toBe(403)
    expect(r.json.error).toEqual({
      code: 'AuthorizationFailed',
      message: `The client 'reader@sandbox.example' with object id '${PEOPLE.reader}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '${STORE}/providers/Microsoft.Authorization/roleAssignments/0f8fad5b-d9cb-469f-a165-70867728950e' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    })
    // Reads are what Reader is for.
    expect(
      call(s, 'GET', v(`${RG_ID}/resources`, '2021-04-01'), undefined, as(PEOPLE.reader)).status,
    ).toBe(200)
    expect(
      call(
        s,
        'PUT',
        v(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-x'), '2023-01-31'),
        { location: 'westeurope' },
        as(PEOPLE.reader),
      ).json.error.message,
    ).toContain("'Microsoft.ManagedIdentity/userAssignedIdentities/write'")
  })

  it('an application is named by its object id', () => {
    const r = call(world(), 'DELETE', v(`${RG_ID}`, '2021-04-01'), undefined, as(PEOPLE.stranger))
    expect(r.status).toBe(403)
    expect(r.json.error.message).toMatch(
      new RegExp(
        `^The client '${PEOPLE.stranger}' with object id '${PEOPLE.stranger}' does not have authorization to perform action 'Microsoft.Resources/subscriptions/resourcegroups/delete' over scope '${RG_ID}'`,
      ),
    )
  })

  it('an RBAC administrator on one group assigns roles inside it and is refused at the subscription and in another group', () => {
    const s = world()
    expect(
      call(
        s,
        'PUT',
        v(`${SUB_ID}/resourcegroups/other-rg`, '2021-04-01'),
        { location: 'westeurope' },
        as(PEOPLE.owner),
      ).status,
    ).toBe(201)
    const inside = call(
      s,
      'PUT',
      assignmentAt(STORE, '1f8fad5b-d9cb-469f-a165-70867728950e'),
      assignmentBody(DEV_GROUP),
      as(PEOPLE.groupAdmin),
    )
    expect(inside.status).toBe(201)
    const atSub = call(
      s,
      'PUT',
      assignmentAt(SUB_ID, '2f8fad5b-d9cb-469f-a165-70867728950e'),
      assignmentBody(DEV_GROUP),
      as(PEOPLE.groupAdmin),
    )
    expect(atSub.status).toBe(403)
    const otherGroup = `${SUB_ID}/resourceGroups/other-rg`
    const elsewhere = call(
      s,
      'PUT',
      assignmentAt(otherGroup, '3f8fad5b-d9cb-469f-a165-70867728950e'),
      assignmentBody(DEV_GROUP),
      as(PEOPLE.groupAdmin),
    )
    expect(elsewhere.json.error.code).toBe('AuthorizationFailed')
    // It cannot create identities either: RBAC administration is only role assignments.
    const identity = call(
      s,
      'PUT',
      v(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-x'), '2023-01-31'),
      { location: 'westeurope' },
      as(PEOPLE.groupAdmin),
    )
    expect(identity.status).toBe(403)
  })

  it('lists show what the caller may read: the group administrator sees its subscription and only its group', () => {
    const s = world()
    call(
      s,
      'PUT',
      v(`${SUB_ID}/resourcegroups/other-rg`, '2021-04-01'),
      { location: 'westeurope' },
      as(PEOPLE.owner),
    )
    const names = (who: string) =>
      call(s, 'GET', v(`${SUB_ID}/resourcegroups`, '2021-04-01'), undefined, as(who))
        .json.value.map((g: { name: string }) => g.name)
        .sort()
    expect(names(PEOPLE.owner)).toEqual(['other-rg', 'sandbox-rg'])
    expect(names(PEOPLE.groupAdmin)).toEqual(['sandbox-rg'])
    expect(names(PEOPLE.stranger)).toEqual([])
    const subs = (who: string) =>
      call(s, 'GET', v('/subscriptions', '2022-12-01'), undefined, as(who)).json.value.length
    expect(subs(PEOPLE.groupAdmin)).toBe(1)
    expect(subs(PEOPLE.stranger)).toBe(0)
    expect(call(s, 'GET', v(SUB_ID, '2022-12-01'), undefined, as(PEOPLE.stranger)).status).toBe(403)
  })

  it('the permissions endpoint answers with the caller’s roles at the scope, inherited from above', () => {
    const s = world()
    const permissions = (who: string, scope: string) =>
      call(
        s,
        'GET',
        v(`${scope}/providers/Microsoft.Authorization/permissions`),
        undefined,
        as(who),
      ).json.value
    expect(permissions(PEOPLE.reader, STORE)).toEqual([
      { actions: ['*/read'], notActions: [], dataActions: [], notDataActions: [] },
    ])
    expect(permissions(PEOPLE.groupAdmin, SUB_ID)).toEqual([])
    expect(permissions(PEOPLE.groupAdmin, STORE)[0].actions).toContain(
      'Microsoft.Authorization/roleAssignments/write',
    )
  })

  it('attaching an identity needs assign/action on it: LinkedAuthorizationFailed, as ARM, until Managed Identity Operator is granted', () => {
    const s = world()
    const identity = resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-web')
    expect(
      call(s, 'PUT', v(identity, '2023-01-31'), { location: 'westeurope' }, as(PEOPLE.owner))
        .status,
    ).toBe(201)
    const patch = { identity: { type: 'UserAssigned', userAssignedIdentities: { [identity]: {} } } }
    const refused = call(s, 'PATCH', v(SITE, '2023-12-01'), patch, as(PEOPLE.webDeployer))
    expect(refused.status).toBe(403)
    expect(refused.json.error).toEqual({
      code: 'LinkedAuthorizationFailed',
      message: `The client '${PEOPLE.webDeployer}' with object id '${PEOPLE.webDeployer}' has permission to perform action 'Microsoft.Web/sites/write' on scope '${SITE}'; however, it does not have permission to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action' on the linked scope(s) '${identity}' or the linked scope(s) are invalid.`,
    })
    const grant = {
      properties: {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${MI_OPERATOR}`,
        principalId: PEOPLE.webDeployer,
        principalType: 'ServicePrincipal',
      },
    }
    expect(
      call(
        s,
        'PUT',
        assignmentAt(identity, '4f8fad5b-d9cb-469f-a165-70867728950e'),
        grant,
        as(PEOPLE.owner),
      ).status,
    ).toBe(201)
    expect(call(s, 'PATCH', v(SITE, '2023-12-01'), patch, as(PEOPLE.webDeployer)).status).toBe(200)
  })

  it('a role removed stops granting at once, and one granted starts at once', () => {
    const s = world()
    const url = (name: string) => assignmentAt(STORE, name)
    expect(
      call(
        s,
        'PUT',
        url('6f8fad5b-d9cb-469f-a165-70867728950e'),
        assignmentBody(DEV_GROUP),
        as(PEOPLE.groupAdmin),
      ).status,
    ).toBe(201)
    const held = call(
      s,
      'GET',
      v(
        `${RG_ID}/providers/Microsoft.Authorization/roleAssignments?$filter=principalId eq '${PEOPLE.groupAdmin}'`,
      ),
      undefined,
      as(PEOPLE.owner),
    )
    const own = held.json.value.find(
      (a: { properties: { scope: string } }) => a.properties.scope === RG_ID,
    )
    expect(call(s, 'DELETE', v(own.id), undefined, as(PEOPLE.owner)).status).toBe(200)
    expect(
      call(
        s,
        'PUT',
        url('7f8fad5b-d9cb-469f-a165-70867728950e'),
        assignmentBody(DEV_GROUP),
        as(PEOPLE.groupAdmin),
      ).status,
    ).toBe(403)
    const grant = {
      properties: {
        roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${RBAC_ADMIN}`,
        principalId: PEOPLE.stranger,
        principalType: 'User',
      },
    }
    expect(
      call(
        s,
        'PUT',
        assignmentAt(STORE, '8f8fad5b-d9cb-469f-a165-70867728950e'),
        grant,
        as(PEOPLE.owner),
      ).status,
    ).toBe(201)
    expect(
      call(
        s,
        'PUT',
        url('9f8fad5b-d9cb-469f-a165-70867728950e'),
        assignmentBody('bbbbbbbb-0000-4000-8000-000000000002'),
        as(PEOPLE.stranger),
      ).status,
    ).toBe(201)
  })

  it('a reset brings the directory’s roles back; without a directory any caller may do anything', () => {
    const s = world()
    const mine = () =>
      call(
        s,
        'GET',
        v(`${RG_ID}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()`),
        undefined,
        as(PEOPLE.owner),
      ).json.value.length
    expect(mine()).toBe(4)
    s.reset()
    expect(mine()).toBe(4)
    const open = testSandbox().sandbox
    expect(
      call(
        open,
        'PUT',
        assignmentAt(SUB_ID, '5f8fad5b-d9cb-469f-a165-70867728950e'),
        assignmentBody(DEV_GROUP),
        as(PEOPLE.stranger),
      ).status,
    ).toBe(201)
  })
})
