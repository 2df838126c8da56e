import type { PlanPrincipal } from '../plan/types.ts'

export interface KnownPrincipal {
  readonly principalId: string
  readonly clientId?: string
}

/** Principal and client ids learnt while previewing and applying, keyed by plan principal. */
export class PrincipalDirectory {
  private readonly ids = new Map<string, KnownPrincipal>()

  static key(p: PlanPrincipal): string {
    return `${p.type}:${p.node}`
  }

  get(p: PlanPrincipal): KnownPrincipal | undefined {
    return this.ids.get(PrincipalDirectory.key(p))
  }

  set(p: PlanPrincipal, known: KnownPrincipal): void {
    this.ids.set(PrincipalDirectory.key(p), known)
  }

  clientIdOf(identityNode: string): string | undefined {
    return this.ids.get(`userAssigned:${identityNode}`)?.clientId
  }

  entries(): [string, KnownPrincipal][] {
    return [...this.ids]
  }
}
