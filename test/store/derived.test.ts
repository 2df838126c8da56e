import { describe, expect, it } from 'vitest'
import { analyze, findingsFor, planOf, sameExceptPositions } from '@/store/derived.ts'
import { applyEdits } from '@/model/edits.ts'
import { design } from '../support/builder.ts'

const d = () =>
  design()
    .app('api', { position: { x: 0, y: 0 } })
    .service('st', 'storage')
    .access('api', 'st', ['Owner'])
    .build()

describe('derived data', () => {
  it('treats a position-only change as the same design', () => {
    const a = d()
    const moved = applyEdits(a, [
      { type: 'updateNode', id: 'api', set: { position: { x: 5, y: 5 } } },
    ])
    expect(moved.ok && sameExceptPositions(a, moved.value)).toBe(true)
    const renamed = applyEdits(a, [{ type: 'updateNode', id: 'api', set: { name: 'x' } }])
    expect(renamed.ok && sameExceptPositions(a, renamed.value)).toBe(false)
  })

  it('memoizes findings and the plan across moves', () => {
    const a = d()
    const first = analyze(a)
    const plan = planOf(a)
    const moved = applyEdits(a, [
      { type: 'updateNode', id: 'api', set: { position: { x: 5, y: 5 } } },
    ])
    if (!moved.ok) throw new Error('edit failed')
    expect(analyze(moved.value)).toBe(first)
    expect(planOf(moved.value)).toBe(plan)
  })

  it('indexes findings by subject', () => {
    const a = d()
    const rules = findingsFor(a, 'api-st').map((f) => f.rule)
    expect(rules).toContain('privileged-role')
    expect(rules).toContain('missing-identity')
  })
})
