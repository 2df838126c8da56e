import { PUBLIC_CLOUD_NAME, type CloudName } from '../catalog/clouds.ts'
import { HOSTING, identityTypeFor } from '../catalog/hosting.ts'
import { SERVICES } from '../catalog/services.ts'
import type { HostingKind, PrincipalKind, ServiceKind } from '../model/kinds.ts'
import type { Design } from '../model/types.ts'
import { parseArmId } from '../plan/arm-ids.ts'
import { bindPlan, type PlanBindings } from '../plan/bind.ts'
import { derivePlan } from '../plan/derive.ts'
import type {
  AppSetting,
  AssignCosmosDataRoleAction,
  AssignRoleAction,
  DatabaseUserAction,
  KeyVaultAccessPolicyAction,
  Plan,
  RedisAccessPolicyAction,
  SqlContainedUserAction,
} from '../plan/types.ts'
import { designBindings } from './design-bindings.ts'

/** Where identities are created: flags of `idtopo export`, else what the design's bindings say. */
export interface ExportContext {
  readonly subscriptionId?: string
  readonly resourceGroup?: string
  readonly location?: string
}

export interface ExportOptions {
  /** Live bindings (resource, principal and client ids), on top of the design's own. */
  readonly bindings?: PlanBindings
  readonly context?: ExportContext
  /** The Azure cloud the code is deployed to (default: the public cloud). */
  readonly cloud?: CloudName
}

export interface IdentityOut {
  readonly node: string
  readonly name: string
  /** Set when the identity exists already: it is referenced, not created. */
  readonly resourceId?: string
  readonly clientId?: string
}

export interface AppOut {
  readonly node: string
  readonly name: string
  readonly hosting: HostingKind
  readonly armType: string
  readonly resourceId?: string
  readonly systemAssigned: boolean
  /** Identity nodes attached to the app, in plan order. */
  readonly identities: readonly string[]
  /** The system-assigned identity's principal id, when bound. */
  readonly principalId?: string
  readonly settings: readonly AppSetting[]
}

export interface ServiceOut {
  readonly node: string
  readonly name: string
  readonly kind: ServiceKind
  readonly armType: string
  readonly resourceId?: string
}

export interface DeveloperOut {
  readonly node: string
  readonly name: string
  readonly principal: PrincipalKind
  readonly principalId?: string
}

/** The identity layer of a design, as the three exports write it: derived from the plan only. */
export interface ExportModel {
  readonly design: string
  readonly context: ExportContext
  /** A cloud other than the public one, which each export then names; absent for the public. */
  readonly cloud?: CloudName
  readonly plan: Plan
  readonly identities: readonly IdentityOut[]
  readonly apps: readonly AppOut[]
  readonly services: readonly ServiceOut[]
  readonly developers: readonly DeveloperOut[]
  /** One per ARM scope, principal and role (onePerArmScope). */
  readonly roleAssignments: readonly AssignRoleAction[]
  /**
   * The other services a role assignment at group or subscription scope was drawn through (its
   * own target first in the plan), for its comment.
   */
  readonly alsoThrough: ReadonlyMap<AssignRoleAction, readonly string[]>
  readonly cosmosAssignments: readonly AssignCosmosDataRoleAction[]
  readonly sqlScripts: readonly SqlContainedUserAction[]
  /** PostgreSQL and MySQL flexible servers: scripts for the server's Entra administrator. */
  readonly databaseScripts: readonly DatabaseUserAction[]
  /** Key Vault data roles on vaults using access policies: their access policy equivalent. */
  readonly vaultPolicies: readonly KeyVaultAccessPolicyAction[]
  readonly redisAssignments: readonly RedisAccessPolicyAction[]
  /** Names of the nodes the plan mentions, by id (for comments). */
  readonly names: Readonly<Record<string, string>>
}

function contextOf(design: Design, given: ExportContext = {}): ExportContext {
  const fromIdentity = design.nodes.find((n) => n.kind === 'identity' && n.azure?.resourceGroup)
  const bound = design.nodes
    .map((n) => (n.azure?.resourceId ? parseArmId(n.azure.resourceId) : undefined))
    .find((p) => p?.resourceGroup)
  const pick = (...values: (string | undefined)[]): string | undefined =>
    values.find((v) => v !== undefined && v !== '')
  const subscriptionId = pick(
    given.subscriptionId,
    fromIdentity?.azure?.subscriptionId,
    bound?.subscriptionId,
  )
  const resourceGroup = pick(
    given.resourceGroup,
    fromIdentity?.azure?.resourceGroup,
    bound?.resourceGroup,
  )
  const location = pick(
    given.location,
    design.nodes.find((n) => n.azure?.location)?.azure?.location,
  )
  return {
    ...(subscriptionId ? { subscriptionId } : {}),
    ...(resourceGroup ? { resourceGroup } : {}),
    ...(location ? { location } : {}),
  }
}

