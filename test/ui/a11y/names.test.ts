import { describe, expect, it } from 'vitest'
import { accessibleNames, findingsPhrase } from '@/ui/a11y/names.ts'
import { design } from '../../support/builder.ts'

const HOSTILE = "a\"$(rm -rf ~)\n\u001b[31m'''"

const receipts = () =>
  design()
    .app('web1', { name: 'contoso-web-1' })
    .app('evil', { name: HOSTILE, hosting: 'functionApp', systemAssigned: true })
    .identity('mi', { name: 'mi-shared-storage' })
    .service('st', 'storage', { name: 'receiptstore' })
    .service('kv', 'keyVault', { name: 'kv-receipts', permissionModel: 'accessPolicy' })
    .developer('devs', 'group', { name: 'Receipts developers' })
    .developer('ann', 'user', { name: 'Ann' })
    .attach('web1', 'mi', 'a1')
    .access('web1', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'e1' })
    .access('web1', 'kv', ['Key Vault Secrets User'], {
      via: 'system',
      scope: 'resourceGroup',
      id: 'e2',
    })
    .access('devs', 'st', ['Storage Blob Data Contributor'], { id: 'e3' })
    .access('evil', 'st', ['Storage Blob Data Reader', 'Owner'], {
      id: 'e4',
      scope: 'subscription',
    })
    .build()

describe('accessible names of nodes and edges', () => {
  const names = accessibleNames(receipts())

  it('says what a node is, its name, what matters about it, and its findings', () => {
    expect(names.node('web1')).toBe('App contoso-web-1, App Service, system-assigned off')
    expect(names.node('mi')).toBe('User-assigned identity mi-shared-storage, used by 1 app')
    expect(names.node('st')).toBe('Service receiptstore, Storage account')
    expect(names.node('kv')).toBe(
      'Service kv-receipts, Key Vault, access policies, 1 warning, 1 suggestion',
    )
    expect(names.node('devs')).toBe('Developer group Receipts developers')
    expect(names.node('ann')).toBe('Developer Ann')
  })

  it('names an access by its ends, the identity it goes through, its roles and scope', () => {
    expect(names.edge('e1')).toBe(
      'Access from contoso-web-1 to receiptstore through mi-shared-storage: Storage Blob Data Contributor',
    )
    expect(names.edge('e2')).toBe(
      'Access from contoso-web-1 to kv-receipts through its system-assigned identity, which is off: Key Vault Secrets User, on its whole resource group, 1 error, 1 warning',
    )
    expect(names.edge('e3')).toBe(
      'Access from Receipts developers to receiptstore: Storage Blob Data Contributor',
    )
    expect(names.edge('a1')).toBe('contoso-web-1 uses identity mi-shared-storage')
  })

  it('reads hostile names as text, with control characters as spaces', () => {
    expect(names.node('evil')).toBe("App a\"$(rm -rf ~) [31m''', Function App, system-assigned on")
    expect(names.edge('e4')).toBe(
      "Access from a\"$(rm -rf ~) [31m''' to receiptstore through its system-assigned identity: Storage Blob Data Reader, Owner, on the whole subscription, 1 error, 1 warning",
    )
  })

  it('says why an access has no identity', () => {
    const d = design()
      .app('api', { name: 'api' })
      .identity('m1')
      .identity('m2')
      .service('st', 'storage', { name: 'store' })
      .app('lone', { name: 'lone' })
      .attach('api', 'm1')
      .attach('api', 'm2')
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'amb' })
      .access('lone', 'st', ['Storage Blob Data Reader'], { id: 'none' })
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'off', via: 'm9' })
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'empty', via: '' })
      .build()
    const n = accessibleNames(d)
    expect(n.edge('amb')).toMatch(/^Access from api to store with no identity chosen: /)
    expect(n.edge('none')).toMatch(
      /^Access from lone to store with no identity \(the app has none\): /,
    )
    expect(n.edge('off')).toMatch(
      /^Access from api to store through m9, not one of its identities: /,
    )
    // A file may give via "" (PRODUCT.md §4: via is not structural): no blank name is read out.
    expect(n.edge('empty')).toMatch(
      /^Access from api to store through an empty identity name \(via ""\), which names none of its identities: /,
    )
  })

  it('counts findings by severity, leaving out those at zero', () => {
    expect(findingsPhrase({ error: 2, warning: 0, info: 1 })).toBe(', 2 errors, 1 suggestion')
    expect(findingsPhrase({ error: 0, warning: 0, info: 0 })).toBe('')
  })
})
