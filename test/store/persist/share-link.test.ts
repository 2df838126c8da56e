import LZString from 'lz-string'
import { describe, expect, it } from 'vitest'
import { hasSharedDesign, readShareHash, shareHash } from '@/store/persist/share-link.ts'
import { TEMPLATES } from '@/templates/index.ts'

describe('share link', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.design] as const))('round-trips %s', (_, d) => {
    const hash = shareHash(d)
    expect(hasSharedDesign(hash)).toBe(true)
    expect(hash).toMatch(/^#design=[A-Za-z0-9+\-$]+$/)
    const back = readShareHash(hash)
    expect(back.ok && back.value).toEqual(d)
  })

  it('reports an invalid design with path-precise problems', () => {
    const doc = { format: 'identity-topology', version: 1, name: 'x', edges: [] }
    const nodes = [{ id: 'a', kind: 'app', name: 'a', hosting: 'mainframe' }]
    const r = readShareHash(
      `#design=${LZString.compressToEncodedURIComponent(JSON.stringify({ ...doc, nodes }))}`,
    )
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error[0]?.path).toBe('nodes[0].hosting')
  })

  it('reports a damaged link', () => {
    const r = readShareHash('#design=')
    expect(!r.ok && r.error[0]?.message).toMatch(/damaged/)
  })

  it('ignores other hashes', () => {
    expect(hasSharedDesign('#view=1')).toBe(false)
  })
})