/** Builds the export model: the plan (bound where ids are known) plus the nodes it refers to. */
export function exportModel(design: Design, options: ExportOptions = {}): ExportModel {
  const bindings = designBindings(design, options.bindings)
  const plan = bindPlan(derivePlan(design), bindings)
  const context = contextOf(design, options.context)
  const { roleAssignments, alsoThrough } = onePerArmScope(
    plan.actions.filter((a): a is AssignRoleAction => a.action === 'assignRole'),
    bindings.resourceIdOf,
    context,
  )
  const cosmosAssignments = plan.actions.filter(
    (a): a is AssignCosmosDataRoleAction => a.action === 'assignCosmosDataRole',
  )
  const vaultPolicies = plan.actions.filter(
    (a): a is KeyVaultAccessPolicyAction => a.action === 'keyVaultAccessPolicy',
  )
  const redisAssignments = plan.actions.filter(
    (a): a is RedisAccessPolicyAction => a.action === 'redisAccessPolicy',
  )
  // Every action that names a principal and a service: the services and developers it needs.
  const grants = [...roleAssignments, ...cosmosAssignments, ...vaultPolicies, ...redisAssignments]
  const attached = new Map<string, string[]>()
  const enabled = new Set<string>()
  const settings = new Map<string, readonly AppSetting[]>()
  for (const a of plan.actions) {
    if (a.action === 'attachIdentity')
      attached.set(a.app, [...(attached.get(a.app) ?? []), a.identity])
    if (a.action === 'enableSystemAssigned') enabled.add(a.node)
    if (a.action === 'setAppSettings') settings.set(a.app, a.settings)
  }
  const identities: IdentityOut[] = []
  const apps: AppOut[] = []
  const services: ServiceOut[] = []
  const developers: DeveloperOut[] = []
  for (const n of design.nodes) {
    const resourceId = bindings.resourceIdOf(n.id)
    const bound = resourceId ? { resourceId } : {}
    if (n.kind === 'identity') {
      const clientId = bindings.clientIdOf?.(n.id)
      identities.push({ node: n.id, name: n.name, ...bound, ...(clientId ? { clientId } : {}) })
    } else if (n.kind === 'app' && (enabled.has(n.id) || attached.has(n.id))) {
      const principalId = bindings.principalIdOf({ type: 'systemAssigned', node: n.id })
      apps.push({
        node: n.id,
        name: n.name,
        hosting: n.hosting,
        armType: HOSTING[n.hosting].armType,
        ...bound,
        systemAssigned: enabled.has(n.id),
        identities: attached.get(n.id) ?? [],
        ...(principalId ? { principalId } : {}),
        settings: settings.get(n.id) ?? [],
      })
    } else if (n.kind === 'service' && grants.some((g) => g.target === n.id)) {
      services.push({
        node: n.id,
        name: n.name,
        kind: n.service,
        armType: SERVICES[n.service].armType,
        ...bound,
      })
    } else if (n.kind === 'developer' && grants.some((g) => g.principal.node === n.id)) {
      const principalId = bindings.principalIdOf({ type: 'developer', node: n.id })
      developers.push({
        node: n.id,
        name: n.name,
        principal: n.principal,
        ...(principalId ? { principalId } : {}),
      })
    }
  }
  return {
    design: design.name,
    context,
    ...(options.cloud && options.cloud !== PUBLIC_CLOUD_NAME ? { cloud: options.cloud } : {}),
    plan,
    identities: identities.filter(
      (i) =>
        !i.resourceId ||
        grants.some((g) => g.principal.node === i.node) ||
        [...attached.values()].some((l) => l.includes(i.node)),
    ),
    apps,
    services,
    developers,
    roleAssignments,
    alsoThrough,
    cosmosAssignments,
    sqlScripts: plan.actions.filter(
      (a): a is SqlContainedUserAction => a.action === 'sqlContainedUser',
    ),
    databaseScripts: plan.actions.filter(
      (a): a is DatabaseUserAction => a.action === 'databaseUser',
    ),
    vaultPolicies,
    redisAssignments,
    names: Object.fromEntries(design.nodes.map((n) => [n.id, n.name])),
  }
}

/**
 * The plan has a role assignment per service a grant was drawn to; at group or subscription scope,
 * grants of one principal and role through two services of one group (or subscription) are one
 * ARM role assignment. The exports write it once: a template declaring a resource twice is
 * refused, and Terraform's second create would find the first. A service's group and
 * subscription are its bound id's, else those of the deployment (the context's where known).
 */
function onePerArmScope(
  actions: readonly AssignRoleAction[],
  resourceIdOf: (node: string) => string | undefined,
  context: ExportContext,
): { roleAssignments: AssignRoleAction[]; alsoThrough: Map<AssignRoleAction, string[]> } {
  const first = new Map<string, AssignRoleAction>()
  const alsoThrough = new Map<AssignRoleAction, string[]>()
  const roleAssignments: AssignRoleAction[] = []
  for (const a of actions) {
    const key = a.scope === 'resource' ? undefined : armScopeKey(a, resourceIdOf, context)
    const kept = key === undefined ? undefined : first.get(key)
    if (kept) {
      alsoThrough.set(kept, [...(alsoThrough.get(kept) ?? []), a.target])
      continue
    }
    if (key !== undefined) first.set(key, a)
    roleAssignments.push(a)
  }
  return { roleAssignments, alsoThrough }
}

function armScopeKey(
  a: AssignRoleAction,
  resourceIdOf: (node: string) => string | undefined,
  context: ExportContext,
): string {
  const id = resourceIdOf(a.target)
  const parts = id ? parseArmId(id) : undefined
  const subscription = parts?.subscriptionId ?? context.subscriptionId ?? ''
  const group =
    a.scope === 'resourceGroup' ? (parts?.resourceGroup ?? context.resourceGroup ?? '') : ''
  // ARM ids compare without regard to case.
  return JSON.stringify([
    a.scope,
    subscription.toLowerCase(),
    group.toLowerCase(),
    a.principal.type,
    a.principal.node,
    a.roleDefinitionId.toLowerCase(),
  ])
}

/**
 * The `identity.type` an app's provider expects, spelt its way (catalog `identityTypeFor`:
 * `SystemAssigned, UserAssigned` for Web, `SystemAssigned,UserAssigned` for Container Apps).
 */
export function identityType(app: AppOut): string | undefined {
  const user = app.identities.length > 0
  if (!app.systemAssigned && !user) return undefined
  return identityTypeFor(app.hosting, app.systemAssigned, user)
}
