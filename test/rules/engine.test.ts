import { describe, expect, it } from 'vitest'
import {
  checkDesign,
  countFindings,
  INTERNAL_ERROR_RULE,
  runCheck,
  sortFindings,
} from '@/rules/engine.ts'
import { formatMessage } from '@/rules/messages.ts'
import {
  createRule,
  type ComponentRule,
  type EdgeSelector,
  type RuleContext,
} from '@/rules/rule.ts'
import type { Finding } from '@/rules/types.ts'
import { design } from '../support/builder.ts'

const meta = <M extends string>(id: string, messages: Record<M, string>) =>
  ({
    id,
    severity: 'warning',
    subject: 'design',
    scope: 'component',
    description: id,
    hasFixes: false,
    messages,
    learnMore: 'https://learn.microsoft.com/',
  }) as const

describe('runCheck', () => {
  const d = design()
    .app('b', { systemAssigned: true })
    .app('a')
    .service('st', 'storage')
    .access('b', 'st', ['Storage Blob Data Reader'], { id: 'e1' })
    .build()

  it('walks once: nodes by kind in file order, access edges, principals, then design', () => {
    const seen: string[] = []
    const rule = createRule({
      meta: meta('walk', { m: 'm' }),
      create: ({ index }) => ({
        app: (app, n) => seen.push(`app ${app.id} ${n}`),
        service: (service, n) => seen.push(`service ${service.id} ${n}`),
        accessEdge: (edge, at) => seen.push(`edge ${edge.id} ${at}`),
        principal: (p) => seen.push(`principal ${index.principalKeys[p]}`),
        design: () => seen.push('design'),
      }),
    })
    expect(checkDesign(d, [rule])).toEqual([])
    expect(seen).toEqual([
      'app b 0',
      'app a 1',
      'service st 2',
      'edge e1 0',
      'principal systemAssigned:b',
      'design',
    ])
  })

  it('hands an access edge only to the listeners whose selector holds for it, in rule order', () => {
    const edges = design()
      .app('a', { systemAssigned: true })
      .app('none')
      .app('off')
      .service('st', 'storage')
      .access('a', 'st', ['Storage Blob Data Reader'], { id: 'reader' })
      .access('a', 'st', ['Owner', 'Storage Blob Data Reader'], { id: 'owner' })
      .access('a', 'st', ['Storage Blob Data Reader'], { id: 'wide', scope: 'resourceGroup' })
      .access('none', 'st', ['Storage Blob Data Reader'], { id: 'no-identity' })
      .access('off', 'st', ['Storage Blob Data Reader'], { id: 'off', via: 'system' })
      .build()
    const heard: string[] = []
    const listening = (id: string, where?: EdgeSelector) =>
      createRule({
        meta: meta(id, { m: 'm' }),
        create: () => ({
          accessEdgeWhere: where,
          accessEdge: (edge) => heard.push(`${id} ${edge.id}`),
        }),
      })
    const rules = [
      listening('owner', { role: (r) => r.kind === 'builtin' && r.fact.name === 'Owner' }),
      listening('every'),
      listening('unresolved', { unresolved: ['noIdentity', 'notOnApp'] }),
      listening('wide', { aboveResource: true }),
      listening('either', { unresolved: ['notOnApp'], aboveResource: true }),
    ]
    checkDesign(edges, rules)
    expect(heard).toEqual([
      'every reader',
      'owner owner',
      'every owner',
      'every wide',
      'wide wide',
      'either wide',
      'every no-identity',
      'unresolved no-identity',
      'every off',
      'unresolved off',
      'either off',
    ])
  })

  it('isolates a rule that throws: its findings so far stay, it hears no more events, an internal-error finding names it', () => {
    let heard = 0
    const broken = createRule({
      meta: meta('broken', { seen: 'seen {app}' }),
      create: ({ report }) => ({
        app(app) {
          heard++
          report({ subject: app.id, messageId: 'seen', data: { app: app.id } })
          throw new Error('boom')
        },
      }),
    })
    const failsToStart = createRule({
      meta: meta('no-start', { m: 'm' }),
      create() {
        throw new Error('no listeners')
      },
    })
    const fine = createRule({
      meta: meta('fine', { seen: 'seen' }),
      create: ({ report }) => ({ app: (app) => report({ subject: app.id, messageId: 'seen' }) }),
    })
    expect(checkDesign(d, [broken, failsToStart, fine])).toEqual([
      {
        rule: INTERNAL_ERROR_RULE,
        severity: 'error',
        subject: null,
        message: 'rule broken failed: boom',
      },
      {
        rule: INTERNAL_ERROR_RULE,
        severity: 'error',
        subject: null,
        message: 'rule no-start failed: no listeners',
      },
      { rule: 'broken', severity: 'warning', subject: 'b', message: 'seen b' },
      { rule: 'fine', severity: 'warning', subject: 'a', message: 'seen' },
      { rule: 'fine', severity: 'warning', subject: 'b', message: 'seen' },
    ])
    expect(heard).toBe(1)
  })

  it('fills the message of the reported id, takes a reported severity, leaves out an empty related', () => {
    const rule = createRule({
      meta: meta('r', { one: '{x} once', two: 'twice {x}' }),
      create: ({ report }) => ({
        design: () =>
          report({
            subject: null,
            messageId: 'two',
            data: { x: 1 },
            severity: 'info',
            related: [],
          }),
      }),
    })
    expect(checkDesign(d, [rule])).toEqual([
      { rule: 'r', severity: 'info', subject: null, message: 'twice 1' },
    ])
  })

  it('builds a finding’s fixes only when asked, once, from what the rule saw', () => {
    let built = 0
    const rule = createRule({
      meta: meta('fixes', { m: 'm' }),
      create: ({ report }) => ({
        accessEdge: (edge) =>
          report({
            subject: edge.id,
            messageId: 'm',
            fix: (fixer) => {
              built++
              return [
                {
                  title: `attach ${fixer.newIds().fresh(edge.source)}`,
                  edits: [{ type: 'removeEdge', id: edge.id }],
                },
              ]
            },
          }),
      }),
    })
    const check = runCheck(d, [rule])
    expect(built).toBe(0)
    const [finding] = check.findings as [Finding]
    const offers = check.offers(finding)
    expect(offers).toEqual({
      fixes: [{ title: 'attach b-2', edits: [{ type: 'removeEdge', id: 'e1' }] }],
      suggestions: [],
    })
    expect(check.offers(finding)).toBe(offers)
    expect(built).toBe(1)
  })

  it('reports a message filled once on each subject that says it, typed by its id', () => {
    let filled = 0
    const rule = createRule({
      meta: meta('filled', { same: 'all say {what}', other: 'other' }),
      create: ({ fill, report }) => {
        filled++
        const said = fill('same', { what: '"this"' })
        return {
          accessEdge: (edge) => report({ subject: edge.id, message: said, related: [edge.target] }),
          app: (app) => report({ subject: app.id, message: said }),
        }
      },
    })
    expect(filled).toBe(0)
    expect(checkDesign(d, [rule])).toEqual([
      { rule: 'filled', severity: 'warning', subject: 'a', message: 'all say "this"' },
      { rule: 'filled', severity: 'warning', subject: 'b', message: 'all say "this"' },
      {
        rule: 'filled',
        severity: 'warning',
        subject: 'e1',
        message: 'all say "this"',
        related: ['st'],
      },
    ])
    expect(filled).toBe(1)
    // Never run: what does not compile.
    void ((context: RuleContext<'same'>) => {
      // @ts-expect-error -- 'wrong' is not a key of meta.messages
      context.fill('wrong')
      // @ts-expect-error -- only fill makes a message a rule can report as it is
      context.report({ subject: null, message: 'free text' })
    })
  })

  it('types message ids: a misspelt id does not compile', () => {
    const rule: ComponentRule<'right'> = createRule({
      meta: meta('typed', { right: 'right' }),
      create: ({ report }) => ({
        // @ts-expect-error -- 'wrong' is not a key of meta.messages
        design: () => report({ subject: null, messageId: 'wrong' }),
      }),
    })
    expect(rule.meta.messages).toEqual({ right: 'right' })
  })
})

