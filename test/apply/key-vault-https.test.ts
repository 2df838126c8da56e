import { describe, expect, it } from 'vitest'
import { countPreview } from '@/apply/preview.ts'
import { succeeded } from '@/apply/report.ts'
import { derivePlan } from '@/plan/derive.ts'
import type { Design } from '@/model/types.ts'
import {
  applyOnce,
  httpsWorld,
  QUICK_RETRY,
  sandboxPrincipalId,
  sandboxServerPerFile,
} from './support.ts'

const OTHER = {
  tenantId: '22222222-2222-2222-2222-222222222222',
  objectId: 'aaaaaaaa-1111-4000-8000-000000000001',
  permissions: { keys: [], secrets: ['get'], certificates: [] },
}

const host = sandboxServerPerFile()

function design(permissionModel: 'rbac' | 'accessPolicy'): Design {
  return {
    name: 'Vault',
    nodes: [
      { id: 'api', kind: 'app', name: 'kv-api', hosting: 'appService', systemAssigned: true },
      { id: 'kv', kind: 'service', name: 'kv-policies', service: 'keyVault', permissionModel },
    ],
    edges: [
      {
        id: 'e1',
        kind: 'access',
        source: 'api',
        target: 'kv',
        via: 'system',
        roles: ['Key Vault Secrets User', 'Key Vault Crypto Service Encryption User'],
      },
    ],
  }
}

function seed(enableRbacAuthorization: boolean): void {
  host.server.sandbox.seed({
    resources: [
      { type: 'Microsoft.Web/sites', name: 'kv-api', kind: 'app' },
      {
        type: 'Microsoft.KeyVault/vaults',
        name: 'kv-policies',
        properties: { enableRbacAuthorization, accessPolicies: [OTHER] },
      },
    ],
  })
}

const vault = () =>
  Object.values(host.server.sandbox.snapshot().resources).find((r) => r.name === 'kv-policies')!

describe('Key Vault with the access policy model (real SDK over HTTPS)', () => {
  it('plans the access policy equivalent of the data roles, adds it without touching other entries, and converges', async () => {
    const plan = derivePlan(design('accessPolicy'))
    expect(plan.actions.filter((a) => a.action !== 'enableSystemAssigned')).toEqual([
      {
        action: 'keyVaultAccessPolicy',
        principal: { type: 'systemAssigned', node: 'api' },
        target: 'kv',
        roles: ['Key Vault Secrets User', 'Key Vault Crypto Service Encryption User'],
        permissions: {
          keys: ['get', 'list', 'unwrapKey', 'wrapKey'],
          secrets: ['get', 'list'],
          certificates: [],
        },
      },
    ])
    seed(false)
    const world = await httpsWorld(host.server.url)
    const first = await applyOnce(design('accessPolicy'), world, { retry: QUICK_RETRY })
    expect(succeeded(first.report)).toBe(true)
    const item = first.preview.items.find((i) => i.step.kind === 'vaultAccessPolicy')
    expect(item?.reason).toBe(
      'the vault uses access policies (enableRbacAuthorization is false): adds secrets: get, list; keys: get, list, unwrapKey, wrapKey (the identity is created by this apply)',
    )
    const objectId = sandboxPrincipalId(host.server.sandbox, first.prepared, {
      type: 'systemAssigned',
      node: 'api',
    })
    expect(vault().properties.accessPolicies).toEqual([
      OTHER,
      {
        tenantId: OTHER.tenantId,
        objectId,
        permissions: {
          keys: ['get', 'list', 'unwrapKey', 'wrapKey'],
          secrets: ['get', 'list'],
          certificates: [],
        },
      },
    ])
    expect(Object.values(host.server.sandbox.snapshot().roleAssignments)).toEqual([])
    const second = await applyOnce(design('accessPolicy'), world, { retry: QUICK_RETRY })
    expect(countPreview(second.preview.items).create).toBe(0)
    expect(second.report.counts.created).toBe(0)
  }, 30_000)

  it('reads the vault’s live model in the preview: a role assignment on an access-policy vault, or a policy on an RBAC vault, cannot be applied, and says why', async () => {
    seed(false)
    const world = await httpsWorld(host.server.url)
    const rbacOnPolicies = await applyOnce(design('rbac'), world, { retry: QUICK_RETRY })
    const grants = rbacOnPolicies.preview.items.filter((i) => i.step.kind === 'assignRole')
    expect(grants.map((i) => [i.status, i.reason])).toEqual([
      [
        'cannot',
        'the vault uses access policies (enableRbacAuthorization is false): a role assignment takes no effect there; set the vault’s permission model to access policy in the design to grant the access policy equivalent',
      ],
      [
        'cannot',
        'the vault uses access policies (enableRbacAuthorization is false): a role assignment takes no effect there; set the vault’s permission model to access policy in the design to grant the access policy equivalent',
      ],
    ])
    host.server.sandbox.reset()
    seed(true)
    const policiesOnRbac = await applyOnce(design('accessPolicy'), world, { retry: QUICK_RETRY })
    const policy = policiesOnRbac.preview.items.find((i) => i.step.kind === 'vaultAccessPolicy')
    expect([policy?.status, policy?.reason]).toEqual([
      'cannot',
      'the vault uses Azure RBAC (enableRbacAuthorization is true): access policies take no effect there; set the vault’s permission model to RBAC in the design to grant the roles',
    ])
    expect(vault().properties.accessPolicies).toEqual([OTHER])
  }, 30_000)
})
