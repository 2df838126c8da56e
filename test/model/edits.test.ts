import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEdits, editDraft, type Edit } from '@/model/edits.ts'
import { parseDesignText } from '@/model/parse.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { HOSTING_KINDS, SERVICE_KINDS } from '@/model/kinds.ts'
import type { Design } from '@/model/types.ts'
import { design } from '../support/builder.ts'

const base = (): Design =>
  design()
    .app('api', { systemAssigned: true })
    .identity('mi')
    .service('st', 'storage')
    .developer('devs')
    .attach('api', 'mi', 'a1')
    .access('api', 'st', ['Storage Blob Data Reader'], { via: 'mi', id: 'e1' })
    .access('devs', 'st', ['Storage Blob Data Reader'], { id: 'e2' })
    .build()

const apply = (d: Design, edits: Edit[]) => applyEdits(d, edits)

describe('applyEdits', () => {
  it('adds, updates and removes nodes and edges', () => {
    const r = apply(base(), [
      { type: 'addNode', node: { id: 'kv', kind: 'service', name: 'kv', service: 'keyVault' } },
      { type: 'addEdge', edge: { id: 'e3', kind: 'access', source: 'api', target: 'kv', roles: ['Key Vault Secrets User'], via: 'system' } },
      { type: 'updateNode', id: 'api', set: { name: 'orders-api', hosting: 'containerApp' } },
      { type: 'updateEdge', id: 'e1', set: { roles: ['Storage Blob Data Contributor'], scope: 'resourceGroup' } },
      { type: 'removeEdge', id: 'e2' },
    ])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.nodes.find((n) => n.id === 'api')).toMatchObject({ name: 'orders-api', hosting: 'containerApp' })
    expect(r.value.edges.map((e) => e.id)).toEqual(['a1', 'e1', 'e3'])
    expect(r.value.edges.find((e) => e.id === 'e1')).toMatchObject({ scope: 'resourceGroup' })
  })

  it('removing a node removes its edges', () => {
    const r = apply(base(), [{ type: 'removeNode', id: 'st' }])
    expect(r.ok && r.value.edges.map((e) => e.id)).toEqual(['a1'])
  })

  it('removes a field set to undefined', () => {
    const r = apply(base(), [{ type: 'updateEdge', id: 'e1', set: { via: undefined } }])
    expect(r.ok && r.value.edges.find((e) => e.id === 'e1')).not.toHaveProperty('via')
  })

  it('keeps unchanged nodes and edges as the same objects', () => {
    const before = base()
    const r = apply(before, [{ type: 'updateNode', id: 'api', set: { name: 'x' } }])
    expect(r.ok && r.value.nodes[1]).toBe(before.nodes[1])
    expect(r.ok && r.value.edges[0]).toBe(before.edges[0])
  })

  it.each<[string, Edit, RegExp]>([
    ['a duplicate id', { type: 'addNode', node: { id: 'e1', kind: 'identity', name: 'x' } }, /already used/],
    ['a bad enum', { type: 'updateNode', id: 'api', set: { hosting: 'webApp' as never } }, /hosting: expected one of/],
    ['a foreign field', { type: 'updateNode', id: 'mi', set: { hosting: 'appService' } }, /has no field "hosting"/],
    ['an empty role list', { type: 'updateEdge', id: 'e1', set: { roles: [] } }, /roles: must not be empty/],
    ['an edge to a missing node', { type: 'addEdge', edge: { id: 'x', kind: 'attach', source: 'api', target: 'zz' } }, /no node/],
    ['an edge of the wrong kinds', { type: 'addEdge', edge: { id: 'x', kind: 'attach', source: 'devs', target: 'mi' } }, /must be an app/],
    ['roles on an attach edge', { type: 'updateEdge', id: 'a1', set: { roles: ['AcrPull'] } }, /only access edges/],
    ['an empty design name', { type: 'renameDesign', name: '' }, /name must be/],
    ['a missing node', { type: 'removeNode', id: 'nope' }, /no node with id/],
  ])('refuses %s, leaving the design as it was', (_what, edit, message) => {
    const before = base()
    const snapshot = serializeDesign(before)
    const r = apply(before, [{ type: 'renameDesign', name: 'changed' }, edit])
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.index).toBe(1)
      expect(r.error.message).toMatch(message)
    }
    expect(serializeDesign(before)).toBe(snapshot)
  })

  it('without validation (optimize: edits valid by construction) trusts fields and endpoints, not ids', () => {
    const trusted = (edits: Edit[]) => applyEdits(base(), edits, { validate: false })
    const edge = { id: 'x', kind: 'attach', source: 'api', target: 'zz' } as const
    const r = trusted([{ type: 'addEdge', edge }])
    expect(r.ok && r.value.edges.map((e) => e.id)).toEqual(['a1', 'e1', 'e2', 'x'])
    expect(trusted([{ type: 'addEdge', edge: { ...edge, id: 'e2' } }])).toEqual({
      ok: false,
      error: { index: 0, message: 'id "e2" is already used' },
    })
    expect(trusted([{ type: 'addNode', node: { id: 'api', kind: 'identity', name: 'x' } }])).toEqual({
      ok: false,
      error: { index: 0, message: 'id "api" is already used' },
    })
  })
})

