import { describe, expect, it } from 'vitest'
import { prepareApply } from '@/apply/prepare.ts'
import type { LiveResource } from '@/apply/gateway.ts'
import { design } from '../support/builder.ts'

const TARGET = {
  subscriptionId: '11111111-1111-1111-1111-111111111111',
  resourceGroup: 'sandbox-rg',
  location: 'westeurope',
}
const SITE: LiveResource = {
  id: `/subscriptions/${TARGET.subscriptionId}/resourceGroups/sandbox-rg/providers/Microsoft.Web/sites/contoso-web`,
  name: 'contoso-web',
  type: 'Microsoft.Web/sites',
  location: 'westeurope',
  kind: 'app',
} as LiveResource

const withIdentity = (name: string, resourceId?: string) =>
  design()
    .app('web', { name: 'contoso-web' })
    .identity('mi', { name, ...(resourceId ? { azure: { resourceId } } : {}) })
    .attach('web', 'mi')
    .build()

describe('Bind refuses identities Azure would refuse to create', () => {
  it('names the identity and the rule, before any call', () => {
    const prepared = prepareApply(withIdentity('my identity "prod" 🚀!'), [SITE], TARGET)
    expect(prepared.ok).toBe(false)
    if (prepared.ok) return
    expect(prepared.error.problems).toEqual([
      {
        node: 'mi',
        message:
          'identity "my identity "prod" 🚀!" cannot be created: in Azure a user-assigned identity’s name is 3–128 letters, digits, hyphens and underscores, starting with a letter or digit; rename it',
      },
    ])
  })

  it('takes a valid name, and any name of an identity bound to an existing one', () => {
    expect(prepareApply(withIdentity('mi_contoso-web2'), [SITE], TARGET).ok).toBe(true)
    const existing = `/subscriptions/${TARGET.subscriptionId}/resourceGroups/other/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-shared`
    expect(prepareApply(withIdentity('Shared identity (prod)', existing), [SITE], TARGET).ok).toBe(
      true,
    )
  })
})
