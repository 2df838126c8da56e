import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core'

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what public-sector buyers ask for. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const

/** The one call this file makes on the axe object injected into the page. */
interface AxeRunner {
  run(context: unknown, options: RunOptions): Promise<AxeResults>
}

const BLOCKING: readonly ImpactValue[] = ['serious', 'critical']

/** One violation as a line a reader can act on: rule, impact, where, and axe's own summary. */
export interface AxeFinding {
  readonly rule: string
  readonly impact: ImpactValue | null
  readonly help: string
  readonly targets: readonly string[]
  readonly summaries: readonly string[]
}

/**
 * Runs axe-core in the page (injected once per document) over WCAG 2.2 AA and returns its serious
 * and critical violations, one line per rule and element. `within` limits the run to a part of
 * the page (a dialog, a menu); everything else on the page is still rendered as the user sees it.
 */
export async function axeViolations(
  page: Page,
  options: { within?: string } = {},
): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  // Not page.addScriptTag: the app's Content-Security-Policy (script-src 'self') refuses inline
  // scripts, and the tests keep it on. Evaluated through the DevTools protocol, which CSP does not
  // govern, axe-core runs in the page as a script tag would.
  if (!loaded) await page.evaluate(AXE_SOURCE)
  // The page at rest, as a user reads it: an entrance animation half-way (a notice rising from
  // transparent in 160 ms) is no contrast failure, and a loaded machine catches one now and then
  // (CI: a notice's title at 4.25:1 mid-fade). Endless animations (spinners) are not waited for.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  )
  const results = await page.evaluate(
    async ({ tags, within }) => {
      const axe = (window as unknown as { axe: AxeRunner }).axe
      return axe.run(within ? { include: [within] } : document, {
        runOnly: { type: 'tag', values: [...tags] },
        resultTypes: ['violations'],
      })
    },
    { tags: WCAG_AA_TAGS, within: options.within },
  )
  return blocking(results as AxeResults)
}

function blocking(results: AxeResults): AxeFinding[] {
  return results.violations
    .filter((v: Result) => v.impact && BLOCKING.includes(v.impact))
    .map((v: Result) => ({
      rule: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
      summaries: v.nodes.map((n) => n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? ''),
    }))
}

/** Readable lines for an assertion message: `rule (impact): target — why`. */
export function describeViolations(found: readonly AxeFinding[]): string[] {
  return found.flatMap((v) =>
    v.targets.map((t, i) => `${v.rule} (${v.impact}): ${t} — ${v.summaries[i] ?? v.help}`),
  )
}

/** Fails with every serious or critical violation listed (an empty list is the pass). */
export async function expectNoSeriousViolations(
  page: Page,
  screen: string,
  options: { within?: string } = {},
): Promise<void> {
  const lines = describeViolations(await axeViolations(page, options))
  if (lines.length > 0)
    throw new Error(
      `${screen}: ${lines.length} serious/critical axe violation(s)\n${lines.join('\n')}`,
    )
}
