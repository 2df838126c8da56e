import { describe, expect, it } from 'vitest'
import { Outline } from '@/ui/outline/outline-model.ts'
import { PAGE, visibleRows, type OutlineRow } from '@/ui/outline/outline-rows.ts'
import { treeMove } from '@/ui/outline/tree-keys.ts'
import { design } from '../support/builder.ts'

const receipts = () =>
  design()
    .app('web', { name: 'contoso-web-1' })
    .app('func', { name: 'contoso-func', hosting: 'functionApp', systemAssigned: true })
    .identity('mi', { name: 'mi-shared-storage' })
    .service('st', 'storage', { name: 'receiptstore' })
    .service('kv', 'keyVault', { name: 'kv-receipts' })
    .developer('devs', 'group', { name: 'Receipts developers' })
    .attach('web', 'mi', 'a1')
    .attach('func', 'mi', 'a2')
    .access('web', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'e1' })
    .access('func', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'e2' })
    .access('func', 'kv', ['Key Vault Secrets User'], { via: 'system', id: 'e3' })
    .access('web', 'kv', ['Key Vault Secrets User'], { id: 'e4', scope: 'resourceGroup' })
    .access('devs', 'st', ['Storage Blob Data Contributor'], { id: 'e5' })
    .app('lone', { name: 'lone "$(whoami)\n' })
    .access('lone', 'st', ['Storage Blob Data Reader'], { id: 'e6' })
    .build()

/** Every row, every row opened: the whole tree as indented lines. */
function everything(outline: Outline): string[] {
  let open = new Set<string>()
  for (;;) {
    const rows = visibleRows(outline, open)
    const closed = rows.filter((r) => r.expanded === false).map((r) => r.item.key)
    if (closed.length === 0) return rows.map((r) => `${'  '.repeat(r.level - 1)}${r.item.label}`)
    open = new Set([...open, ...closed])
  }
}

describe('the outline of a design', () => {
  it('shows apps → identities → accesses, identities → apps and grants, services → who reaches them, findings with their fixes', () => {
    expect(everything(new Outline(receipts()))).toEqual([
      'Apps (3)',
      '  App contoso-web-1, App Service, system-assigned off',
      '    Uses identity mi-shared-storage, 2 accesses',
      '      Access to receiptstore: Storage Blob Data Contributor',
      '      Access to kv-receipts: Key Vault Secrets User, on its whole resource group, 1 warning',
      '        Warning broad-scope: "contoso-web-1" gets its roles on "kv-receipts" at resource group scope, so they cover every other resource there too: grant them on the resource.',
      '          Fix: Grant on "kv-receipts" only (resource scope)',
      '  App contoso-func, Function App, system-assigned on',
      '    System-assigned identity, 1 access',
      '      Access to kv-receipts: Key Vault Secrets User',
      '    Uses identity mi-shared-storage, 1 access',
      '      Access to receiptstore: Storage Blob Data Contributor',
      '  App lone "$(whoami) , App Service, system-assigned off',
      '    Accesses without an identity (1)',
      '      Access to receiptstore with no identity (the app has none): Storage Blob Data Reader, 1 error',
      '        Error missing-identity: App "lone \\"$(whoami)\\n" has no managed identity, so it cannot reach "receiptstore": enable its system-assigned identity or attach a user-assigned one.',
      '          Fix: Enable the system-assigned identity of "lone \\"$(whoami)\\n" and use it here',
      '          Suggestion: Attach identity "mi-shared-storage" to "lone \\"$(whoami)\\n" and use it here',
      'User-assigned identities (1)',
      '  User-assigned identity mi-shared-storage, used by 2 apps, 1 warning',
      '    Warning shared-identity-overgrant: Identity "mi-shared-storage", shared by 2 apps, holds "Key Vault Secrets User" on "kv-receipts", which "contoso-func" does not need through it: it gets that access anyway.',
      '      Fix: Move the access to "kv-receipts" to the system-assigned identity of "contoso-web-1"',
      '    Used by contoso-web-1',
      '    Used by contoso-func',
      '    Grants Storage Blob Data Contributor on receiptstore to contoso-web-1',
      '    Grants Storage Blob Data Contributor on receiptstore to contoso-func',
      '    Grants Key Vault Secrets User on kv-receipts to contoso-web-1, on its whole resource group, 1 warning',
      '      Warning broad-scope: "contoso-web-1" gets its roles on "kv-receipts" at resource group scope, so they cover every other resource there too: grant them on the resource.',
      '        Fix: Grant on "kv-receipts" only (resource scope)',
      'Services (2)',
      '  Service receiptstore, Storage account',
      '    From contoso-web-1 through mi-shared-storage: Storage Blob Data Contributor',
      '    From contoso-func through mi-shared-storage: Storage Blob Data Contributor',
      '    From Receipts developers: Storage Blob Data Contributor',
      '    From lone "$(whoami)  with no identity (the app has none): Storage Blob Data Reader, 1 error',
      '      Error missing-identity: App "lone \\"$(whoami)\\n" has no managed identity, so it cannot reach "receiptstore": enable its system-assigned identity or attach a user-assigned one.',
      '        Fix: Enable the system-assigned identity of "lone \\"$(whoami)\\n" and use it here',
      '        Suggestion: Attach identity "mi-shared-storage" to "lone \\"$(whoami)\\n" and use it here',
      '  Service kv-receipts, Key Vault, Azure RBAC, 1 suggestion',
      '    Suggestion developer-access-missing: Apps reach "kv-receipts" but no developer does: the code cannot run locally with a developer’s own sign-in (DefaultAzureCredential). Grant a developer group the same data roles.',
      '    From contoso-func through its system-assigned identity: Key Vault Secrets User',
      '    From contoso-web-1 through mi-shared-storage: Key Vault Secrets User, on its whole resource group, 1 warning',
      '      Warning broad-scope: "contoso-web-1" gets its roles on "kv-receipts" at resource group scope, so they cover every other resource there too: grant them on the resource.',
      '        Fix: Grant on "kv-receipts" only (resource scope)',
      'Developers (1)',
      '  Developer group Receipts developers',
      '    Access to receiptstore: Storage Blob Data Contributor',
    ])
  })
  it('finds the row of any node or connection, under the identity it goes through', () => {
    const outline = new Outline(receipts())
    const rowOf = (subject: string): OutlineRow | undefined => {
      const path = outline.pathTo(subject) ?? []
      const rows = visibleRows(outline, new Set(path.slice(0, -1)))
      return rows.find((r) => r.item.key === path[path.length - 1])
    }
    expect(rowOf('web')?.item.label).toBe('App contoso-web-1, App Service, system-assigned off')
    expect(rowOf('e3')?.parent).toBe('g:app/n:func/sys')
    expect(rowOf('e2')?.parent).toBe('g:app/n:func/u:a2')
    expect(rowOf('e6')?.parent).toBe('g:app/n:lone/none')
    expect(rowOf('e5')?.parent).toBe('g:developer/n:devs')
    expect(rowOf('a1')?.item.label).toBe('Uses identity mi-shared-storage, 2 accesses')
    expect(rowOf('nothing')).toBeUndefined()
  })

  it('shows a long list a page at a time', () => {
    const big = design()
    for (let i = 0; i < PAGE * 2 + 50; i++) big.app(`a${i}`)
    const outline = new Outline(big.build())
    const first = visibleRows(outline, new Set(['g:app']))
    expect(first).toHaveLength(1 + PAGE + 1 + 3)
    expect(first[PAGE + 1]?.item).toMatchObject({ kind: 'more', label: 'Show 200 more of 250' })
    expect(first[1]).toMatchObject({ level: 2, posinset: 1, setsize: PAGE + 1 })
    const second = visibleRows(outline, new Set(['g:app']), new Map([['g:app', PAGE * 2]]))
    expect(second[PAGE * 2 + 1]?.item.label).toBe('Show 50 more of 50')
  })
})

