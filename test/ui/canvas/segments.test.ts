import { describe, expect, it } from 'vitest'
import { ModelIndex } from '@/model/queries.ts'
import type { Design } from '@/model/types.ts'
import { templateById } from '@/templates/index.ts'
import { drawEdges, isBundleId, type Segment } from '@/ui/canvas/drawing/segments.ts'
import { design } from '../../support/builder.ts'

const scenario2 = (templateById('scenario-2') as { design: Design }).design

/** A line as text: kind, ends, what it stands for, roles. */
function show(s: Segment): string {
  const members = s.members.map((m) => m.id).join(',')
  if (s.kind === 'attach') return `attach ${s.source}>${s.target} [${members}]`
  const roles = s.roles.map((r) => (r.scope === 'resource' ? r.role : `${r.role}@${r.scope}`))
  return `${s.way} ${s.source}>${s.target} [${members}] ${roles.join(' | ')}`
}

describe('drawEdges', () => {
  it('draws scenario 2 through its identities: 5 attach lines, 3 identity lines, 3 developer lines', () => {
    const d = scenario2
    const drawn = drawEdges(d, new ModelIndex(d), 'bundled')
    expect(drawn.segments.map(show)).toEqual([
      'attach web1>mi-storage [web1-mi-storage]',
      'attach web2>mi-storage [web2-mi-storage]',
      'attach func>mi-storage [func-mi-storage]',
      'attach web1>mi-data [web1-mi-data]',
      'attach web2>mi-data [web2-mi-data]',
      'identity mi-storage>blob [web1-blob,web2-blob,func-blob] Storage Blob Data Contributor',
      'identity mi-data>cosmos [web1-cosmos,web2-cosmos] Cosmos DB Built-in Data Contributor',
      'identity mi-data>db [web1-db,web2-db] db_datareader | db_datawriter',
      'developer devs>blob [devs-blob] Storage Blob Data Contributor',
      'developer devs>cosmos [devs-cosmos] Cosmos DB Built-in Data Contributor',
      'developer devs>db [devs-db] db_datareader | db_datawriter',
    ])
    // Every design edge is drawn by exactly one line.
    expect([...drawn.segmentOf.keys()].sort()).toEqual(d.edges.map((e) => e.id).sort())
    expect(drawn.segmentOf.get('web2-cosmos')).toBe('via:mi-data>cosmos')
  })

  it('keeps the direct drawing: one line per edge from its source, naming the identity', () => {
    const d = scenario2
    const drawn = drawEdges(d, new ModelIndex(d), 'direct')
    expect(drawn.segments).toHaveLength(d.edges.length)
    expect(drawn.segments.some((s) => isBundleId(s.id))).toBe(false)
    expect(drawn.segments.map(show)).toContain(
      'through web1>blob [web1-blob] Storage Blob Data Contributor',
    )
  })

  it('draws system-assigned access from the app as its own identity, and unresolved access directly', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .app('two', { systemAssigned: true })
      .identity('mi')
      .service('kv', 'keyVault')
      .service('st', 'storage')
      .attach('two', 'mi')
      .access('api', 'kv', ['Key Vault Secrets User'], { via: 'system', id: 'own' })
      .access('two', 'st', ['Storage Blob Data Reader'], { id: 'open' })
      .access('two', 'kv', ['Key Vault Secrets User'], { via: 'mi', id: 'through' })
      .build()
    const drawn = drawEdges(d, new ModelIndex(d), 'bundled')
    expect(drawn.segments.map(show)).toEqual([
      'attach two>mi [two-mi]',
      'own api>kv [own] Key Vault Secrets User',
      'unresolved two>st [open] Storage Blob Data Reader',
      'identity mi>kv [through] Key Vault Secrets User',
    ])
  })

  it('lists each role once per scope on a bundled line, in first-seen order', () => {
    const d = design()
      .app('a')
      .app('b')
      .identity('mi')
      .service('st', 'storage')
      .attach('a', 'mi')
      .attach('b', 'mi')
      .access('a', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
      .access('b', 'st', ['Storage Queue Data Contributor', 'Storage Blob Data Reader'], {
        via: 'mi',
      })
      .access('b', 'st', ['Storage Blob Data Reader'], { via: 'mi', scope: 'resourceGroup' })
      .build()
    const [line] = drawEdges(d, new ModelIndex(d), 'bundled').segments.filter(
      (s) => s.kind === 'access',
    )
    expect(line && show(line)).toBe(
      'identity mi>st [a-st,b-st,b-st-2] Storage Blob Data Reader | Storage Queue Data Contributor | Storage Blob Data Reader@resourceGroup',
    )
  })

  it('draws only the edges asked for', () => {
    const d = scenario2
    const drawn = drawEdges(d, new ModelIndex(d), 'bundled', (e) => e.source === 'web1')
    expect(drawn.segments.map(show)).toEqual([
      'attach web1>mi-storage [web1-mi-storage]',
      'attach web1>mi-data [web1-mi-data]',
      'identity mi-storage>blob [web1-blob] Storage Blob Data Contributor',
      'identity mi-data>cosmos [web1-cosmos] Cosmos DB Built-in Data Contributor',
      'identity mi-data>db [web1-db] db_datareader | db_datawriter',
    ])
  })
})
