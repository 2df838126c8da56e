import { assertNever } from '../lib/assert.ts'
import type { Design } from '../model/types.ts'
import { roleDefinitionGuidOf } from '../plan/arm-ids.ts'
import type { BindTarget } from './binding.ts'
import { identityResourceId } from './binding.ts'
import { describeFailure } from './describe.ts'
import { isArmFailure } from './failure.ts'
import type { ArmGateway, LiveRoleAssignment } from './gateway.ts'
import { permissionCheck, type Needed } from './permission-check.ts'
import { PrincipalDirectory } from './principals.ts'
import { withPrivilegeFromAzure } from './privilege.ts'
import type { Step } from './steps.ts'

export type PreviewStatus = 'create' | 'inPlace' | 'conflict' | 'cannot' | 'manual'

export interface PreviewItem {
  readonly step: Step
  readonly status: PreviewStatus
  /** Why: what exists, what differs, or what stops the step. */
  readonly reason?: string
  /** Set when the step is "cannot" only because the caller lacks this permission: ARM may still
   * allow it (a role just granted, a condition the permissions API does not show), so a run may try. */
  readonly denied?: Needed
}

export interface Preview {
  readonly items: PreviewItem[]
  readonly principals: PrincipalDirectory
}

export function countPreview(items: readonly PreviewItem[]): Record<PreviewStatus, number> {
  const counts: Record<PreviewStatus, number> = {
    create: 0,
    inPlace: 0,
    conflict: 0,
    cannot: 0,
    manual: 0,
  }
  for (const i of items) counts[i.status]++
  return counts
}

/**
 * Compares each step with what exists in Azure: identities, the identity settings of apps, role
 * assignments at each scope held by each principal, Cosmos DB data-role assignments, app settings,
 * and whether the caller's permissions allow each change (permission-check.ts). Reads only.
 */