describe('sortFindings', () => {
  it('orders by severity, rule, subject (ordinal), message; stable for equal keys', () => {
    const f = (
      rule: string,
      severity: Finding['severity'],
      subject: string | null,
      message = 'm',
    ): Finding => ({
      rule,
      severity,
      subject,
      message,
    })
    const a = f('z', 'info', 'B')
    const b = f('a', 'warning', 'b')
    const c = f('a', 'warning', 'B')
    const d1 = f('a', 'error', null)
    const d2 = { ...f('a', 'error', null), related: ['x'] }
    expect(sortFindings([a, b, c, d1, d2])).toEqual([d1, d2, c, b, a])
    expect(sortFindings([d2, d1])[0]).toBe(d2)
  })

  it('sorts findings and more findings as one list, the more after for equal keys', () => {
    const f = (rule: string, subject: string | null, message = 'm'): Finding => ({
      rule,
      severity: 'warning',
      subject,
      message,
    })
    const a = f('b', 'x')
    const b = f('a', 'y')
    const c = f('a', 'x', 'n')
    const d1 = f('a', 'x')
    const d2 = f('a', 'x')
    const sorted = sortFindings([a, d1, b], [c, d2])
    expect(sorted).toEqual([d1, d2, c, b, a])
    expect(sorted[0]).toBe(d1)
    expect(sorted[1]).toBe(d2)
    expect(sortFindings([], [a, b])).toEqual([b, a])
  })

  it('counts by severity', () => {
    expect(countFindings([{ rule: 'r', severity: 'info', subject: null, message: '' }])).toEqual({
      error: 0,
      warning: 0,
      info: 1,
    })
  })
})

describe('formatMessage', () => {
  it('fills known placeholders and leaves unknown ones', () => {
    expect(formatMessage('{a} and {b} and {a}', { a: 1 })).toBe('1 and {b} and 1')
  })
})
