import { readFileSync } from 'node:fs'
import { AuthorizationManagementClient } from '@azure/arm-authorization'
import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { ResourceManagementClient } from '@azure/arm-resources'
import type { FullOperationResponse } from '@azure/core-client'
import { isRestError, type RestError } from '@azure/core-rest-pipeline'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sandboxCredential } from '@/sandbox/client-options.ts'
import { type Harness, httpsHarness, inPageHarness, shapeOf } from '../sdk-support.ts'
import { RG_ID, resourceId, ROLES, SUB, SUB_ID } from '../support.ts'

const example = (name: string, status: string) =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/arm-examples/${name}.json`, import.meta.url), 'utf8'),
  ).responses[status].body

/** Live ARM's role assignment fields beyond the spec example (2022-04-01). */
const LIVE_ASSIGNMENT_EXTRAS = [
  'condition',
  'conditionVersion',
  'createdOn',
  'updatedOn',
  'createdBy',
  'updatedBy',
  'delegatedManagedIdentityResourceId',
  'description',
]

function expectShape(ours: unknown, theirs: unknown, extras: readonly string[] = []) {
  const mine = shapeOf(ours)
  const missing = shapeOf(theirs).filter((p) => !mine.includes(p))
  expect(missing).toEqual([])
  const extra = mine
    .filter((p) => !shapeOf(theirs).includes(p))
    .map((p) => p.split(':')[0]?.split('.').pop())
  expect(extra.filter((k) => !extras.includes(k ?? ''))).toEqual([])
}

const captured = () => {
  const box: { response?: FullOperationResponse } = {}
  return { box, onResponse: (r: FullOperationResponse) => void (box.response = r) }
}
const rawJson = (box: { response?: FullOperationResponse }) =>
  JSON.parse(box.response?.bodyAsText ?? 'null')

async function failure(run: () => Promise<unknown>): Promise<RestError> {
  try {
    await run()
  } catch (e) {
    // The SDK packages load core-rest-pipeline as CommonJS: compare by shape, not class.
    if (isRestError(e)) return e
    throw e
  }
  throw new Error('expected the call to fail')
}

const USER = 'ce2ce14e-85d7-4629-bdbc-454d0519d987'
const STORE = resourceId('Microsoft.Storage/storageAccounts', 'contosoassets')
const SITE = resourceId('Microsoft.Web/sites', 'contoso-web')
const ACCOUNT = resourceId('Microsoft.DocumentDB/databaseAccounts', 'contoso-cosmos')
const roleDef = (guid: string) =>
  `${SUB_ID}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
const LRO = { updateIntervalInMs: 1 }

