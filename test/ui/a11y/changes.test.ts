import { describe, expect, it } from 'vitest'
import { applyEdits, type Edit } from '@/model/edits.ts'
import type { Design } from '@/model/types.ts'
import { checkDesign } from '@/rules/engine.ts'
import { describeChanges } from '@/ui/a11y/changes.ts'
import { design } from '../../support/builder.ts'

const base = () =>
  design()
    .app('web', { name: 'contoso-web-1', position: { x: 0, y: 0 } })
    .service('st', 'storage', { name: 'receiptstore' })
    .identity('mi', { name: 'mi-storage' })
    .build()

/** contoso-web-1 reaches receiptstore, with no identity yet. */
const CONNECT: Edit = {
  type: 'addEdge',
  edge: {
    id: 'e1',
    kind: 'access',
    source: 'web',
    target: 'st',
    roles: ['Storage Blob Data Reader'],
  },
}

function change(before: Design, edits: readonly Edit[]): string[] {
  const result = applyEdits(before, edits)
  if (!result.ok) throw new Error(result.error.message)
  return describeChanges(
    { design: before, findings: checkDesign(before) },
    { design: result.value, findings: checkDesign(result.value) },
  )
}

describe('announcements of what an edit changed', () => {
  it('says a connection was made and which findings it brought', () => {
    expect(change(base(), [CONNECT])).toEqual([
      'Connected contoso-web-1 to receiptstore',
      'New error: missing-identity on contoso-web-1',
      'New suggestion: developer-access-missing on receiptstore',
    ])
  })

  it('says only the rename when a renamed node keeps its findings, reworded', () => {
    const before = applyEdits(base(), [CONNECT])
    if (!before.ok) throw new Error('setup')
    const renamed = [{ type: 'updateNode', id: 'web', set: { name: 'web "prod"' } }] as const
    expect(change(before.value, renamed)).toEqual(['Renamed contoso-web-1 to web "prod"'])
  })

  it('says which finding an edit fixed, and names renamed and added nodes', () => {
    const before = applyEdits(base(), [CONNECT])
    if (!before.ok) throw new Error('setup')
    expect(
      change(before.value, [
        { type: 'updateNode', id: 'web', set: { systemAssigned: true, name: 'web-one' } },
        { type: 'addNode', node: { id: 'kv', kind: 'service', service: 'keyVault', name: 'kv-1' } },
      ]),
    ).toEqual([
      'Added Key Vault kv-1',
      'Renamed contoso-web-1 to web-one',
      'System-assigned identity of web-one on',
      'Fixed: missing-identity on web-one',
    ])
  })

  it('says nothing about moving nodes, and counts large changes', () => {
    expect(
      change(base(), [{ type: 'updateNode', id: 'web', set: { position: { x: 40, y: 0 } } }]),
    ).toEqual([])
    const many = [1, 2, 3, 4].map((i): Edit => ({
      type: 'addNode',
      node: { id: `d${i}`, kind: 'developer', principal: 'user', name: `dev ${i}` },
    }))
    expect(change(base(), many)).toEqual(['Added 4 nodes'])
  })

  it('names removed connections and nodes', () => {
    const before = design()
      .app('web', { name: 'web' })
      .identity('mi', { name: 'mi' })
      .attach('web', 'mi', 'a1')
      .build()
    expect(change(before, [{ type: 'removeNode', id: 'mi' }])).toEqual([
      'Deleted mi',
      'Removed connection web uses identity mi',
    ])
  })

  it('names the nodes of an edit that removes one and adds another in its place', () => {
    // Same number of nodes before and after, the same object nowhere but at other ids.
    expect(
      change(base(), [
        { type: 'removeNode', id: 'mi' },
        { type: 'addNode', node: { id: 'mi-2', kind: 'identity', name: 'mi-orders' } },
      ]),
    ).toEqual([
      'Added User-assigned identity mi-orders',
      'Deleted mi-storage',
      'New warning: unused-identity on mi-orders',
    ])
  })

  it('pairs the findings an edit did not touch by identity, and still says which went and came', () => {
    const before = applyEdits(base(), [CONNECT])
    if (!before.ok) throw new Error('setup')
    const was = checkDesign(before.value)
    const find = (rule: string) => {
      const found = was.find((f) => f.rule === rule)
      if (!found) throw new Error(`setup: no ${rule} finding`)
      return found
    }
    const missing = find('missing-identity')
    const unused = find('unused-identity')
    const noDeveloper = find('developer-access-missing')
    // The findings an incremental check kept are the same objects; beside them an equal copy of
    // one (a second finding alike: new) and one reworded (the same finding: not new, not fixed).
    const now = [
      ...was.filter((f) => f !== missing && f !== noDeveloper),
      { ...unused },
      { ...noDeveloper, message: `${noDeveloper.message} (reworded)` },
    ]
    expect(
      describeChanges(
        { design: before.value, findings: was },
        { design: before.value, findings: now },
      ),
    ).toEqual([
      'New warning: unused-identity on mi-storage',
      'Fixed: missing-identity on contoso-web-1',
    ])
  })
})
