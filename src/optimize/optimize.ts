import { DesignIndex } from '../analysis/design-index.ts'
import { editDraft, type Edit, type EditDraft } from '../model/edits.ts'
import { SYSTEM_VIA } from '../model/kinds.ts'
import type { AppNode, Design, DesignNode } from '../model/types.ts'
import { edgePartEdits, edgeParts, headEdit, wholeVia, type EdgePart } from './edge-parts.ts'
import { IdAllocator } from './ids.ts'
import { planLayout, viaOfNeedGroup, type Layout, type NewIdentity } from './layout.ts'
import { collectNeeds, type Needs } from './needs.ts'
import type { EdgeSplit, OptimizeResult } from './types.ts'

export type { OptimizeResult, OptimizeSummary } from './types.ts'

/**
 * Optimize identities (PRODUCT.md §6): the identity layout with no over-grant and the fewest
 * grants. Needs with the same set of apps share one identity (a user-assigned one for two or
 * more apps, the app's system-assigned one for a single app), every app edge gets an explicit
 * `via`, and identities left without use go. Pure and deterministic; optimizing the result
 * again changes nothing.
 */
export function optimizeIdentities(design: Design): OptimizeResult {
  const index = new DesignIndex(design)
  // Optimize's edits are valid by construction (test/optimize proves applyEdits with validation
  // gives the same design on random designs), so they are applied without re-validating each
  // item; the draft's maps also tell which ids are taken.
  const draft = editDraft(design, { validate: false })
  const ids = new IdAllocator((id) => draft.isTaken(id))
  const needs = collectNeeds(index)
  const layout = planLayout(index, needs, ids)

  const edgeEdits: Edit[] = []
  const edgesSplit: EdgeSplit[] = []
  const repeatsDropped: string[] = []
  const usesSystem = new Set<string>()
  const { start, items } = index.sourceGroups()
  // Per app: the role keys each (target, scope, identity) already carries. Two edges of one app to
  // one service that went through different identities can land on the same one: the later's
  // roles would repeat the earlier's (duplicate-access), so they are dropped from it.
  const granted = new Map<string, Set<number>>()
  // The first role slot of the edge at hand and whether its app is solo, read by one function
  // (not one per app or edge: 10,000 closures on 10,000 apps).
  let slot = 0
  let solo = false
  const viaOf = (_role: string, i: number): string | undefined =>
    viaOfNeed(needs.needAt[slot + i] as number, solo, needs, layout)
  needs.reach.forEach((app, k) => {
    // clear() makes a new table: only when there is something to clear.
    if (granted.size > 0) granted.clear()
    solo = needs.solo.has(app.id)
    const home = layout.home.get(app.id) ?? SYSTEM_VIA
    const n = needs.reachAt[k] as number
    // Most apps reach each service once, with each role once: nothing to look for there.
    const mayRepeat = mayRepeatRoles(index, items, start[n] as number, start[n + 1] as number)
    for (let j = start[n] as number; j < (start[n + 1] as number); j++) {
      const at = items[j] as number
      const edge = index.accessEdge(at)
      slot = needs.slotStart[at] as number
      // The usual edge: all its roles go one way and nothing repeats; no parts are made for it.
      const whole = mayRepeat ? undefined : wholeVia(edge, viaOf, home)
      if (whole !== undefined) {
        if (whole === SYSTEM_VIA) usesSystem.add(app.id)
        headEdit(edge, whole, edge.roles, edgeEdits)
        continue
      }
      const all = edgeParts(edge, viaOf, home)
      const parts = mayRepeat ? withoutRepeats(index, at, all, granted, home) : all
      if (parts !== all) repeatsDropped.push(edge.id)
      if (parts.length === 0) {
        edgeEdits.push({ type: 'removeEdge', id: edge.id })
        continue
      }
      if (throughSystem(parts)) usesSystem.add(app.id)
      const into = edgePartEdits(edge, parts, ids, edgeEdits)
      if (into.length > 0) edgesSplit.push({ edge: edge.id, into })
    }
  })

  const systemAssignedOn: string[] = []
  const systemAssignedOff: string[] = []
  /** Apps whose `systemAssigned` changes, in reach order. */
  const toggled: AppNode[] = []
  // Loops by position: each runs once per optimize, over up to tens of thousands of items, and
  // `for…of` makes an object per step until the optimizing compiler takes the loop.
  for (let r = 0; r < needs.reach.length; r++) {
    const app = needs.reach[r] as AppNode
    const want = usesSystem.has(app.id)
    if (want === (app.systemAssigned === true)) continue
    toggled.push(app)
    ;(want ? systemAssignedOn : systemAssignedOff).push(app.id)
  }
  const identities = design.nodes.filter((n) => n.kind === 'identity')
  const removed = identities.filter((n) => !layout.kept.has(n.id))
  const { created } = layout
  let attachCount = 0
  for (let c = 0; c < created.length; c++) attachCount += (created[c] as NewIdentity).apps.length
  // Sized once: 80,000 edits on 10,000 apps, a list that growing by push would copy as it went.
  const edits = new Array<Edit>(
    created.length + toggled.length + removed.length + attachCount + edgeEdits.length,
  )
  let e = 0
  for (let c = 0; c < created.length; c++)
    edits[e++] = { type: 'addNode', node: (created[c] as NewIdentity).node }
  for (let t = 0; t < toggled.length; t++) {
    const app = toggled[t] as AppNode
    edits[e++] = { type: 'updateNode', id: app.id, set: { systemAssigned: !app.systemAssigned } }
  }
  for (let r = 0; r < removed.length; r++)
    edits[e++] = { type: 'removeNode', id: (removed[r] as DesignNode).id }
  for (let c = 0; c < created.length; c++) {
    const { node, apps } = created[c] as NewIdentity
    for (let a = 0; a < apps.length; a++) {
      const app = apps[a] as string
      const edge = {
        id: ids.fresh(`${app}-${node.id}`),
        kind: 'attach',
        source: app,
        target: node.id,
      } as const
      edits[e++] = { type: 'addEdge', edge }
    }
  }
  for (let k = 0; k < edgeEdits.length; k++) edits[e++] = edgeEdits[k] as Edit

  const result = edits.length === 0 ? design : applied(draft, edits)
  const summarize = (n: { id: string; name: string }) => ({ id: n.id, name: n.name })
  return {
    design: result,
    edits,
    summary: {
      identitiesCreated: layout.created.map(({ node }) => summarize(node)),
      identitiesRemoved: removed.map(summarize),
      identitiesKept: identities.filter((n) => layout.kept.has(n.id)).map(summarize),
      systemAssignedOn,
      systemAssignedOff,
      edgesSplit,
      repeatsDropped,
    },
  }
}