export async function previewApply(
  design: Design,
  steps: readonly Step[],
  gateway: ArmGateway,
  target: BindTarget,
  signal?: AbortSignal,
): Promise<Preview> {
  const o = { signal }
  const principals = new PrincipalDirectory()
  const memo = <T>(
    cache: Map<string, Promise<T>>,
    key: string,
    load: () => Promise<T>,
  ): Promise<T> => {
    const hit = cache.get(key.toLowerCase())
    if (hit) return hit
    const p = load()
    cache.set(key.toLowerCase(), p)
    return p
  }
  const assignments = new Map<string, Promise<LiveRoleAssignment[]>>()
  const lacking = permissionCheck(gateway, o)
  const deniedItem = (step: Step, denied: Needed): PreviewItem => ({
    step,
    status: 'cannot',
    reason: `you lack ${denied.action} on ${denied.scope}`,
    denied,
  })
  /** A step that would change something, but the caller's permissions do not allow it. */
  const allowed = async (item: PreviewItem): Promise<PreviewItem> => {
    if (item.status !== 'create' && item.status !== 'conflict') return item
    const denied = await lacking(item.step)
    return denied ? deniedItem(item.step, denied) : item
  }
  const cosmos = new Map<
    string,
    Promise<Awaited<ReturnType<ArmGateway['listCosmosRoleAssignments']>>>
  >()

  // Principals first: identities that exist, system identities that are on, developers' object ids.
  for (const node of design.nodes) {
    if (node.kind === 'developer' && node.azure?.principalId) {
      principals.set({ type: 'developer', node: node.id }, { principalId: node.azure.principalId })
    }
  }
  await Promise.all(
    design.nodes.map(async (node) => {
      if (node.kind === 'identity') {
        const live = await readOrUndefined(() =>
          gateway.getUserIdentity(identityResourceId(node, target), o),
        )
        if (live)
          principals.set(
            { type: 'userAssigned', node: node.id },
            { principalId: live.principalId, clientId: live.clientId },
          )
      }
    }),
  )

  const items: PreviewItem[] = []
  for (const step of steps) {
    try {
      items.push(await allowed(await previewStep(step)))
    } catch (e) {
      if (!isArmFailure(e)) throw e
      // Some steps need a privileged read first (app settings are secrets: listing them is a
      // write-level action); a 403 there is the same lack of permission the run would meet.
      const denied = e.status === 403 ? await lacking(step) : undefined
      items.push(
        denied
          ? deniedItem(step, denied)
          : {
              step,
              status: 'cannot',
              reason: `could not read the current state: ${describeFailure(e)}`,
            },
      )
    }
  }
  return { items: await withPrivilegeFromAzure(items, gateway, o), principals }

  async function previewStep(step: Step): Promise<PreviewItem> {
    switch (step.kind) {
      case 'createIdentity': {
        const known = principals.get({ type: 'userAssigned', node: step.node })
        return known
          ? { step, status: 'inPlace', reason: `exists (client id ${known.clientId})` }
          : { step, status: 'create' }
      }
      case 'configureIdentity': {
        if (step.manual) return { step, status: 'manual', reason: step.manual }
        if (!step.resourceId)
          return { step, status: 'cannot', reason: 'the app is not bound to an Azure resource' }
        const live = await gateway.getResource(step.resourceId, step.apiVersion, o)
        if (!live) return { step, status: 'cannot', reason: `${step.resourceId} does not exist` }
        const type = live.identity?.type ?? 'None'
        if (live.identity?.principalId && type.includes('SystemAssigned')) {
          principals.set(
            { type: 'systemAssigned', node: step.app },
            { principalId: live.identity.principalId },
          )
        }
        const attached = new Set(
          Object.keys(live.identity?.userAssignedIdentities ?? {}).map((k) => k.toLowerCase()),
        )
        const missing = step.attach.filter((a) => !attached.has(a.resourceId.toLowerCase()))
        const needsSystem = step.enableSystem && !type.includes('SystemAssigned')
        if (!needsSystem && missing.length === 0) return { step, status: 'inPlace' }
        return {
          step,
          status: 'create',
          reason: [
            needsSystem ? 'system-assigned identity is off' : '',
            missing.length
              ? `${missing.length} identit${missing.length === 1 ? 'y' : 'ies'} not attached`
              : '',
          ]
            .filter(Boolean)
            .join('; '),
        }
      }
      case 'assignRole': {
        if (!step.scope || !step.roleDefinitionId)
          return {
            step,
            status: 'cannot',
            reason: 'the target service is not bound to an Azure resource',
          }
        const scope = step.scope
        const principal = principals.get(step.principal)
        if (!principal) return withoutPrincipal(step)
        const existing = await memo(assignments, `${scope}|${principal.principalId}`, () =>
          gateway.listRoleAssignments(scope, principal.principalId, o),
        )
        const match = existing.find(
          (a) =>
            roleDefinitionGuidOf(a.roleDefinitionId) === step.roleGuid &&
            a.scope.toLowerCase() === scope.toLowerCase(),
        )
        return match
          ? { step, status: 'inPlace', reason: `assignment ${match.name}` }
          : { step, status: 'create' }
      }
      case 'assignCosmosDataRole': {
        const account = step.accountId
        if (!account)
          return {
            step,
            status: 'cannot',
            reason: 'the Cosmos DB account is not bound to an Azure resource',
          }
        const principal = principals.get(step.principal)
        if (!principal) return withoutPrincipal(step)
        const existing = await memo(cosmos, account, () =>
          gateway.listCosmosRoleAssignments(account, o),
        )
        const match = existing.find(
          (a) =>
            a.principalId === principal.principalId &&
            roleDefinitionGuidOf(a.roleDefinitionId) === step.roleGuid,
        )
        return match
          ? { step, status: 'inPlace', reason: `assignment ${match.name}` }
          : { step, status: 'create' }
      }
      case 'setAppSettings': {
        if (step.manual) return { step, status: 'manual', reason: step.manual }
        if (!step.resourceId)
          return { step, status: 'cannot', reason: 'the app is not bound to an Azure resource' }
        const current = await gateway.getAppSettings(step.resourceId, o)
        const differing: string[] = []
        let unknown = false
        for (const s of step.settings) {
          const want = principals.clientIdOf(s.identity)
          if (!want) unknown = true
          else if (current[s.name] === undefined) unknown = true
          else if (current[s.name] !== want)
            differing.push(`${s.name} is ${current[s.name]}, will be ${want}`)
        }
        if (differing.length) return { step, status: 'conflict', reason: differing.join('; ') }
        return unknown ? { step, status: 'create' } : { step, status: 'inPlace' }
      }
      case 'sqlScript':
        return {
          step,
          status: 'manual',
          reason: 'run this T-SQL in the database as its Microsoft Entra administrator',
        }
      default:
        return assertNever(step, 'step')
    }
  }
}

async function readOrUndefined<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await read()
  } catch (e) {
    if (isArmFailure(e)) return undefined
    throw e
  }
}

/** A grant whose principal has no id yet: a developer cannot be granted; an identity is made by this apply. */
function withoutPrincipal(step: Extract<Step, { principal: unknown }>): PreviewItem {
  return step.principal.type === 'developer'
    ? { step, status: 'cannot', reason: 'the developer has no Microsoft Entra object id' }
    : { step, status: 'create', reason: 'the identity is created by this apply' }
}