/** Random edits, some invalid: every accepted batch still serializes to a document that parses. */
const ids = fc.constantFrom('api', 'mi', 'st', 'devs', 'a1', 'e1', 'e2', 'n1', 'n2', 'n3', 'x y', '')
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    type: fc.constant('addNode' as const),
    node: fc.oneof(
      fc.record({ id: ids, kind: fc.constant('app' as const), name: fc.string({ maxLength: 130 }), hosting: fc.constantFrom(...HOSTING_KINDS) }),
      fc.record({ id: ids, kind: fc.constant('identity' as const), name: fc.string({ maxLength: 5 }) }),
      fc.record({ id: ids, kind: fc.constant('service' as const), name: fc.string({ maxLength: 5 }), service: fc.constantFrom(...SERVICE_KINDS) }),
    ),
  }),
  fc.record({ type: fc.constant('removeNode' as const), id: ids }),
  fc.record({ type: fc.constant('removeEdge' as const), id: ids }),
  fc.record({ type: fc.constant('updateNode' as const), id: ids, set: fc.record({ name: fc.string({ maxLength: 3 }), systemAssigned: fc.boolean() }, { requiredKeys: [] }) }),
  fc.record({
    type: fc.constant('addEdge' as const),
    edge: fc.oneof(
      fc.record({ id: ids, kind: fc.constant('attach' as const), source: ids, target: ids }),
      fc.record({ id: ids, kind: fc.constant('access' as const), source: ids, target: ids, roles: fc.array(fc.constantFrom('AcrPull', 'Nope', ''), { maxLength: 2 }) }),
    ),
  }),
  fc.record({ type: fc.constant('updateEdge' as const), id: ids, set: fc.record({ roles: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }), via: fc.constantFrom('system', 'mi', undefined) }, { requiredKeys: [] }) }),
)

describe('applyEdits never produces an invalid design', () => {
  it('holds for random edit sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.array(editArb, { minLength: 1, maxLength: 4 }), { maxLength: 12 }), (batches) => {
        let current = base()
        for (const batch of batches) {
          const r = applyEdits(current, batch)
          if (r.ok) current = r.value
          const reparsed = parseDesignText(serializeDesign(current))
          expect(reparsed.ok, reparsed.ok ? '' : JSON.stringify(reparsed.error)).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('applyEdits in one call equals one edit per call', () => {
  // Removals are applied in runs (the first run drops its edges in one pass, later ones through
  // an index by node): a batch must give what the same edits give one at a time.
  it('holds for random edit lists with several runs of removals', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 10 }), (edits) => {
        let current: Design = base()
        let failed: { index: number; message: string } | undefined
        for (const [index, edit] of edits.entries()) {
          const r = applyEdits(current, [edit])
          if (!r.ok) {
            failed = { index, message: r.error.message }
            break
          }
          current = r.value
        }
        const batch = applyEdits(base(), edits)
        if (failed) expect(batch.ok ? undefined : batch.error).toEqual(failed)
        else expect(batch.ok && batch.value).toEqual(current)
      }),
      { numRuns: 500 },
    )
  })

  it('drops the edges of nodes removed in separate runs', () => {
    const r = apply(base(), [
      { type: 'removeNode', id: 'mi' },
      { type: 'addNode', node: { id: 'mi', kind: 'identity', name: 'again' } },
      { type: 'addEdge', edge: { id: 'a1', kind: 'attach', source: 'api', target: 'mi' } },
      { type: 'removeNode', id: 'devs' },
      { type: 'removeNode', id: 'mi' },
    ])
    expect(r.ok && r.value.edges.map((e) => e.id)).toEqual(['e1'])
  })
})

