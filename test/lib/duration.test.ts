import { describe, expect, it } from 'vitest'
import { formatDuration } from '@/lib/duration.ts'

describe('formatDuration', () => {
  it('says milliseconds under a second, seconds to a tenth under a minute, then minutes', () => {
    const cases: [number, string][] = [
      [0, '0 ms'],
      [49, '49 ms'],
      [999, '999 ms'],
      [999.6, '1.0 s'],
      [1000, '1.0 s'],
      [7049, '7.0 s'],
      [59_949, '59.9 s'],
      [59_950, '1 min 00 s'],
      [60_000, '1 min 00 s'],
      [125_000, '2 min 05 s'],
      [3_600_000, '60 min 00 s'],
    ]
    expect(cases.map(([ms]) => [ms, formatDuration(ms)])).toEqual(cases)
  })

  it('shows a clock that went back (a wall-clock change mid-run) as no time, not a negative one', () => {
    expect(formatDuration(-5)).toBe('0 ms')
  })
})
