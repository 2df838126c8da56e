import { DesignIndex } from '../analysis/design-index.ts'
import type { Design, DesignEdge, DesignNode } from '@/model/types.ts'
import { components } from './components.ts'
import { assessLimit, ROLE_ASSIGNMENT_RULE } from './defs/role-assignment-limit.ts'
import { renewFinding, runRules, sortFindings } from './engine.ts'
import { RuleFacts, type Reserved } from './facts.ts'
import { RULES } from './registry.ts'
import type { Finding, Rule } from './types.ts'

interface Part {
  readonly nodes: readonly DesignNode[]
  readonly edges: readonly DesignEdge[]
  readonly findings: readonly Finding[]
  /** Its distinct Azure RBAC grants, for the design-wide role-assignment-limit. */
  readonly rbac: number
}

const same = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Checks successive versions of a design (the designer after each edit) and re-runs the rules
 * only on the connected parts whose nodes or edges changed: edits return untouched items as the
 * same objects, so an unchanged part is recognised by identity. Gives the same findings as
 * checkDesign; role-assignment-limit, the one design-wide rule, is summed over the parts.
 */
export class IncrementalChecker {
  private readonly local: readonly Rule[]
  private readonly limit: boolean
  private parts = new Map<string, Part>()
  private current: Design = { name: '', nodes: [], edges: [] }
  private ids?: Set<string>
  private names?: Set<string>
  private identityIds?: string[]
  private nodes?: Map<string, DesignNode>
  /** What fixes of any part see of the whole design: always the latest version checked. */
  private readonly reserved: Reserved = {
    ids: () =>
      (this.ids ??= new Set([...this.current.nodes, ...this.current.edges].map((x) => x.id))),
    identityNames: () =>
      (this.names ??= new Set(
        this.current.nodes.flatMap((n) => (n.kind === 'identity' ? [n.name] : [])),
      )),
    identities: () =>
      (this.identityIds ??= this.current.nodes.flatMap((n) =>
        n.kind === 'identity' ? [n.id] : [],
      )),
    name: (id) => (this.nodes ??= new Map(this.current.nodes.map((n) => [n.id, n]))).get(id)?.name,
  }

  constructor(rules: readonly Rule[] = RULES) {
    this.local = rules.filter((r) => r.meta.id !== ROLE_ASSIGNMENT_RULE)
    this.limit = this.local.length !== rules.length
  }

  check(design: Design): Finding[] {
    if (design !== this.current) {
      this.current = design
      this.ids = this.names = this.identityIds = this.nodes = undefined
    }
    const next = new Map<string, Part>()
    const findings: Finding[] = []
    let rbac = 0
    for (const c of components(design)) {
      const old = this.parts.get(c.key)
      let part: Part
      if (old && same(old.nodes, c.nodes) && same(old.edges, c.edges)) {
        part = old
        for (const f of old.findings) findings.push(renewFinding(f))
      } else {
        const index = new DesignIndex({ name: design.name, nodes: c.nodes, edges: c.edges })
        const facts = new RuleFacts(index, this.reserved)
        part = {
          nodes: c.nodes,
          edges: c.edges,
          findings: runRules(this.local, index, facts),
          rbac: 0,
        }
        if (this.limit)
          part = { ...part, rbac: [...facts.principals().values()].reduce((n, p) => n + p.rbac, 0) }
        findings.push(...part.findings)
      }
      rbac += part.rbac
      next.set(c.key, part)
    }
    this.parts = next
    if (this.limit) {
      const limit = assessLimit(rbac)
      if (limit) findings.push(limit)
    }
    return sortFindings(findings)
  }
}
