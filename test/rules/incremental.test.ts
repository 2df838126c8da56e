import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEdits, type Edit } from '@/model/edits.ts'
import type { Design } from '@/model/types.ts'
import { components } from '@/rules/components.ts'
import { checkDesign } from '@/rules/engine.ts'
import { IncrementalChecker } from '@/rules/incremental.ts'
import type { Finding, Fix } from '@/rules/types.ts'
import { designArbitrary } from '../support/arbitraries.ts'
import { design } from '../support/builder.ts'

/** Every field, fixes and suggestions included (reading them computes lazy ones). */
const plain = (findings: readonly Finding[]) =>
  findings.map((f) => ({
    ...f,
    fixes: f.fixes ?? [],
    suggestions: f.suggestions ?? [],
  }))

/** An edit picked by a seed: a fix or suggestion of some finding, a role change, or a removal. */
function someEdit(d: Design, findings: readonly Finding[], seed: number): readonly Edit[] {
  const offers = findings.flatMap((f) => [...(f.fixes ?? []), ...(f.suggestions ?? [])])
  const access = d.edges.filter((e) => e.kind === 'access')
  switch (seed % 4) {
    case 0:
      if (offers.length > 0) return (offers[seed % offers.length] as Fix).edits
      break
    case 1: {
      const edge = access[seed % Math.max(1, access.length)]
      if (edge) return [{ type: 'updateEdge', id: edge.id, set: { roles: ['Owner'] } }]
      break
    }
    case 2: {
      const node = d.nodes[seed % Math.max(1, d.nodes.length)]
      if (node) return [{ type: 'removeNode', id: node.id }]
      break
    }
  }
  return [{ type: 'renameDesign', name: `v${seed}` }]
}

describe('IncrementalChecker', () => {
  it('gives exactly the findings of a full check after every edit of a random sequence', () => {
    fc.assert(
      fc.property(designArbitrary(), fc.array(fc.nat(), { maxLength: 6 }), (start, seeds) => {
        const checker = new IncrementalChecker()
        let d = start
        expect(plain(checker.check(d))).toEqual(plain(checkDesign(d)))
        for (const seed of seeds) {
          const next = applyEdits(d, someEdit(d, checkDesign(d), seed))
          if (!next.ok) continue
          d = next.value
          expect(plain(checker.check(d))).toEqual(plain(checkDesign(d)))
        }
      }),
      { numRuns: 200 },
    )
  }, 120_000)

  it('reuses the findings of parts an edit did not touch', () => {
    const d = design()
      .app('a', { systemAssigned: true })
      .service('s1', 'storage')
      .access('a', 's1', ['Owner'], { id: 'e1' })
      .app('b', { systemAssigned: true })
      .service('s2', 'storage')
      .access('b', 's2', ['Storage Blob Data Reader'], { id: 'e2' })
      .build()
    expect(
      components(d).map((c) => [c.key, c.nodes.map((n) => n.id), c.edges.map((e) => e.id)]),
    ).toEqual([
      ['a', ['a', 's1'], ['e1']],
      ['b', ['b', 's2'], ['e2']],
    ])
    const checker = new IncrementalChecker()
    const first = checker.check(d)
    const edited = applyEdits(d, [{ type: 'updateEdge', id: 'e2', set: { scope: 'subscription' } }])
    if (!edited.ok) throw new Error(edited.error.message)
    const second = checker.check(edited.value)
    const privileged = (fs: Finding[]) => fs.find((f) => f.rule === 'privileged-role')
    // A fresh copy (its lazy fixes are recomputed for the new version), with the same content.
    expect(privileged(second)).not.toBe(privileged(first))
    expect(plain([privileged(second) as Finding])).toEqual(plain([privileged(first) as Finding]))
    expect(second.map((f) => f.rule)).toContain('broad-scope')
  })
})
