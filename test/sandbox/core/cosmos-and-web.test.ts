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
    const poll = () => call(sandbox, 'GET', path(put.headers['azure-asyncoperation'] ?? ''))
    expect([poll().json.status, poll().headers['retry-after']]).toEqual(['InProgress', '1'])
    expect(call(sandbox, 'GET', path(put.headers.location ?? '')).status).toBe(202)
    sandbox.advanceClock(1000)
    expect(poll().json.status).toBe('Succeeded')
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
    sandbox.advanceClock(1000)
    expect(call(sandbox, 'DELETE', url).status).toBe(204)
  })

  it('locks the account while a data-role write runs: a concurrent one gets 412 PreconditionFailed, other accounts do not', () => {
    const { sandbox } = testSandbox()
    sandbox.seed({
      resources: [{ type: 'Microsoft.DocumentDB/databaseAccounts', name: 'other-cosmos' }],
    })
    const OTHER = resourceId('Microsoft.DocumentDB/databaseAccounts', 'other-cosmos')
    const put = (account: string, name: string) =>
      call(sandbox, 'PUT', v(`${account}/sqlRoleAssignments/${name}`, '2024-05-15'), {
        properties: {
          roleDefinitionId: `${account}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`,
          scope: account,
          principalId: PRINCIPAL,
        },
      })
    expect(put(ACCOUNT, NAME).status).toBe(202)
    const refused = put(ACCOUNT, '7b0f43c5-e787-4862-89b1-a653fa9cf747')
    expect([refused.status, refused.json.error.code]).toEqual([412, 'PreconditionFailed'])
    expect(refused.json.error.message).toMatch(
      /^There is another user operation in progress which requires an exclusive lock on \[contoso-cosmos\]\. Please retry after sometime\./,
    )
    expect(put(OTHER, NAME).status).toBe(202)
    sandbox.advanceClock(999)
    expect(put(ACCOUNT, '7b0f43c5-e787-4862-89b1-a653fa9cf747').status).toBe(412)
    sandbox.advanceClock(1)
    expect(put(ACCOUNT, '7b0f43c5-e787-4862-89b1-a653fa9cf747').status).toBe(202)
    sandbox.setFaults({ locks: { enabled: false } })
    expect(put(ACCOUNT, '8b0f43c5-e787-4862-89b1-a653fa9cf747').status).toBe(202)
  })

  it('takes data-role scopes only at the account, a database or a container', () => {
    const { sandbox } = testSandbox()
    sandbox.setFaults({ locks: { enabled: false } })
    const put = (scope: string) =>
      call(sandbox, 'PUT', v(`${ACCOUNT}/sqlRoleAssignments/${NAME}`, '2024-05-15'), {
        properties: { roleDefinitionId: reader, scope, principalId: PRINCIPAL },
      }).status
    expect(
      [ACCOUNT, `${ACCOUNT}/dbs/orders`, `${ACCOUNT}/dbs/orders/colls/lines`].map(put),
    ).toEqual([202, 202, 202])
    expect(
      [
        `${ACCOUNT}/sqlDatabases/orders`,
        `${ACCOUNT}/dbs`,
        `${ACCOUNT}/dbs/a/b`,
        ACCOUNT.split('/providers')[0]!,
      ].map(put),
    ).toEqual([400, 400, 400, 400])
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
