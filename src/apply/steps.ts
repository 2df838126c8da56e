import { assertNever } from '../lib/assert.ts'
import { HOSTING } from '../catalog/hosting.ts'
import type { AccessPolicyPermissions } from '../catalog/key-vault-access.ts'
import { isVaultDataRole, roleByGuid } from '../catalog/roles.ts'
import { aksSubject, federatedCredentialName } from '../catalog/workload-identity.ts'
import type { HostingKind, Scope } from '../model/kinds.ts'
import type { AppNode, Design, DesignNode } from '../model/types.ts'
import { armScope, parseArmId, roleDefinitionResourceId } from '../plan/arm-ids.ts'
import type { AppSetting, Plan, PlanPrincipal, PrincipalType } from '../plan/types.ts'
import { identityResourceId, type BindTarget } from './binding.ts'
import { builtInPrivilege } from './builtin-privilege.ts'
import { byId } from '../lib/by-id.ts'

/**
 * One unit of apply work, derived from the plan and the bound design. Enabling the system identity
 * and attaching identities to the same app are one step (one PATCH of the app's identity property);
 * app settings of one app are one step (read, merge, write).
 */
export type Step =
  | (StepBase & {
      readonly kind: 'createIdentity'
      readonly node: string
      readonly resourceId: string
      readonly location: string
    })
  | (StepBase & {
      readonly kind: 'configureIdentity'
      readonly app: string
      readonly hosting: HostingKind
      readonly resourceId: string | undefined
      readonly apiVersion: string
      readonly enableSystem: boolean
      readonly attach: readonly { readonly identity: string; readonly resourceId: string }[]
      readonly manual?: string
    })
  | (StepBase & {
      /** An AKS workload's identity: a federated credential for the pod's service account. */
      readonly kind: 'federateIdentity'
      readonly app: string
      readonly identity: string
      readonly identityId: string
      /** The AKS cluster the workload runs on (its OIDC issuer is the credential's issuer). */
      readonly clusterId: string | undefined
      readonly name: string
      readonly subject: string
    })
  | (StepBase & {
      readonly kind: 'assignRole'
      readonly principal: PlanPrincipal
      readonly principalType: PrincipalType
      readonly roleGuid: string
      readonly roleDefinitionId: string | undefined
      readonly target: string
      readonly scopeKind: Scope
      readonly scope: string | undefined
      readonly privileged: boolean
      /** Why it is privileged (from the role's permissions), when it is. */
      readonly privilegedBecause?: string
      /** A Key Vault data role: the vault, whose live permission model the preview checks. */
      readonly vaultId?: string
    })
  | (StepBase & {
      readonly kind: 'assignCosmosDataRole'
      readonly principal: PlanPrincipal
      readonly roleGuid: string
      readonly target: string
      readonly accountId: string | undefined
      /** Below the account (`/dbs/x`, `/dbs/x/colls/y`); the account itself when absent. */
      readonly scopePath?: string
    })
  | (StepBase & {
      readonly kind: 'sqlScript'
      readonly target: string
      readonly user: string
      /** Whose database user it creates: the report fills in its object id once known. */
      readonly principal: PlanPrincipal
      readonly script: string
      /** Who runs the script where, as the preview says it. */
      readonly manualReason: string
      /**
       * PostgreSQL and MySQL flexible servers: the server, whose Microsoft Entra administrator
       * (the prerequisite) the preview reads.
       */
      readonly server?: { readonly id: string | undefined; readonly engine: 'postgresql' | 'mysql' }
    })
  | (StepBase & {
      readonly kind: 'redisAccessPolicy'
      readonly principal: PlanPrincipal
      readonly target: string
      readonly cacheId: string | undefined
      readonly accessPolicyName: string
    })
  | (StepBase & {
      /** Key Vault data roles on a vault using access policies: their access policy equivalent. */
      readonly kind: 'vaultAccessPolicy'
      readonly principal: PlanPrincipal
      readonly target: string
      readonly vaultId: string | undefined
      readonly roles: readonly string[]
      readonly permissions: AccessPolicyPermissions
    })
  | (StepBase & {
      readonly kind: 'setAppSettings'
      readonly app: string
      readonly resourceId: string | undefined
      /** App Service app settings, or a Container App's container environment. */
      readonly place: 'appSettings' | 'containerEnv'
      readonly settings: readonly AppSetting[]
      readonly manual?: string
    })

