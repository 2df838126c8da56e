import type { PlanPrincipal } from '../plan/types.ts'

export interface KnownPrincipal {
  readonly principalId: string
  readonly clientId?: string
}

/** A principal id learnt by a step (an identity created, a system identity switched on). */
export interface Learnt {
  readonly principal: PlanPrincipal
  readonly known: KnownPrincipal
}

export const principalKey = (p: PlanPrincipal): string => `${p.type}:${p.node}`

/**
 * Principal and client ids known for the plan's principals, keyed by plan principal. Immutable:
 * the preview hands one to the run, and the run makes a new one from each phase's results (never
 * changing the preview, which the web app keeps in its store).
 */
export class Principals {
  private readonly ids: ReadonlyMap<string, KnownPrincipal>

  constructor(entries: Iterable<readonly [string, KnownPrincipal]> = []) {
    this.ids = new Map(entries)
  }

  static fromRecord(record: Readonly<Record<string, KnownPrincipal>>): Principals {
    return new Principals(Object.entries(record))
  }

  get(p: PlanPrincipal): KnownPrincipal | undefined {
    return this.ids.get(principalKey(p))
  }

  clientIdOf(identityNode: string): string | undefined {
    return this.ids.get(`userAssigned:${identityNode}`)?.clientId
  }

  /** A new map with these learnt too (later entries win). */
  with(learnt: readonly Learnt[]): Principals {
    if (learnt.length === 0) return this
    return new Principals([
      ...this.ids,
      ...learnt.map((l) => [principalKey(l.principal), l.known] as const),
    ])
  }

  entries(): [string, KnownPrincipal][] {
    return [...this.ids]
  }

  toRecord(): Record<string, KnownPrincipal> {
    return Object.fromEntries([...this.ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  }
}
