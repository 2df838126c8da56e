import { describe, expect, it } from 'vitest'
import {
  ACCOUNT,
  captured,
  contractClients,
  example,
  expectShape,
  failure,
  LRO,
  rawJson,
  SITE,
  STORE,
  TARGETS,
  USER,
} from '../contract-support.ts'
import { resourceId, SUB, SUB_ID } from '../support.ts'

describe.each(TARGETS)('ARM resource contract over the %s sandbox with the Azure SDK', (kind) => {
  const s = contractClients(kind)

  it('subscriptions: list and get', async () => {
    const list = await s.h.raw('GET', '/subscriptions?api-version=2022-12-01')
    expect(list.json.value[0]).toMatchObject({ subscriptionId: SUB, state: 'Enabled' })
    expect((await s.h.raw('GET', `${SUB_ID}?api-version=2022-12-01`)).json.id).toBe(SUB_ID)
  })

  it('requires a token (401) and api-version (400)', async () => {
    const noToken = await s.h.raw('GET', `${SUB_ID}?api-version=2022-12-01`, undefined, {})
    expect(noToken.status).toBe(401)
    expect(noToken.json.error.code).toBe('AuthenticationFailed')
    const noVersion = await s.h.raw('GET', SUB_ID)
    expect(noVersion.status).toBe(400)
    expect(noVersion.json.error.code).toBe('MissingApiVersionParameter')
  })

  it('resource groups: create 201/200, get, list, exists, update, delete (LRO)', async () => {
    const c = captured()
    await s.arm.resourceGroups.createOrUpdate(
      'rg-contract',
      { location: 'westeurope' },
      { onResponse: c.onResponse },
    )
    expect(c.box.response?.status).toBe(201)
    await s.arm.resourceGroups.createOrUpdate(
      'rg-contract',
      { location: 'westeurope' },
      { onResponse: c.onResponse },
    )
    expect(c.box.response?.status).toBe(200)
    expect((await s.arm.resourceGroups.get('RG-CONTRACT')).name).toBe('rg-contract')
    const names: string[] = []
    for await (const g of s.arm.resourceGroups.list()) names.push(g.name ?? '')
    expect(names).toEqual(['sandbox-rg', 'rg-contract'])
    expect((await s.arm.resourceGroups.checkExistence('rg-contract')).body).toBe(true)
    expect(
      (await s.arm.resourceGroups.update('rg-contract', { tags: { team: 'id' } })).tags,
    ).toEqual({ team: 'id' })
    await s.arm.resourceGroups.beginDeleteAndWait('rg-contract', LRO)
    expect((await s.arm.resourceGroups.checkExistence('rg-contract')).body).toBe(false)
    const missing = await failure(() => s.arm.resourceGroups.get('rg-contract'))
    expect([missing.statusCode, missing.code]).toEqual([404, 'ResourceGroupNotFound'])
  })

  it('generic resources: PUT 201/200, GET, PATCH identity, LIST with $filter, DELETE 200/204, 404s', async () => {
    const id = resourceId('Microsoft.Web/sites', 'contract-app')
    const c = captured()
    await s.arm.resources.beginCreateOrUpdateByIdAndWait(
      id,
      '2023-12-01',
      { location: 'westeurope', kind: 'app', properties: {} },
      { ...LRO, onResponse: c.onResponse },
    )
    expect(c.box.response?.status).toBe(201)
    await s.arm.resources.beginCreateOrUpdateByIdAndWait(
      id,
      '2023-12-01',
      { location: 'westeurope', kind: 'app' },
      { ...LRO, onResponse: c.onResponse },
    )
    expect(c.box.response?.status).toBe(200)
    const got = await s.arm.resources.getById(id, '2023-12-01')
    expect(got).toMatchObject({
      id,
      name: 'contract-app',
      type: 'Microsoft.Web/sites',
      kind: 'app',
      location: 'westeurope',
    })
    const patched = await s.arm.resources.beginUpdateByIdAndWait(
      id,
      '2023-12-01',
      { identity: { type: 'SystemAssigned' } },
      LRO,
    )
    expect(patched.identity?.principalId).toMatch(/^[0-9a-f-]{36}$/)
    const listed: string[] = []
    for await (const r of s.arm.resources.listByResourceGroup('sandbox-rg', {
      filter: "resourceType eq 'Microsoft.Web/sites'",
    }))
      listed.push(r.name ?? '')
    expect(listed).toContain('contract-app')
    expect(listed).toHaveLength(6)
    expect((await s.arm.resources.checkExistenceById(id, '2023-12-01')).body).toBe(true)
    await s.arm.resources.beginDeleteByIdAndWait(id, '2023-12-01', {
      ...LRO,
      onResponse: c.onResponse,
    })
    expect(c.box.response?.status).toBe(200)
    await s.arm.resources.beginDeleteByIdAndWait(id, '2023-12-01', {
      ...LRO,
      onResponse: c.onResponse,
    })
    expect(c.box.response?.status).toBe(204)
    const gone = await failure(() => s.arm.resources.getById(id, '2023-12-01'))
    expect([gone.statusCode, gone.code]).toEqual([404, 'ResourceNotFound'])
    const noGroup = await failure(() =>
      s.arm.resources.getById(id.replace('sandbox-rg', 'nope'), '2023-12-01'),
    )
    expect(noGroup.code).toBe('ResourceGroupNotFound')
  })

  it('user-assigned identities (arm-msi): create like the spec example, get, list, update, delete', async () => {
    const c = captured()
    const created = await s.msi.userAssignedIdentities.createOrUpdate(
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
    await s.msi.userAssignedIdentities.createOrUpdate(
      'sandbox-rg',
      'mi-contract',
      { location: 'westeurope' },
      { onResponse: c.onResponse },
    )
    expect(c.box.response?.status).toBe(200)
    const { tags: _tags, ...untagged } = example('IdentityCreate', '200')
    expectShape(rawJson(c.box), untagged)
    expect((await s.msi.userAssignedIdentities.get('sandbox-rg', 'mi-contract')).principalId).toBe(
      created.principalId,
    )
    const names: string[] = []
    for await (const i of s.msi.userAssignedIdentities.listByResourceGroup('sandbox-rg'))
      names.push(i.name ?? '')
    expect(names).toEqual(['mi-contract'])
    expect(
      (await s.msi.userAssignedIdentities.update('sandbox-rg', 'mi-contract', { tags: { a: 'b' } }))
        .tags,
    ).toEqual({ a: 'b' })
    await s.msi.userAssignedIdentities.delete('sandbox-rg', 'mi-contract')
    expect(
      (await failure(() => s.msi.userAssignedIdentities.get('sandbox-rg', 'mi-contract')))
        .statusCode,
    ).toBe(404)
  })

  it('identity property: userAssignedIdentities resolve to the identity’s principal and client ids', async () => {
    const mi = await s.msi.userAssignedIdentities.createOrUpdate('sandbox-rg', 'mi-app', {
      location: 'westeurope',
    })
    const site = await s.arm.resources.beginUpdateByIdAndWait(
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

  it('Cosmos DB sqlRoleAssignments through the generic client: the LRO completes, reads back, deletes', async () => {
    const id = `${ACCOUNT}/sqlRoleAssignments/44444444-0000-4000-8000-000000000001`
    const body = {
      properties: {
        roleDefinitionId: `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002`,
        scope: ACCOUNT,
        principalId: USER,
      },
    }
    const done = await s.arm.resources.beginCreateOrUpdateByIdAndWait(id, '2024-05-15', body, LRO)
    expect(done.properties).toEqual(body.properties)
    const listed = await s.h.raw('GET', `${ACCOUNT}/sqlRoleAssignments?api-version=2024-05-15`)
    expect(listed.json.value.map((a: { id: string }) => a.id)).toEqual([id])
    await s.arm.resources.beginDeleteByIdAndWait(id, '2024-05-15', LRO)
    expect((await s.h.raw('GET', `${id}?api-version=2024-05-15`)).status).toBe(404)
    const defs = await s.h.raw('GET', `${ACCOUNT}/sqlRoleDefinitions?api-version=2024-05-15`)
    expect(defs.json.value).toHaveLength(2)
  })

  it('App Service app settings: PUT, then POST …/list answers { properties: { NAME: value } }', async () => {
    const put = await s.h.raw('PUT', `${SITE}/config/appsettings?api-version=2023-12-01`, {
      properties: { AZURE_CLIENT_ID: 'abc' },
    })
    expect(put.status).toBe(200)
    const list = await s.h.raw('POST', `${SITE}/config/appsettings/list?api-version=2023-12-01`)
    expect(list.json.properties).toEqual({ AZURE_CLIENT_ID: 'abc' })
  })

  it('accepts the SDK’s //-prefixed scope paths and ids in any case', async () => {
    const list: string[] = []
    for await (const a of s.auth.roleAssignments.listForScope(
      STORE.toUpperCase().replace('/SUBSCRIPTIONS', '/subscriptions'),
    ))
      list.push(a.name ?? '')
    expect(list).toEqual([])
    expect((await s.h.raw('GET', `/${STORE}?api-version=2023-01-01`)).json.name).toBe(
      'contosoassets',
    )
  })
})