interface StepBase {
  /** Stable across runs, e.g. `assignRole:mi-storage:blob:<guid>:resource`. */
  readonly id: string
  readonly title: string
}

export type StepKindName = Step['kind']

/** Phases run in this order; steps inside a phase run concurrently (but for shared lanes). */
export const PHASES: readonly StepKindName[] = [
  'createIdentity',
  'configureIdentity',
  'federateIdentity',
  'assignRole',
  'assignCosmosDataRole',
  'vaultAccessPolicy',
  'redisAccessPolicy',
  'setAppSettings',
  'sqlScript',
]

export function buildSteps(design: Design, plan: Plan, target: BindTarget): Step[] {
  const nodes = byId(design.nodes)
  const name = (id: string): string => nodes.get(id)?.name ?? id
  const resourceOf = (id: string): string | undefined => {
    const node = nodes.get(id)
    if (!node) return undefined
    return node.kind === 'identity' ? identityResourceId(node, target) : node.azure?.resourceId
  }
  const steps: Step[] = []
  const configure = new Map<
    string,
    { enableSystem: boolean; attach: { identity: string; resourceId: string }[] }
  >()
  const configFor = (app: string) => {
    const entry = configure.get(app) ?? { enableSystem: false, attach: [] }
    configure.set(app, entry)
    return entry
  }

  for (const action of plan.actions) {
    switch (action.action) {
      case 'createIdentity': {
        const node = nodes.get(action.node) as DesignNode
        steps.push({
          kind: 'createIdentity',
          id: `createIdentity:${action.node}`,
          title: `Create identity ${action.name}`,
          node: action.node,
          resourceId: identityResourceId(node, target),
          location: node.azure?.location ?? target.location,
        })
        break
      }
      case 'enableSystemAssigned':
        configFor(action.node).enableSystem = true
        break
      case 'attachIdentity':
        configFor(action.app).attach.push({
          identity: action.identity,
          resourceId: resourceOf(action.identity) ?? '',
        })
        break
      case 'assignRole': {
        const targetId = resourceOf(action.target)
        const scope = targetId ? armScope(targetId, action.scope) : undefined
        const sub = targetId ? parseArmId(targetId)?.subscriptionId : undefined
        steps.push({
          kind: 'assignRole',
          id: `assignRole:${action.principal.node}:${action.target}:${action.roleDefinitionId}:${action.scope}`,
          title: `Grant ${action.roleName} on ${name(action.target)} to ${name(action.principal.node)}${action.scope === 'resource' ? '' : ` (${action.scope})`}`,
          principal: action.principal,
          principalType: action.principalType,
          roleGuid: action.roleDefinitionId.toLowerCase(),
          roleDefinitionId: sub
            ? roleDefinitionResourceId(sub, action.roleDefinitionId.toLowerCase())
            : undefined,
          target: action.target,
          scopeKind: action.scope,
          scope,
          ...builtInPrivilege(action.roleDefinitionId),
          ...(targetId && isVaultDataRoleId(action.roleDefinitionId) ? { vaultId: targetId } : {}),
        })
        break
      }
      case 'redisAccessPolicy':
        steps.push({
          kind: 'redisAccessPolicy',
          id: `redisAccessPolicy:${action.principal.type}:${action.principal.node}:${action.target}:${action.accessPolicyName}`,
          title: `Assign ${action.accessPolicyName} on ${name(action.target)} to ${name(action.principal.node)}`,
          principal: action.principal,
          target: action.target,
          cacheId: resourceOf(action.target),
          accessPolicyName: action.accessPolicyName,
        })
        break
      case 'keyVaultAccessPolicy':
        steps.push({
          kind: 'vaultAccessPolicy',
          id: `vaultAccessPolicy:${action.principal.type}:${action.principal.node}:${action.target}`,
          title: `Access policy on ${name(action.target)} for ${name(action.principal.node)} (${action.roles.join(', ')})`,
          principal: action.principal,
          target: action.target,
          vaultId: resourceOf(action.target),
          roles: action.roles,
          permissions: action.permissions,
        })
        break
      case 'assignCosmosDataRole':
        steps.push({
          kind: 'assignCosmosDataRole',
          id: `assignCosmosDataRole:${action.principal.node}:${action.target}:${action.roleDefinitionId}`,
          title: `Grant ${action.roleName} on ${name(action.target)} to ${name(action.principal.node)}`,
          principal: action.principal,
          roleGuid: action.roleDefinitionId,
          target: action.target,
          accountId: resourceOf(action.target),
        })
        break
      case 'sqlContainedUser':
      case 'databaseUser': {
        const server =
          action.action === 'databaseUser'
            ? { id: resourceOf(action.target), engine: action.engine }
            : undefined
        steps.push({
          kind: 'sqlScript',
          id: `sqlScript:${action.principal.node}:${action.target}`,
          title: `Create database user ${action.user} in ${name(action.target)} (${action.roles.join(', ')})`,
          target: action.target,
          user: action.user,
          principal: action.principal,
          script: action.script,
          manualReason: server
            ? `run this ${server.engine === 'postgresql' ? 'PostgreSQL' : 'MySQL'} script on the server as its Microsoft Entra administrator`
            : 'run this T-SQL in the database as its Microsoft Entra administrator',
          ...(server ? { server } : {}),
        })
        break
      }
      case 'setAppSettings': {
        const app = nodes.get(action.app) as AppNode
        const place = HOSTING[app.hosting].settings
        const manual = place === 'manual' ? settingsManual(app) : undefined
        steps.push({
          kind: 'setAppSettings',
          id: `setAppSettings:${action.app}`,
          title: `Set ${action.settings.map((s) => s.name).join(', ')} on ${app.name}`,
          app: action.app,
          resourceId: app.azure?.resourceId,
          place: place === 'containerEnv' ? 'containerEnv' : 'appSettings',
          settings: action.settings,
          ...(manual ? { manual } : {}),
        })
        break
      }
      default:
        assertNever(action, 'plan action')
    }
  }
  for (const [appId, config] of configure) {
    const app = nodes.get(appId) as AppNode
    if (app.hosting === 'aksWorkload') {
      steps.push(...federationSteps(app, config.attach, name))
      continue
    }
    const parts = [
      config.enableSystem ? 'enable system-assigned identity' : '',
      ...config.attach.map((a) => `attach ${name(a.identity)}`),
    ].filter(Boolean)
    steps.push({
      kind: 'configureIdentity',
      id: `configureIdentity:${appId}`,
      title: `${app.name}: ${parts.join(', ')}`,
      app: appId,
      hosting: app.hosting,
      resourceId: app.azure?.resourceId,
      apiVersion: HOSTING[app.hosting].apiVersion,
      enableSystem: config.enableSystem,
      attach: config.attach,
    })
  }
  return steps.sort((a, b) => PHASES.indexOf(a.kind) - PHASES.indexOf(b.kind))
}

function settingsManual(app: AppNode): string {
  return `${HOSTING[app.hosting].label} settings are not set through ARM here: set these environment variables in the workload's configuration.`
}

/** AKS pods use their identities through workload identity: one federated credential each. */
function federationSteps(
  app: AppNode,
  attach: readonly { readonly identity: string; readonly resourceId: string }[],
  name: (id: string) => string,
): Step[] {
  return attach.map((a) => ({
    kind: 'federateIdentity',
    id: `federateIdentity:${app.id}:${a.identity}`,
    title: `Federate ${name(a.identity)} with the service account of ${app.name}`,
    app: app.id,
    identity: a.identity,
    identityId: a.resourceId,
    clusterId: app.azure?.resourceId,
    name: federatedCredentialName(app.name),
    subject: aksSubject(app.name),
  }))
}

function isVaultDataRoleId(guid: string): boolean {
  const fact = roleByGuid(guid)
  return fact !== undefined && isVaultDataRole(fact)
}
