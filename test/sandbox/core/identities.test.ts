import { describe, expect, it } from 'vitest'
import { call, RG_ID, resourceId, testSandbox, v } from '../support.ts'

const UAI = 'Microsoft.ManagedIdentity/userAssignedIdentities'
const SITE = resourceId('Microsoft.Web/sites', 'contoso-web')
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const TENANT = '22222222-2222-2222-2222-222222222222'

function identity(sandbox: ReturnType<typeof testSandbox>['sandbox'], name: string) {
  return call(sandbox, 'PUT', v(resourceId(UAI, name), '2023-01-31'), {
    location: 'westeurope',
    tags: { k: 'v' },
  })
}

describe('user-assigned identities', () => {
  it('are refused a name Azure refuses (3–128 letters, digits, - and _, first a letter or digit), and nothing is made', () => {
    const { sandbox } = testSandbox()
    for (const name of ['ab', '-mi', '_mi', 'my identity', 'mi"prod"', 'mi🚀', 'x'.repeat(129)]) {
      const answer = identity(sandbox, name)
      expect([answer.status, answer.json.error.code]).toEqual([400, 'InvalidResourceName'])
      expect(answer.json.error.message).toContain(`Resource name '${name}' is invalid`)
    }
    expect(Object.keys(sandbox.snapshot().resources).filter((k) => k.includes('/useras'))).toEqual(
      [],
    )
    for (const name of ['abc', '1mi', 'mi_prod-2', 'x'.repeat(128)])
      expect(identity(sandbox, name).status).toBe(201)
  })

  it('get principal, client and tenant ids at creation and keep them on a second PUT', () => {
    const { sandbox } = testSandbox()
    const first = identity(sandbox, 'mi-one')
    expect(first.status).toBe(201)
    expect(first.json).toEqual({
      id: resourceId(UAI, 'mi-one').replace('/resourceGroups/', '/resourcegroups/'),
      name: 'mi-one',
      type: UAI,
      location: 'westeurope',
      tags: { k: 'v' },
      properties: {
        clientId: expect.stringMatching(GUID),
        principalId: expect.stringMatching(GUID),
        tenantId: TENANT,
      },
    })
    const second = identity(sandbox, 'mi-one')
    expect(second.status).toBe(200)
    expect(second.json.properties).toEqual(first.json.properties)
    expect(sandbox.snapshot().principals[first.json.properties.principalId]).toMatchObject({
      type: 'ServicePrincipal',
    })
  })

  it('are listed in the group and deleted with their principal', () => {
    const { sandbox } = testSandbox()
    const principal = identity(sandbox, 'mi-one').json.properties.principalId
    identity(sandbox, 'mi-two')
    const list = call(sandbox, 'GET', v(`${RG_ID}/providers/${UAI}`, '2023-01-31'))
    expect(list.json.value.map((i: { name: string }) => i.name)).toEqual(['mi-one', 'mi-two'])
    expect(call(sandbox, 'DELETE', v(resourceId(UAI, 'mi-one'), '2023-01-31')).status).toBe(200)
    expect(sandbox.snapshot().principals[principal]).toBeUndefined()
  })
})

