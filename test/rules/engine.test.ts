import { describe, expect, it } from 'vitest'
import { checkDesign, countFindings, INTERNAL_ERROR_RULE, sortFindings } from '@/rules/engine.ts'
import { defineRule, formatMessage, type Finding, type Rule } from '@/rules/types.ts'
import { design } from '../support/builder.ts'

const meta = (id: string): Rule['meta'] => ({
  id,
  severity: 'warning',
  subject: 'design',
  description: id,
  hasFixes: false,
  messages: {},
  learnMore: 'https://learn.microsoft.com/',
})

describe('checkDesign', () => {
  const d = design().app('b').app('a').build()

  it('isolates a rule that throws: an internal-error finding names it, the others still run', () => {
    const broken = defineRule({
      meta: meta('broken'),
      check() {
        throw new Error('boom')
      },
    })
    const fine = defineRule({
      meta: meta('fine'),
      check({ index, report }) {
        for (const app of index.design.nodes) report({ subject: app.id, message: 'seen' })
      },
    })
    expect(checkDesign(d, [broken, fine])).toEqual([
      {
        rule: INTERNAL_ERROR_RULE,
        severity: 'error',
        subject: null,
        message: 'rule broken failed: boom',
      },
      { rule: 'fine', severity: 'warning', subject: 'a', message: 'seen' },
      { rule: 'fine', severity: 'warning', subject: 'b', message: 'seen' },
    ])
  })

  it('takes the severity a rule reports over its default, and leaves out empty lists', () => {
    const rule = defineRule({
      meta: meta('r'),
      check({ report }) {
        report({
          subject: null,
          message: 'x',
          severity: 'info',
          related: [],
          fixes: [],
          suggestions: [],
        })
      },
    })
    expect(checkDesign(d, [rule])).toEqual([
      { rule: 'r', severity: 'info', subject: null, message: 'x' },
    ])
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
