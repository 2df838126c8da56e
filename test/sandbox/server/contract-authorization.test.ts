import { describe, expect, it } from 'vitest'
import {
  captured,
  contractClients,
  example,
  expectShape,
  failure,
  LIVE_ASSIGNMENT_EXTRAS,
  rawJson,
  roleDef,
  STORE,
  TARGETS,
  USER,
} from '../contract-support.ts'
import { RG_ID, resourceId, ROLES, SUB_ID } from '../support.ts'

describe.each(TARGETS)(
  'ARM authorization contract over the %s sandbox with the Azure SDK',
  (kind) => {
    const s = contractClients(kind)

    it('role definitions: get like the spec example (subscription form), list by roleName', async () => {
      const c = captured()
      const def = await s.auth.roleDefinitions.get(SUB_ID, ROLES.blobReader, {
        onResponse: c.onResponse,
      })
      expect(def).toMatchObject({
        roleName: 'Storage Blob Data Reader',
        id: roleDef(ROLES.blobReader),
      })
      expectShape(rawJson(c.box), example('GetRoleDefinitionById', '200'), [
        'createdOn',
        'updatedOn',
        'createdBy',
        'updatedBy',
      ])
      const found: string[] = []
      for await (const d of s.auth.roleDefinitions.list(RG_ID, {
        filter: "roleName eq 'Storage Blob Data Contributor'",
      }))
        found.push(d.name ?? '')
      expect(found).toEqual([ROLES.blobContributor])
    })

    it('role assignments: create 201/200, get, list (atScope, principalId, pages), delete 200/204 — shapes as the examples', async () => {
      const name = '05c5a614-a7d6-4502-b150-c2fb455033ff'
      const c = captured()
      const params = {
        roleDefinitionId: roleDef(ROLES.blobReader),
        principalId: USER,
        principalType: 'User' as const,
      }
      const created = await s.auth.roleAssignments.create(STORE, name, params, {
        onResponse: c.onResponse,
      })
      expect(c.box.response?.status).toBe(201)
      expectShape(
        rawJson(c.box),
        example('RoleAssignments_CreateForResource', '201'),
        LIVE_ASSIGNMENT_EXTRAS,
      )
      expect(created).toMatchObject({
        name,
        scope: STORE,
        roleDefinitionId: roleDef(ROLES.blobReader),
        principalType: 'User',
      })
      expect(created.createdOn).toBeInstanceOf(Date)
      await s.auth.roleAssignments.create(STORE, name, params, { onResponse: c.onResponse })
      expect(c.box.response?.status).toBe(200)
      expect((await s.auth.roleAssignments.getById(created.id ?? '')).name).toBe(name)
      for (let i = 0; i < 4; i++)
        await s.auth.roleAssignments.create(RG_ID, `a0000000-0000-4000-8000-00000000000${i}`, {
          roleDefinitionId: roleDef(ROLES.reader),
          principalId: `c0000000-0000-4000-8000-00000000000${i}`,
          principalType: 'Group',
        })
      const pages: number[] = []
      for await (const page of s.auth.roleAssignments.listForScope(STORE).byPage())
        pages.push(page.length)
      expect(pages).toEqual([3, 2])
      const atRg: string[] = []
      for await (const a of s.auth.roleAssignments.listForScope(RG_ID, { filter: 'atScope()' }))
        atRg.push(a.name ?? '')
      expect(atRg).toHaveLength(4)
      const mine: string[] = []
      for await (const a of s.auth.roleAssignments.listForScope(SUB_ID, {
        filter: `principalId eq '${USER}'`,
      }))
        mine.push(a.name ?? '')
      expect(mine).toEqual([name])
      const listRaw = await s.h.raw(
        'GET',
        `${STORE}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(`principalId eq '${USER}'`)}`,
      )
      expectShape(
        listRaw.json,
        example('RoleAssignments_ListForScope', '200'),
        LIVE_ASSIGNMENT_EXTRAS,
      )
      await s.auth.roleAssignments.delete(STORE, name, { onResponse: c.onResponse })
      expect(c.box.response?.status).toBe(200)
      expectShape(rawJson(c.box), example('RoleAssignments_Delete', '200'), LIVE_ASSIGNMENT_EXTRAS)
      await s.auth.roleAssignments.delete(STORE, name, { onResponse: c.onResponse })
      expect(c.box.response?.status).toBe(204)
    })

    it('role assignment errors: InvalidRoleAssignmentId, RoleAssignmentExists, UpdateNotPermitted, scope must exist', async () => {
      const params = {
        roleDefinitionId: roleDef(ROLES.blobReader),
        principalId: USER,
        principalType: 'User' as const,
      }
      const invalid = await failure(() =>
        s.auth.roleAssignments.create(STORE, 'my-assignment', params),
      )
      expect([invalid.statusCode, invalid.code]).toEqual([400, 'InvalidRoleAssignmentId'])
      await s.auth.roleAssignments.create(STORE, '11111111-0000-4000-8000-000000000001', params)
      const exists = await failure(() =>
        s.auth.roleAssignments.create(STORE, '11111111-0000-4000-8000-000000000002', params),
      )
      expect([exists.statusCode, exists.code]).toEqual([409, 'RoleAssignmentExists'])
      expect(exists.message).toContain('11111111000040008000000000000001')
      const update = await failure(() =>
        s.auth.roleAssignments.create(STORE, '11111111-0000-4000-8000-000000000001', {
          ...params,
          roleDefinitionId: roleDef(ROLES.reader),
        }),
      )
      expect([update.statusCode, update.code]).toEqual([400, 'RoleAssignmentUpdateNotPermitted'])
      const noScope = await failure(() =>
        s.auth.roleAssignments.create(
          resourceId('Microsoft.Storage/storageAccounts', 'ghost'),
          '11111111-0000-4000-8000-000000000003',
          params,
        ),
      )
      expect([noScope.statusCode, noScope.code]).toEqual([404, 'ResourceNotFound'])
    })

    it('role assignments with an ABAC condition: read back through the SDK, and no second one beside them', async () => {
      const condition =
        "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'logs'"
      const params = {
        roleDefinitionId: roleDef(ROLES.blobReader),
        principalId: USER,
        principalType: 'User' as const,
      }
      await s.auth.roleAssignments.create(STORE, '44444444-0000-4000-8000-000000000001', {
        ...params,
        condition,
      })
      const read = await s.auth.roleAssignments.get(STORE, '44444444-0000-4000-8000-000000000001')
      expect([read.condition, read.conditionVersion]).toEqual([condition, '2.0'])
      const listed = []
      for await (const a of s.auth.roleAssignments.listForScope(STORE, {
        filter: `principalId eq '${USER}'`,
      }))
        listed.push([a.name, a.condition, a.conditionVersion])
      expect(listed).toEqual([['44444444-0000-4000-8000-000000000001', condition, '2.0']])
      const unconditional = await failure(() =>
        s.auth.roleAssignments.create(STORE, '44444444-0000-4000-8000-000000000002', params),
      )
      expect([unconditional.statusCode, unconditional.code, unconditional.message]).toEqual([
        409,
        'RoleAssignmentExists',
        'The role assignment already exists. The ID of the existing role assignment is 44444444000040008000000000000001.',
      ])
      const version = await failure(() =>
        s.auth.roleAssignments.create(STORE, '44444444-0000-4000-8000-000000000003', {
          ...params,
          roleDefinitionId: roleDef(ROLES.reader),
          condition,
          conditionVersion: '1.0',
        }),
      )
      expect([version.statusCode, version.code, version.message]).toEqual([
        400,
        'InvalidRoleAssignmentCondition',
        'The given role assignment condition is invalid.',
      ])
    })

    it('PrincipalNotFound for a fresh identity without principalType, gone once sandbox time passes', async () => {
      const mi = await s.msi.userAssignedIdentities.createOrUpdate('sandbox-rg', 'mi-fresh', {
        location: 'westeurope',
      })
      const params = {
        roleDefinitionId: roleDef(ROLES.blobReader),
        principalId: mi.principalId ?? '',
      }
      const early = await failure(() =>
        s.auth.roleAssignments.create(STORE, '22222222-0000-4000-8000-000000000001', params),
      )
      expect([early.statusCode, early.code]).toEqual([400, 'PrincipalNotFound'])
      await s.h.admin('POST', '/clock', { advanceMs: 10 * 60_000 })
      const later = await s.auth.roleAssignments.create(
        STORE,
        '22222222-0000-4000-8000-000000000001',
        params,
      )
      expect(later.principalType).toBe('ServicePrincipal')
    })

    it('403 AuthorizationFailed at chosen scopes, visible up front through permissions', async () => {
      await s.h.admin('PATCH', '/faults', { forbiddenScopes: [RG_ID] })
      const denied = await failure(() =>
        s.auth.roleAssignments.create(STORE, '33333333-0000-4000-8000-000000000001', {
          roleDefinitionId: roleDef(ROLES.reader),
          principalId: USER,
          principalType: 'User',
        }),
      )
      expect([denied.statusCode, denied.code]).toEqual([403, 'AuthorizationFailed'])
      const perms = []
      for await (const p of s.auth.permissions.listForResourceGroup('sandbox-rg')) perms.push(p)
      expect(perms[0]?.notActions).toContain('Microsoft.Authorization/*/Write')
      const atSub = await s.h.raw(
        'GET',
        `${SUB_ID}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`,
      )
      expect(atSub.json.value[0].notActions).toEqual([])
    })
  },
)
