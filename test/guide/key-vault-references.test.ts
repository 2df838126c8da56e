import { describe, expect, it } from 'vitest'
import { connectionGuide } from '@/guide/derive-guide.ts'
import type { HostingKind } from '@/model/kinds.ts'
import { design } from '../support/builder.ts'

/** The guide's notes on the vault for an app of `hosting` reading secrets through `via`. */
function vaultNotes(
  hosting: HostingKind,
  via: 'system' | 'user',
  role = 'Key Vault Secrets User',
): string[] {
  const d = design()
    .app('shop', { hosting, systemAssigned: true })
    .identity('mi-secrets')
    .attach('shop', 'mi-secrets')
    .service('kv', 'keyVault', { name: 'Shop vault' })
    .access('shop', 'kv', [role], { via: via === 'system' ? 'system' : 'mi-secrets' })
    .build()
  return connectionGuide(d).apps[0]!.notes.filter((n) => n.startsWith('Shop vault:'))
}

describe('the guide says which identity the platform reads Key Vault secrets with', () => {
  it('App Service and Functions: a user-assigned identity needs keyVaultReferenceIdentity', () => {
    for (const hosting of ['appService', 'functionApp'] as const) {
      expect(vaultNotes(hosting, 'user')).toEqual([
        "Shop vault: Key Vault references in shop's app settings (@Microsoft.KeyVault(…)) resolve with the system-assigned identity unless the site's keyVaultReferenceIdentity is this identity's resource ID (az webapp update --set keyVaultReferenceIdentity=<its resource ID>).",
      ])
      expect(vaultNotes(hosting, 'system')).toEqual([])
    }
  })

  it('Container Apps: the secret names its identity', () => {
    expect(vaultNotes('containerApp', 'user')).toEqual([
      "Shop vault: a secret of shop that references Key Vault (keyVaultUrl) names the identity it is read with: this identity's resource ID.",
    ])
    expect(vaultNotes('containerApp', 'system')).toEqual([
      'Shop vault: a secret of shop that references Key Vault (keyVaultUrl) names the identity it is read with: "System".',
    ])
  })

  it('says nothing where no secret is read, or the platform reads none', () => {
    expect(vaultNotes('appService', 'user', 'Key Vault Crypto User')).toEqual([])
    expect(vaultNotes('virtualMachine', 'user')).toEqual([])
  })
})
