import { describe, expect, it } from 'vitest'
import { sameGrants, type PrincipalGrants } from '@/analysis/grant-sets.ts'

/** Principals holding these code lists, with the hash given (to make two lists collide). */
function grants(lists: number[][], hash: number[]): PrincipalGrants {
  const start = [0]
  for (const list of lists) start.push((start.at(-1) as number) + list.length)
  return {
    start: Int32Array.from(start),
    codes: Int32Array.from(lists.flat()),
    hash: Int32Array.from(hash),
    rbac: new Int32Array(lists.length),
  }
}

describe('sameGrants', () => {
  it('compares the codes when two principals hash alike', () => {
    // [0, 40] and [1, 9] hash alike (h = 2 × 31² + 31 a + b = 1962 both).
    const g = grants(
      [
        [0, 40],
        [1, 9],
        [0, 40],
      ],
      [1962, 1962, 1962],
    )
    expect(sameGrants(g, 0, 1)).toBe(false)
    expect(sameGrants(g, 0, 2)).toBe(true)
  })

  it('tells lists of different lengths apart', () => {
    const g = grants([[3], [3, 5]], [7, 7])
    expect(sameGrants(g, 0, 1)).toBe(false)
  })
})
