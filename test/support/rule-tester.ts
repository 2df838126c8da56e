import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyEdits } from '@/model/edits.ts'
import type { Design } from '@/model/types.ts'
import { checkDesign, runCheck } from '@/rules/engine.ts'
import { RULES } from '@/rules/registry.ts'
import type { Rule } from '@/rules/rule.ts'
import type { Finding, Fix, Severity } from '@/rules/types.ts'
import { designText, textLines } from './design-text.ts'

/** A fix or suggestion as a test pins it: its title, and the whole design it produces. */
export interface ExpectedOffer {
  readonly title: string
  /** designText of the design after applying it (ESLint's `output`), as an indented block. */
  readonly output: string
}

/** What a test expects of one finding: its subject, and optionally more. */
export interface ExpectedFinding {
  readonly subject: string | null
  readonly severity?: Severity
  readonly related?: readonly string[]
  /** A part of the message, or a pattern it must match. */
  readonly message?: string | RegExp
  /** Every fix, in order, with its output; the finding offers none when left out. */
  readonly fixes?: readonly ExpectedOffer[]
  /** Every suggestion, in order, with its output; none when left out. */
  readonly suggestions?: readonly ExpectedOffer[]
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

/** Every finding of a full check with its fixes and suggestions, as plain lists. */
export function findingsWithOffers(
  design: Design,
  rules?: readonly Rule[],
): (Finding & { fixes: readonly Fix[]; suggestions: readonly Fix[] })[] {
  const check = runCheck(design, rules)
  return check.findings.map((f) => ({ ...f, ...check.offers(f) }))
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

const pinned = (design: Design, fixes: readonly Fix[]): ExpectedOffer[] =>
  fixes.map((fix) => ({ title: fix.title, output: designText(applyFix(design, fix)) }))
const expected = (offers: readonly ExpectedOffer[] = []): ExpectedOffer[] =>
  offers.map((o) => ({ title: o.title, output: textLines(o.output) }))

/**
 * ESLint-style tester: valid designs; invalid designs with exact subjects, and each finding's
 * fixes and suggestions pinned by title and resulting design; every fix re-checked.
 */
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
        const found = findingsWithOffers(c.design, [rule])
        if (process.env['RULE_TESTER_WRITE']) record(process.env['RULE_TESTER_WRITE'], c, found)
        expect(found.map((f) => f.subject)).toEqual(c.findings.map((f) => f.subject))
        c.findings.forEach((want, i) => {
          const got = found[i] as (typeof found)[number]
          expect(got.rule).toBe(rule.meta.id)
          expect(got.severity).toBe(want.severity ?? rule.meta.severity)
          if (want.related) expect(got.related ?? []).toEqual(want.related)
          if (typeof want.message === 'string') expect(got.message).toContain(want.message)
          else if (want.message) expect(got.message).toMatch(want.message)
          expect(pinned(c.design, got.fixes), 'fixes').toEqual(expected(want.fixes))
          expect(pinned(c.design, got.suggestions), 'suggestions').toEqual(
            expected(want.suggestions),
          )
        })
      })
      const found = findingsWithOffers(c.design, [rule])
      for (const f of found)
        for (const fix of [...f.fixes, ...f.suggestions])
          it(`fix on ${f.subject ?? 'design'} resolves it: ${c.name}: ${fix.title}`, () => {
            expectFixResolves(c.design, f, fix)
          })
    }
  })
}

/** Writes what a case's findings offer (RULE_TESTER_WRITE=dir), to pin it in the test by hand. */
function record(
  dir: string,
  c: RuleCases['invalid'][number],
  found: ReturnType<typeof findingsWithOffers>,
): void {
  const offers = found.map((f) => ({
    subject: f.subject,
    fixes: pinned(c.design, f.fixes),
    suggestions: pinned(c.design, f.suggestions),
  }))
  const file = `${dir}/${encodeURIComponent(c.name)}.json`
  writeFileSync(file, JSON.stringify({ name: c.name, offers }, null, 2))
}
