import { describe, expect, it } from 'vitest'
import {
  analyze,
  findingsFor,
  planOf,
  rbacAssignmentCount,
  sameExceptPositions,
} from '@/store/derived.ts'
import { derivePlan } from '@/plan/derive.ts'
import { TEMPLATES } from '@/templates/index.ts'
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

describe('rbacAssignmentCount', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.design] as const))(
    'equals the plan’s assignRole actions for %s',
    (_, d) => {
      const plan = derivePlan(d)
      expect(rbacAssignmentCount(d)).toBe(
        plan.actions.filter((a) => a.action === 'assignRole').length,
      )
    },
  )

  it('counts custom roles and not Cosmos DB or SQL grants', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('c', 'cosmosDb')
      .service('s', 'storage')
      .access('api', 'c', ['Cosmos DB Built-in Data Reader'], { via: 'system' })
      .access('api', 's', ['Storage Blob Data Reader', '11111111-2222-3333-4444-555555555555'], {
        via: 'system',
      })
      .build()
    expect(rbacAssignmentCount(d)).toBe(2)
  })
})
