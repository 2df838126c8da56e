import { describe, expect, it } from 'vitest'
import { neighbours, stepWalk } from '@/ui/a11y/neighbours.ts'
import { design } from '../../support/builder.ts'

const d = design()
  .app('web', { name: 'web' })
  .identity('mi')
  .service('st', 'storage')
  .service('kv', 'keyVault')
  .developer('devs')
  .app('lonely')
  .attach('web', 'mi')
  .access('web', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
  .access('web', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'again' })
  .access('web', 'kv', ['Key Vault Secrets User'], { via: 'mi' })
  .access('devs', 'st', ['Storage Blob Data Reader'])
  .build()

describe('walking connected nodes with ] and [', () => {
  it('lists each connected node once, in edge order, both directions', () => {
    expect(neighbours(d, 'web')).toEqual(['mi', 'st', 'kv'])
    expect(neighbours(d, 'st')).toEqual(['web', 'devs'])
    expect(neighbours(d, 'lonely')).toEqual([])
  })

  it('goes round the anchor’s neighbours while the focus follows the walk', () => {
    const one = stepWalk(d, null, 'web', 1)
    expect(one).toMatchObject({ to: 'mi', position: 1, count: 3 })
    const two = stepWalk(d, one?.walk ?? null, 'mi', 1)
    expect(two).toMatchObject({ to: 'st', position: 2, walk: { anchor: 'web' } })
    const three = stepWalk(d, two?.walk ?? null, 'st', 1)
    expect(three?.to).toBe('kv')
    expect(stepWalk(d, three?.walk ?? null, 'kv', 1)?.to).toBe('mi')
    expect(stepWalk(d, three?.walk ?? null, 'kv', -1)?.to).toBe('st')
  })

  it('starts a new walk where the focus arrived some other way', () => {
    const one = stepWalk(d, null, 'web', 1)
    // The focus moved to st by Tab, not by the walk: st becomes the anchor.
    expect(stepWalk(d, one?.walk ?? null, 'st', 1)).toMatchObject({
      to: 'web',
      walk: { anchor: 'st' },
    })
    expect(stepWalk(d, null, 'web', -1)).toMatchObject({ to: 'kv', position: 3 })
  })

  it('has nowhere to go from a node without connections', () => {
    expect(stepWalk(d, null, 'lonely', 1)).toBeNull()
  })
})
