import type { DesignIndex } from '../analysis/design-index.ts'
import { grantCountsOf as countGrants } from '../analysis/grant-counts.ts'
import type { Design, DesignNode } from '../model/types.ts'
import { derivePlan } from '../plan/derive.ts'
import type { Plan } from '../plan/types.ts'
import { countFindings, type FindingCounts } from '../rules/engine.ts'
import { IncrementalChecker } from '../rules/incremental.ts'
import type { Finding, Offers } from '../rules/types.ts'

/**
 * Derived data is never stored: findings, the plan and counts are computed from the design and
 * memoized. Rules and the plan do not read positions, so a design that differs from the last one
 * only in positions (a drag, an auto layout) reuses the last result: dragging never re-runs rules.
 */
export function sameExceptPositions(a: Design, b: Design): boolean {
  if (a === b) return true
  if (a.name !== b.name || a.extras !== b.extras) return false
  if (a.edges.length !== b.edges.length || a.nodes.length !== b.nodes.length) return false
  for (let i = 0; i < a.edges.length; i++) if (a.edges[i] !== b.edges[i]) return false
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i] as DesignNode
    const y = b.nodes[i] as DesignNode
    if (x !== y && !sameNodeExceptPosition(x, y)) return false
  }
  return true
}

function sameNodeExceptPosition(a: DesignNode, b: DesignNode): boolean {
  const ka = Object.keys(a).filter((k) => k !== 'position')
  const kb = Object.keys(b).filter((k) => k !== 'position')
  if (ka.length !== kb.length) return false
  const ra = a as unknown as Record<string, unknown>
  const rb = b as unknown as Record<string, unknown>
  return ka.every((k) => ra[k] === rb[k])
}

/** A one-entry cache keyed by the design minus positions. */
function memoOnSemantics<T>(compute: (design: Design) => T): (design: Design) => T {
  let lastDesign: Design | undefined
  let lastValue: T | undefined
  return (design) => {
    if (lastDesign && sameExceptPositions(lastDesign, design)) {
      lastDesign = design
      return lastValue as T
    }
    lastValue = compute(design)
    lastDesign = design
    return lastValue
  }
}

export interface Analysis {
  readonly index: DesignIndex
  readonly findings: readonly Finding[]
  readonly counts: FindingCounts
  /** Findings per subject id, for the canvas badges. */
  readonly bySubject: ReadonlyMap<string, readonly Finding[]>
  /** A finding's fixes and suggestions for this version of the design, built on first request. */
  readonly offers: (finding: Finding) => Offers
}

// After an edit, only the principal parts of the design that changed are checked again; the
// checker's index of the whole design serves the grant counts, the plan and the canvas.
const checker = new IncrementalChecker()

export const analyze = memoOnSemantics((design): Analysis => {
  const findings = checker.check(design)
  const index = checker.index
  const bySubject = new Map<string, Finding[]>()
  for (const f of findings) {
    if (f.subject === null) continue
    const list = bySubject.get(f.subject)
    if (list) list.push(f)
    else bySubject.set(f.subject, [f])
  }
  const offers = (finding: Finding): Offers => checker.offers(finding)
  return { index, findings, counts: countFindings(findings), bySubject, offers }
})

/**
 * The design's grants by how Azure realises them (analysis/grant-counts.ts): the same counts the
 * plan panel, Optimize and the CLI show. From the index, so the status bar need not derive the
 * whole plan on every edit.
 */
export const grantCountsOf = memoOnSemantics((design) => countGrants(analyze(design).index))

export const planOf = memoOnSemantics((design): Plan => derivePlan(design, analyze(design).index))

const NO_FINDINGS: readonly Finding[] = []

export function findingsFor(design: Design, id: string): readonly Finding[] {
  return analyze(design).bySubject.get(id) ?? NO_FINDINGS
}

export interface SubjectCounts {
  readonly error: number
  readonly warning: number
  readonly info: number
}

export function countsFor(design: Design, id: string): SubjectCounts {
  return countFindings(findingsFor(design, id))
}
