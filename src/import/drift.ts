import { refusedBindingMessage, type BindTarget } from '../apply/bind-target.ts'
import { bindDesign, identityResourceId, type BindingProblem } from '../apply/binding.ts'
import type { LiveResource } from '../apply/gateway.ts'
import { compareKeys } from '../lib/compare.ts'
import { err, ok, type Result } from '../lib/result.ts'
import { applyEdits } from '../model/edits.ts'
import type { Design } from '../model/types.ts'
import {
  armScope,
  resourceGroupScope,
  roleDefinitionGuidOf,
  roleDefinitionResourceId,
} from '../plan/arm-ids.ts'
import { bindPlan } from '../plan/bind.ts'
import { derivePlan } from '../plan/derive.ts'
import type { PlanPrincipal } from '../plan/types.ts'
import type { Estate } from './estate.ts'

/** One role assignment as drift reports it (PRODUCT.md §12). */
export interface DriftItem {
  readonly scope: string
  readonly roleDefinitionId: string
  readonly principalId: string
}

export interface Drift {
  /** In the plan, not in Azure. */
  readonly missing: readonly DriftItem[]
  /** In Azure on the design's services or for the design's principals, not in the plan. */
  readonly unmanaged: readonly DriftItem[]
  /** At the design's scopes, of type ServicePrincipal, whose principal no longer exists. */
  readonly orphaned: readonly DriftItem[]
  /**
   * ABAC conditions, by `driftKey`: of a missing grant that Azure holds only under a condition
   * (narrower than the design's, so it stays missing), or of an unmanaged or orphaned assignment
   * that has one. Words beside the lists: the report's items keep their three fields (§12).
   */
  readonly conditions: Readonly<Record<string, string>>
}

/** What drift reads beyond the group's estate: every principal that exists in the subscription. */
export interface LiveState extends Estate {
  /** Principal ids of every user-assigned identity and system-assigned resource of the subscription. */
  readonly subscriptionPrincipals: ReadonlySet<string>
}

/** A group's estate, with the subscription's principals when the caller could list them. */
export type ImportedEstate = Estate & Partial<Pick<LiveState, 'subscriptionPrincipals'>>

const key = (scope: string, roleDefinitionId: string, principalId: string): string =>
  `${scope.toLowerCase()}|${roleDefinitionGuidOf(roleDefinitionId).toLowerCase()}|${principalId.toLowerCase()}`

/** One key per assignment, whatever its casing or form of role definition id. */
export const driftKey = (a: DriftItem): string => key(a.scope, a.roleDefinitionId, a.principalId)

const item = (scope: string, roleDefinitionId: string, principalId: string): DriftItem => ({
  scope,
  roleDefinitionId,
  principalId,
})

/**
 * Compares a design's plan with what exists, at the design's scopes: its services; its group, and
 * the subscription where the design grants there, for its own principals (every developer,
 * identity and system-assigned app drawn, with access edges or not: a developer whose last edge
 * was deleted still holds what Azure gave them). Each assignment lands in one list only.
 */
export function computeDrift(
  design: Design,
  live: LiveState,
  target: BindTarget,
  developerIds: Readonly<Record<string, string>> = {},
): Result<Drift, BindingProblem[]> {
  const bound = bindToLive(design, live, target, developerIds)
  if (!bound.ok) return bound
  const { design: d, principalIdOf } = bound.value
  const byId = new Map(d.nodes.map((n) => [n.id, n]))
  const plan = bindPlan(derivePlan(d), {
    resourceIdOf: (node) => byId.get(node)?.azure?.resourceId,
    principalIdOf,
  })

  const expected = new Map<string, DriftItem>()
  const principals = designPrincipalIds(d, principalIdOf)
  const scopes = new Set<string>([
    resourceGroupScope(target.subscriptionId, target.resourceGroup).toLowerCase(),
  ])
  const services = new Set<string>()
  for (const n of d.nodes)
    if (n.kind === 'service' && n.azure?.resourceId) services.add(n.azure.resourceId.toLowerCase())
  for (const a of plan.actions) {
    if (a.action !== 'assignRole' && a.action !== 'assignCosmosDataRole') continue
    const targetId = byId.get(a.target)?.azure?.resourceId
    const scope = a.action === 'assignRole' && targetId ? armScope(targetId, a.scope) : targetId
    if (scope) scopes.add(scope.toLowerCase())
    if (a.arm) {
      principals.add(a.arm.principalId.toLowerCase())
      expected.set(
        key(a.arm.scope, a.arm.roleDefinitionId, a.arm.principalId),
        item(a.arm.scope, a.arm.roleDefinitionId, a.arm.principalId),
      )
    } else if (scope && targetId) {
      // The principal does not exist yet (an identity not created): missing, with no principal id.
      const role =
        a.action === 'assignRole'
          ? roleDefinitionResourceId(target.subscriptionId, a.roleDefinitionId)
          : `${targetId}/sqlRoleDefinitions/${a.roleDefinitionId}`
      expected.set(
        key(scope, role, `?${a.principal.type}:${a.principal.node}`),
        item(scope, role, ''),
      )
    }
  }

  const missing = new Map(expected)
  const unmanaged: DriftItem[] = []
  const orphaned: DriftItem[] = []
  const directoryTypes = new Map(
    live.assignments.map((a) => [a.principalId.toLowerCase(), a.principalType]),
  )
  const conditions: Record<string, string> = {}
  const consider = (
    scope: string,
    roleDefinitionId: string,
    principalId: string,
    principalType: string | undefined,
    condition?: string,
  ): void => {
    const s = scope.toLowerCase()
    const p = principalId.toLowerCase()
    if (!services.has(s) && !scopes.has(s)) return
    const servicePrincipal =
      principalType === 'ServicePrincipal' ||
      (principalType === undefined && !isDirectoryUser(directoryTypes.get(p)) && !principals.has(p))
    const orphan = servicePrincipal && !live.subscriptionPrincipals.has(p)
    // On the group or the subscription, another principal's grant is the design's business only
    // when its principal is gone (PRODUCT.md §12: orphaned at any of the design's scopes).
    if (!services.has(s) && !principals.has(p) && !orphan) return
    const k = key(scope, roleDefinitionId, principalId)
    if (condition && expected.has(k)) {
      // The design's grant is not there, only a narrower one: still missing, with why.
      if (missing.has(k)) conditions[k] = condition
      return
    }
    if (condition) conditions[k] = condition
    if (missing.delete(k)) return
    if (expected.has(k)) return
    const list = orphan ? orphaned : unmanaged
    list.push(item(scope, roleDefinitionId, principalId))
  }
  for (const a of live.assignments)
    consider(a.scope, a.roleDefinitionId, a.principalId, a.principalType, a.condition)
  for (const list of Object.values(live.cosmos))
    for (const a of list) consider(a.scope, a.roleDefinitionId, a.principalId, undefined)

  return ok({
    missing: sorted([...missing.values()]),
    unmanaged: sorted(unmanaged),
    orphaned: sorted(orphaned),
    conditions,
  })
}

