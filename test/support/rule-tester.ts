import { describe, expect, it } from 'vitest'
import { applyEdits } from '@/model/edits.ts'
import type { Design } from '@/model/types.ts'
import { checkDesign } from '@/rules/engine.ts'
import { RULES } from '@/rules/registry.ts'
import type { Finding, Fix, Rule, Severity } from '@/rules/types.ts'

/** What a test expects of one finding: its subject, and optionally more. */
export interface ExpectedFinding {
  readonly subject: string | null
  readonly severity?: Severity
  readonly related?: readonly string[]
  /** A part of the message, or a pattern it must match. */
  readonly message?: string | RegExp
  /** How many quick fixes / suggestions the finding offers. */
  readonly fixes?: number
  readonly suggestions?: number
}

export interface RuleCases {
  /** Designs the rule must not report anything on. */
  readonly valid: readonly { readonly name: string; readonly design: Design }[]
  /** Designs with exactly these findings of the rule (in the engine's order). */
  readonly invalid: readonly {
    readonly name: string
    readonly design: Design
    readonly findings: readonly ExpectedFinding[]
  }[]
}

/**
 * Identifies a finding across a re-check: rule and subject, and the service for the one rule
 * that reports several findings per subject.
 */
export function findingKey(f: Finding): string {
  const extra = f.rule === 'shared-identity-overgrant' ? `|${f.related?.[0] ?? ''}` : ''
  return `${f.rule}|${f.subject ?? ''}${extra}`
}

/** Applies a fix; throws with applyEdits' reason when the edits do not apply cleanly. */
export function applyFix(design: Design, fix: Fix): Design {
  const result = applyEdits(design, fix.edits)
  if (!result.ok)
    throw new Error(
      `fix "${fix.title}" does not apply: edit ${result.error.index}: ${result.error.message}`,
    )
  return result.value
}

/**
 * After the fix: the finding is gone, and every error left was there before (same rule and
 * subject), so a fix never trades one problem for a worse one.
 */
export function expectFixResolves(design: Design, finding: Finding, fix: Fix): void {
  const before = checkDesign(design)
  const after = checkDesign(applyFix(design, fix))
  const key = findingKey(finding)
  expect(after.map(findingKey), `"${fix.title}" leaves ${key}`).not.toContain(key)
  const errorsBefore = new Set(before.filter((f) => f.severity === 'error').map(findingKey))
  const newErrors = after.filter((f) => f.severity === 'error' && !errorsBefore.has(findingKey(f)))
  expect(newErrors, `"${fix.title}" raises new errors`).toEqual([])
}

/** ESLint-style tester: valid designs, invalid designs with exact subjects, every fix re-checked. */
export function testRule(rule: Rule, cases: RuleCases): void {
  describe(rule.meta.id, () => {
    it('is registered', () => {
      expect(RULES).toContain(rule)
    })
    for (const c of cases.valid) {
      it(`does not fire: ${c.name}`, () => {
        expect(checkDesign(c.design, [rule])).toEqual([])
      })
    }
    for (const c of cases.invalid) {
      it(`fires: ${c.name}`, () => {
        const found = checkDesign(c.design, [rule])
        expect(found.map((f) => f.subject)).toEqual(c.findings.map((f) => f.subject))
        c.findings.forEach((want, i) => {
          const got = found[i] as Finding
          expect(got.rule).toBe(rule.meta.id)
          expect(got.severity).toBe(want.severity ?? rule.meta.severity)
          if (want.related) expect(got.related ?? []).toEqual(want.related)
          if (typeof want.message === 'string') expect(got.message).toContain(want.message)
          else if (want.message) expect(got.message).toMatch(want.message)
          if (want.fixes !== undefined) expect(got.fixes ?? []).toHaveLength(want.fixes)
          if (want.suggestions !== undefined)
            expect(got.suggestions ?? []).toHaveLength(want.suggestions)
        })
      })
      const found = checkDesign(c.design, [rule])
      for (const f of found)
        for (const fix of [...(f.fixes ?? []), ...(f.suggestions ?? [])])
          it(`fix on ${f.subject ?? 'design'} resolves it: ${c.name}: ${fix.title}`, () => {
            expectFixResolves(c.design, f, fix)
          })
    }
  })
}
