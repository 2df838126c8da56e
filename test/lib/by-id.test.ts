import { describe, expect, it } from 'vitest'
import { byId } from '@/lib/by-id.ts'

describe('byId', () => {
  it('maps each id to its item, the last of equal ids winning, in first-seen order', () => {
    const items = [
      { id: 'b', n: 1 },
      { id: 'a', n: 2 },
      { id: 'b', n: 3 },
    ]
    expect([...byId(items)]).toEqual([
      ['b', { id: 'b', n: 3 }],
      ['a', { id: 'a', n: 2 }],
    ])
  })
})