describe('the outline’s keyboard (WAI-ARIA tree pattern)', () => {
  const outline = new Outline(receipts())
  const rows = visibleRows(outline, new Set(['g:app', 'g:app/n:web']))
  const at = (key: string): number => rows.findIndex((r) => r.item.key === key)
  const typed = () => ({ text: '', at: 0 })

  it('moves with Up, Down, Home and End, and stops at the ends', () => {
    expect(treeMove(rows, 0, 'ArrowDown', typed(), 0)).toEqual({ type: 'go', index: 1 })
    expect(treeMove(rows, 0, 'ArrowUp', typed(), 0)).toBeNull()
    expect(treeMove(rows, 3, 'Home', typed(), 0)).toEqual({ type: 'go', index: 0 })
    expect(treeMove(rows, 0, 'End', typed(), 0)).toEqual({ type: 'go', index: rows.length - 1 })
  })

  it('opens with Right then enters, closes with Left then goes to the parent', () => {
    const web = at('g:app/n:web')
    const func = at('g:app/n:func')
    expect(treeMove(rows, web, 'ArrowRight', typed(), 0)).toEqual({ type: 'go', index: web + 1 })
    expect(treeMove(rows, func, 'ArrowRight', typed(), 0)).toEqual({ type: 'expand' })
    expect(treeMove(rows, web, 'ArrowLeft', typed(), 0)).toEqual({ type: 'collapse' })
    expect(treeMove(rows, func, 'ArrowLeft', typed(), 0)).toEqual({ type: 'go', index: 0 })
    expect(treeMove(rows, 0, '*', typed(), 0)).toEqual({
      type: 'expandAll',
      keys: ['g:identity', 'g:service', 'g:developer'],
    })
  })

  it('jumps to a name as it is typed', () => {
    const t = typed()
    expect(treeMove(rows, 0, 'l', t, 1000)).toEqual({ type: 'go', index: at('g:app/n:lone') })
    const c = typed()
    expect(treeMove(rows, 0, 'c', c, 1000)).toEqual({ type: 'go', index: at('g:app/n:web') })
    expect(treeMove(rows, at('g:app/n:web'), 'o', c, 1100)).toEqual({
      type: 'go',
      index: at('g:app/n:web'),
    })
    // A pause starts a new search, after the current row.
    expect(treeMove(rows, at('g:app/n:web'), 'c', c, 5000)).toEqual({
      type: 'go',
      index: at('g:app/n:func'),
    })
  })

  it('turns Enter, F2 and Delete into edits', () => {
    expect(treeMove(rows, 1, 'Enter', typed(), 0)).toEqual({ type: 'activate' })
    expect(treeMove(rows, 1, 'F2', typed(), 0)).toEqual({ type: 'rename' })
    expect(treeMove(rows, 1, 'Delete', typed(), 0)).toEqual({ type: 'remove' })
    expect(treeMove(rows, 1, 'x', typed(), 0)).toBeNull()
  })
})
