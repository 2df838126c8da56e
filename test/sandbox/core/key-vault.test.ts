import { describe, expect, it } from 'vitest'
import { requirementOf } from '@/sandbox/core/rbac-actions.ts'
import { parseRequest } from '@/sandbox/core/request.ts'
import { call, resourceId, testSandbox, v } from '../support.ts'

const VAULT = resourceId('Microsoft.KeyVault/vaults', 'kv-contoso-orders')
const TENANT = '22222222-2222-2222-2222-222222222222'
const A = 'aaaaaaaa-0000-4000-8000-00000000000a'
const B = 'bbbbbbbb-0000-4000-8000-00000000000b'
const entry = (objectId: string, secrets: string[], keys: string[] = []) => ({
  tenantId: TENANT,
  objectId,
  permissions: { keys, secrets, certificates: [] },
})

describe('Key Vault permission model and access policies', () => {
  it('a seeded vault says its tenant and that it uses Azure RBAC, with no access policies', () => {
    const { sandbox } = testSandbox()
    expect(call(sandbox, 'GET', v(VAULT, '2023-07-01')).json.properties).toMatchObject({
      tenantId: TENANT,
      enableRbacAuthorization: true,
      accessPolicies: [],
    })
  })

  it('add merges into the holder’s entry and keeps everyone else’s; replace sets one holder’s; remove takes away', () => {
    const { sandbox } = testSandbox()
    const update = (kind: string, policies: object[]) =>
      call(sandbox, 'PUT', v(`${VAULT}/accessPolicies/${kind}`, '2023-07-01'), {
        properties: { accessPolicies: policies },
      })
    const policies = () =>
      call(sandbox, 'GET', v(VAULT, '2023-07-01')).json.properties.accessPolicies
    const added = update('add', [entry(A, ['get'])])
    expect([added.status, added.json.type, added.json.name]).toEqual([
      200,
      'Microsoft.KeyVault/vaults/accessPolicies',
      'add',
    ])
    update('add', [entry(B, ['list'])])
    update('add', [entry(A, ['list'], ['wrapKey'])])
    expect(policies()).toEqual([entry(A, ['get', 'list'], ['wrapKey']), entry(B, ['list'])])
    update('replace', [entry(A, ['set'])])
    expect(policies()).toEqual([entry(A, ['set']), entry(B, ['list'])])
    update('remove', [entry(A, ['set'])])
    expect(policies()).toEqual([entry(B, ['list'])])
    expect(update('add', [entry(A, ['read'])]).json.error).toEqual({
      code: 'BadRequest',
      message: "The permission 'read' is not a valid secrets permission.",
    })
    expect(update('merge', [entry(A, ['get'])]).status).toBe(400)
  })

  it('is authorized as Microsoft.KeyVault/vaults/accessPolicies/write on the vault’s path', () => {
    const request = parseRequest({
      method: 'PUT',
      url: v(`${VAULT}/accessPolicies/add`, '2023-07-01'),
      headers: {},
    })
    expect(requirementOf(request)).toEqual({
      kind: 'action',
      action: 'Microsoft.KeyVault/vaults/accessPolicies/write',
      scope: `${VAULT}/accessPolicies/add`,
    })
  })
})
