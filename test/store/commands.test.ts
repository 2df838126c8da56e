import { describe, expect, it } from 'vitest'
import { azureNameProblem } from '@/catalog/name-rules.ts'
import { SERVICE_KINDS } from '@/model/kinds.ts'
import { design } from '../support/builder.ts'
import { testStore } from './helpers.ts'

const scenario = () =>
  design()
    .app('api', { position: { x: 0, y: 0 } })
    .identity('mi', { position: { x: 300, y: 0 } })
    .service('st', 'storage', { position: { x: 600, y: 0 } })
    .attach('api', 'mi')
    .access('api', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
    .build()

describe('document commands', () => {
  it('addNode names a child resource parent/child, as Azure does (a SQL database, a Spring app)', () => {
    const t = testStore()
    const add = t.store.getState().addNode
    add({ kind: 'service', service: 'sql' }, { x: 0, y: 0 })
    add({ kind: 'service', service: 'sql' }, { x: 0, y: 0 })
    add({ kind: 'app', hosting: 'springApp' }, { x: 0, y: 0 })
    expect(t.store.getState().design.nodes.map((n) => [n.id, n.name])).toEqual([
      ['sqldb-1', 'sql-1/sqldb-1'],
      ['sqldb-2', 'sql-2/sqldb-2'],
      ['spring-1', 'asa-1/spring-1'],
    ])
  })

  it('addNode names every service as Azure takes its name (no hyphen in a storage account, 5+ characters for a registry)', () => {
    const t = testStore()
    for (const service of SERVICE_KINDS)
      t.store.getState().addNode({ kind: 'service', service }, { x: 0, y: 0 })
    const nodes = t.store.getState().design.nodes
    expect(
      nodes.filter((n) => n.id !== n.name.split('/').pop()).map((n) => [n.id, n.name]),
    ).toEqual([
      ['st-1', 'st1'],
      ['cr-1', 'cr001'],
    ])
    expect(nodes.map(azureNameProblem).filter(Boolean)).toEqual([])
    t.store.getState().addNode({ kind: 'service', service: 'storage' }, { x: 0, y: 0 })
    expect(t.store.getState().design.nodes.at(-1)).toMatchObject({ id: 'st-2', name: 'st2' })
  })

  it('addNode adds one node with a readable id, selects it, and is one undo step', () => {
    const t = testStore()
    const id = t.store
      .getState()
      .addNode({ kind: 'service', service: 'keyVault' }, { x: 13, y: 27 })
    expect(id).toBe('kv-1')
    const node = t.store.getState().design.nodes[0]
    expect(node).toEqual({
      id: 'kv-1',
      kind: 'service',
      name: 'kv-1',
      service: 'keyVault',
      position: { x: 20, y: 20 },
    })
    expect(t.store.getState().selection).toEqual({ nodes: ['kv-1'], edges: [] })
    expect(t.past()).toBe(1)
    t.store.getState().addNode({ kind: 'service', service: 'keyVault' }, { x: 0, y: 200 })
    expect(t.store.getState().design.nodes.map((n) => n.id)).toEqual(['kv-1', 'kv-2'])
    t.store.getState().undo()
    expect(t.store.getState().design.nodes.map((n) => n.id)).toEqual(['kv-1'])
    t.store.getState().redo()
    expect(t.store.getState().design.nodes.map((n) => n.id)).toEqual(['kv-1', 'kv-2'])
  })

  it('connect creates the planned edge, or refuses with a notice and no step', () => {
    const t = testStore(design().app('api').service('st', 'storage').identity('mi').build())
    expect(t.store.getState().connect('api', 'st')).toBe(true)
    expect(t.store.getState().design.edges).toHaveLength(1)
    expect(t.store.getState().selection.edges).toEqual(['api-st'])
    expect(t.past()).toBe(1)
    expect(t.store.getState().connect('mi', 'st')).toBe(false)
    expect(t.store.getState().notice?.title).toMatch(/identity does not access a service/)
    expect(t.past()).toBe(1)
  })

  it('a refused edit leaves the design unchanged and says why', () => {
    const t = testStore(scenario())
    const before = t.store.getState().design
    expect(t.store.getState().updateNode('api', { name: '' })).toBe(false)
    expect(t.store.getState().design).toBe(before)
    expect(t.store.getState().notice?.tone).toBe('error')
    expect(t.past()).toBe(0)
  })

  it('selection, viewport, drag previews and measurements are never undo steps', () => {
    const t = testStore(scenario())
    const s = t.store.getState()
    s.select({ nodes: ['api'], edges: [] })
    s.setViewport({ x: 10, y: 20, zoom: 1.5 })
    s.setDrag(new Map([['api', { x: 5, y: 5 }]]))
    s.setDrag(null)
    s.noteMeasured([{ id: 'api', size: { width: 220, height: 80 } }])
    s.setPanel('plan')
    expect(t.past()).toBe(0)
  })

  it('moveNodes is one step for many nodes, and none when nothing moved', () => {
    const t = testStore(scenario())
    t.store.getState().moveNodes(new Map([['api', { x: 0, y: 0 }]]))
    expect(t.past()).toBe(0)
    t.store.getState().moveNodes(
      new Map([
        ['api', { x: 40, y: 40 }],
        ['mi', { x: 340, y: 40 }],
      ]),
    )
    expect(t.past()).toBe(1)
    t.store.getState().undo()
    expect(t.store.getState().design.nodes[0]?.position).toEqual({ x: 0, y: 0 })
  })

  it('removeSelection deletes nodes with their edges as one step and clears the selection', () => {
    const t = testStore(scenario())
    t.store.getState().select({ nodes: ['mi'], edges: ['api-st'] })
    t.store.getState().removeSelection()
    const d = t.store.getState().design
    expect(d.nodes.map((n) => n.id)).toEqual(['api', 'st'])
    expect(d.edges).toEqual([])
    expect(t.store.getState().selection).toEqual({ nodes: [], edges: [] })
    expect(t.past()).toBe(1)
    t.store.getState().undo()
    expect(t.store.getState().design.edges).toHaveLength(2)
  })

  it('applyFix applies all the fix edits as one undo step', () => {
    const t = testStore(scenario())
    const ok = t.store.getState().applyFix({
      title: 'Turn on system-assigned',
      edits: [
        { type: 'updateNode', id: 'api', set: { systemAssigned: true } },
        { type: 'updateEdge', id: 'api-st', set: { via: 'system' } },
      ],
    })
    expect(ok).toBe(true)
    expect(t.past()).toBe(1)
    expect(t.store.getState().notice?.title).toBe('Turn on system-assigned — Ctrl+Z to undo')
    t.store.getState().undo()
    expect(t.store.getState().design).toEqual(scenario())
    // The offer to undo goes with the edit it offered to undo.
    expect(t.store.getState().notice).toBeNull()
  })

  it('keeps a notice that is not about the edit undone', () => {
    const t = testStore(scenario())
    t.store.getState().updateNode('api', { name: 'orders-api' })
    t.store.getState().notify({ tone: 'error', title: 'That design could not be restored.' })
    t.store.getState().undo()
    expect(t.store.getState().notice?.title).toBe('That design could not be restored.')
  })

  it('copy and paste duplicate the selected nodes and the edges between them, in free space', () => {
    const t = testStore(scenario())
    t.store.getState().select({ nodes: ['api', 'mi'], edges: [] })
    t.store.getState().copySelection()
    t.store.getState().paste()
    const d = t.store.getState().design
    expect(d.nodes.map((n) => n.id)).toEqual(['api', 'mi', 'st', 'api-2', 'mi-2'])
    // 40 px down and right would sit on the originals: the pasted pair moves down as one block.
    expect(d.nodes.slice(3).map((n) => n.position)).toEqual([
      { x: 40, y: 140 },
      { x: 340, y: 140 },
    ])
    expect(d.edges.map((e) => [e.id, e.source, e.target])).toContainEqual([
      'api-mi-2',
      'api-2',
      'mi-2',
    ])
    expect(t.store.getState().selection.nodes).toEqual(['api-2', 'mi-2'])
    expect(t.past()).toBe(1)
    t.store.getState().paste()
    expect(
      t.store
        .getState()
        .design.nodes.slice(5)
        .map((n) => n.position),
    ).toEqual([
      { x: 80, y: -120 },
      { x: 380, y: -120 },
    ])
  })

  it('paste names each copy uniquely among the nodes of its kind, as its id', () => {
    const t = testStore(
      design()
        .identity('mi', { name: 'mi-contoso-storage', position: { x: 0, y: 0 } })
        .identity('mi-2', { name: 'mi-contoso-storage-2', position: { x: 0, y: 200 } })
        // Another kind may share the name: it is another kind of Azure resource.
        .service('st', 'storage', { name: 'mi-contoso-storage', position: { x: 300, y: 0 } })
        .build(),
    )
    t.store.getState().select({ nodes: ['mi', 'st'], edges: [] })
    t.store.getState().copySelection()
    t.store.getState().paste()
    t.store.getState().paste()
    const names = t.store.getState().design.nodes.map((n) => [n.kind, n.name])
    expect(names.slice(3)).toEqual([
      ['identity', 'mi-contoso-storage-3'],
      ['service', 'mi-contoso-storage-2'],
      ['identity', 'mi-contoso-storage-4'],
      ['service', 'mi-contoso-storage-3'],
    ])
  })

  it('paste keeps a 128-character name within 128 characters, cutting no character in two', () => {
    // 125 letters, an emoji (one character, two UTF-16 units) and two letters: the suffix takes
    // the two letters' place, and the emoji stays whole.
    const long = `${'a'.repeat(125)}\u{1F600}bb`
    // A family emoji is one character to a reader (five code points): it goes whole.
    const family = `${'a'.repeat(123)}\u{1F468}\u200D\u{1F469}\u200D\u{1F467}`
    const t = testStore(
      design()
        .app('api', { name: long, position: { x: 0, y: 0 } })
        .app('web', { name: family, position: { x: 0, y: 200 } })
        .build(),
    )
    t.store.getState().select({ nodes: ['api', 'web'], edges: [] })
    t.store.getState().copySelection()
    t.store.getState().paste()
    const [copy, familyCopy] = t.store
      .getState()
      .design.nodes.slice(2)
      .map((n) => n.name)
    expect(copy).toBe(`${'a'.repeat(125)}\u{1F600}-2`)
    expect(familyCopy).toBe(`${'a'.repeat(123)}-2`)
    expect(t.store.getState().notice).toBeNull()
  })

  it('loadDesign replaces the document, gives it a new id and starts a fresh history', () => {
    const t = testStore(scenario())
    t.store.getState().addNode({ kind: 'identity' }, { x: 0, y: 0 })
    const before = t.store.getState().docId
    t.store.getState().loadDesign(design().named('Other').build())
    expect(t.store.getState().design.name).toBe('Other')
    expect(t.store.getState().docId).not.toBe(before)
    expect(t.past()).toBe(0)
    expect(t.store.getState().viewCommand.seq).toBe(1)
  })

  it('applyOptimize with a layout moves every node where the layout has it, in the same step', () => {
    const t = testStore(
      design()
        .app('web', { position: { x: 0, y: 0 } })
        .service('st', 'storage', { position: { x: 300, y: 0 } })
        .build(),
    )
    const laidOut = new Map([
      ['web', { x: 0, y: 200 }],
      ['mi', { x: 0, y: 0 }],
      ['st', { x: 600, y: 200 }],
    ])
    t.store
      .getState()
      .applyOptimize(
        [{ type: 'addNode', node: { id: 'mi', kind: 'identity', name: 'mi' } }],
        laidOut,
      )
    // The new identity keeps its spot (where the app was before the same step moved it).
    expect(t.store.getState().design.nodes.map((n) => [n.id, n.position])).toEqual([
      ['web', { x: 0, y: 200 }],
      ['st', { x: 600, y: 200 }],
      ['mi', { x: 0, y: 0 }],
    ])
    expect(t.past()).toBe(1)
    t.store.getState().undo()
    expect(t.store.getState().design.nodes.map((n) => n.position)).toEqual([
      { x: 0, y: 0 },
      { x: 300, y: 0 },
    ])
  })

  it('applyOptimize is one step', () => {
    const t = testStore(scenario())
    t.store.getState().applyOptimize([
      { type: 'renameDesign', name: 'A' },
      { type: 'renameDesign', name: 'B' },
    ])
    expect(t.store.getState().design.name).toBe('B')
    expect(t.past()).toBe(1)
  })
})
