import { describe, expect, it } from 'vitest'
import {
  call,
  RG_ID,
  resourceId,
  roleDefinitionId,
  ROLES,
  SUB_ID,
  testSandbox,
  v,
} from '../support.ts'
import {
  assignment,
  body,
  makeIdentity,
  NAME_A,
  NAME_B,
  STORE,
  USER,
} from './assignment-support.ts'

describe('role assignments', () => {
  it('PUT 201 then 200 at a resource, with subscription-form roleDefinitionId and audit fields', () => {
    const { sandbox } = testSandbox()
    const first = call(
      sandbox,
      'PUT',
      assignment(STORE, NAME_A),
      body(USER, ROLES.blobContributor, 'User'),
    )
    expect(first.status).toBe(201)
    expect(first.json).toEqual({
      properties: {
        roleDefinitionId: `${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions/${ROLES.blobContributor}`,
        principalId: USER,
        principalType: 'User',
        scope: STORE,
        condition: null,
        conditionVersion: null,
        createdOn: '2026-01-01T12:00:00.000Z',
        updatedOn: '2026-01-01T12:00:00.000Z',
        createdBy: expect.stringMatching(/^[0-9a-f-]{36}$/),
        updatedBy: expect.stringMatching(/^[0-9a-f-]{36}$/),
        delegatedManagedIdentityResourceId: null,
        description: null,
      },
      id: `${STORE}/providers/Microsoft.Authorization/roleAssignments/${NAME_A}`,
      type: 'Microsoft.Authorization/roleAssignments',
      name: NAME_A,
    })
    // The tenant form of the role definition id is the same role.
    const again = call(sandbox, 'PUT', assignment(STORE, NAME_A), {
      properties: {
        roleDefinitionId: roleDefinitionId(ROLES.blobContributor),
        principalId: USER,
        principalType: 'User',
      },
    })
    expect(again.status).toBe(200)
    expect(again.json).toEqual(first.json)
    expect(call(sandbox, 'GET', assignment(STORE, NAME_A)).json).toEqual(first.json)
  })

  it('updates only the description and condition of an existing assignment', () => {
    const { sandbox, clock } = testSandbox()
    call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, ROLES.reader, 'User'))
    clock.advance(60_000)
    const described = body(USER, ROLES.reader, 'User')
    const r = call(sandbox, 'PUT', assignment(STORE, NAME_A), {
      properties: { ...described.properties, description: 'for the nightly job' },
    })
    expect(r.status).toBe(200)
    expect(r.json.properties).toMatchObject({
      description: 'for the nightly job',
      createdOn: '2026-01-01T12:00:00.000Z',
      updatedOn: '2026-01-01T12:01:00.000Z',
    })
  })

  it('names must be GUIDs: 400 InvalidRoleAssignmentId', () => {
    const { sandbox } = testSandbox()
    const r = call(
      sandbox,
      'PUT',
      assignment(STORE, 'not-a-guid'),
      body(USER, ROLES.blobReader, 'User'),
    )
    expect(r.status).toBe(400)
    expect(r.json.error).toEqual({
      code: 'InvalidRoleAssignmentId',
      message: expect.stringContaining("'not-a-guid'"),
    })
  })

  it('one assignment per (scope, role, principal): 409 RoleAssignmentExists names the existing id', () => {
    const { sandbox } = testSandbox()
    call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, ROLES.blobReader, 'User'))
    const r = call(
      sandbox,
      'PUT',
      assignment(STORE.toLowerCase(), NAME_B),
      body(USER, ROLES.blobReader, 'User'),
    )
    expect(r.status).toBe(409)
    expect(r.json.error.code).toBe('RoleAssignmentExists')
    expect(r.json.error.message).toContain(NAME_A.replace(/-/g, ''))
    // Another role or another scope is another assignment.
    expect(
      call(sandbox, 'PUT', assignment(STORE, NAME_B), body(USER, ROLES.blobContributor, 'User'))
        .status,
    ).toBe(201)
  })

  it('keeps an ABAC condition as text, version 2.0 unless given: 400 for another version', () => {
    const { sandbox } = testSandbox()
    const logs =
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'"
    const conditional = (conditionVersion?: string) => ({
      properties: {
        ...body(USER, ROLES.blobReader, 'User').properties,
        condition: logs,
        ...(conditionVersion !== undefined ? { conditionVersion } : {}),
      },
    })
    // As ARM answers conditionVersion "1.0" (the docs' "conditions troubleshoot"): nothing stored.
    const old = call(sandbox, 'PUT', assignment(STORE, NAME_A), conditional('1.0'))
    expect([old.status, old.json.error]).toEqual([
      400,
      {
        code: 'InvalidRoleAssignmentCondition',
        message: 'The given role assignment condition is invalid.',
      },
    ])
    expect(call(sandbox, 'GET', assignment(STORE, NAME_A)).status).toBe(404)
    const made = call(sandbox, 'PUT', assignment(STORE, NAME_A), conditional())
    expect(made.status).toBe(201)
    expect(made.json.properties).toMatchObject({ condition: logs, conditionVersion: '2.0' })
    expect(call(sandbox, 'GET', assignment(STORE, NAME_A)).json.properties).toMatchObject({
      condition: logs,
      conditionVersion: '2.0',
    })
    // One that differs only by its condition is the same (scope, role, principal): 409.
    const plain = call(
      sandbox,
      'PUT',
      assignment(STORE, NAME_B),
      body(USER, ROLES.blobReader, 'User'),
    )
    expect([plain.status, plain.json.error]).toEqual([
      409,
      {
        code: 'RoleAssignmentExists',
        message: `The role assignment already exists. The ID of the existing role assignment is ${NAME_A.replace(/-/g, '')}.`,
      },
    ])
    // Removing the condition is an edit of the same assignment (an empty condition, or none).
    const removed = call(sandbox, 'PUT', assignment(STORE, NAME_A), {
      properties: { ...conditional().properties, condition: '', conditionVersion: '' },
    })
    expect(removed.status).toBe(200)
    expect(removed.json.properties).toMatchObject({ condition: null, conditionVersion: null })
  })

  it('forgets an assignment once deleted, directly, with its resource, or across a snapshot', () => {
    const { sandbox, clock } = testSandbox()
    const params = body(USER, ROLES.reader, 'User')
    call(sandbox, 'PUT', assignment(STORE, NAME_A), params)
    call(sandbox, 'DELETE', assignment(STORE, NAME_A))
    expect(call(sandbox, 'PUT', assignment(STORE, NAME_B), params).status).toBe(201)
    call(sandbox, 'DELETE', v(STORE))
    call(sandbox, 'PUT', v(STORE), { location: 'westeurope' })
    expect(call(sandbox, 'PUT', assignment(STORE, NAME_A), params).status).toBe(201)
    const restored = testSandbox({ state: sandbox.snapshot(), clock }).sandbox
    expect(call(restored, 'PUT', assignment(STORE, NAME_B), params).status).toBe(409)
  })

  it('the same name with other content: 400 RoleAssignmentUpdateNotPermitted (also at another scope)', () => {
    const { sandbox } = testSandbox()
    call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, ROLES.blobReader, 'User'))
    const otherRole = call(
      sandbox,
      'PUT',
      assignment(STORE, NAME_A),
      body(USER, ROLES.blobContributor, 'User'),
    )
    expect(otherRole.json.error.code).toBe('RoleAssignmentUpdateNotPermitted')
    const otherScope = call(
      sandbox,
      'PUT',
      assignment(RG_ID, NAME_A),
      body(USER, ROLES.blobReader, 'User'),
    )
    expect(otherScope.status).toBe(400)
    expect(otherScope.json.error.code).toBe('RoleAssignmentUpdateNotPermitted')
  })

  it('PrincipalNotFound for a fresh principal without principalType, until it propagates', () => {
    const { sandbox, clock } = testSandbox({ options: { principalPropagationMs: 120_000 } })
    const principal = makeIdentity(sandbox)
    const early = call(sandbox, 'PUT', assignment(STORE, NAME_A), body(principal))
    expect(early.status).toBe(400)
    expect(early.json.error.code).toBe('PrincipalNotFound')
    expect(early.json.error.message).toContain(principal.replace(/-/g, ''))
    // With principalType the same call succeeds at once, as ARM advises.
    expect(
      call(
        sandbox,
        'PUT',
        assignment(STORE, NAME_B),
        body(principal, ROLES.blobReader, 'ServicePrincipal'),
      ).status,
    ).toBe(201)
    clock.advance(120_000)
    const later = call(sandbox, 'PUT', assignment(STORE, NAME_A), body(principal))
    expect(later.status).toBe(201)
    expect(later.json.properties.principalType).toBe('ServicePrincipal')
  })

  it('accepts an unknown principal (a developer) only with principalType; rejects a mismatched type', () => {
    const { sandbox, clock } = testSandbox()
    expect(call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER)).json.error.code).toBe(
      'PrincipalNotFound',
    )
    expect(
      call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, ROLES.blobReader, 'Group')).status,
    ).toBe(201)
    const principal = makeIdentity(sandbox)
    clock.advance(10 * 60_000)
    const wrong = call(
      sandbox,
      'PUT',
      assignment(STORE, NAME_B),
      body(principal, ROLES.blobReader, 'User'),
    )
    expect(wrong.json.error.code).toBe('UnmatchedPrincipalType')
  })

  it('validates the role definition, the principal id and the principal type', () => {
    const { sandbox } = testSandbox()
    const unknownRole = call(
      sandbox,
      'PUT',
      assignment(STORE, NAME_A),
      body(USER, '99999999-9999-4999-8999-999999999999', 'User'),
    )
    expect(unknownRole.json.error.code).toBe('RoleDefinitionDoesNotExist')
    expect(
      call(sandbox, 'PUT', assignment(STORE, NAME_A), body('me', ROLES.reader, 'User')).json.error
        .code,
    ).toBe('InvalidPrincipalId')
    expect(
      call(sandbox, 'PUT', assignment(STORE, NAME_A), body(USER, ROLES.reader, 'Robot')).json.error
        .code,
    ).toBe('InvalidPrincipalType')
  })

  it('the scope must exist', () => {
    const { sandbox } = testSandbox()
    const missingResource = resourceId('Microsoft.Storage/storageAccounts', 'nostore')
    expect(
      call(sandbox, 'PUT', assignment(missingResource, NAME_A), body(USER, ROLES.reader, 'User'))
        .json.error.code,
    ).toBe('ResourceNotFound')
    expect(
      call(
        sandbox,
        'PUT',
        assignment(`${SUB_ID}/resourceGroups/none`, NAME_A),
        body(USER, ROLES.reader, 'User'),
      ).json.error.code,
    ).toBe('ResourceGroupNotFound')
    expect(
      call(
        sandbox,
        'PUT',
        assignment('/subscriptions/99999999-9999-9999-9999-999999999999', NAME_A),
        body(USER, ROLES.reader, 'User'),
      ).json.error.code,
    ).toBe('SubscriptionNotFound')
  })

  it('GET 404 RoleAssignmentNotFound; DELETE 200 with the body, then 204', () => {
    const { sandbox } = testSandbox()
    expect(call(sandbox, 'GET', assignment(STORE, NAME_A)).json.error.code).toBe(
      'RoleAssignmentNotFound',
    )
    const created = call(
      sandbox,
      'PUT',
      assignment(STORE, NAME_A),
      body(USER, ROLES.reader, 'User'),
    )
    expect(call(sandbox, 'GET', assignment(RG_ID, NAME_A)).status).toBe(404)
    const deleted = call(sandbox, 'DELETE', assignment(STORE, NAME_A))
    expect(deleted.status).toBe(200)
    expect(deleted.json).toEqual(created.json)
    expect(call(sandbox, 'DELETE', assignment(STORE, NAME_A)).status).toBe(204)
  })
})