describe('the identity property of resources', () => {
  it('SystemAssigned gets a principal and tenant id, kept while it stays on', () => {
    const { sandbox } = testSandbox()
    const on = call(sandbox, 'PATCH', v(SITE, '2023-12-01'), {
      identity: { type: 'SystemAssigned' },
    })
    expect(on.status).toBe(200)
    expect(on.json.identity).toEqual({
      type: 'SystemAssigned',
      principalId: expect.stringMatching(GUID),
      tenantId: TENANT,
    })
    const again = call(sandbox, 'PATCH', v(SITE, '2023-12-01'), { properties: { httpsOnly: true } })
    expect(again.json.identity).toEqual(on.json.identity)
    expect(again.json.properties.httpsOnly).toBe(true)
    const off = call(sandbox, 'PATCH', v(SITE, '2023-12-01'), { identity: { type: 'None' } })
    expect(off.json.identity).toBeUndefined()
    expect(sandbox.snapshot().principals[on.json.identity.principalId]).toBeUndefined()
    const back = call(sandbox, 'PATCH', v(SITE, '2023-12-01'), {
      identity: { type: 'SystemAssigned' },
    })
    expect(back.json.identity.principalId).not.toBe(on.json.identity.principalId)
  })

  it('userAssignedIdentities keyed by resource id resolve to principal and client ids; PATCH merges and null removes', () => {
    const { sandbox } = testSandbox()
    const one = identity(sandbox, 'mi-one').json
    const two = identity(sandbox, 'mi-two').json
    const idOne = resourceId(UAI, 'mi-one')
    const idTwo = resourceId(UAI, 'mi-two')
    const attached = call(sandbox, 'PATCH', v(SITE, '2023-12-01'), {
      identity: { type: 'SystemAssigned, UserAssigned', userAssignedIdentities: { [idOne]: {} } },
    })
    expect(attached.json.identity).toEqual({
      type: 'SystemAssigned, UserAssigned',
      principalId: expect.stringMatching(GUID),
      tenantId: TENANT,
      userAssignedIdentities: {
        [idOne]: { principalId: one.properties.principalId, clientId: one.properties.clientId },
      },
    })
    const merged = call(sandbox, 'PATCH', v(SITE, '2023-12-01'), {
      identity: {
        type: 'SystemAssigned, UserAssigned',
        userAssignedIdentities: { [idTwo.toLowerCase()]: {} },
      },
    })
    expect(Object.keys(merged.json.identity.userAssignedIdentities)).toEqual([
      idOne,
      idTwo.toLowerCase(),
    ])
    expect(merged.json.identity.userAssignedIdentities[idTwo.toLowerCase()].clientId).toBe(
      two.properties.clientId,
    )
    const removed = call(sandbox, 'PATCH', v(SITE, '2023-12-01'), {
      identity: { type: 'UserAssigned', userAssignedIdentities: { [idOne.toUpperCase()]: null } },
    })
    expect(removed.json.identity).toEqual({
      type: 'UserAssigned',
      userAssignedIdentities: {
        [idTwo.toLowerCase()]: {
          principalId: two.properties.principalId,
          clientId: two.properties.clientId,
        },
      },
    })
  })

  it('takes both kinds only in the provider’s own spelling and refuses two kinds where only one is allowed', () => {
    const { sandbox } = testSandbox({ options: { faults: { operations: { durationMs: 0 } } } })
    identity(sandbox, 'mi-one')
    const users = { [resourceId(UAI, 'mi-one')]: {} }
    const web = { type: 'SystemAssigned, UserAssigned', userAssignedIdentities: users }
    const common = { type: 'SystemAssigned,UserAssigned', userAssignedIdentities: users }
    const app = resourceId('Microsoft.App/containerApps', 'contoso-orders-api')
    const wrong = call(sandbox, 'PATCH', v(app), { identity: web })
    expect([wrong.status, wrong.json.error.code]).toEqual([400, 'InvalidIdentity'])
    expect(wrong.json.error.message).toContain("'SystemAssigned,UserAssigned'")
    // Container Apps answer PATCH with 202 + Location (async-updates.test.ts).
    expect(call(sandbox, 'PATCH', v(app), { identity: common }).status).toBe(202)
    expect(call(sandbox, 'GET', v(app)).json.identity.type).toBe('SystemAssigned,UserAssigned')
    const bus = resourceId('Microsoft.ServiceBus/namespaces', 'contoso-orders-bus')
    expect(call(sandbox, 'PATCH', v(bus), { identity: common }).status).toBe(400)
    expect(call(sandbox, 'PATCH', v(bus), { identity: web }).json.identity.type).toBe(
      'SystemAssigned, UserAssigned',
    )
    const logic = resourceId('Microsoft.Logic/workflows', 'flow')
    const refused = call(sandbox, 'PUT', v(logic), { location: 'westeurope', identity: web })
    expect(refused.status).toBe(400)
    expect(refused.json.error.code).toBe('InvalidIdentity')
  })

  it('ignores identity in PATCH of container groups and workflows (tags only, 200 all the same); PUT takes it', () => {
    const { sandbox } = testSandbox()
    for (const type of [
      'Microsoft.ContainerInstance/containerGroups',
      'Microsoft.Logic/workflows',
    ]) {
      const id = resourceId(type, 'quirky')
      call(sandbox, 'PUT', v(id), { location: 'westeurope', properties: { keep: 'me' } })
      const patched = call(sandbox, 'PATCH', v(id), {
        identity: { type: 'SystemAssigned' },
        properties: { keep: 'changed' },
        tags: { team: 'orders' },
      })
      expect([patched.status, patched.json.identity, patched.json.tags]).toEqual([
        200,
        undefined,
        { team: 'orders' },
      ])
      expect(call(sandbox, 'GET', v(id)).json.properties.keep).toBe('me')
      const put = call(sandbox, 'PUT', v(id), {
        ...call(sandbox, 'GET', v(id)).json,
        identity: { type: 'SystemAssigned' },
      })
      expect(put.json.identity.principalId).toMatch(GUID)
    }
  })

  it('refuses unknown identity types, missing identities and empty user-assigned sets', () => {
    const { sandbox } = testSandbox()
    expect(call(sandbox, 'PATCH', v(SITE), { identity: { type: 'Mine' } }).json.error.code).toBe(
      'InvalidIdentity',
    )
    const missing = call(sandbox, 'PATCH', v(SITE), {
      identity: {
        type: 'UserAssigned',
        userAssignedIdentities: { [resourceId(UAI, 'ghost')]: {} },
      },
    })
    expect(missing.status).toBe(400)
    expect(missing.json.error.code).toBe('FailedIdentityOperation')
    expect(
      call(sandbox, 'PATCH', v(SITE), { identity: { type: 'UserAssigned' } }).json.error.code,
    ).toBe('InvalidIdentity')
  })

  it('PUT replaces the identity (omitting it removes it); the group list shows it', () => {
    const { sandbox } = testSandbox()
    call(sandbox, 'PUT', v(SITE), {
      location: 'westeurope',
      kind: 'app',
      identity: { type: 'SystemAssigned' },
    })
    const listed = call(
      sandbox,
      'GET',
      v(`${RG_ID}/resources?$filter=name eq 'contoso-web'`, '2021-04-01'),
    )
    expect(listed.json.value[0].identity.type).toBe('SystemAssigned')
    const replaced = call(sandbox, 'PUT', v(SITE), { location: 'westeurope', kind: 'app' })
    expect(replaced.json.identity).toBeUndefined()
  })
})
