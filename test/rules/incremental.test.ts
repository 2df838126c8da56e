import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEdits, type Edit } from '@/model/edits.ts'
import type { Design } from '@/model/types.ts'
import { SERVICES } from '@/catalog/services.ts'
import { checkDesign } from '@/rules/engine.ts'
import { IncrementalChecker, PRINCIPAL_LOCAL, SERVICE_LOCAL } from '@/rules/incremental.ts'
import { components, principalParts } from '@/rules/components.ts'
import { RULES } from '@/rules/registry.ts'
import { createRule } from '@/rules/rule.ts'
import type { Finding } from '@/rules/types.ts'
import { designArbitrary } from '../support/arbitraries.ts'
import { design } from '../support/builder.ts'
import { findingsWithOffers } from '../support/rule-tester.ts'

/** The checker's findings of its last check, each with its fixes and suggestions. */
const withOffers = (checker: IncrementalChecker, findings: readonly Finding[]) =>
  findingsWithOffersOf(findings, (f) => checker.offers(f))
const findingsWithOffersOf = (findings: readonly Finding[], offers: IncrementalChecker['offers']) =>
  findings.map((f) => ({ ...f, ...offers(f) }))

/**
 * An edit picked by a seed: a fix or suggestion of some finding, or a change of what decides a
 * principal part (identities, vias, attach edges), of a node a part only reads (a service's name
 * or permission model: names may repeat), of roles, or a removal.
 */
function someEdit(d: Design, seed: number): readonly Edit[] {
  const pick = <T>(list: readonly T[]): T | undefined =>
    list[Math.floor(seed / 13) % Math.max(1, list.length)]
  const access = d.edges.filter((e) => e.kind === 'access')
  const apps = d.nodes.filter((n) => n.kind === 'app')
  const identities = d.nodes.filter((n) => n.kind === 'identity')
  const services = d.nodes.filter((n) => n.kind === 'service')
  switch (seed % 13) {
    case 0: {
      const offers = findingsWithOffers(d).flatMap((f) => [...f.fixes, ...f.suggestions])
      const offer = pick(offers)
      if (offer) return offer.edits
      break
    }
    case 1: {
      const edge = pick(access)
      if (edge) return [{ type: 'updateEdge', id: edge.id, set: { roles: ['Owner'] } }]
      break
    }
    case 2: {
      const node = pick(d.nodes)
      if (node) return [{ type: 'removeNode', id: node.id }]
      break
    }
    case 3: {
      const app = pick(apps)
      if (app)
        return [{ type: 'updateNode', id: app.id, set: { systemAssigned: !app.systemAssigned } }]
      break
    }
    case 4: {
      // Another node's name: messages then read the same for different subjects.
      const node = pick(d.nodes)
      const other = d.nodes[seed % Math.max(1, d.nodes.length)]
      if (node && other) return [{ type: 'updateNode', id: node.id, set: { name: other.name } }]
      break
    }
    case 5: {
      const edge = pick(access)
      const vias = [undefined, 'system', ...d.nodes.map((n) => n.id)]
      if (edge) return [{ type: 'updateEdge', id: edge.id, set: { via: vias[seed % vias.length] } }]
      break
    }
    case 6: {
      const app = pick(apps)
      const identity = identities[seed % Math.max(1, identities.length)]
      if (app && identity)
        return [
          {
            type: 'addEdge',
            edge: { id: `attach-${seed}`, kind: 'attach', source: app.id, target: identity.id },
          },
        ]
      break
    }
    case 7: {
      const edge = pick(d.edges)
      if (edge) return [{ type: 'removeEdge', id: edge.id }]
      break
    }
    case 8: {
      const service = pick(services)
      if (service?.kind === 'service')
        return [
          {
            type: 'updateNode',
            id: service.id,
            set: {
              permissionModel: service.permissionModel === 'accessPolicy' ? 'rbac' : 'accessPolicy',
            },
          },
        ]
      break
    }
    case 9: {
      const source = pick(d.nodes.filter((n) => n.kind === 'app' || n.kind === 'developer'))
      const service = services[seed % Math.max(1, services.length)]
      const via = pick([undefined, 'system', ...identities.map((n) => n.id)])
      if (source && service?.kind === 'service')
        return [
          {
            type: 'addEdge',
            edge: {
              id: `access-${seed}`,
              kind: 'access',
              source: source.id,
              target: service.id,
              roles: [SERVICES[service.service].defaultRole],
              ...(via !== undefined ? { via } : {}),
            },
          },
        ]
      break
    }
    case 10: {
      const edge = pick(access)
      if (edge) return [{ type: 'updateEdge', id: edge.id, set: { scope: 'resourceGroup' } }]
      break
    }
  }
  return [{ type: 'renameDesign', name: `v${seed}` }]
}

