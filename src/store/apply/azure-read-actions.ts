import type { ArmGateway } from '../../apply/gateway.ts'
import type { ApplyEffects, SandboxConnection } from '../../apply/ports.ts'
import type { ArmFailure } from '../../apply/failure.ts'
import { pruneAssignments } from '../../apply/prune.ts'
import type { StorePacers } from './pacers.ts'
import { withPicks } from './picks.ts'
import { withReadRetries } from '../../apply/reading.ts'
import { sandboxDeveloperIds } from '../../apply/sandbox-developers.ts'
import { adoptUnmanaged, type Adoption } from '../../import/adopt.ts'
import { importGroup, type GroupImport } from '../../import/import-group.ts'
import { bindToLive, computeDrift, driftKey, type DriftItem } from '../../import/drift.ts'
import type { ReadOptions } from '../../import/read-estate.ts'
import { readLive } from '../../import/read-live.ts'
import type { Design } from '../../model/types.ts'
import type { ApplyState, Comparison } from './types.ts'

export type { GroupImport } from '../../import/import-group.ts'

export interface Removal {
  readonly item: DriftItem
  readonly outcome: 'deleted' | 'failed' | 'not removable here'
  readonly failure?: ArmFailure
}

/** Reading the chosen group (import, compare) and acting on the difference. */
export interface AzureReadActions {
  /** Reads the chosen group and builds its design (laid out). ARM failures are thrown. */
  importGroup(options?: ReadOptions): Promise<GroupImport>
  /** Compares a design with the chosen group; kept as the last comparison. */
  compare(design: Design, options?: ReadOptions): Promise<Comparison>
  /** Edits that draw unmanaged assignments into the design. */
  adopt(design: Design, comparison: Comparison, items: readonly DriftItem[]): Adoption
  /**
   * Deletes role assignments the comparison found, one at a time, retried as apply retries;
   * Cosmos DB data-plane assignments are left alone (said so in their result).
   */
  remove(
    comparison: Comparison,
    items: readonly DriftItem[],
    signal?: AbortSignal,
  ): Promise<Removal[]>
  /**
   * Adds the demo estate to the sandbox (once: again, it changes nothing), lists its groups again
   * and chooses the demo's. Returns its group's name.
   */
  loadDemoEstate(): Promise<string>
}

type Get = () => ApplyState
type Set = (partial: Partial<ApplyState>) => void

export function azureReadActions(
  get: Get,
  set: Set,
  effects: ApplyEffects,
  gateway: () => ArmGateway | undefined,
  pacers: StorePacers,
  sandbox: () => SandboxConnection | null,
  reloadGroups: (choose: string) => Promise<void>,
): AzureReadActions {
  const reads = (): ArmGateway => {
    const gw = gateway()
    if (!gw) throw new Error('Not connected: choose the sandbox or sign in to Azure first.')
    return withReadRetries(gw, { clock: effects.clock, random: effects.random })
  }
  const place = () => {
    const { subscriptionId, resourceGroup, location } = get()
    if (!subscriptionId || !resourceGroup) throw new Error('Choose a subscription and a group.')
    return { subscriptionId, resourceGroup, location }
  }
  return {
    importGroup: async (options = {}) => {
      const { subscriptionId, resourceGroup } = place()
      return importGroup(reads(), subscriptionId, resourceGroup, options)
    },
    compare: async (drawn, options = {}) => {
      const target = place()
      const design = withPicks(drawn, get().picks)
      const live = await readLive(reads(), target.subscriptionId, target.resourceGroup, options)
      const developerIds = {
        ...(get().target === 'sandbox' ? sandboxDeveloperIds(design) : {}),
        ...get().developerIds,
      }
      const bound = bindToLive(design, live, target, developerIds)
      const comparison: Comparison = {
        drift: computeDrift(design, live, target, developerIds),
        bound: bound.ok ? bound.value.design : null,
        live,
        developerIds,
        resourceGroup: target.resourceGroup,
      }
      set({ comparison: { design: drawn, value: comparison } })
      return comparison
    },
    adopt: (design, comparison, items) => {
      const adopted = adoptUnmanaged(
        withPicks(design, get().picks),
        comparison.live,
        place(),
        items,
        comparison.developerIds,
      )
      if (!adopted.ok) throw new Error(adopted.error.map((p) => p.message).join('\n'))
      return adopted.value
    },
    remove: async (comparison, items, signal) => {
      const gw = gateway()
      if (!gw) throw new Error('Not connected.')
      const byKey = new Map(comparison.live.assignments.map((a) => [driftKey(a), a]))
      const found = items.flatMap((item) => {
        const assignment = byKey.get(driftKey(item))
        return assignment ? [{ item, assignment }] : []
      })
      const done = await pruneAssignments(found, {
        gateway: gw,
        clock: effects.clock,
        random: effects.random,
        pacer: pacers.now(),
        ...(signal ? { signal } : {}),
      })
      const results = new Map(done.map((r) => [r.candidate.item, r]))
      return items.map((item): Removal => {
        const r = results.get(item)
        if (!r) return { item, outcome: 'not removable here' }
        return r.failure
          ? { item, outcome: 'failed', failure: r.failure }
          : { item, outcome: r.outcome }
      })
    },
    loadDemoEstate: async () => {
      const s = sandbox()
      if (!s) throw new Error('The demo estate is for the sandbox.')
      const { resourceGroup } = s.loadDemoEstate()
      await reloadGroups(resourceGroup)
      return resourceGroup
    },
  }
}