/**
 * Whether the edges at `items[from]` up to `items[to]` (one app's) could repeat a role once on
 * one identity: two go to one target at one scope, or one names a role twice (its name and GUID).
 */
function mayRepeatRoles(index: DesignIndex, items: Int32Array, from: number, to: number): boolean {
  const { targetAt, slotAt, roleStart, roleNo, roleTable } = index
  for (let i = from; i < to; i++) {
    const a = items[i] as number
    for (let j = from; j < i; j++) {
      const b = items[j] as number
      if (targetAt[a] === targetAt[b] && slotAt[a] === slotAt[b]) return true
    }
    for (let r = (roleStart[a] as number) + 1; r < (roleStart[a + 1] as number); r++)
      for (let q = roleStart[a] as number; q < r; q++)
        if (roleTable.keyOf[roleNo[r] as number] === roleTable.keyOf[roleNo[q] as number])
          return true
  }
  return false
}

/**
 * The parts without the known roles their (target, scope, identity) already carries from an
 * earlier edge of the app (by role key: a name and its GUID are one role), recording what they
 * carry; `parts` itself when nothing repeats, and no part left empty. A part left with unknown
 * role names only goes through `home`, the app's fallback: where optimizing again would put an
 * edge of unknown roles, so the result stays a fixed point.
 */
function withoutRepeats(
  index: DesignIndex,
  at: number,
  parts: readonly EdgePart[],
  granted: Map<string, Set<number>>,
  home: string,
): readonly EdgePart[] {
  const { roleTable } = index
  let repeated = false
  const kept = parts.flatMap((part) => {
    const key = `${index.targetAt[at] as number}|${index.slotAt[at] as number}|${part.via}`
    let keys = granted.get(key)
    if (!keys) granted.set(key, (keys = new Set()))
    let known = 0
    const roles = part.roles.filter((role) => {
      const n = roleTable.number(role)
      // An unknown role is no need optimize serves: it stays where it is (unknown-role says why).
      if (roleTable.refs[n]?.kind === 'unknown') return true
      const k = roleTable.keyOf[n] as number
      if (keys.has(k)) return false
      keys.add(k)
      known++
      return true
    })
    if (roles.length === part.roles.length) return [part]
    repeated = true
    if (roles.length === 0) return []
    return [{ via: known > 0 ? part.via : home, roles }]
  })
  return repeated ? kept : parts
}

function throughSystem(parts: readonly EdgePart[]): boolean {
  for (const part of parts) if (part.via === SYSTEM_VIA) return true
  return false
}

/** `solo`: the app is one of `needs.solo`. */
function viaOfNeed(need: number, solo: boolean, needs: Needs, layout: Layout): string | undefined {
  if (need < 0) return undefined
  return solo ? SYSTEM_VIA : viaOfNeedGroup(needs, layout.viaOfGroup, need)
}

function applied(draft: EditDraft, edits: readonly Edit[]): Design {
  const result = draft.apply(edits)
  if (!result.ok) throw new Error(`optimize made an invalid edit: ${result.error.message}`)
  return result.value
}