describe('editDraft', () => {
  it('tells the ids the design uses, then applies as applyEdits does, once', () => {
    const draft = editDraft(base())
    expect(['api', 'mi', 'a1', 'e2', 'nope', 'API'].map((id) => draft.isTaken(id))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ])
    const edits: Edit[] = [
      { type: 'removeNode', id: 'mi' },
      { type: 'addNode', node: { id: 'kv', kind: 'service', name: 'kv', service: 'keyVault' } },
    ]
    expect(draft.apply(edits)).toEqual(applyEdits(base(), edits))
    expect(() => draft.apply(edits)).toThrow(/applied once/)
  })
})

/**
 * Updates only, mostly to a few ids (so one list often changes an item twice), some refused:
 * unknown ids, foreign fields, an attach edge, a bad value.
 */
const updateArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    type: fc.constant('updateNode' as const),
    id: fc.constantFrom('api', 'api', 'st', 'devs', 'nope'),
    set: fc.record(
      {
        name: fc.string({ maxLength: 3 }),
        hosting: fc.constantFrom(
          'functionApp' as const,
          'containerApp' as const,
          'webApp' as never,
        ),
        position: fc.record({ x: fc.integer(), y: fc.integer() }),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    type: fc.constant('updateEdge' as const),
    id: fc.constantFrom('e1', 'e1', 'e2', 'a1', 'nope'),
    set: fc.record(
      {
        roles: fc.array(fc.constantFrom('AcrPull', 'Reader', 'Nope'), { maxLength: 2 }),
        via: fc.constantFrom('system', 'mi', undefined),
      },
      { requiredKeys: [] },
    ),
  }),
)

describe('applyEdits of updates only', () => {
  // Such lists are applied in place, through positions shared between versions; editDraft
  // applies any list through maps of every node and edge.
  it('gives what the same edits give through maps of every id, version after version', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(updateArb, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        (batches) => {
          let current = base()
          for (const batch of batches) {
            const inPlace = applyEdits(current, batch)
            expect(inPlace).toEqual(editDraft(current).apply(batch))
            if (inPlace.ok) current = inPlace.value
          }
        },
      ),
      { numRuns: 400 },
    )
  })

  it('finds each node and edge of every version by id, versions branching from one another', () => {
    const start = base()
    const step = (d: Design, edit: Edit): Design => {
      const r = applyEdits(d, [edit])
      if (!r.ok) throw new Error(r.error.message)
      return r.value
    }
    const renamed = step(start, { type: 'updateNode', id: 'api', set: { name: 'renamed' } })
    const moved = step(start, { type: 'updateNode', id: 'st', set: { position: { x: 9, y: 9 } } })
    const added = step(moved, { type: 'addNode', node: { id: 'n1', kind: 'identity', name: 'n1' } })
    const after = step(added, { type: 'updateEdge', id: 'e2', set: { roles: ['Reader'] } })
    const twice = step(after, { type: 'updateNode', id: 'n1', set: { name: 'again' } })
    expect(twice.nodes.map((n) => n.name)).toEqual(['api', 'mi', 'st', 'devs', 'again'])
    expect(twice.nodes[2]?.position).toEqual({ x: 9, y: 9 })
    expect(twice.edges.find((e) => e.id === 'e2')).toMatchObject({ roles: ['Reader'] })
    expect(renamed.nodes.map((n) => n.name)).toEqual(['renamed', 'mi', 'st', 'devs'])
    expect(
      step(renamed, { type: 'updateNode', id: 'st', set: { name: 'x' } }).nodes.map((n) => n.name),
    ).toEqual(['renamed', 'mi', 'x', 'devs'])
    expect(applyEdits(renamed, [{ type: 'updateNode', id: 'n1', set: { name: 'x' } }])).toEqual({
      ok: false,
      error: { index: 0, message: 'no node with id "n1"' },
    })
  })
})
