import { describe, expect, it } from 'vitest'
import { call, resourceId, testSandbox, v } from '../support.ts'

const ACCOUNT = resourceId('Microsoft.DocumentDB/databaseAccounts', 'contoso-cosmos')
const NAME = '5b0f43c5-e787-4862-89b1-a653fa9cf747'
const PRINCIPAL = 'ce2ce14e-85d7-4629-bdbc-454d0519d987'
const reader = `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`
const SITE = resourceId('Microsoft.Web/sites', 'contoso-web')
const path = (url: string) => {
  const u = new URL(url)
  return `${u.pathname}${u.search}`
}

describe('Cosmos DB data-plane RBAC', () => {
  it('serves the two built-in sqlRoleDefinitions of an account', () => {
    const { sandbox } = testSandbox()
    const list = call(sandbox, 'GET', v(`${ACCOUNT}/sqlRoleDefinitions`, '2024-05-15'))
    expect(
      list.json.value.map((d: { properties: { roleName: string } }) => d.properties.roleName),
    ).toEqual(['Cosmos DB Built-in Data Reader', 'Cosmos DB Built-in Data Contributor'])
    expect(call(sandbox, 'GET', v(reader, '2024-05-15')).json).toMatchObject({
      id: reader,
      name: '00000000-0000-0000-0000-000000000001',
      properties: { type: 'BuiltInRole', assignableScopes: [ACCOUNT] },
    })
  })

  it('PUT answers 202 with Azure-AsyncOperation; the operation succeeds and the assignment reads back', () => {
    const { sandbox } = testSandbox()
    const url = v(`${ACCOUNT}/sqlRoleAssignments/${NAME}`, '2024-05-15')
    const put = call(sandbox, 'PUT', url, {
      properties: { roleDefinitionId: reader, scope: ACCOUNT, principalId: PRINCIPAL },
    })
    expect(put.status).toBe(202)
    const status = call(sandbox, 'GET', path(put.headers['azure-asyncoperation'] ?? ''))
    expect(status.json.status).toBe('Succeeded')
    expect(call(sandbox, 'GET', path(put.headers.location ?? '')).status).toBe(200)
    const got = call(sandbox, 'GET', url)
    expect(got.json).toEqual({
      id: `${ACCOUNT}/sqlRoleAssignments/${NAME}`,
      name: NAME,
      type: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
      properties: { roleDefinitionId: reader, scope: ACCOUNT, principalId: PRINCIPAL },
    })
    expect(
      call(sandbox, 'GET', v(`${ACCOUNT}/sqlRoleAssignments`, '2024-05-15')).json.value,
    ).toEqual([got.json])
    expect(call(sandbox, 'DELETE', url).status).toBe(202)
    expect(call(sandbox, 'GET', url).status).toBe(404)
    expect(call(sandbox, 'DELETE', url).status).toBe(204)
  })

  it('checks the account, the role definition, the scope and the principal', () => {
    const { sandbox } = testSandbox()
    const put = (account: string, props: object, name = NAME) =>
      call(sandbox, 'PUT', v(`${account}/sqlRoleAssignments/${name}`, '2024-05-15'), {
        properties: props,
      })
    const good = { roleDefinitionId: reader, scope: ACCOUNT, principalId: PRINCIPAL }
    expect(put(ACCOUNT.replace('contoso-cosmos', 'nope'), good).json.error.code).toBe(
      'ParentResourceNotFound',
    )
    expect(put(ACCOUNT, good, 'x').status).toBe(400)
    expect(
      put(ACCOUNT, {
        ...good,
        roleDefinitionId: `${ACCOUNT}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000009`,
      }).status,
    ).toBe(400)
    expect(
      put(ACCOUNT, {
        ...good,
        scope: resourceId('Microsoft.Storage/storageAccounts', 'contosoassets'),
      }).status,
    ).toBe(400)
    expect(put(ACCOUNT, { ...good, principalId: 'someone' }).status).toBe(400)
    expect(put(ACCOUNT, { ...good, scope: `${ACCOUNT}/dbs/orders` }).status).toBe(202)
  })
})

describe('App Service app settings', () => {
  it('PUT replaces the settings, POST …/list reads them, GET is refused', () => {
    const { sandbox } = testSandbox()
    const settings = v(`${SITE}/config/appsettings`, '2023-12-01')
    const list = v(`${SITE}/config/appsettings/list`, '2023-12-01')
    expect(call(sandbox, 'POST', list).json).toEqual({
      id: `${SITE}/config/appsettings`,
      name: 'appsettings',
      type: 'Microsoft.Web/sites/config',
      location: 'westeurope',
      properties: {},
    })
    expect(call(sandbox, 'PUT', settings, { properties: { A: '1', B: '2' } }).status).toBe(200)
    expect(call(sandbox, 'PUT', settings, { properties: { B: '3' } }).json.properties).toEqual({
      B: '3',
    })
    expect(call(sandbox, 'POST', list).json.properties).toEqual({ B: '3' })
    expect(call(sandbox, 'GET', settings).status).toBe(405)
    expect(call(sandbox, 'GET', v(`${SITE}/config/web`, '2023-12-01')).json.properties).toEqual({})
    expect(
      call(
        sandbox,
        'POST',
        v(`${SITE.replace('contoso-web', 'ghost')}/config/appsettings/list`, '2023-12-01'),
      ).json.error.code,
    ).toBe('ParentResourceNotFound')
  })
})
