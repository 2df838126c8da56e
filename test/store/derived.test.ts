import { describe, expect, it } from 'vitest'
import {
  analyze,
  findingsFor,
  planOf,
  grantCountsOf,
  sameExceptPositions,
} from '@/store/derived.ts'
import { derivePlan } from '@/plan/derive.ts'
import { checkDesign } from '@/rules/engine.ts'
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

describe('grantCountsOf', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.design] as const))(
    'equals what the plan holds for %s: assignRole actions, Cosmos DB data roles, SQL roles',
    (_, d) => {
      const plan = derivePlan(d)
      const of = (kind: string) => plan.actions.filter((a) => a.action === kind)
      expect(grantCountsOf(d)).toEqual({
        azureRoleAssignments: of('assignRole').length,
        dataPlaneGrants: of('assignCosmosDataRole').length,
        sqlDatabaseRoles: of('sqlContainedUser').reduce(
          (n, a) => n + (a.action === 'sqlContainedUser' ? a.roles.length : 0),
          0,
        ),
      })
    },
  )

  it('counts custom roles as Azure role assignments, Cosmos DB and SQL grants apart', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('c', 'cosmosDb')
      .service('s', 'storage')
      .service('q', 'sql')
      .access('api', 'c', ['Cosmos DB Built-in Data Reader'], { via: 'system' })
      .access('api', 'q', ['db_datareader', 'db_datawriter'], { via: 'system' })
      .access('api', 's', ['Storage Blob Data Reader', '11111111-2222-3333-4444-555555555555'], {
        via: 'system',
      })
      .build()
    expect(grantCountsOf(d)).toEqual({
      azureRoleAssignments: 2,
      dataPlaneGrants: 1,
      sqlDatabaseRoles: 2,
    })
  })
})

describe('analyze after successive edits', () => {
  it('gives the same findings as a full check', () => {
    const start = TEMPLATES.find((t) => t.id === 'scenario-2')?.design
    if (!start) throw new Error('no scenario 2')
    const steps: Parameters<typeof applyEdits>[1][] = [
      [{ type: 'updateNode', id: 'web1', set: { systemAssigned: true } }],
      [{ type: 'removeEdge', id: 'web2-mi-data' }],
      [{ type: 'updateEdge', id: 'func-blob', set: { roles: ['Owner'], scope: 'subscription' } }],
      [{ type: 'addNode', node: { id: 'lonely', kind: 'identity', name: 'lonely' } }],
    ]
    let current = start
    const view = (fs: readonly { rule: string; subject: string | null; message: string }[]) =>
      fs.map((f) => `${f.rule}|${f.subject}|${f.message}`)
    for (const edits of steps) {
      const next = applyEdits(current, edits)
      if (!next.ok) throw new Error(next.error.message)
      current = next.value
      expect(view(analyze(current).findings)).toEqual(view(checkDesign(current)))
    }
  })
})
