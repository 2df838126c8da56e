import fc from 'fast-check'
import LZString from 'lz-string'
import { describe, expect, it, vi } from 'vitest'
import { formatProblem } from '@/model/problems.ts'
import { MAX_DESIGN_CHARS } from '@/model/limits.ts'
import { inflateUriSafe } from '@/store/persist/bounded-lz.ts'
import { restoreSession } from '@/store/persist/restore.ts'
import { readShareHash } from '@/store/persist/share-link.ts'
import { openDesignFile } from '@/ui/files/file-actions.ts'
import { lzBomb } from '../support/lz-bomb.ts'
import { testStore } from '../store/helpers.ts'

describe('bounded share-link decoding', () => {
  it('decodes exactly what lz-string encodes, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const packed = LZString.compressToEncodedURIComponent(text)
        const mine = inflateUriSafe(packed, 10_000)
        expect(mine.ok ? mine.value : mine.error).toBe(text)
      }),
      { numRuns: 300 },
    )
  })

  it('the test bomb is a stream lz-string itself inflates quadratically', () => {
    const small = lzBomb(200)
    expect(LZString.decompressFromEncodedURIComponent(small.link)).toBe(
      'a'.repeat(small.inflatedLength),
    )
    const mine = inflateUriSafe(small.link, small.inflatedLength)
    expect(mine.ok && mine.value.length).toBe(small.inflatedLength)
    expect(inflateUriSafe(small.link, small.inflatedLength - 1)).toEqual({
      ok: false,
      error: 'tooLarge',
    })
  })

  it('refuses a 45 KB link that would inflate to 200 million characters, with a clear message', () => {
    const bomb = lzBomb(20_000)
    expect(bomb.link.length).toBeLessThan(46_000)
    expect(bomb.inflatedLength).toBeGreaterThan(200_000_000)
    const r = readShareHash(`#design=${bomb.link}`)
    expect(r.ok ? [] : r.error.map(formatProblem)).toEqual([
      '(link): the link holds more than 8 MB of design, the most a design may be: it was not opened',
    ])
  })

  it('says a link with characters outside its alphabet is damaged', () => {
    const packed = LZString.compressToEncodedURIComponent('{"a":1}')
    expect(inflateUriSafe(`${packed.slice(0, 3)}%${packed.slice(4)}`, 100)).toEqual({
      ok: false,
      error: 'damaged',
    })
    expect(inflateUriSafe(packed.slice(0, 2), 100)).toEqual({ ok: false, error: 'damaged' })
  })

  it('opens the saved session instead and says why, when the link is a bomb', async () => {
    const t = testStore({ name: 'saved one', nodes: [], edges: [] })
    const { store } = t
    const { consumedHash } = await restoreSession(
      store,
      t.effects,
      `#design=${lzBomb(20_000).link}`,
    )
    expect(consumedHash).toBe(true)
    expect(store.getState().design.name).toBe('saved one')
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      title: 'The shared link holds an invalid design',
      details: [
        '(link): the link holds more than 8 MB of design, the most a design may be: it was not opened',
      ],
    })
  })
})

describe('oversized design files in the web app', () => {
  it('are refused before they are read, and the open design stays', async () => {
    const { store } = testStore({ name: 'mine', nodes: [], edges: [] })
    const text = vi.fn(async () => '{}')
    const file = {
      name: 'huge.topology.json',
      size: MAX_DESIGN_CHARS + 1.5 * 1024 * 1024,
      text,
    } as unknown as File
    expect(await openDesignFile(store, file)).toBe(false)
    expect(text).not.toHaveBeenCalled()
    expect(store.getState().design.name).toBe('mine')
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      title:
        '“huge.topology.json” is 9.5 MB; designs are limited to 8 MB. Your design was not changed.',
    })
  })
})