/** Checks every version of a random edit sequence incrementally and fully; they must agree. */
const agreesAlongEdits = (start: Design, seeds: readonly number[]): void => {
  const checker = new IncrementalChecker()
  let d = start
  expect(withOffers(checker, checker.check(d))).toEqual(findingsWithOffers(d))
  for (const seed of seeds) {
    const next = applyEdits(d, someEdit(d, seed))
    if (!next.ok) continue
    d = next.value
    expect(withOffers(checker, checker.check(d))).toEqual(findingsWithOffers(d))
  }
}

// A design rule that states the totals it is given, every time.
const totals = createRule({
  meta: {
    ...RULES.find((r) => r.meta.scope === 'design')!.meta,
    id: 'totals',
    scope: 'design',
    messages: { n: '{n} assignments' },
  },
  create: ({ report }) => ({
    design: ({ rbacAssignments }) => report({ messageId: 'n', data: { n: rbacAssignments } }),
  }),
})

describe('IncrementalChecker', () => {
  it('gives exactly the findings, fixes and suggestions of a full check after every edit of a random sequence', () => {
    fc.assert(
      fc.property(designArbitrary(), fc.array(fc.nat(), { maxLength: 8 }), agreesAlongEdits),
      { numRuns: 250 },
    )
  }, 120_000)

  it('agrees with a full check on larger designs where many apps share identities and services', () => {
    const shape = { maxApps: 9, maxIdentities: 4, maxServices: 5, maxAttach: 14, maxAccess: 24 }
    fc.assert(
      fc.property(designArbitrary(shape), fc.array(fc.nat(), { maxLength: 8 }), agreesAlongEdits),
      { numRuns: 80 },
    )
  }, 120_000)

  it('agrees with a full check when many parts change at once (checked on the whole design)', () => {
    const shape = {
      maxApps: 40,
      maxIdentities: 12,
      maxServices: 20,
      maxDevelopers: 10,
      maxAttach: 40,
      maxAccess: 60,
    }
    fc.assert(
      fc.property(designArbitrary(shape), fc.array(fc.nat(), { maxLength: 4 }), agreesAlongEdits),
      { numRuns: 40 },
    )
  }, 120_000)

  it('offers the fixes of findings that a part checked alone finds in another order', () => {
    // fast-check's counterexample: many parts are checked at once over the whole design, where
    // role-not-for-service reports on ac1 before duplicate-access; the service's part alone
    // reports them the other way round, and both lost their suggestions and fixes.
    let b = design()
    for (let i = 0; i < 12; i++) b = b.identity(`mi${i}`)
    for (let i = 0; i < 4; i++) b = b.service(`svc${i}`, 'storage')
    for (let i = 0; i < 8; i++) b = b.developer(`dev${i}`, 'user')
    const d = b
      .access('dev7', 'svc0', ['Storage Blob Data Reader'], { id: 'ac0' })
      .access('dev7', 'svc0', ['Key Vault Secrets User', 'Storage Blob Data Reader'], {
        id: 'ac1',
      })
      .build()
    const checker = new IncrementalChecker()
    const found = withOffers(checker, checker.check(d))
    expect(found).toEqual(findingsWithOffers(d))
    const onAc1 = found.filter((f) => f.subject === 'ac1')
    expect(onAc1.map((f) => [f.rule, f.fixes.length, f.suggestions[0]?.title])).toEqual([
      [
        'role-not-for-service',
        0,
        'Grant "Storage Blob Data Reader" instead of "Key Vault Secrets User"',
      ],
      ['duplicate-access', 1, undefined],
    ])
  })

  it('re-checks only the principal part an edit touched, though the design is one connected whole', () => {
    // Two apps with an identity each, both reaching one storage account: one connected design.
    const d = design()
      .app('a')
      .identity('mi-a')
      .attach('a', 'mi-a')
      .app('b')
      .identity('mi-b')
      .attach('b', 'mi-b')
      .service('st', 'storage')
      .access('a', 'st', ['Storage Blob Data Reader'], { id: 'ea' })
      .access('b', 'st', ['Owner'], { id: 'eb' })
      .build()
    expect(
      principalParts(d).map((p) => [p.key, p.nodes.map((n) => n.id), p.context.map((n) => n.id)]),
    ).toEqual([
      ['a', ['a', 'mi-a'], ['st']],
      ['b', ['b', 'mi-b'], ['st']],
      ['st', ['st'], []],
    ])
    const checker = new IncrementalChecker()
    const before = checker.check(d)
    expect(checker.checkedParts).toBe(3)
    // Turning on a's system-assigned identity makes its edge ambiguous (two identities, no via).
    const edited = applyEdits(d, [{ type: 'updateNode', id: 'a', set: { systemAssigned: true } }])
    if (!edited.ok) throw new Error(edited.error.message)
    const after = checker.check(edited.value)
    expect(checker.checkedParts).toBe(1)
    expect(after).toEqual(checkDesign(edited.value))
    expect(after.map((f) => [f.rule, f.subject])).toContainEqual(['ambiguous-identity', 'ea'])
    // b's findings are the very objects of the first check.
    const ofB = (fs: readonly Finding[]) =>
      fs.filter((f) => f.subject === 'eb' || f.subject === 'mi-b')
    expect(ofB(after).length).toBeGreaterThan(0)
    ofB(after).forEach((f, i) => expect(f).toBe(ofB(before)[i]))
  })

  it('re-checks every part that reads a renamed service, since its name is in their messages', () => {
    const d = design()
      .app('a', { systemAssigned: true })
      .app('b', { systemAssigned: true })
      .service('kv', 'keyVault')
      .access('a', 'kv', ['Owner'], { id: 'ea' })
      .access('b', 'kv', ['Owner'], { id: 'eb' })
      .build()
    const checker = new IncrementalChecker()
    checker.check(d)
    const edited = applyEdits(d, [{ type: 'updateNode', id: 'kv', set: { name: 'vault "main"' } }])
    if (!edited.ok) throw new Error(edited.error.message)
    const after = checker.check(edited.value)
    expect(checker.checkedParts).toBe(3)
    expect(after).toEqual(checkDesign(edited.value))
    expect(
      after.find((f) => f.subject === 'eb' && f.rule === 'privileged-role')?.message,
    ).toContain('"vault \\"main\\""')
  })

  it('compares grant sets across principal parts: identical access and developers with the same access', () => {
    const d = design()
      .app('a', { systemAssigned: true })
      .app('b', { systemAssigned: true })
      .developer('u1', 'user')
      .developer('u2', 'user')
      .service('st', 'storage')
      .access('a', 'st', ['Storage Blob Data Reader'], { id: 'ea' })
      .access('b', 'st', ['Storage Blob Data Reader'], { id: 'eb' })
      .access('u1', 'st', ['Storage Blob Data Reader'], { id: 'eu1' })
      .access('u2', 'st', ['Storage Blob Data Reader'], { id: 'eu2' })
      .build()
    const checker = new IncrementalChecker()
    const across = (fs: readonly Finding[]) =>
      fs
        .filter(
          (f) =>
            f.rule === 'identical-access-share-identity' || f.rule === 'developer-prefer-group',
        )
        .map((f) => [f.rule, f.subject, f.related])
    expect(across(checker.check(d))).toEqual([
      ['developer-prefer-group', 'u1', ['u2']],
      ['identical-access-share-identity', 'a', ['b']],
    ])
    // Renaming b re-checks b's part only; the finding about a names b anew.
    const edited = applyEdits(d, [{ type: 'updateNode', id: 'b', set: { name: 'b "2"' } }])
    if (!edited.ok) throw new Error(edited.error.message)
    const after = checker.check(edited.value)
    expect(checker.checkedParts).toBe(1)
    expect(after).toEqual(checkDesign(edited.value))
    expect(after.find((f) => f.subject === 'a')?.message).toContain('"b \\"2\\""')
  })

  it('reuses the findings of parts an edit did not touch, with fixes made for the new version', () => {
    const d = design()
      .app('a')
      .service('s1', 'storage')
      .access('a', 's1', ['Storage Blob Data Reader'], { id: 'e1' })
      .identity('mi')
      .build()
    const checker = new IncrementalChecker()
    const missing = (fs: readonly Finding[]) =>
      fs.find((f) => f.rule === 'missing-identity') as Finding
    const first = missing(checker.check(d))
    expect(checker.checkedParts).toBe(3)
    expect(checker.offers(first).suggestions.map((s) => s.edits[0])).toEqual([
      { type: 'addEdge', edge: { id: 'a-mi', kind: 'attach', source: 'a', target: 'mi' } },
    ])
    // A new identity elsewhere, with the very id the suggestion's attach edge would take.
    const edited = applyEdits(d, [
      { type: 'addNode', node: { id: 'a-mi', kind: 'identity', name: 'a-mi' } },
    ])
    if (!edited.ok) throw new Error(edited.error.message)
    const second = missing(checker.check(edited.value))
    expect(checker.checkedParts).toBe(1)
    expect(second).toBe(first)
    expect(checker.offers(second).suggestions.map((s) => s.edits[0])).toEqual([
      { type: 'addEdge', edge: { id: 'a-mi-2', kind: 'attach', source: 'a', target: 'mi' } },
      { type: 'addEdge', edge: { id: 'a-a-mi', kind: 'attach', source: 'a', target: 'a-mi' } },
    ])
    // Once a's part changes, the finding of the earlier version offers nothing any more.
    const fixed = applyEdits(edited.value, [{ type: 'updateNode', id: 'a', set: { name: 'a2' } }])
    if (!fixed.ok) throw new Error(fixed.error.message)
    const third = missing(checker.check(fixed.value))
    expect(third).not.toBe(first)
    expect(checker.offers(first)).toEqual({ fixes: [], suggestions: [] })
    expect(checker.offers(third).fixes.length).toBeGreaterThan(0)
  })

  it('runs the other rules only on the connected parts an edit touched, and design rules on their totals', () => {
    const d = design()
      .app('a', { systemAssigned: true })
      .service('st', 'storage')
      .access('a', 'st', ['Storage Blob Data Reader'], { id: 'ea' })
      .app('b', { systemAssigned: true })
      .service('kv', 'keyVault')
      .access('b', 'kv', ['Key Vault Secrets User'], { id: 'eb' })
      .build()
    expect(components(d).map((c) => c.nodes.map((n) => n.id))).toEqual([
      ['a', 'st'],
      ['b', 'kv'],
    ])
    const checker = new IncrementalChecker([...RULES, totals])
    const missing = (fs: readonly Finding[]) =>
      fs.filter((f) => f.rule === 'developer-access-missing')
    const before = checker.check(d)
    const edited = applyEdits(d, [
      {
        type: 'updateEdge',
        id: 'ea',
        set: { roles: ['Storage Blob Data Reader', 'Storage Queue Data Reader'] },
      },
    ])
    if (!edited.ok) throw new Error(edited.error.message)
    const after = checker.check(edited.value)
    expect(after).toEqual(checkDesign(edited.value, [...RULES, totals]))
    expect(after.filter((f) => f.rule === 'totals').map((f) => f.message)).toEqual([
      '3 assignments',
    ])
    // kv's finding is the very object of the first check; st's is found anew.
    expect(missing(after).map((f) => f.subject)).toEqual(['kv', 'st'])
    expect(missing(after)[0]).toBe(missing(before)[0])
    expect(missing(after)[1]).not.toBe(missing(before)[1])
  })

  it('splits a design anew when the same ids come back rewired (another file opened), not only edited', () => {
    const d = design()
      .app('a', { systemAssigned: true })
      .app('b')
      .identity('mi')
      .service('st', 'storage')
      .service('kv', 'keyVault')
      .attach('b', 'mi', 'x1')
      .access('a', 'st', ['Owner'], { id: 'x2' })
      .access('b', 'kv', ['Key Vault Secrets User'], { id: 'x3' })
      .build()
    const rewired = design()
      .app('a', { systemAssigned: true })
      .app('b')
      .identity('mi')
      .service('st', 'storage')
      .service('kv', 'keyVault')
      .attach('a', 'mi', 'x1')
      .access('b', 'st', ['Owner'], { id: 'x2' })
      .access('a', 'kv', ['Key Vault Secrets User'], { id: 'x3' })
      .build()
    const checker = new IncrementalChecker()
    checker.check(d)
    expect(checker.check(rewired)).toEqual(checkDesign(rewired))
  })

  it('builds the fixes of findings a check of many parts found on the part alone, with the names of the current version', () => {
    const b = design()
      .app('a')
      .service('st', 'storage')
      .access('a', 'st', ['Storage Blob Data Reader'])
    for (let i = 0; i < 30; i++) b.identity(`mi${i}`)
    const d = b.build()
    const checker = new IncrementalChecker()
    expect(withOffers(checker, checker.check(d))).toEqual(findingsWithOffers(d))
    // Renaming an identity elsewhere keeps a's part and its finding; the suggestions name it anew.
    const edited = applyEdits(d, [{ type: 'updateNode', id: 'mi3', set: { name: 'renamed "3"' } }])
    if (!edited.ok) throw new Error(edited.error.message)
    const after = withOffers(checker, checker.check(edited.value))
    expect(after).toEqual(findingsWithOffers(edited.value))
    expect(after.flatMap((f) => f.suggestions.map((x) => x.title))).toContain(
      'Attach identity "renamed \\"3\\"" to "a" and use it here',
    )
  })

  it('sums the totals of many connected parts checked at once on the whole design', () => {
    const b = design()
    for (let i = 0; i < 30; i++)
      b.app(`a${i}`, { systemAssigned: true })
        .service(`s${i}`, 'storage')
        .access(
          `a${i}`,
          `s${i}`,
          ['Storage Blob Data Reader', 'Storage Queue Data Reader'].slice(0, 1 + (i % 2)),
        )
    const d = b.build()
    const rules = [...RULES, totals]
    const checker = new IncrementalChecker(rules)
    const stated = (fs: readonly Finding[]) =>
      fs.filter((f) => f.rule === 'totals').map((f) => f.message)
    expect(stated(checker.check(d))).toEqual(['45 assignments'])
    expect(checker.check(d)).toEqual(checkDesign(d, rules))
    const edited = applyEdits(d, [{ type: 'removeNode', id: 'a1' }])
    if (!edited.ok) throw new Error(edited.error.message)
    expect(stated(checker.check(edited.value))).toEqual(['43 assignments'])
    expect(checker.check(edited.value)).toEqual(checkDesign(edited.value, rules))
  })

  it('classifies only component rules as local, each one way', () => {
    const component = new Set(
      RULES.filter((r) => r.meta.scope === 'component').map((r) => r.meta.id),
    )
    const local = [...PRINCIPAL_LOCAL, ...SERVICE_LOCAL]
    expect(local.filter((id) => !component.has(id))).toEqual([])
    expect(new Set(local).size).toBe(local.length)
    // Rules about equal grant sets compare principals of several parts: they are neither.
    expect(local).not.toContain('identical-access-share-identity')
    expect(local).not.toContain('developer-prefer-group')
  })
})