/** A design bound to what exists, and who each of its principals is in Azure. */
export interface BoundToLive {
  /** The design with every app, service and developer bound (resource and principal ids set). */
  readonly design: Design
  /** The principal id of a plan principal, when it exists in Azure. */
  readonly principalIdOf: (p: PlanPrincipal) => string | undefined
}

/** Binds a design to the live group as apply does (drift and adopting unmanaged access share it). */
export function bindToLive(
  design: Design,
  live: LiveState,
  target: BindTarget,
  developerIds: Readonly<Record<string, string>> = {},
): Result<BoundToLive, BindingProblem[]> {
  const binding = bindDesign(design, live.resources, target, developerIds)
  if (binding.problems.length > 0) return err(binding.problems)
  const bound = applyEdits(design, binding.edits)
  if (!bound.ok)
    return err([
      { node: '(design)', message: refusedBindingMessage(design, binding.edits, bound.error) },
    ])
  const d = bound.value
  const byId = new Map(d.nodes.map((n) => [n.id, n]))
  const resourceById = new Map(live.resources.map((r) => [r.id.toLowerCase(), r]))
  const identityPrincipals = identityPrincipalIds(live)
  const principalIdOf = (p: PlanPrincipal): string | undefined => {
    const node = byId.get(p.node)
    if (!node) return undefined
    if (p.type === 'developer') return node.azure?.principalId
    if (p.type === 'userAssigned')
      return identityPrincipals.get(identityResourceId(node, target).toLowerCase())
    const id = node.azure?.resourceId?.toLowerCase()
    return id ? resourceById.get(id)?.identity?.principalId : undefined
  }
  return ok({ design: d, principalIdOf })
}

const isDirectoryUser = (type: string | undefined): boolean => type === 'User' || type === 'Group'

/**
 * Principal id of each user-assigned identity that exists, by lower-case resource id: the group's
 * own, and those its apps attach from elsewhere. An app keeps naming an identity deleted since
 * (with its old principal id), so those count only while the principal still exists.
 */
function identityPrincipalIds(live: LiveState): Map<string, string> {
  const out = new Map<string, string>()
  for (const i of live.identities) out.set(i.id.toLowerCase(), i.principalId)
  for (const r of live.resources as readonly LiveResource[])
    for (const [id, entry] of Object.entries(r.identity?.userAssignedIdentities ?? {}))
      if (
        entry.principalId &&
        !out.has(id.toLowerCase()) &&
        live.subscriptionPrincipals.has(entry.principalId.toLowerCase())
      )
        out.set(id.toLowerCase(), entry.principalId)
  return out
}

function sorted(items: DriftItem[]): DriftItem[] {
  return items.sort((a, b) =>
    compareKeys(
      [a.scope.toLowerCase(), a.roleDefinitionId.toLowerCase(), a.principalId],
      [b.scope.toLowerCase(), b.roleDefinitionId.toLowerCase(), b.principalId],
    ),
  )
}

/** The principal ids (lower case) of the design's developers, identities and system-assigned apps. */
function designPrincipalIds(d: Design, principalIdOf: BoundToLive['principalIdOf']): Set<string> {
  const ids = new Set<string>()
  for (const n of d.nodes) {
    const principal: PlanPrincipal | undefined =
      n.kind === 'developer'
        ? { type: 'developer', node: n.id }
        : n.kind === 'identity'
          ? { type: 'userAssigned', node: n.id }
          : n.kind === 'app' && n.systemAssigned
            ? { type: 'systemAssigned', node: n.id }
            : undefined
    const id = principal && principalIdOf(principal)
    if (id) ids.add(id.toLowerCase())
  }
  return ids
}