describe.each(['https', 'in-page'] as const)(
  'ARM contract over the %s sandbox with the Azure SDK',
  (kind) => {
    let h: Harness
    let auth: AuthorizationManagementClient
    let msi: ManagedServiceIdentityClient
    let arm: ResourceManagementClient

    beforeAll(async () => {
      h =
        kind === 'https'
          ? await httpsHarness({
              options: { pageSize: 3, faults: { throttle: { enabled: false } } },
            })
          : inPageHarness({ options: { pageSize: 3, faults: { throttle: { enabled: false } } } })
      auth = new AuthorizationManagementClient(sandboxCredential, SUB, h.clientOptions())
      msi = new ManagedServiceIdentityClient(sandboxCredential, SUB, h.clientOptions())
      arm = new ResourceManagementClient(sandboxCredential, SUB, h.clientOptions())
    })
    afterAll(() => h.close())
    beforeEach(async () => {
      await h.admin('POST', '/reset')
      await h.admin('PATCH', '/faults', { throttle: { enabled: false } })
    })

    it('subscriptions: list and get', async () => {
      const list = await h.raw('GET', '/subscriptions?api-version=2022-12-01')
      expect(list.json.value[0]).toMatchObject({ subscriptionId: SUB, state: 'Enabled' })
      expect((await h.raw('GET', `${SUB_ID}?api-version=2022-12-01`)).json.id).toBe(SUB_ID)
    })

    it('requires a token (401) and api-version (400)', async () => {
      const noToken = await h.raw('GET', `${SUB_ID}?api-version=2022-12-01`, undefined, {})
      expect(noToken.status).toBe(401)
      expect(noToken.json.error.code).toBe('AuthenticationFailed')
      const noVersion = await h.raw('GET', SUB_ID)
      expect(noVersion.status).toBe(400)
      expect(noVersion.json.error.code).toBe('MissingApiVersionParameter')
    })

    it('resource groups: create 201/200, get, list, exists, update, delete (LRO)', async () => {
      const c = captured()
      await arm.resourceGroups.createOrUpdate(
        'rg-contract',
        { location: 'westeurope' },
        { onResponse: c.onResponse },
      )
      expect(c.box.response?.status).toBe(201)
      await arm.resourceGroups.createOrUpdate(
        'rg-contract',
        { location: 'westeurope' },
        { onResponse: c.onResponse },
      )
      expect(c.box.response?.status).toBe(200)
      expect((await arm.resourceGroups.get('RG-CONTRACT')).name).toBe('rg-contract')
      const names: string[] = []
      for await (const g of arm.resourceGroups.list()) names.push(g.name ?? '')
      expect(names).toEqual(['sandbox-rg', 'rg-contract'])
      expect((await arm.resourceGroups.checkExistence('rg-contract')).body).toBe(true)
      expect(
        (await arm.resourceGroups.update('rg-contract', { tags: { team: 'id' } })).tags,
      ).toEqual({ team: 'id' })
      await arm.resourceGroups.beginDeleteAndWait('rg-contract', LRO)
      expect((await arm.resourceGroups.checkExistence('rg-contract')).body).toBe(false)
      const missing = await failure(() => arm.resourceGroups.get('rg-contract'))
      expect([missing.statusCode, missing.code]).toEqual([404, 'ResourceGroupNotFound'])
    })

    it('generic resources: PUT 201/200, GET, PATCH identity, LIST with $filter, DELETE 200/204, 404s', async () => {
      const id = resourceId('Microsoft.Web/sites', 'contract-app')
      const c = captured()
      await arm.resources.beginCreateOrUpdateByIdAndWait(
        id,
        '2023-12-01',
        { location: 'westeurope', kind: 'app', properties: {} },
        { ...LRO, onResponse: c.onResponse },
      )
      expect(c.box.response?.status).toBe(201)
      await arm.resources.beginCreateOrUpdateByIdAndWait(
        id,
        '2023-12-01',
        { location: 'westeurope', kind: 'app' },
        { ...LRO, onResponse: c.onResponse },
      )
      expect(c.box.response?.status).toBe(200)
      const got = await arm.resources.getById(id, '2023-12-01')
      expect(got).toMatchObject({
        id,
        name: 'contract-app',
        type: 'Microsoft.Web/sites',
        kind: 'app',
        location: 'westeurope',
      })
      const patched = await arm.resources.beginUpdateByIdAndWait(
        id,
        '2023-12-01',
        { identity: { type: 'SystemAssigned' } },
        LRO,
      )
      expect(patched.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/)
      const listed: string[] = []
      for await (const r of arm.resources.listByResourceGroup('sandbox-rg', {
        filter: "resourceType eq 'Microsoft.Web/sites'",
      }))
        listed.push(r.name ?? '')
      expect(listed).toContain('contract-app')
      expect(listed).toHaveLength(6)
      expect((await arm.resources.checkExistenceById(id, '2023-12-01')).body).toBe(true)
      await arm.resources.beginDeleteByIdAndWait(id, '2023-12-01', {
        ...LRO,
        onResponse: c.onResponse,
      })
      expect(c.box.response?.status).toBe(200)
      await arm.resources.beginDeleteByIdAndWait(id, '2023-12-01', {
        ...LRO,
        onResponse: c.onResponse,
      })
      expect(c.box.response?.status).toBe(204)
      const gone = await failure(() => arm.resources.getById(id, '2023-12-01'))
      expect([gone.statusCode, gone.code]).toEqual([404, 'ResourceNotFound'])
      const noGroup = await failure(() =>
        arm.resources.getById(id.replace('sandbox-rg', 'nope'), '2023-12-01'),
      )
      expect(noGroup.code).toBe('ResourceGroupNotFound')
    })

    it('user-assigned identities (arm-msi): create like the spec example, get, list, update, delete', async () => {
      const c = captured()
      const created = await msi.userAssignedIdentities.createOrUpdate(
        'sandbox-rg',
        'mi-contract',
        { location: 'westeurope', tags: { key1: 'value1' } },
        { onResponse: c.onResponse },
      )
      expect(c.box.response?.status).toBe(201)
      // Tag names are data, not shape: compare with the example's tags replaced by ours.
      expectShape(rawJson(c.box), { ...example('IdentityCreate', '201'), tags: { key1: 'value1' } })
      expect(created).toMatchObject({
        name: 'mi-contract',
        tenantId: '22222222-2222-2222-2222-222222222222',
      })
      await msi.userAssignedIdentities.createOrUpdate(
        'sandbox-rg',
        'mi-contract',
        { location: 'westeurope' },
        { onResponse: c.onResponse },
      )
      expect(c.box.response?.status).toBe(200)
      const { tags: _tags, ...untagged } = example('IdentityCreate', '200')
      expectShape(rawJson(c.box), untagged)
      expect((await msi.userAssignedIdentities.get('sandbox-rg', 'mi-contract')).principalId).toBe(
        created.principalId,
      )
      const names: string[] = []
      for await (const i of msi.userAssignedIdentities.listByResourceGroup('sandbox-rg'))
        names.push(i.name ?? '')
      expect(names).toEqual(['mi-contract'])
      expect(
        (await msi.userAssignedIdentities.update('sandbox-rg', 'mi-contract', { tags: { a: 'b' } }))
          .tags,
      ).toEqual({ a: 'b' })
      await msi.userAssignedIdentities.delete('sandbox-rg', 'mi-contract')
      expect(
        (await failure(() => msi.userAssignedIdentities.get('sandbox-rg', 'mi-contract')))
          .statusCode,
      ).toBe(404)
    })

    it('identity property: userAssignedIdentities resolve to the identity’s principal and client ids', async () => {
      const mi = await msi.userAssignedIdentities.createOrUpdate('sandbox-rg', 'mi-app', {
        location: 'westeurope',
      })
      const site = await arm.resources.beginUpdateByIdAndWait(
        SITE,
        '2023-12-01',
        {
          identity: {
            type: 'SystemAssigned, UserAssigned',
            userAssignedIdentities: { [mi.id ?? '']: {} },
          },
        },
        LRO,
      )
      expect(site.identity?.type).toBe('SystemAssigned, UserAssigned')
      expect(site.identity?.userAssignedIdentities?.[mi.id ?? '']).toEqual({
        principalId: mi.principalId,
        clientId: mi.clientId,
      })
    })

    it('role definitions: get like the spec example (subscription form), list by roleName', async () => {
      const c = captured()
      const def = await auth.roleDefinitions.get(SUB_ID, ROLES.blobReader, {
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
      for await (const d of auth.roleDefinitions.list(RG_ID, {
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
      const created = await auth.roleAssignments.create(STORE, name, params, {
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
      await auth.roleAssignments.create(STORE, name, params, { onResponse: c.onResponse })
      expect(c.box.response?.status).toBe(200)
      expect((await auth.roleAssignments.getById(created.id ?? '')).name).toBe(name)
      for (let i = 0; i < 4; i++)
        await auth.roleAssignments.create(RG_ID, `a0000000-0000-4000-8000-00000000000${i}`, {
          roleDefinitionId: roleDef(ROLES.reader),
          principalId: `c0000000-0000-4000-8000-00000000000${i}`,
          principalType: 'Group',
        })
      const pages: number[] = []
      for await (const page of auth.roleAssignments.listForScope(STORE).byPage())
        pages.push(page.length)
      expect(pages).toEqual([3, 2])
      const atRg: string[] = []
      for await (const a of auth.roleAssignments.listForScope(RG_ID, { filter: 'atScope()' }))
        atRg.push(a.name ?? '')
      expect(atRg).toHaveLength(4)
      const mine: string[] = []
      for await (const a of auth.roleAssignments.listForScope(SUB_ID, {
        filter: `principalId eq '${USER}'`,
      }))
        mine.push(a.name ?? '')
      expect(mine).toEqual([name])
      const listRaw = await h.raw(
        'GET',
        `${STORE}/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$filter=${encodeURIComponent(`principalId eq '${USER}'`)}`,
      )
      expectShape(
        listRaw.json,
        example('RoleAssignments_ListForScope', '200'),
        LIVE_ASSIGNMENT_EXTRAS,
      )
      await auth.roleAssignments.delete(STORE, name, { onResponse: c.onResponse })
      expect(c.box.response?.status).toBe(200)
      expectShape(rawJson(c.box), example('RoleAssignments_Delete', '200'), LIVE_ASSIGNMENT_EXTRAS)
      await auth.roleAssignments.delete(STORE, name, { onResponse: c.onResponse })
      expect(c.box.response?.status).toBe(204)
    })

    it('role assignment errors: InvalidRoleAssignmentId, RoleAssignmentExists, UpdateNotPermitted, scope must exist', async () => {
      const params = {
        roleDefinitionId: roleDef(ROLES.blobReader),
        principalId: USER,
        principalType: 'User' as const,
      }
      const invalid = await failure(() =>
        auth.roleAssignments.create(STORE, 'my-assignment', params),
      )
      expect([invalid.statusCode, invalid.code]).toEqual([400, 'InvalidRoleAssignmentId'])
      await auth.roleAssignments.create(STORE, '11111111-0000-4000-8000-000000000001', params)
      const exists = await failure(() =>
        auth.roleAssignments.create(STORE, '11111111-0000-4000-8000-000000000002', params),
      )
      expect([exists.statusCode, exists.code]).toEqual([409, 'RoleAssignmentExists'])
      expect(exists.message).toContain('11111111000040008000000000000001')
      const update = await failure(() =>
        auth.roleAssignments.create(STORE, '11111111-0000-4000-8000-000000000001', {
          ...params,
          roleDefinitionId: roleDef(ROLES.reader),
        }),
      )
      expect([update.statusCode, update.code]).toEqual([400, 'RoleAssignmentUpdateNotPermitted'])
      const noScope = await failure(() =>
        auth.roleAssignments.create(
          resourceId('Microsoft.Storage/storageAccounts', 'ghost'),
          '11111111-0000-4000-8000-000000000003',
          params,
        ),
      )
      expect([noScope.statusCode, noScope.code]).toEqual([404, 'ResourceNotFound'])
    })

    it('PrincipalNotFound for a fresh identity without principalType, gone once sandbox time passes', async () => {
      const mi = await msi.userAssignedIdentities.createOrUpdate('sandbox-rg', 'mi-fresh', {
        location: 'westeurope',
      })
      const params = {
        roleDefinitionId: roleDef(ROLES.blobReader),
        principalId: mi.principalId ?? '',
      }
      const early = await failure(() =>
        auth.roleAssignments.create(STORE, '22222222-0000-4000-8000-000000000001', params),
      )
      expect([early.statusCode, early.code]).toEqual([400, 'PrincipalNotFound'])
      await h.admin('POST', '/clock', { advanceMs: 10 * 60_000 })
      const later = await auth.roleAssignments.create(
        STORE,
        '22222222-0000-4000-8000-000000000001',
        params,
      )
      expect(later.principalType).toBe('ServicePrincipal')
    })

    it('403 AuthorizationFailed at chosen scopes, visible up front through permissions', async () => {
      await h.admin('PATCH', '/faults', { forbiddenScopes: [RG_ID] })
      const denied = await failure(() =>
        auth.roleAssignments.create(STORE, '33333333-0000-4000-8000-000000000001', {
          roleDefinitionId: roleDef(ROLES.reader),
          principalId: USER,
          principalType: 'User',
        }),
      )
      expect([denied.statusCode, denied.code]).toEqual([403, 'AuthorizationFailed'])
      const perms = []
      for await (const p of auth.permissions.listForResourceGroup('sandbox-rg')) perms.push(p)
      expect(perms[0]?.notActions).toContain('Microsoft.Authorization/*/Write')
      const atSub = await h.raw(
        'GET',
        `${SUB_ID}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01`,
      )
      expect(atSub.json.value[0].notActions).toEqual([])
    })

    it('Cosmos DB sqlRoleAssignments through the generic client: the LRO completes, reads back, deletes', async () => {
      const id = `${ACCOUNT}/sqlRoleAssignments/44444444-0000-4000-8000-000000000001`
      const body = {
        properties: {
          roleDefinitionId: `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`,
          scope: ACCOUNT,
          principalId: USER,
        },
      }
      const done = await arm.resources.beginCreateOrUpdateByIdAndWait(id, '2024-05-15', body, LRO)
      expect(done.properties).toEqual(body.properties)
      const listed = await h.raw('GET', `${ACCOUNT}/sqlRoleAssignments?api-version=2024-05-15`)
      expect(listed.json.value.map((a: { id: string }) => a.id)).toEqual([id])
      await arm.resources.beginDeleteByIdAndWait(id, '2024-05-15', LRO)
      expect((await h.raw('GET', `${id}?api-version=2024-05-15`)).status).toBe(404)
      const defs = await h.raw('GET', `${ACCOUNT}/sqlRoleDefinitions?api-version=2024-05-15`)
      expect(defs.json.value).toHaveLength(2)
    })

    it('App Service app settings: PUT, then POST …/list answers { properties: { NAME: value } }', async () => {
      const put = await h.raw('PUT', `${SITE}/config/appsettings?api-version=2023-12-01`, {
        properties: { AZURE_CLIENT_ID: 'abc' },
      })
      expect(put.status).toBe(200)
      const list = await h.raw('POST', `${SITE}/config/appsettings/list?api-version=2023-12-01`)
      expect(list.json.properties).toEqual({ AZURE_CLIENT_ID: 'abc' })
    })

    it('accepts the SDK’s //-prefixed scope paths and ids in any case', async () => {
      const list: string[] = []
      for await (const a of auth.roleAssignments.listForScope(
        STORE.toUpperCase().replace('/SUBSCRIPTIONS', '/subscriptions'),
      ))
        list.push(a.name ?? '')
      expect(list).toEqual([])
      expect((await h.raw('GET', `/${STORE}?api-version=2023-01-01`)).json.name).toBe(
        'contosoassets',
      )
    })
  },
)
