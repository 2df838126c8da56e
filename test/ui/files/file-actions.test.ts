import { describe, expect, it } from 'vitest'
import { serializeDesign } from '@/model/serialize.ts'
import type { Design } from '@/model/types.ts'
import { MAX_DESIGN_CHARS } from '@/model/limits.ts'
import { openDesignFile, saveDesign } from '@/ui/files/file-actions.ts'
import { testStore } from '../../store/helpers.ts'
import { design } from '../../support/builder.ts'

/** What the file picker hands over. */
const fileOf = (name: string, d: Design) => new File([serializeDesign(d)], name)

/** Apps, identities and services in one connected system, no positions anywhere. */
function unplaced(name: string): Design {
  const d = design()
    .named(name)
    .app('web', { systemAssigned: true })
    .app('api')
    .identity('id-shared')
    .service('st', 'storage')
    .service('kv', 'keyVault')
    .attach('api', 'id-shared')
    .access('web', 'st', ['Storage Blob Data Reader'], { via: 'system' })
    .access('api', 'kv', ['Key Vault Secrets User'], { via: 'id-shared' })
    .build()
  return { ...d, nodes: d.nodes.map(({ position: _, ...n }) => n) }
}

const overlaps = (d: Design): boolean =>
  d.nodes.some((a, i) =>
    d.nodes.some(
      (b, j) =>
        i < j &&
        Math.abs((a.position?.x ?? 0) - (b.position?.x ?? 0)) < 100 &&
        Math.abs((a.position?.y ?? 0) - (b.position?.y ?? 0)) < 40,
    ),
  )

describe('openDesignFile', () => {
  it('lays out a design whose file has no positions, as a template opens', async () => {
    const { store } = testStore()
    const file = unplaced('Hand written')
    expect(await openDesignFile(store, fileOf('hand.topology.json', file))).toBe(true)
    const opened = store.getState().design
    expect(opened.nodes.map((n) => n.id)).toEqual(file.nodes.map((n) => n.id))
    expect(opened.edges).toEqual(file.edges)
    expect(opened.nodes.every((n) => n.position !== undefined)).toBe(true)
    expect(overlaps(opened)).toBe(false)
    // Left to right in layers: each app left of the services it reaches.
    const x = (id: string) => opened.nodes.find((n) => n.id === id)?.position?.x ?? NaN
    expect(x('web')).toBeLessThan(x('st'))
    expect(x('api')).toBeLessThan(x('id-shared'))
    expect(x('id-shared')).toBeLessThan(x('kv'))
    expect(store.getState().notice).toMatchObject({
      tone: 'success',
      title: 'Opened “Hand written”, laid out (the file has no positions)',
    })
  })

  it("keeps a file's own positions, and leaves a node without one to the canvas", async () => {
    const { store } = testStore()
    const file = unplaced('Partly placed')
    const placed = {
      ...file,
      nodes: file.nodes.map((n, i) => (i === 0 ? n : { ...n, position: { x: i * 7, y: -i } })),
    }
    expect(await openDesignFile(store, fileOf('partly.topology.json', placed))).toBe(true)
    expect(store.getState().design).toEqual(placed)
    expect(store.getState().notice).toMatchObject({ title: 'Opened “Partly placed”' })
  })

  it('opens the file chosen last when an earlier one is still being laid out', async () => {
    const { store } = testStore()
    const first = openDesignFile(store, fileOf('first.topology.json', unplaced('First')))
    const second = openDesignFile(store, fileOf('second.topology.json', unplaced('Second')))
    expect(await Promise.all([first, second])).toEqual([false, true])
    expect(store.getState().design.name).toBe('Second')
  })
})

describe('saveDesign', () => {
  it('downloads the design as its file, and says when that file is too large to open again', () => {
    const small = unplaced('Small')
    const { store, effects, downloads } = testStore(small)
    saveDesign(store, effects)
    expect(downloads).toEqual([
      { name: 'small.topology.json', data: serializeDesign(small), type: 'application/json' },
    ])
    expect(store.getState().notice).toBeNull()

    // An unknown field is kept as it is (an extra): here, one that makes the file 9 MB.
    const large: Design = {
      ...small,
      name: 'Large',
      extras: { notes: 'x'.repeat(MAX_DESIGN_CHARS + 1024 * 1024) },
    }
    const second = testStore(large)
    saveDesign(second.store, second.effects)
    expect(second.downloads.map((d) => [d.name, d.data])).toEqual([
      ['large.topology.json', serializeDesign(large)],
    ])
    expect(second.store.getState().notice).toMatchObject({
      tone: 'warning',
      title:
        'Saved “large.topology.json”, but the design is 9.0 MB, above the 8 MB a design may be: neither the designer nor idtopo will open the file. Split it into smaller designs.',
    })
  })
})
