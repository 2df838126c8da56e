import { describe, expect, it } from 'vitest'
import { call, RG_ID, resourceId, SUB_ID, testSandbox, v } from '../support.ts'

const STORAGE = 'Microsoft.Storage/storageAccounts'

describe('generic resources', () => {
  const id = resourceId(STORAGE, 'newstore')

  it('PUT 201 then 200 with the provider’s type spelling, DELETE 200 then 204', () => {
    const { sandbox } = testSandbox()
    const lower = id.replace(
      'Microsoft.Storage/storageAccounts',
      'microsoft.storage/STORAGEACCOUNTS',
    )
    const created = call(sandbox, 'PUT', v(lower, '2023-01-01'), {
      location: 'westeurope',
      kind: 'StorageV2',
      sku: { name: 'Standard_LRS' },
      properties: { minimumTlsVersion: 'TLS1_2' },
    })
    expect(created.status).toBe(201)
    expect(created.json).toEqual({
      id,
      name: 'newstore',
      type: STORAGE,
      kind: 'StorageV2',
      location: 'westeurope',
      sku: { name: 'Standard_LRS' },
      properties: { minimumTlsVersion: 'TLS1_2', provisioningState: 'Succeeded' },
    })
    expect(call(sandbox, 'PUT', v(id, '2023-01-01'), { location: 'westeurope' }).status).toBe(200)
    expect(call(sandbox, 'DELETE', v(id, '2023-01-01')).status).toBe(200)
    expect(call(sandbox, 'DELETE', v(id, '2023-01-01')).status).toBe(204)
    const gone = call(sandbox, 'GET', v(id, '2023-01-01'))
    expect(gone.status).toBe(404)
    expect(gone.json.error).toEqual({
      code: 'ResourceNotFound',
      message: expect.stringContaining(
        `'${STORAGE}/newstore' under resource group 'sandbox-rg' was not found`,
      ),
    })
  })

  it('answers ResourceGroupNotFound, ParentResourceNotFound, LocationRequired and InvalidRequestContent', () => {
    const { sandbox } = testSandbox()
    const otherGroup = id.replace('sandbox-rg', 'missing-rg')
    expect(call(sandbox, 'PUT', v(otherGroup), { location: 'westeurope' }).json.error.code).toBe(
      'ResourceGroupNotFound',
    )
    expect(call(sandbox, 'GET', v(otherGroup)).json.error.code).toBe('ResourceGroupNotFound')
    const orphan = resourceId('Microsoft.Sql/servers/databases', 'nosrv/db')
    expect(call(sandbox, 'PUT', v(orphan), { location: 'westeurope' })).toMatchObject({
      status: 404,
      json: { error: { code: 'ParentResourceNotFound' } },
    })
    expect(call(sandbox, 'PUT', v(id), { kind: 'StorageV2' }).json.error.code).toBe(
      'LocationRequired',
    )
    expect(call(sandbox, 'PUT', v(id), '{not json').json.error.code).toBe('InvalidRequestContent')
  })

  it('PATCH merges properties and replaces tags; 404 when absent', () => {
    const { sandbox } = testSandbox()
    call(sandbox, 'PUT', v(id), {
      location: 'westeurope',
      tags: { a: '1' },
      properties: { x: { y: 1, z: 2 }, keep: true },
    })
    const r = call(sandbox, 'PATCH', v(id), {
      tags: { b: '2' },
      properties: { x: { z: null, w: 3 } },
    })
    expect(r.status).toBe(200)
    expect(r.json.tags).toEqual({ b: '2' })
    expect(r.json.properties).toEqual({
      x: { y: 1, w: 3 },
      keep: true,
      provisioningState: 'Succeeded',
    })
    expect(call(sandbox, 'PATCH', v(resourceId(STORAGE, 'absent')), {}).status).toBe(404)
  })

  it('lists a group’s resources with $filter=resourceType eq … (full child names, no properties)', () => {
    const { sandbox } = testSandbox()
    const sites = call(
      sandbox,
      'GET',
      v(`${RG_ID}/resources?$filter=resourceType eq 'microsoft.web/sites'`, '2021-04-01'),
    )
    expect(sites.status).toBe(200)
    expect(sites.json.value.map((r: { name: string }) => r.name)).toEqual([
      'contoso-web',
      'contoso-web-1',
      'contoso-web-2',
      'contoso-func',
      'contoso-orders-worker',
    ])
    expect(sites.json.value[0]).toEqual({
      id: resourceId('Microsoft.Web/sites', 'contoso-web'),
      name: 'contoso-web',
      type: 'Microsoft.Web/sites',
      kind: 'app',
      location: 'westeurope',
    })
    const dbs = call(
      sandbox,
      'GET',
      v(
        `${RG_ID}/resources?$filter=resourceType eq 'Microsoft.Sql/servers/databases'`,
        '2021-04-01',
      ),
    )
    expect(dbs.json.value.map((r: { name: string }) => r.name)).toEqual(['contoso-sql/orders'])
    const named = call(
      sandbox,
      'GET',
      v(
        `${RG_ID}/resources?$filter=name eq 'contoso-func' and resourceType eq 'Microsoft.Web/sites'`,
        '2021-04-01',
      ),
    )
    expect(named.json.value).toHaveLength(1)
    expect(named.json.value[0].kind).toBe('functionapp')
    expect(
      call(sandbox, 'GET', v(`${RG_ID}/resources?$filter=tagName eq 'x'`, '2021-04-01')).status,
    ).toBe(400)
  })

  it('pages lists with an absolute nextLink that carries api-version and $filter', () => {
    const { sandbox } = testSandbox({ options: { pageSize: 4 } })
    const seen: string[] = []
    let url: string | undefined = v(
      `${RG_ID}/resources?$filter=resourceType eq 'Microsoft.Web/sites'`,
      '2021-04-01',
    )
    let pages = 0
    while (url) {
      const page = call(sandbox, 'GET', url)
      pages++
      seen.push(...page.json.value.map((r: { name: string }) => r.name))
      const next: string | undefined = page.json.nextLink
      if (next) {
        const link = new URL(next)
        expect(link.origin).toBe('https://sandbox.test')
        expect(link.pathname).toBe(`${RG_ID}/resources`)
        expect(link.searchParams.get('api-version')).toBe('2021-04-01')
        expect(link.searchParams.get('$filter')).toBe("resourceType eq 'Microsoft.Web/sites'")
        expect(link.searchParams.get('$skipToken')).toBe('4')
        url = next.replace('https://sandbox.test', '')
      } else url = undefined
    }
    expect(pages).toBe(2)
    expect(seen).toHaveLength(5)
  })

  it('lists a provider collection in a group and across the subscription', () => {
    const { sandbox } = testSandbox()
    const inGroup = call(sandbox, 'GET', v(`${RG_ID}/providers/Microsoft.KeyVault/vaults`))
    expect(inGroup.json.value.map((r: { name: string }) => r.name)).toEqual([
      'kv-contoso',
      'kv-contoso-orders',
    ])
    expect(inGroup.json.value[0].properties).toEqual({
      provisioningState: 'Succeeded',
      tenantId: '22222222-2222-2222-2222-222222222222',
      enableRbacAuthorization: true,
      accessPolicies: [],
    })
    const dbs = call(
      sandbox,
      'GET',
      v(`${RG_ID}/providers/Microsoft.Sql/servers/contoso-sql/databases`),
    )
    expect(dbs.json.value.map((r: { name: string }) => r.name)).toEqual(['orders'])
    const all = call(sandbox, 'GET', v(`${SUB_ID}/providers/Microsoft.KeyVault/vaults`))
    expect(all.json.value).toHaveLength(2)
    expect(
      call(sandbox, 'GET', v(`${RG_ID}/providers/Microsoft.Sql/servers/nosrv/databases`)).status,
    ).toBe(404)
  })

  it('answers an unknown path with a 404 error body', () => {
    const { sandbox } = testSandbox()
    const r = call(sandbox, 'GET', v('/providers/Microsoft.Foo/bars'))
    expect(r.status).toBe(404)
    expect(Object.keys(r.json.error)).toEqual(['code', 'message'])
  })
})
